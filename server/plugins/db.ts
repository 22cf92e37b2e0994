import fp from 'fastify-plugin';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { ormOptions, type DbKind } from '../db/config';
import { SqliteHotPath } from '../db/hot-path';
import { WriteHealth, isStorageFull } from '../db/failures';

declare module 'fastify' {
  interface FastifyInstance {
    orm: MikroORM;
    dbKind: DbKind;
    /** On SQLite: sessions and case changes on their own connection, with group commit. */
    hotPath: SqliteHotPath | null;
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
}

/** Opens the database, brings its schema up to date with the committed migrations. */
export default fp<DbOptions>(
  async (app, opts) => {
    const { kind, options } = await ormOptions(opts.databaseUrl);
    const storage = new WriteHealth();
    const orm = await MikroORM.init({
      ...options,
      // A flush that wrote rows went through: there is room again.
      subscribers: [{ afterFlush: ({ uow }) => void (uow.getChangeSets().length && storage.wrote()) }],
    });
    await orm.getMigrator().up();
    app.decorate('orm', orm);
    app.decorate('dbKind', kind);
    const hot = kind === 'sqlite' ? await SqliteHotPath.open(String(options.dbName)) : null;
    if (hot) hot.onCommit = () => storage.wrote();
    app.decorate('hotPath', hot);
    app.decorate('storage', storage);
    app.addHook('onError', async (_req, _reply, err) => {
      if (isStorageFull(err)) storage.full();
    });
    // Forked when a route first asks for it: an event on the SQLite hot path never does, and a
    // fork per request was a tenth of that path's CPU.
    const forks = new WeakMap<object, EntityManager>();
    app.decorateRequest('em', {
      getter(this: object) {
        let em = forks.get(this);
        if (!em) forks.set(this, (em = orm.em.fork()));
        return em;
      },
    });
    app.addHook('onClose', async () => {
      await hot?.close();
      await orm.close(true);
    });
  },
  { name: 'db' },
);
