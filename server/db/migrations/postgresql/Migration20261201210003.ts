import { Migration } from '@mikro-orm/migrations';

/** Usernames unique per site instead of on the whole host: a refused name tells nothing of other sites. */
export class Migration20261201210003 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "app_user" drop constraint "app_user_username_unique";`);
    this.addSql(
      `alter table "app_user" add constraint "app_user_site_id_username_unique" unique ("site_id", "username");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" drop constraint "app_user_site_id_username_unique";`);
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);
  }
}
