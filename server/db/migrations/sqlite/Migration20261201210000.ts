import { Migration } from '@mikro-orm/migrations';

/** Usernames unique per site instead of on the whole host: a refused name tells nothing of other sites. */
export class Migration20261201210000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index \`app_user_username_unique\`;`);
    this.addSql(
      `create unique index \`app_user_site_id_username_unique\` on \`app_user\` (\`site_id\`, \`username\`);`,
    );
  }
}
