import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { appError } from '../errors';

const changing = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** An origin as browsers send it: scheme, host and port, lower case, without a trailing slash. */
const normalised = (origin: string) => origin.trim().toLowerCase().replace(/\/+$/, '');

/**
 * Cross-site request forgery: the session cookie is `SameSite=Lax`, which a form on another
 * port of the same host (same *site*, other *origin*) passes. So a request that changes
 * something is refused unless the browser says it comes from this origin: `Origin` is the host
 * the server is reached at (its `Host`, scheme aside, so a TLS proxy in front needs no setting)
 * or one of `allowedOrigins`; without `Origin`, `Sec-Fetch-Site` must not say another site.
 * A request with neither comes from a program, not from a page, and goes through.
 *
 * A Bearer token is sent only by code that holds it, never by the browser on its own, so those
 * requests are not checked. Login is checked (a forged login would work in the attacker's account).
 */
export default fp(
  async (app, opts: { allowedOrigins?: string[] }) => {
    const allowed = new Set((opts.allowedOrigins ?? []).map(normalised));

    function fromHere(req: FastifyRequest): boolean {
      const origin = req.headers.origin;
      if (origin !== undefined) {
        const o = normalised(origin);
        if (allowed.has(o)) return true;
        const authority = /^https?:\/\/([^/]+)$/.exec(o)?.[1];
        return authority !== undefined && authority === req.host.toLowerCase();
      }
      const site = req.headers['sec-fetch-site'];
      return site === undefined || site === 'same-origin' || site === 'none';
    }

    app.addHook('onRequest', async (req) => {
      if (!changing.has(req.method) || req.headers.authorization?.startsWith('Bearer ')) return;
      if (!fromHere(req))
        throw appError(
          'FORBIDDEN_ORIGIN',
          'Dit verzoek komt van een andere website en is geweigerd',
          'This request comes from another website and was refused',
        );
    });
  },
  { name: 'origin-check' },
);
