import { Migration } from '@mikro-orm/migrations';

/** A published version keeps the note its manager wrote when publishing it: why it changed. */
export class Migration20261201103035 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "workflow_version" add column "note" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "workflow_version" drop column "note";`);
  }
}
