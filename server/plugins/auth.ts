import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLimitedRole, oneOf, roleNames, rolesFrom, type LimitedRole, type Role } from '../../engine';
import { appError } from '../errors';
import { tokenHash } from '../auth/passwords';
import type { Caller, StaffCaller } from '../auth/caller';
import { Session } from '../db/entities';
import { defaultIdleMs } from '../db/sessions';

/** How often sessions that have ended are deleted (also once at start). */
const sweepEveryMs = 10 * 60_000;

export const sessionCookie = 'wlb_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The roles outside staff that this route serves (a student's own pages, the stuurgroep's
     * report). Every other route refuses them with a 403, whatever role it asks of staff.
     */
    audience?: readonly LimitedRole[];
  }
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

const staffOnly = () => appError('FORBIDDEN', 'Dit kan alleen een medewerker', 'Only a staff member can do this');

/** Whether this route serves a caller of this role outside staff (its `config.audience`). */
function serves(req: FastifyRequest, role: LimitedRole): boolean {
  return req.routeOptions.config.audience?.includes(role) ?? false;
}

/**
 * The caller of a route behind `authenticate` or `requireRole`, typed: a route that forgot its
 * hook answers 401 instead of running without one, and a student or stuurgroep member who got
 * this far through a route's `audience` is still no staff member here.
 */
export function callerOf(req: FastifyRequest): StaffCaller {
  const caller = anyCallerOf(req);
  if (isLimitedRole(caller.role)) throw staffOnly();
  return caller as StaffCaller;
}

/** The caller of a route whose `audience` names roles outside staff: any role comes back. */
export function anyCallerOf(req: FastifyRequest): Caller {
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
      const role = req.caller.role;
      if (isLimitedRole(role) && !serves(req, role)) throw staffOnly();
    }

    app.decorate('authenticate', async (req: FastifyRequest) => authenticate(req));
    app.decorate('requireRole', (role: Role) => async (req: FastifyRequest) => {
      await authenticate(req);
      const who = anyCallerOf(req).role;
      // Past authenticate, a role outside staff is one the route serves.
      if (isLimitedRole(who)) return;
      const allowed = rolesFrom([role]);
      if (!allowed.includes(who)) {
        const names = oneOf(allowed.map((r) => roleNames[r]));
        throw appError('FORBIDDEN', `Dit kan alleen een ${names.nl}`, `Only a ${names.en} can do this`);
      }
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
