import { Migration } from '@mikro-orm/migrations';

/** The people responsible for a case, one per function. */
export class Migration20261201111040 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "case_owner" ("id" serial primary key, "site_id" varchar(60) not null, "case_id" varchar(36) not null, "user_id" int not null, "function" varchar(20) not null, "since" timestamptz not null, "by" varchar(80) not null);`,
    );
    this.addSql(`create index "case_owner_user_id_site_id_index" on "case_owner" ("user_id", "site_id");`);
    this.addSql(
      `alter table "case_owner" add constraint "case_owner_case_id_function_unique" unique ("case_id", "function");`,
    );

    this.addSql(
      `alter table "case_owner" add constraint "case_owner_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "case_owner" add constraint "case_owner_case_id_foreign" foreign key ("case_id") references "wf_case" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "case_owner" add constraint "case_owner_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "case_owner" cascade;`);
  }
}
