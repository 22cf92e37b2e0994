import { Migration } from '@mikro-orm/migrations';

export class Migration20261128140311 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "attendance" ("id" serial primary key, "site_id" varchar(60) not null, "case_id" varchar(36) not null, "day" varchar(10) not null, "status" varchar(12) not null, "note" text null, "recorded_by" varchar(255) not null, "recorded_at" timestamptz not null, "called_at" timestamptz null, "called_by" varchar(255) null);`,
    );
    this.addSql(`create index "attendance_site_id_day_index" on "attendance" ("site_id", "day");`);
    this.addSql(`alter table "attendance" add constraint "attendance_case_id_day_unique" unique ("case_id", "day");`);

    this.addSql(
      `alter table "attendance" add constraint "attendance_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "attendance" add constraint "attendance_case_id_foreign" foreign key ("case_id") references "wf_case" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "attendance" cascade;`);
  }
}
