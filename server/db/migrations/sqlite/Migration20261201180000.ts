import { Migration } from '@mikro-orm/migrations';

/**
 * The student's own view: a student's account bound to their case with a one-time invitation,
 * a call for help answered and escalated, each signal change in order for the live pages, and
 * the site's on-call rota.
 */
export class Migration20261201180000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table `signal_change` (`id` integer not null primary key autoincrement, `site` text not null, `signal` integer not null, `what` text not null, `at` datetime not null);',
    );
    this.addSql('create index `signal_change_at_index` on `signal_change` (`at`);');
    this.addSql('alter table `site` add column `on_call` json null;');
    this.addSql('alter table `app_user` add column `case_id` text null;');
    this.addSql('alter table `app_user` add column `invite_hash` text null;');
    this.addSql('alter table `app_user` add column `invite_expires_at` datetime null;');
    this.addSql('create index `app_user_case_id_index` on `app_user` (`case_id`);');
    this.addSql('create unique index `app_user_invite_hash_unique` on `app_user` (`invite_hash`);');
    this.addSql('alter table `signal` add column `mode` text null;');
    this.addSql('alter table `signal` add column `for_user` text null;');
    this.addSql('alter table `signal` add column `acknowledged_by` text null;');
    this.addSql('alter table `signal` add column `acknowledged_at` datetime null;');
    this.addSql('alter table `signal` add column `escalated_at` datetime null;');
  }
}
