import { Migration } from '@mikro-orm/migrations';

/** Timers count failed firings; login attempts are counted in the database, for every process. */
export class Migration20261201100719 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "login_attempt" ("key_hash" varchar(64) not null, "window_start" timestamptz not null, "attempts" int not null, constraint "login_attempt_pkey" primary key ("key_hash"));`,
    );
    this.addSql(`create index "login_attempt_window_start_index" on "login_attempt" ("window_start");`);

    this.addSql(`alter table "timer" add column "attempts" int not null default 0, add column "last_error" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "login_attempt" cascade;`);

    this.addSql(`alter table "timer" drop column "attempts", drop column "last_error";`);
  }
}
