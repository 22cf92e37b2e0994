import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { oneOf, roleNames, rolesFrom, type Role } from '../../engine';
import { Session } from '../db/entities';
import { appError } from '../errors';
import { tokenHash } from '../auth/passwords';
import type { Caller } from '../auth/caller';
import { presentUser } from '../presenters/users';

export const sessionCookie = 'wlb_session';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyInstance {
    /** preHandler: 401 unless a valid session is presented. */
    authenticate: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** preHandler: 401 without a session, 403 below the given role. */
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
 * preHandler answers 401 instead of running without one.
 */
export function callerOf(req: FastifyRequest): Caller {
  if (!req.caller) throw unauthenticated();
  return req.caller;
}

export default fp(
  async (app, opts: { now: () => Date }) => {
    app.decorateRequest('caller', null);

    async function authenticate(req: FastifyRequest) {
      const token = presentedToken(req);
      if (!token) throw unauthenticated();
      req.caller = app.hotPath
        ? await app.hotPath.session(tokenHash(token), opts.now())
        : await ormSession(req, tokenHash(token), opts.now());
      if (!req.caller)
        throw appError(
          'UNAUTHENTICATED',
          'Je sessie is verlopen; log opnieuw in',
          'Your session has expired; please log in again',
        );
    }

    async function ormSession(req: FastifyRequest, hash: string, now: Date): Promise<Caller | null> {
      const session = await req.em.findOne(Session, { tokenHash: hash }, { populate: ['user'] });
      if (!session || session.expiresAt.getTime() <= now.getTime()) return null;
      const u = session.user;
      return { ...presentUser(u), sessionId: session.id };
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
