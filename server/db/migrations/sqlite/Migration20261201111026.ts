import { Migration } from '@mikro-orm/migrations';

/** The people responsible for a case, one per function. */
export class Migration20261201111026 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`case_owner\` (\`id\` integer not null primary key autoincrement, \`site_id\` text not null, \`case_id\` text not null, \`user_id\` integer not null, \`function\` text not null, \`since\` datetime not null, \`by\` text not null, constraint \`case_owner_site_id_foreign\` foreign key(\`site_id\`) references \`site\`(\`id\`) on update cascade, constraint \`case_owner_case_id_foreign\` foreign key(\`case_id\`) references \`wf_case\`(\`id\`) on update cascade, constraint \`case_owner_user_id_foreign\` foreign key(\`user_id\`) references \`app_user\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`case_owner_site_id_index\` on \`case_owner\` (\`site_id\`);`);
    this.addSql(`create index \`case_owner_case_id_index\` on \`case_owner\` (\`case_id\`);`);
    this.addSql(`create index \`case_owner_user_id_index\` on \`case_owner\` (\`user_id\`);`);
    this.addSql(`create index \`case_owner_user_id_site_id_index\` on \`case_owner\` (\`user_id\`, \`site_id\`);`);
    this.addSql(
      `create unique index \`case_owner_case_id_function_unique\` on \`case_owner\` (\`case_id\`, \`function\`);`,
    );
  }
}
