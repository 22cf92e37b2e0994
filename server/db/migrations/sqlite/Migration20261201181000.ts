import { Migration } from '@mikro-orm/migrations';

/** A site's small-group minimum: the stuurgroep sees a group smaller than it as "< n". */
export class Migration20261201181000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`site\` add column \`small_group_minimum\` integer null;`);
  }
}
