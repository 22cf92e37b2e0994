import { Migration } from '@mikro-orm/migrations';

/**
 * The coördinator's day: a site's schedule (lessons, presence moments), presence per moment with
 * the reason for calling in, the calls made after an absence, and the help sessions given.
 */
export class Migration20261201121503 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "site" add column "schedule" json null;`);
    this.addSql(`alter table "attendance" add column "moment" varchar(20) not null default 'begin';`);
    this.addSql(`alter table "attendance" add column "reason" varchar(20) null;`);
    this.addSql(`alter table "attendance" drop constraint "attendance_case_id_day_unique";`);
    this.addSql(
      `alter table "attendance" add constraint "attendance_case_id_day_moment_unique" unique ("case_id", "day", "moment");`,
    );
    this.addSql(
      `create table "presence_call" ("id" serial primary key, "site_id" varchar(60) not null, "case_id" varchar(36) not null, "day" varchar(10) not null, "moment" varchar(20) not null, "outcome" varchar(20) not null, "by" varchar(255) not null, "at" timestamptz not null, "undone_at" timestamptz null, "undone_by" varchar(255) null);`,
    );
    this.addSql(`create index "presence_call_site_id_day_index" on "presence_call" ("site_id", "day");`);
    this.addSql(
      `alter table "presence_call" add constraint "presence_call_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "presence_call" add constraint "presence_call_case_id_foreign" foreign key ("case_id") references "wf_case" ("id") on update cascade;`,
    );
    this.addSql(
      `create table "help_session" ("id" serial primary key, "site_id" varchar(60) not null, "client_id" varchar(36) not null, "student_id" varchar(36) null, "workflow_key" varchar(60) not null, "day" varchar(10) not null, "half_day" varchar(12) not null, "status" varchar(20) not null, "hours" double precision not null, "recorded_by" varchar(255) not null, "recorded_at" timestamptz not null);`,
    );
    this.addSql(`create index "help_session_site_id_day_index" on "help_session" ("site_id", "day");`);
    this.addSql(
      `alter table "help_session" add constraint "help_session_client_id_day_half_day_unique" unique ("client_id", "day", "half_day");`,
    );
    this.addSql(
      `alter table "help_session" add constraint "help_session_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "help_session" add constraint "help_session_client_id_foreign" foreign key ("client_id") references "wf_case" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "help_session" add constraint "help_session_student_id_foreign" foreign key ("student_id") references "wf_case" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "help_session" cascade;`);
    this.addSql(`drop table if exists "presence_call" cascade;`);
    this.addSql(`alter table "attendance" drop constraint "attendance_case_id_day_moment_unique";`);
    this.addSql(`alter table "attendance" add constraint "attendance_case_id_day_unique" unique ("case_id", "day");`);
    this.addSql(`alter table "attendance" drop column "moment", drop column "reason";`);
    this.addSql(`alter table "site" drop column "schedule";`);
  }
}
