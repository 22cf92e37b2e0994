// For the MikroORM CLI (creating migrations); the app builds its options in config.ts.
// Each database kind has its own migrations folder: MIGRATION_DB=postgres://… for PostgreSQL.
import { defineConfig as sqlite } from '@mikro-orm/sqlite';
import { defineConfig as postgresql } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities';

const url = process.env.MIGRATION_DB ?? 'data/migration-scratch.sqlite';
const common = { entities, extensions: [Migrator] };

export default /^postgres/.test(url)
  ? postgresql({
      ...common,
      clientUrl: url,
      migrations: { path: 'server/db/migrations/postgresql', emit: 'ts', snapshot: false },
    })
  : sqlite({
      ...common,
      dbName: url,
      migrations: { path: 'server/db/migrations/sqlite', emit: 'ts', snapshot: false },
    });
