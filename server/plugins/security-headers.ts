import fp from 'fastify-plugin';

/** Everything from this origin only, nothing inline, nothing framing it, no plugins. */
const appPolicy = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  // elk's layout runs in a Web Worker loaded from the app's own assets.
  'worker-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

const policy = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

/**
 * The swagger UI at /api/docs writes its own `<style>` elements from its script: inline styles,
 * for those pages only. Its scripts stay `'self'`.
 */
const docsPolicy = { ...appPolicy, 'style-src': "'self' 'unsafe-inline'" };

const headers = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // For browsers that do not read frame-ancestors.
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * The headers @fastify/helmet would set, written out (it is not a dependency): on every answer,
 * the app's pages, the API and its errors alike, set before routing so a 404 has them too.
 * An API answer is JSON, so the app's policy costs it nothing and keeps a JSON body that a
 * browser is tricked into rendering from running anything.
 */
export default fp(
  async (app) => {
    const forApp = { ...headers, 'content-security-policy': policy(appPolicy) };
    const docs = { ...headers, 'content-security-policy': policy(docsPolicy) };
    app.addHook('onRequest', async (req, reply) => {
      reply.headers(req.url === '/api/docs' || req.url.startsWith('/api/docs/') ? docs : forApp);
    });
  },
  { name: 'security-headers' },
);
