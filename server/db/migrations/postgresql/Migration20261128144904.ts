import { Migration } from '@mikro-orm/migrations';

export class Migration20261128144904 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "app_user" add column "function" varchar(20) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" drop column "function";`);
  }
}
