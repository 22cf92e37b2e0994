import { Migration } from '@mikro-orm/migrations';

/** Accounts can be deactivated and show their last login; every change to one is recorded. */
export class Migration20261201104423 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "account_change" ("id" serial primary key, "site_id" varchar(60) not null, "user_id" int not null, "at" timestamptz not null, "by" varchar(80) not null, "what" varchar(20) not null, "from" varchar(255) null, "to" varchar(255) null);`,
    );
    this.addSql(`create index "account_change_site_id_at_index" on "account_change" ("site_id", "at");`);
    this.addSql(`create index "account_change_user_id_at_index" on "account_change" ("user_id", "at");`);

    this.addSql(
      `alter table "account_change" add constraint "account_change_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "account_change" add constraint "account_change_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "app_user" add column "active" boolean not null default true, add column "last_login_at" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "account_change" cascade;`);

    this.addSql(`alter table "app_user" drop column "active", drop column "last_login_at";`);
  }
}
