import { Migration } from '@mikro-orm/migrations';

/** Group activities and excursions, with their participants and a short evaluation (report chapter 6). */
export class Migration20261201211003 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "group_activity" ("id" serial primary key, "site_id" varchar(60) not null, "kind" varchar(20) not null, "title" varchar(120) not null, "date" varchar(10) not null, "evaluation" text not null, "participants" json not null, "by" varchar(80) not null, "at" timestamptz not null);',
    );
    this.addSql('create index "group_activity_site_id_date_index" on "group_activity" ("site_id", "date");');
    this.addSql(
      'alter table "group_activity" add constraint "group_activity_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade;',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "group_activity" cascade;');
  }
}
