import { Migration } from '@mikro-orm/migrations';

/** Signals that a student is not doing well, open until a coördinator closes them. */
export class Migration20261201160003 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "signal" ("id" serial primary key, "site_id" varchar(60) not null, "case_id" varchar(36) not null, "kind" varchar(20) not null, "text" text null, "day" varchar(10) not null, "by" varchar(255) not null, "at" timestamptz not null, "closed_by" varchar(255) null, "closed_at" timestamptz null, "closed_text" text null);`,
    );
    this.addSql(`create index "signal_site_id_closed_at_index" on "signal" ("site_id", "closed_at");`);
    this.addSql(
      `alter table "signal" add constraint "signal_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "signal" add constraint "signal_case_id_foreign" foreign key ("case_id") references "wf_case" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "signal" cascade;`);
  }
}
