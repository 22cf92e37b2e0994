import { Migration } from '@mikro-orm/migrations';

export class Migration20261128125712 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`workflow_draft\` (\`id\` integer not null primary key autoincrement, \`site_id\` text not null, \`key\` text not null, \`definition\` json not null, \`based_on\` integer null, \`revision\` integer not null default 1, \`updated_at\` datetime not null, \`updated_by\` text not null, constraint \`workflow_draft_site_id_foreign\` foreign key(\`site_id\`) references \`site\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`workflow_draft_site_id_index\` on \`workflow_draft\` (\`site_id\`);`);
    this.addSql(
      `create unique index \`workflow_draft_site_id_key_unique\` on \`workflow_draft\` (\`site_id\`, \`key\`);`,
    );

    this.addSql(
      `create table \`workflow_migration\` (\`id\` text not null, \`site_id\` text not null, \`key\` text not null, \`from_version\` integer not null, \`to_version\` integer not null, \`state_map\` json not null, \`case_count\` integer not null, \`by\` text not null, \`at\` datetime not null, constraint \`workflow_migration_site_id_foreign\` foreign key(\`site_id\`) references \`site\`(\`id\`) on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`workflow_migration_site_id_index\` on \`workflow_migration\` (\`site_id\`);`);

    this.addSql(
      `create table \`timer\` (\`id\` integer not null primary key autoincrement, \`case_id\` text not null, \`site_id\` text not null, \`timer_id\` text not null, \`event\` text not null, \`due_at\` datetime not null, \`status\` text not null, \`created_at\` datetime not null, \`fired_at\` datetime null, constraint \`timer_case_id_foreign\` foreign key(\`case_id\`) references \`wf_case\`(\`id\`) on update cascade, constraint \`timer_site_id_foreign\` foreign key(\`site_id\`) references \`site\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`timer_case_id_index\` on \`timer\` (\`case_id\`);`);
    this.addSql(`create index \`timer_site_id_index\` on \`timer\` (\`site_id\`);`);
    this.addSql(`create index \`timer_status_due_at_index\` on \`timer\` (\`status\`, \`due_at\`);`);
    this.addSql(`create index \`timer_case_id_status_index\` on \`timer\` (\`case_id\`, \`status\`);`);
  }
}
