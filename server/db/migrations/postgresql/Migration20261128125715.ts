import { Migration } from '@mikro-orm/migrations';

export class Migration20261128125715 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "workflow_draft" ("id" serial primary key, "site_id" varchar(60) not null, "key" varchar(60) not null, "definition" json not null, "based_on" int null, "revision" int not null default 1, "updated_at" timestamptz not null, "updated_by" varchar(255) not null);`,
    );
    this.addSql(
      `alter table "workflow_draft" add constraint "workflow_draft_site_id_key_unique" unique ("site_id", "key");`,
    );

    this.addSql(
      `create table "workflow_migration" ("id" varchar(36) not null, "site_id" varchar(60) not null, "key" varchar(60) not null, "from_version" int not null, "to_version" int not null, "state_map" jsonb not null, "case_count" int not null, "by" varchar(255) not null, "at" timestamptz not null, constraint "workflow_migration_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "timer" ("id" serial primary key, "case_id" varchar(36) not null, "site_id" varchar(60) not null, "timer_id" varchar(255) not null, "event" varchar(255) not null, "due_at" timestamptz not null, "status" varchar(12) not null, "created_at" timestamptz not null, "fired_at" timestamptz null);`,
    );
    this.addSql(`create index "timer_status_due_at_index" on "timer" ("status", "due_at");`);
    this.addSql(`create index "timer_case_id_status_index" on "timer" ("case_id", "status");`);

    this.addSql(
      `alter table "workflow_draft" add constraint "workflow_draft_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "workflow_migration" add constraint "workflow_migration_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "timer" add constraint "timer_case_id_foreign" foreign key ("case_id") references "wf_case" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "timer" add constraint "timer_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "workflow_draft" cascade;`);

    this.addSql(`drop table if exists "workflow_migration" cascade;`);

    this.addSql(`drop table if exists "timer" cascade;`);
  }
}
