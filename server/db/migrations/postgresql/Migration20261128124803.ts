import { Migration } from '@mikro-orm/migrations';

export class Migration20261128124803 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "site" ("id" varchar(60) not null, "name" varchar(255) not null, "created_at" timestamptz not null, constraint "site_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "app_user" ("id" serial primary key, "site_id" varchar(60) not null, "username" varchar(80) not null, "display_name" varchar(255) not null, "role" varchar(20) not null, "password_hash" varchar(255) not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);

    this.addSql(
      `create table "session" ("id" serial primary key, "token_hash" varchar(64) not null, "user_id" int not null, "created_at" timestamptz not null, "expires_at" timestamptz not null);`,
    );
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "session_expires_at_index" on "session" ("expires_at");`);

    this.addSql(
      `create table "workflow_version" ("id" serial primary key, "site_id" varchar(60) not null, "key" varchar(60) not null, "version" int not null, "subject" varchar(20) not null, "definition" json not null, "published_at" timestamptz not null, "published_by" varchar(255) null);`,
    );
    this.addSql(
      `alter table "workflow_version" add constraint "workflow_version_site_id_key_version_unique" unique ("site_id", "key", "version");`,
    );

    this.addSql(
      `create table "wf_case" ("id" varchar(36) not null, "site_id" varchar(60) not null, "workflow_id" int not null, "workflow_key" varchar(60) not null, "title" varchar(255) not null, "state" varchar(255) not null, "outcome" varchar(255) null, "snapshot" json not null, "revision" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" varchar(255) not null, constraint "wf_case_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "wf_case_site_id_workflow_key_state_index" on "wf_case" ("site_id", "workflow_key", "state");`,
    );
    this.addSql(`create index "wf_case_site_id_updated_at_index" on "wf_case" ("site_id", "updated_at");`);

    this.addSql(
      `create table "history" ("id" serial primary key, "case_id" varchar(36) not null, "site_id" varchar(60) not null, "revision" int not null, "at" timestamptz not null, "actor" varchar(255) not null, "event" varchar(255) not null, "from_state" varchar(255) null, "to_state" varchar(255) not null, "data" json not null);`,
    );
    this.addSql(`create index "history_case_id_revision_index" on "history" ("case_id", "revision");`);

    this.addSql(
      `alter table "app_user" add constraint "app_user_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "workflow_version" add constraint "workflow_version_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "wf_case" add constraint "wf_case_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "wf_case" add constraint "wf_case_workflow_id_foreign" foreign key ("workflow_id") references "workflow_version" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "history" add constraint "history_case_id_foreign" foreign key ("case_id") references "wf_case" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "history" add constraint "history_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade;`,
    );
  }
}
