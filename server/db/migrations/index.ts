import type { MigrationObject } from '@mikro-orm/core';
import type { DbKind } from '../config';
import { Migration20261128123935 as SqliteInitial } from './sqlite/Migration20261128123935';
import { Migration20261128124803 as PostgresInitial } from './postgresql/Migration20261128124803';

/**
 * Migrations are listed, not discovered from the file system, so they run the same under
 * tsx, vitest and a bundler. Each database kind has its own generated SQL.
 */
const lists: Record<DbKind, MigrationObject[]> = {
  sqlite: [{ name: 'Migration20261128123935', class: SqliteInitial }],
  postgresql: [{ name: 'Migration20261128124803', class: PostgresInitial }],
};

export function migrationsList(kind: DbKind): MigrationObject[] {
  return lists[kind];
}
