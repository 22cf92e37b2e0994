import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { countLoginAttempt } from '../db/login-attempts';
import { loginName } from '../auth/login-name';

/**
 * Per client address and account, the account as login reads it: guessing one password is
 * slowed down, while a team behind one office address can still all log in at nine, and a
 * guesser elsewhere cannot lock the user out. The address is the proxy's unless the server is
 * told to believe it (`trustProxy`, WLB_TRUST_PROXY): see docs/security.md.
 */
export function loginLimitKey(req: FastifyRequest): string {
  const username = (req.body as { username?: unknown } | undefined)?.username;
  return `${req.ip}|${typeof username === 'string' ? loginName(username).username : ''}`;
}

type Done = (err: Error | null, res?: { current: number; ttl: number }) => void;

/**
 * The rate limit's counters live in the database (`login_attempt`), so that every server
 * process on it limits the same attempts: with counters per process, N processes would let
 * N times as many guesses through. Only login is limited; the route says how (its key, its
 * window, its maximum).
 */
export default fp(
  async (app) => {
    class DatabaseStore {
      incr(key: string, done: Done, timeWindow: number) {
        countLoginAttempt(app.orm.em.fork(), key, timeWindow, new Date()).then(
          ({ count, resetAt }) => done(null, { current: count, ttl: Math.max(0, resetAt.getTime() - Date.now()) }),
          (err: Error) => done(err),
        );
      }
      child() {
        return new DatabaseStore();
      }
    }
    // It runs after body parsing, so the key can name the account.
    await app.register(rateLimit, { global: false, hook: 'preHandler', store: DatabaseStore });
  },
  { name: 'login-limit', dependencies: ['db'] },
);
