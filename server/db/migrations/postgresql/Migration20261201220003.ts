import { Migration } from '@mikro-orm/migrations';

/** A site's own number of places per workflow, where it differs from the definition's capacity. */
export class Migration20261201220003 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "site" add column "places" json null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "site" drop column "places";`);
  }
}
