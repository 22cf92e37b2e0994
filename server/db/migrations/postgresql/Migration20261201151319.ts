import { Migration } from '@mikro-orm/migrations';

/** Data care (AVG): the access log, and when a case's personal fields were pseudonymised. */
export class Migration20261201151319 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "access_log" ("id" serial primary key, "site" varchar(60) not null, "case_id" varchar(36) not null, "actor" varchar(80) not null, "at" timestamptz not null, "route" varchar(80) not null);`,
    );
    this.addSql(`create index "access_log_site_case_id_at_index" on "access_log" ("site", "case_id", "at");`);
    this.addSql(`create index "access_log_site_actor_at_index" on "access_log" ("site", "actor", "at");`);
    this.addSql(`create index "access_log_at_index" on "access_log" ("at");`);

    this.addSql(`alter table "wf_case" add column "pseudonymised_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "access_log" cascade;`);

    this.addSql(`alter table "wf_case" drop column "pseudonymised_at";`);
  }
}
