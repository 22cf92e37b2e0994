import { Migration } from '@mikro-orm/migrations';

/** Data care (AVG): the access log, and when a case's personal fields were pseudonymised. */
export class Migration20261201151303 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`access_log\` (\`id\` integer not null primary key autoincrement, \`site\` text not null, \`case_id\` text not null, \`actor\` text not null, \`at\` datetime not null, \`route\` text not null);`,
    );
    this.addSql(`create index \`access_log_site_case_id_at_index\` on \`access_log\` (\`site\`, \`case_id\`, \`at\`);`);
    this.addSql(`create index \`access_log_site_actor_at_index\` on \`access_log\` (\`site\`, \`actor\`, \`at\`);`);
    this.addSql(`create index \`access_log_at_index\` on \`access_log\` (\`at\`);`);

    this.addSql(`alter table \`wf_case\` add column \`pseudonymised_at\` datetime null;`);
  }
}
