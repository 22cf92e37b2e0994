import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { checkDatabase } from '../commands/health';

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Is the server up and its database reachable',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            db: Type.Union([Type.Literal('sqlite'), Type.Literal('postgresql')]),
          }),
        },
      },
    },
    async (req) => {
      await checkDatabase(req.em);
      return { status: 'ok' as const, db: app.dbKind };
    },
  );
};
export default health;
