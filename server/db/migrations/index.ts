import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128123935 as SqliteInitial } from './sqlite/Migration20261128123935';
import { Migration20261128124803 as PostgresInitial } from './postgresql/Migration20261128124803';
import { Migration20261128125712 as SqliteTimersDrafts } from './sqlite/Migration20261128125712';
import { Migration20261128125715 as PostgresTimersDrafts } from './postgresql/Migration20261128125715';
import { Migration20261128133311 as SqliteTitleIndex } from './sqlite/Migration20261128133311';
import { Migration20261128133314 as PostgresTitleIndex } from './postgresql/Migration20261128133314';
import { Migration20261128140307 as SqliteAttendance } from './sqlite/Migration20261128140307';
import { Migration20261128140311 as PostgresAttendance } from './postgresql/Migration20261128140311';
import { Migration20261128144840 as SqliteSharing } from './sqlite/Migration20261128144840';
import { Migration20261128144843 as PostgresSharing } from './postgresql/Migration20261128144843';
import { Migration20261128144902 as SqliteUserFunction } from './sqlite/Migration20261128144902';
import { Migration20261128144904 as PostgresUserFunction } from './postgresql/Migration20261128144904';
import { Migration20261130134000 as SqliteListIndex } from './sqlite/Migration20261130134000';
import { Migration20261130134003 as PostgresListIndex } from './postgresql/Migration20261130134003';
import { Migration20261201100704 as SqliteAttempts } from './sqlite/Migration20261201100704';
import { Migration20261201100719 as PostgresAttempts } from './postgresql/Migration20261201100719';
import { Migration20261201104402 as SqliteAccounts } from './sqlite/Migration20261201104402';
import { Migration20261201104423 as PostgresAccounts } from './postgresql/Migration20261201104423';
import { Migration20261201111026 as SqliteCaseOwners } from './sqlite/Migration20261201111026';
import { Migration20261201111040 as PostgresCaseOwners } from './postgresql/Migration20261201111040';
import { Migration20261201103014 as SqliteVersionNote } from './sqlite/Migration20261201103014';
import { Migration20261201103035 as PostgresVersionNote } from './postgresql/Migration20261201103035';
import { Migration20261201120000 as SqliteSiteCalendar } from './sqlite/Migration20261201120000';
import { Migration20261201120003 as PostgresSiteCalendar } from './postgresql/Migration20261201120003';
import { Migration20261201121500 as SqliteCoordinatorDay } from './sqlite/Migration20261201121500';
import { Migration20261201121503 as PostgresCoordinatorDay } from './postgresql/Migration20261201121503';
import { Migration20261201151303 as SqliteDataCare } from './sqlite/Migration20261201151303';
import { Migration20261201151319 as PostgresDataCare } from './postgresql/Migration20261201151319';
import { Migration20261201160000 as SqliteSignals } from './sqlite/Migration20261201160000';
import { Migration20261201160003 as PostgresSignals } from './postgresql/Migration20261201160003';
import { Migration20261201180000 as SqliteStudentView } from './sqlite/Migration20261201180000';
import { Migration20261201180003 as PostgresStudentView } from './postgresql/Migration20261201180003';
import { Migration20261201181000 as SqliteSmallGroups } from './sqlite/Migration20261201181000';
import { Migration20261201181003 as PostgresSmallGroups } from './postgresql/Migration20261201181003';
import { Migration20261201210000 as SqliteSiteUsernames } from './sqlite/Migration20261201210000';
import { Migration20261201210003 as PostgresSiteUsernames } from './postgresql/Migration20261201210003';
import { Migration20261201211000 as SqliteGroupActivities } from './sqlite/Migration20261201211000';
import { Migration20261201211003 as PostgresGroupActivities } from './postgresql/Migration20261201211003';
import { Migration20261201220000 as SqlitePlaces } from './sqlite/Migration20261201220000';
import { Migration20261201220003 as PostgresPlaces } from './postgresql/Migration20261201220003';

/**
 * Migrations are listed, not discovered from the file system, so they run the same under
 * tsx, vitest and a bundler. Each database kind has its own generated SQL; config.ts takes the
 * list of its kind (and fails to compile if a kind has none).
 */
export const migrationsByKind: { sqlite: MigrationObject[]; postgresql: MigrationObject[] } = {
  sqlite: [
    { name: 'Migration20261128123935', class: SqliteInitial },
    { name: 'Migration20261128125712', class: SqliteTimersDrafts },
    { name: 'Migration20261128133311', class: SqliteTitleIndex },
    { name: 'Migration20261128140307', class: SqliteAttendance },
    { name: 'Migration20261128144840', class: SqliteSharing },
    { name: 'Migration20261128144902', class: SqliteUserFunction },
    { name: 'Migration20261130134000', class: SqliteListIndex },
    { name: 'Migration20261201100704', class: SqliteAttempts },
    { name: 'Migration20261201104402', class: SqliteAccounts },
    { name: 'Migration20261201111026', class: SqliteCaseOwners },
    { name: 'Migration20261201103014', class: SqliteVersionNote },
    { name: 'Migration20261201120000', class: SqliteSiteCalendar },
    { name: 'Migration20261201121500', class: SqliteCoordinatorDay },
    { name: 'Migration20261201151303', class: SqliteDataCare },
    { name: 'Migration20261201160000', class: SqliteSignals },
    { name: 'Migration20261201180000', class: SqliteStudentView },
    { name: 'Migration20261201181000', class: SqliteSmallGroups },
    { name: 'Migration20261201210000', class: SqliteSiteUsernames },
    { name: 'Migration20261201211000', class: SqliteGroupActivities },
    { name: 'Migration20261201220000', class: SqlitePlaces },
  ],
  postgresql: [
    { name: 'Migration20261128124803', class: PostgresInitial },
    { name: 'Migration20261128125715', class: PostgresTimersDrafts },
    { name: 'Migration20261128133314', class: PostgresTitleIndex },
    { name: 'Migration20261128140311', class: PostgresAttendance },
    { name: 'Migration20261128144843', class: PostgresSharing },
    { name: 'Migration20261128144904', class: PostgresUserFunction },
    { name: 'Migration20261130134003', class: PostgresListIndex },
    { name: 'Migration20261201100719', class: PostgresAttempts },
    { name: 'Migration20261201104423', class: PostgresAccounts },
    { name: 'Migration20261201111040', class: PostgresCaseOwners },
    { name: 'Migration20261201103035', class: PostgresVersionNote },
    { name: 'Migration20261201120003', class: PostgresSiteCalendar },
    { name: 'Migration20261201121503', class: PostgresCoordinatorDay },
    { name: 'Migration20261201151319', class: PostgresDataCare },
    { name: 'Migration20261201160003', class: PostgresSignals },
    { name: 'Migration20261201180003', class: PostgresStudentView },
    { name: 'Migration20261201181003', class: PostgresSmallGroups },
    { name: 'Migration20261201210003', class: PostgresSiteUsernames },
    { name: 'Migration20261201211003', class: PostgresGroupActivities },
    { name: 'Migration20261201220003', class: PostgresPlaces },
  ],
};
