import { Migration } from '@mikro-orm/migrations';

/**
 * The student's own view: a student's account bound to their case with a one-time invitation,
 * a call for help answered and escalated, each signal change in order for the live pages, and
 * the site's on-call rota.
 */
export class Migration20261201180003 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "signal_change" ("id" serial primary key, "site" varchar(60) not null, "signal" int not null, "what" varchar(20) not null, "at" timestamptz not null);`,
    );
    this.addSql(`create index "signal_change_at_index" on "signal_change" ("at");`);
    this.addSql(`alter table "site" add column "on_call" json null;`);
    this.addSql(
      `alter table "app_user" add column "case_id" varchar(36) null, add column "invite_hash" varchar(64) null, add column "invite_expires_at" timestamptz null;`,
    );
    this.addSql(`create index "app_user_case_id_index" on "app_user" ("case_id");`);
    this.addSql(`alter table "app_user" add constraint "app_user_invite_hash_unique" unique ("invite_hash");`);
    this.addSql(
      `alter table "signal" add column "mode" varchar(10) null, add column "for_user" varchar(80) null, add column "acknowledged_by" varchar(80) null, add column "acknowledged_at" timestamptz null, add column "escalated_at" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "signal_change" cascade;`);
    this.addSql(`alter table "site" drop column "on_call";`);
    this.addSql(
      `alter table "app_user" drop column "case_id", drop column "invite_hash", drop column "invite_expires_at";`,
    );
    this.addSql(
      `alter table "signal" drop column "mode", drop column "for_user", drop column "acknowledged_by", drop column "acknowledged_at", drop column "escalated_at";`,
    );
  }
}
