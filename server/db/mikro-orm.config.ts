// For the MikroORM CLI (creating migrations); the app builds its options in config.ts.
import { defineConfig } from '@mikro-orm/sqlite';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities';

export default defineConfig({
  dbName: process.env.MIGRATION_DB ?? 'data/migration-scratch.sqlite',
  entities,
  extensions: [Migrator],
  migrations: { path: 'server/db/migrations/sqlite', emit: 'ts', snapshot: false },
});
