import { Migration } from '@mikro-orm/migrations';

/**
 * The coördinator's day: a site's schedule (lessons, presence moments), presence per moment with
 * the reason for calling in, the calls made after an absence, and the help sessions given.
 */
export class Migration20261201121500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`site\` add column \`schedule\` json null;`);
    this.addSql(`alter table \`attendance\` add column \`moment\` text not null default 'begin';`);
    this.addSql(`alter table \`attendance\` add column \`reason\` text null;`);
    this.addSql(`drop index \`attendance_case_id_day_unique\`;`);
    this.addSql(
      `create unique index \`attendance_case_id_day_moment_unique\` on \`attendance\` (\`case_id\`, \`day\`, \`moment\`);`,
    );
    this.addSql(
      `create table \`presence_call\` (\`id\` integer not null primary key autoincrement, \`site_id\` text not null, \`case_id\` text not null, \`day\` text not null, \`moment\` text not null, \`outcome\` text not null, \`by\` text not null, \`at\` datetime not null, \`undone_at\` datetime null, \`undone_by\` text null, constraint \`presence_call_site_id_foreign\` foreign key(\`site_id\`) references \`site\`(\`id\`) on update cascade, constraint \`presence_call_case_id_foreign\` foreign key(\`case_id\`) references \`wf_case\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`presence_call_site_id_index\` on \`presence_call\` (\`site_id\`);`);
    this.addSql(`create index \`presence_call_case_id_index\` on \`presence_call\` (\`case_id\`);`);
    this.addSql(`create index \`presence_call_site_id_day_index\` on \`presence_call\` (\`site_id\`, \`day\`);`);
    this.addSql(
      `create table \`help_session\` (\`id\` integer not null primary key autoincrement, \`site_id\` text not null, \`client_id\` text not null, \`student_id\` text null, \`workflow_key\` text not null, \`day\` text not null, \`half_day\` text not null, \`status\` text not null, \`hours\` double not null, \`recorded_by\` text not null, \`recorded_at\` datetime not null, constraint \`help_session_site_id_foreign\` foreign key(\`site_id\`) references \`site\`(\`id\`) on update cascade, constraint \`help_session_client_id_foreign\` foreign key(\`client_id\`) references \`wf_case\`(\`id\`) on update cascade, constraint \`help_session_student_id_foreign\` foreign key(\`student_id\`) references \`wf_case\`(\`id\`) on delete set null on update cascade);`,
    );
    this.addSql(`create index \`help_session_site_id_index\` on \`help_session\` (\`site_id\`);`);
    this.addSql(`create index \`help_session_client_id_index\` on \`help_session\` (\`client_id\`);`);
    this.addSql(`create index \`help_session_student_id_index\` on \`help_session\` (\`student_id\`);`);
    this.addSql(`create index \`help_session_site_id_day_index\` on \`help_session\` (\`site_id\`, \`day\`);`);
    this.addSql(
      `create unique index \`help_session_client_id_day_half_day_unique\` on \`help_session\` (\`client_id\`, \`day\`, \`half_day\`);`,
    );
  }
}
