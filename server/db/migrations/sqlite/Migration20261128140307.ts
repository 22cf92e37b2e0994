import { Migration } from '@mikro-orm/migrations';

export class Migration20261128140307 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`attendance\` (\`id\` integer not null primary key autoincrement, \`site_id\` text not null, \`case_id\` text not null, \`day\` text not null, \`status\` text not null, \`note\` text null, \`recorded_by\` text not null, \`recorded_at\` datetime not null, \`called_at\` datetime null, \`called_by\` text null, constraint \`attendance_site_id_foreign\` foreign key(\`site_id\`) references \`site\`(\`id\`) on update cascade, constraint \`attendance_case_id_foreign\` foreign key(\`case_id\`) references \`wf_case\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`attendance_site_id_index\` on \`attendance\` (\`site_id\`);`);
    this.addSql(`create index \`attendance_case_id_index\` on \`attendance\` (\`case_id\`);`);
    this.addSql(`create index \`attendance_site_id_day_index\` on \`attendance\` (\`site_id\`, \`day\`);`);
    this.addSql(`create unique index \`attendance_case_id_day_unique\` on \`attendance\` (\`case_id\`, \`day\`);`);
  }
}
