import { Migration } from '@mikro-orm/migrations';

export class Migration20261128133314 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "wf_case_site_id_title_index" on "wf_case" ("site_id", "title");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "wf_case_site_id_title_index";`);
  }
}
