import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { checkDatabase } from '../commands/health';

const Db = Type.Union([Type.Literal('sqlite'), Type.Literal('postgresql')]);

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Is the server up, its database reachable, and do writes go through',
        description:
          '503 `degraded` with `writable: false` after the database refused a write for lack of room (a full disk), until a write goes through again.',
        response: {
          200: Type.Object({ status: Type.Literal('ok'), db: Db }),
          // Degraded, or the database does not answer at all (UNAVAILABLE).
          503: Type.Union([
            Type.Object({ status: Type.Literal('degraded'), db: Db, writable: Type.Literal(false) }),
            Type.Ref('ErrorResponse'),
          ]),
        },
      },
    },
    async (req, reply) => {
      await checkDatabase(req.em);
      if (!app.storage.writable) return reply.code(503).send({ status: 'degraded', db: app.dbKind, writable: false });
      return { status: 'ok' as const, db: app.dbKind };
    },
  );
};
export default health;
