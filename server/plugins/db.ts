import fp from 'fastify-plugin';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { ormOptions, type DbKind } from '../db/config';
import { SqliteHotPath } from '../db/hot-path';

declare module 'fastify' {
  interface FastifyInstance {
    orm: MikroORM;
    dbKind: DbKind;
    /** On SQLite: sessions and case changes on their own connection, with group commit. */
    hotPath: SqliteHotPath | null;
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
    const orm = await MikroORM.init(options);
    await orm.getMigrator().up();
    app.decorate('orm', orm);
    app.decorate('dbKind', kind);
    const hot = kind === 'sqlite' ? await SqliteHotPath.open(String(options.dbName)) : null;
    app.decorate('hotPath', hot);
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
