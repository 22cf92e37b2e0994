import { Migration } from '@mikro-orm/migrations';

export class Migration20261128144843 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "site" add column "host" boolean not null default false;`);

    // The site made on the first start hosts the others.
    this.addSql(`update site set host = true where id = (select id from site order by created_at asc limit 1);`);

    this.addSql(`alter table "workflow_draft" add column "upstream" json null;`);

    this.addSql(`alter table "workflow_version" add column "upstream" json null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "site" drop column "host";`);

    this.addSql(`alter table "workflow_draft" drop column "upstream";`);

    this.addSql(`alter table "workflow_version" drop column "upstream";`);
  }
}
