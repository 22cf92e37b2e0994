import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { oneOf, roleNames, rolesFrom, type Role } from '../../engine';
import { appError } from '../errors';
import { tokenHash } from '../auth/passwords';
import type { Caller } from '../auth/caller';
import { Session } from '../db/entities';
import { defaultIdleMs } from '../db/sessions';

/** How often sessions that have ended are deleted (also once at start). */
const sweepEveryMs = 10 * 60_000;

export const sessionCookie = 'wlb_session';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  /**
   * Both run as onRequest hooks: who is calling is known from the headers alone, so a request
   * without a session (or below the role) is refused before its body is read, let alone checked.
   */
  interface FastifyInstance {
    /** 401 unless a valid session is presented. */
    authenticate: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** 401 without a session, 403 below the given role. */
    requireRole: (role: Role) => (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

function presentedToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return req.cookies?.[sessionCookie] || undefined;
}

const unauthenticated = () => appError('UNAUTHENTICATED', 'Log eerst in', 'Please log in first');

/**
 * The caller of a route behind `authenticate` or `requireRole`, typed: a route that forgot its
 * hook answers 401 instead of running without one.
 */
export function callerOf(req: FastifyRequest): Caller {
  if (!req.caller) throw unauthenticated();
  return req.caller;
}

export default fp(
  async (app, opts: { now: () => Date; idleMs?: number }) => {
    app.decorateRequest('caller', null);

    app.caseStore.idleMs = opts.idleMs ?? defaultIdleMs;
    app.caseStore.extendSession = async (id, expiresAt) => {
      await app.orm.em.fork().nativeUpdate(Session, { id }, { expiresAt });
    };
    // An ended session is refused by its end alone; its row would otherwise stay for ever.
    const sweep = () => app.orm.em.fork().nativeDelete(Session, { expiresAt: { $lte: opts.now() } });
    await sweep();
    const sweeper = setInterval(
      () => void sweep().catch((err: unknown) => app.log.error({ err }, 'deleting ended sessions failed')),
      sweepEveryMs,
    ).unref();
    app.addHook('onClose', async () => clearInterval(sweeper));

    async function authenticate(req: FastifyRequest) {
      // Already known when a route's role check follows its folder's session check.
      if (req.caller) return;
      const token = presentedToken(req);
      if (!token) throw unauthenticated();
      req.caller = await app.caseStore.session(tokenHash(token), opts.now());
      if (!req.caller)
        throw appError(
          'UNAUTHENTICATED',
          'Je sessie is verlopen; log opnieuw in',
          'Your session has expired; please log in again',
        );
    }

    app.decorate('authenticate', async (req: FastifyRequest) => authenticate(req));
    app.decorate('requireRole', (role: Role) => async (req: FastifyRequest) => {
      await authenticate(req);
      const allowed = rolesFrom([role]);
      if (!allowed.includes(callerOf(req).role)) {
        const who = oneOf(allowed.map((r) => roleNames[r]));
        throw appError('FORBIDDEN', `Dit kan alleen een ${who.nl}`, `Only a ${who.en} can do this`);
      }
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
