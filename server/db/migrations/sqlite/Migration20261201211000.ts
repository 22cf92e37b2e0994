import { Migration } from '@mikro-orm/migrations';

/** Group activities and excursions, with their participants and a short evaluation (report chapter 6). */
export class Migration20261201211000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table `group_activity` (`id` integer not null primary key autoincrement, `site_id` text not null, `kind` text not null, `title` text not null, `date` text not null, `evaluation` text not null, `participants` json not null, `by` text not null, `at` datetime not null, constraint `group_activity_site_id_foreign` foreign key(`site_id`) references `site`(`id`) on update cascade);',
    );
    this.addSql('create index `group_activity_site_id_index` on `group_activity` (`site_id`);');
    this.addSql('create index `group_activity_site_id_date_index` on `group_activity` (`site_id`, `date`);');
  }
}
