import { Migration } from '@mikro-orm/migrations';

export class Migration20261128123935 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`site\` (\`id\` text not null, \`name\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`,
    );

    this.addSql(
      `create table \`app_user\` (\`id\` integer not null primary key autoincrement, \`site_id\` text not null, \`username\` text not null, \`display_name\` text not null, \`role\` text not null, \`password_hash\` text not null, \`created_at\` datetime not null, constraint \`app_user_site_id_foreign\` foreign key(\`site_id\`) references \`site\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`app_user_site_id_index\` on \`app_user\` (\`site_id\`);`);
    this.addSql(`create unique index \`app_user_username_unique\` on \`app_user\` (\`username\`);`);

    this.addSql(
      `create table \`session\` (\`id\` integer not null primary key autoincrement, \`token_hash\` text not null, \`user_id\` integer not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, constraint \`session_user_id_foreign\` foreign key(\`user_id\`) references \`app_user\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create unique index \`session_token_hash_unique\` on \`session\` (\`token_hash\`);`);
    this.addSql(`create index \`session_user_id_index\` on \`session\` (\`user_id\`);`);
    this.addSql(`create index \`session_expires_at_index\` on \`session\` (\`expires_at\`);`);

    this.addSql(
      `create table \`workflow_version\` (\`id\` integer not null primary key autoincrement, \`site_id\` text not null, \`key\` text not null, \`version\` integer not null, \`subject\` text not null, \`definition\` json not null, \`published_at\` datetime not null, \`published_by\` text null, constraint \`workflow_version_site_id_foreign\` foreign key(\`site_id\`) references \`site\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`workflow_version_site_id_index\` on \`workflow_version\` (\`site_id\`);`);
    this.addSql(
      `create unique index \`workflow_version_site_id_key_version_unique\` on \`workflow_version\` (\`site_id\`, \`key\`, \`version\`);`,
    );

    this.addSql(
      `create table \`wf_case\` (\`id\` text not null, \`site_id\` text not null, \`workflow_id\` integer not null, \`workflow_key\` text not null, \`title\` text not null, \`state\` text not null, \`outcome\` text null, \`snapshot\` json not null, \`revision\` integer not null default 1, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`created_by\` text not null, constraint \`wf_case_site_id_foreign\` foreign key(\`site_id\`) references \`site\`(\`id\`) on update cascade, constraint \`wf_case_workflow_id_foreign\` foreign key(\`workflow_id\`) references \`workflow_version\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`wf_case_site_id_index\` on \`wf_case\` (\`site_id\`);`);
    this.addSql(`create index \`wf_case_workflow_id_index\` on \`wf_case\` (\`workflow_id\`);`);
    this.addSql(
      `create index \`wf_case_site_id_workflow_key_state_index\` on \`wf_case\` (\`site_id\`, \`workflow_key\`, \`state\`);`,
    );
    this.addSql(`create index \`wf_case_site_id_updated_at_index\` on \`wf_case\` (\`site_id\`, \`updated_at\`);`);

    this.addSql(
      `create table \`history\` (\`id\` integer not null primary key autoincrement, \`case_id\` text not null, \`site_id\` text not null, \`revision\` integer not null, \`at\` datetime not null, \`actor\` text not null, \`event\` text not null, \`from_state\` text null, \`to_state\` text not null, \`data\` json not null, constraint \`history_case_id_foreign\` foreign key(\`case_id\`) references \`wf_case\`(\`id\`) on update cascade, constraint \`history_site_id_foreign\` foreign key(\`site_id\`) references \`site\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`history_case_id_index\` on \`history\` (\`case_id\`);`);
    this.addSql(`create index \`history_site_id_index\` on \`history\` (\`site_id\`);`);
    this.addSql(`create index \`history_case_id_revision_index\` on \`history\` (\`case_id\`, \`revision\`);`);
  }
}
