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
    app.decorateRequest('em', null as unknown as EntityManager);
    app.addHook('onRequest', async (req) => {
      req.em = orm.em.fork();
    });
    app.addHook('onClose', async () => {
      await hot?.close();
      await orm.close(true);
    });
  },
  { name: 'db' },
);
