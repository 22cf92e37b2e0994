import { afterAll, beforeAll, expect, it } from 'vitest';
import { sessionCookie } from '../../server/plugins/auth';
import { adminPassword, testApp, type TestApp } from '../support/helpers';

// Same-site CSRF: a form on another port of the same host posts with a manager's cookie.
let t: TestApp;
let cookie: string;
const host = 'wlb.example:3000';

beforeAll(async () => {
  t = await testApp({ allowedOrigins: ['https://intranet.example'] });
  await t.user('projectleider', 'manager');
  const res = await t.request({
    method: 'POST',
    url: '/api/auth/login',
    headers: { host },
    payload: { username: 'projectleider', password: 'projectleider-wachtwoord' },
  });
  cookie = `${sessionCookie}=${res.cookies.find((c) => c.name === sessionCookie)!.value}`;
});
afterAll(() => t.close());

const importWith = (headers: Record<string, string>) =>
  t.request({
    method: 'POST',
    url: '/api/workflows/import',
    headers: { host, 'content-type': 'text/plain', ...headers },
    payload: 'geen pakket',
  });

it('refuses a cookie-carrying import from another origin with 403 FORBIDDEN_ORIGIN, before the body is judged', async () => {
  for (const origin of ['http://wlb.example:4000', 'http://evil.example', 'null']) {
    const res = await importWith({ cookie, origin });
    expect(res.statusCode, origin).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN_ORIGIN');
  }
});

it('refuses a cross-site or same-site request that says so only in Sec-Fetch-Site', async () => {
  for (const site of ['cross-site', 'same-site']) {
    const res = await importWith({ cookie, 'sec-fetch-site': site });
    expect(res.statusCode, site).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN_ORIGIN');
  }
});

it('lets the same origin, a configured origin and a client without Origin through to the body', async () => {
  for (const headers of <Record<string, string>[]>[
    { origin: `http://${host}` },
    { origin: 'https://intranet.example' },
    { 'sec-fetch-site': 'same-origin' },
    {},
  ]) {
    const res = await importWith({ cookie, ...headers });
    expect(res.statusCode, JSON.stringify(headers)).toBe(422);
  }
});

it('checks every state-changing method, and leaves reads alone', async () => {
  const foreign = { cookie, origin: 'http://evil.example', host };
  const refused = await Promise.all([
    t.request({ method: 'POST', url: '/api/auth/logout', headers: foreign }),
    t.request({ method: 'PUT', url: '/api/workflows/x/draft', headers: foreign, payload: {} }),
    t.request({ method: 'PATCH', url: '/api/users/1', headers: foreign, payload: {} }),
    t.request({ method: 'DELETE', url: '/api/workflows/x/draft', headers: foreign }),
  ]);
  expect(refused.map((r) => r.json().error.code)).toEqual(Array(4).fill('FORBIDDEN_ORIGIN'));
  expect((await t.request({ method: 'GET', url: '/api/auth/me', headers: foreign })).statusCode).toBe(200);
});

it('refuses a login posted from another origin, so nobody is logged into an account not their own', async () => {
  const res = await t.request({
    method: 'POST',
    url: '/api/auth/login',
    headers: { host, origin: 'http://evil.example' },
    payload: { username: 'admin', password: adminPassword },
  });
  expect(res.json().error.code).toBe('FORBIDDEN_ORIGIN');
});

it('does not check a Bearer token: a page elsewhere cannot make the browser send one', async () => {
  const bearer = await t.as('projectleider');
  const res = await importWith({ ...bearer, cookie, origin: 'http://evil.example' });
  expect(res.statusCode).toBe(422);
});
