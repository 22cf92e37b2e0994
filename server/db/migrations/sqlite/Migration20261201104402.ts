import { Migration } from '@mikro-orm/migrations';

/** Accounts can be deactivated and show their last login; every change to one is recorded. */
export class Migration20261201104402 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`account_change\` (\`id\` integer not null primary key autoincrement, \`site_id\` text not null, \`user_id\` integer not null, \`at\` datetime not null, \`by\` text not null, \`what\` text not null, \`from\` text null, \`to\` text null, constraint \`account_change_site_id_foreign\` foreign key(\`site_id\`) references \`site\`(\`id\`) on update cascade, constraint \`account_change_user_id_foreign\` foreign key(\`user_id\`) references \`app_user\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`account_change_site_id_index\` on \`account_change\` (\`site_id\`);`);
    this.addSql(`create index \`account_change_user_id_index\` on \`account_change\` (\`user_id\`);`);
    this.addSql(`create index \`account_change_site_id_at_index\` on \`account_change\` (\`site_id\`, \`at\`);`);
    this.addSql(`create index \`account_change_user_id_at_index\` on \`account_change\` (\`user_id\`, \`at\`);`);

    this.addSql(`alter table \`app_user\` add column \`active\` integer not null default true;`);
    this.addSql(`alter table \`app_user\` add column \`last_login_at\` datetime null;`);
  }
}
