import { Migration } from '@mikro-orm/migrations';

export class Migration20261128144902 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`app_user\` add column \`function\` text null;`);
  }
}
