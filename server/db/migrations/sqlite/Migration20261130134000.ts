import { Migration } from '@mikro-orm/migrations';

/** Lists read one index, never the cases' snapshots; a search by name reads a narrow one. */
export class Migration20261130134000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index if exists \`wf_case_site_id_updated_at_index\`;`);
    this.addSql(
      `create index \`wf_case_list_index\` on \`wf_case\` (\`site_id\`, \`updated_at\`, \`id\`, \`title\`, \`state\`, \`outcome\`, \`workflow_id\`, \`workflow_key\`, \`revision\`, \`created_at\`);`,
    );
    this.addSql(`drop index if exists \`wf_case_site_id_title_index\`;`);
    this.addSql(
      `create index \`wf_case_search_index\` on \`wf_case\` (\`site_id\`, \`title\`, \`workflow_key\`, \`updated_at\`, \`id\`);`,
    );
  }
}
