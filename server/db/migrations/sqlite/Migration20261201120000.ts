import { Migration } from '@mikro-orm/migrations';

/** A site's calendar: its time zone and closed periods, which timers and deadlines count on. */
export class Migration20261201120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`site\` add column \`calendar\` json null;`);
  }
}
