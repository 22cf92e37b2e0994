import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { seesPersonal, type Definition } from '../../engine';
import { AccessLog } from '../db/access-log';
import { anyCallerOf, callerOf } from './auth';

declare module 'fastify' {
  interface FastifyInstance {
    accessLog: {
      /**
       * Records that this request's answer shows the personal fields of these cases, for those
       * whose fields the caller may see (for the others the answer holds none). Costs a push.
       */
      shown(req: FastifyRequest, cases: readonly { id: string; def: Definition }[]): void;
      /** Writes what is pending; tests call it before reading the log. */
      flush(): Promise<void>;
    };
  }
}

export interface AccessLogPluginOptions {
  now: () => Date;
  /** How long the log is kept (days). */
  keepDays: number;
}

/** Who was shown which case's personal data (see server/db/access-log.ts). */
export default fp<AccessLogPluginOptions>(
  async (app, opts) => {
    const log = new AccessLog(app.orm.em, opts.now, {
      keepDays: opts.keepDays,
      onError: (err) => app.log.error({ err }, 'the access log could not be written; kept to try again'),
    });
    app.decorate('accessLog', {
      shown(req, cases) {
        const caller = anyCallerOf(req);
        // A student is shown their own personal data: a read of it all the same.
        const sees = (def: Definition) => caller.role === 'student' || seesPersonal(def, callerOf(req));
        const at = opts.now();
        const route = `${req.method} ${req.routeOptions.url ?? req.url}`.slice(0, 80);
        log.record(
          cases
            .filter(({ def }) => sees(def))
            .map(({ id }) => ({ site: caller.site, caseId: id, actor: caller.username, at, route })),
        );
      },
      flush: () => log.flush(),
    });
    app.addHook('onClose', () => log.flush());
  },
  { name: 'access-log', dependencies: ['db', 'auth'] },
);
