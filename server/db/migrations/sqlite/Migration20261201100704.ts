import { Migration } from '@mikro-orm/migrations';

/** Timers count failed firings; login attempts are counted in the database, for every process. */
export class Migration20261201100704 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`login_attempt\` (\`key_hash\` text not null, \`window_start\` datetime not null, \`attempts\` integer not null, primary key (\`key_hash\`));`,
    );
    this.addSql(`create index \`login_attempt_window_start_index\` on \`login_attempt\` (\`window_start\`);`);

    this.addSql(`alter table \`timer\` add column \`attempts\` integer not null default 0;`);
    this.addSql(`alter table \`timer\` add column \`last_error\` text null;`);
  }
}
