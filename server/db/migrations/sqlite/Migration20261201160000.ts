import { Migration } from '@mikro-orm/migrations';

/** Signals that a student is not doing well, open until a coördinator closes them. */
export class Migration20261201160000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`signal\` (\`id\` integer not null primary key autoincrement, \`site_id\` text not null, \`case_id\` text not null, \`kind\` text not null, \`text\` text null, \`day\` text not null, \`by\` text not null, \`at\` datetime not null, \`closed_by\` text null, \`closed_at\` datetime null, \`closed_text\` text null, constraint \`signal_site_id_foreign\` foreign key(\`site_id\`) references \`site\`(\`id\`) on update cascade, constraint \`signal_case_id_foreign\` foreign key(\`case_id\`) references \`wf_case\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`signal_site_id_index\` on \`signal\` (\`site_id\`);`);
    this.addSql(`create index \`signal_case_id_index\` on \`signal\` (\`case_id\`);`);
    this.addSql(`create index \`signal_site_id_closed_at_index\` on \`signal\` (\`site_id\`, \`closed_at\`);`);
  }
}
