import fp from 'fastify-plugin';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { ormOptions, type DbKind } from '../db/config';
import type { CaseStore, CaseStoreKind } from '../db/case-store';
import { migrate } from '../db/migrate';
import { OrmCaseStore } from '../db/orm-store';
import { PostgresCaseStore } from '../db/postgres-store';
import { namesOf } from '../db/raw-sql';
import { SqliteCaseStore } from '../db/sqlite-store';
import { checkSqliteFile } from '../db/sqlite-file';
import { WriteHealth, isStorageFull } from '../db/failures';

declare module 'fastify' {
  interface FastifyInstance {
    orm: MikroORM;
    dbKind: DbKind;
    /** Where case changes are written and sessions looked up (see server/db/case-store.ts). */
    caseStore: CaseStore;
    /** Whether writes go through: a full disk marks it, the next write that succeeds clears it. */
    storage: WriteHealth;
  }
  interface FastifyRequest {
    /** A unit of work of its own for each request: no identity map shared between requests. */
    em: EntityManager;
  }
}

export interface DbOptions {
  databaseUrl?: string;
  /** `fast` (the default): the database's own fast store; `orm`: the plain MikroORM one. */
  caseStore?: CaseStoreKind;
}

/** Opens the database, brings its schema up to date with the committed migrations. */
export default fp<DbOptions>(
  async (app, opts) => {
    const { kind, options } = await ormOptions(opts.databaseUrl);
    if (kind === 'sqlite') await checkSqliteFile(String(options.dbName));
    const storage = new WriteHealth();
    const orm = await MikroORM.init({
      ...options,
      // A flush that wrote rows went through: there is room again.
      subscribers: [{ afterFlush: ({ uow }) => void (uow.getChangeSets().length && storage.wrote()) }],
    });
    await migrate(orm, kind, String(options.clientUrl));
    app.decorate('orm', orm);
    app.decorate('dbKind', kind);
    const names = namesOf(orm.getMetadata());
    const store: CaseStore =
      opts.caseStore === 'orm'
        ? new OrmCaseStore(orm.em)
        : kind === 'sqlite'
          ? await SqliteCaseStore.open(String(options.dbName), names, (d) =>
              orm.em.getPlatform().processDateProperty(d),
            )
          : PostgresCaseStore.open(String(options.clientUrl), names, {
              onIdleError: (err) => app.log.warn({ err }, 'an idle connection of the case store failed'),
            });
    store.onCommit = () => storage.wrote();
    app.decorate('caseStore', store);
    app.decorate('storage', storage);
    app.addHook('onError', async (_req, _reply, err) => {
      if (isStorageFull(err)) storage.full();
    });
    // Forked when a route first asks for it: an event on a fast store never does, and a fork per
    // request was a tenth of that path's CPU.
    const forks = new WeakMap<object, EntityManager>();
    app.decorateRequest('em', {
      getter(this: object) {
        let em = forks.get(this);
        if (!em) forks.set(this, (em = orm.em.fork()));
        return em;
      },
    });
    app.addHook('onClose', async () => {
      await store.close();
      await orm.close(true);
    });
  },
  { name: 'db' },
);
