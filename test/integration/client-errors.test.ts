import { connect } from 'node:net';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testDatabases, type TestApp } from '../support/helpers';

type Headers = Record<string, string>;

/** What ajv and Fastify say in English, which no client should read. */
const english = /\bmust\b|\bshould\b|NOT have|is not a valid url|Body cannot be empty|Unexpected token|Client Error/;

/**
 * A client's mistake answers in the catalog's shape and in the caller's language (Dutch unless
 * Accept-Language says English), naming the property (issue 14); and a route that needs a
 * session says 401 before it reads, let alone checks, a body.
 */
describe.each(testDatabases)('answers to a client mistake on %s', (db) => {
  let t: TestApp;
  let staff: Headers;
  let caseId = '';

  beforeAll(async () => {
    t = await testApp({ db });
    staff = await t.user('coordinator', 'staff', 'coordinator');
    caseId = (
      await t.request({
        method: 'POST',
        url: '/api/cases',
        headers: staff,
        payload: {
          workflow: 'student-traject',
          data: { naam: 'Sanne de Vries', aanmelder: 'uwv', instroomroute: 'ww' },
        },
      })
    ).json().id;
  });
  afterAll(() => t.close());

  /** The app on a real port, for what inject cannot send: bytes HTTP cannot parse, a body not sent. */
  async function port(): Promise<number> {
    if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
    return (t.app.server.address() as { port: number }).port;
  }
  /** Writes raw bytes and collects the answer until the server closes or `done` says enough. */
  async function rawExchange(bytes: string, done: (answer: string) => boolean = () => false): Promise<string> {
    const p = await port();
    return new Promise<string>((resolve, reject) => {
      const socket = connect(p, '127.0.0.1', () => socket.write(bytes));
      let answer = '';
      socket.on('data', (d) => {
        answer += d;
        if (done(answer)) socket.destroy();
      });
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
      setTimeout(() => socket.destroy(), 5000);
    });
  }

  const details = async (opts: InjectOptions) => {
    const res = await t.request(opts);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
    return res.json().error.details as { path: string; message: string }[];
  };

  it('names every unknown and missing property once, in Dutch, and in English when asked', async () => {
    const body = { workflow: 'student-traject', foo: 1, bar: 2 };
    expect(await details({ method: 'POST', url: '/api/cases', headers: staff, payload: body })).toEqual([
      { path: 'body.foo', message: "onbekend veld 'foo'" },
      { path: 'body.bar', message: "onbekend veld 'bar'" },
    ]);
    expect(
      await details({
        method: 'POST',
        url: '/api/cases',
        headers: { ...staff, 'accept-language': 'en' },
        payload: body,
      }),
    ).toEqual([
      { path: 'body.foo', message: "unknown field 'foo'" },
      { path: 'body.bar', message: "unknown field 'bar'" },
    ]);
    expect(await details({ method: 'POST', url: '/api/cases', headers: staff, payload: {} })).toEqual([
      { path: 'body.workflow', message: "verplicht veld 'workflow' ontbreekt" },
    ]);
  });

  it('says what a value must be: its type, its bounds, its form, or the values to choose from', async () => {
    const events = `/api/cases/${caseId}/events`;
    expect(await details({ method: 'POST', url: events, headers: staff, payload: { type: { a: 1 } } })).toEqual([
      { path: 'body.type', message: 'moet tekst zijn' },
    ]);
    expect(await details({ method: 'POST', url: events, headers: staff, payload: { type: 'klein' } })).toEqual([
      { path: 'body.type', message: 'heeft niet de verwachte vorm (^[A-Z][A-Z0-9_]*$)' },
    ]);
    expect(await details({ method: 'POST', url: events, headers: staff, payload: { type: 'X', revision: 0 } })).toEqual(
      [{ path: 'body.revision', message: 'moet minstens 1 zijn' }],
    );
    expect(await details({ method: 'GET', url: '/api/cases?limit=500', headers: staff })).toEqual([
      { path: 'querystring.limit', message: 'mag hoogstens 200 zijn' },
    ]);
    expect(await details({ method: 'GET', url: '/api/cases?limit=veel', headers: staff })).toEqual([
      { path: 'querystring.limit', message: 'moet een geheel getal zijn' },
    ]);
    expect(await details({ method: 'GET', url: '/api/worklist?kind=alles', headers: staff })).toEqual([
      { path: 'querystring.kind', message: 'kies uit: action, sign, behind, verweesd' },
    ]);
    expect(await details({ method: 'GET', url: '/api/worklist?function=iedereen', headers: staff })).toEqual([
      { path: 'querystring.function', message: 'kies uit: docent, coordinator, all' },
    ]);
    expect(
      await details({
        method: 'PUT',
        url: `/api/presence/${caseId}/2026-12-01`,
        headers: staff,
        payload: { status: 'aanwezig', note: { x: 1 } },
      }),
    ).toEqual([{ path: 'body.note', message: 'moet tekst of null zijn' }]);
    expect(await details({ method: 'POST', url: '/api/cases', headers: staff, payload: { workflow: '' } })).toEqual([
      { path: 'body.workflow', message: 'mag niet leeg zijn' },
    ]);
    expect(await details({ method: 'GET', url: '/api/presence?day=morgen', headers: staff })).toEqual([
      { path: 'querystring.day', message: 'heeft niet de verwachte vorm (^[0-9]{4}-[0-9]{2}-[0-9]{2}$)' },
    ]);
    const en = await details({
      method: 'GET',
      url: '/api/worklist?kind=alles&limit=0',
      headers: { ...staff, 'accept-language': 'en' },
    });
    expect(en).toEqual([
      { path: 'querystring.kind', message: 'choose from: action, sign, behind, verweesd' },
      { path: 'querystring.limit', message: 'must be at least 1' },
    ]);
  });

  it("answers a malformed URL, bad JSON and Fastify's other refusals in the catalog's shape, in Dutch", async () => {
    const refusals: [InjectOptions, number, string][] = [
      [{ method: 'GET', url: '/api/%zz', headers: staff }, 400, 'BAD_REQUEST'],
      [{ method: 'GET', url: '/api/cases/%E0%A4%A', headers: staff }, 400, 'BAD_REQUEST'],
      [
        { method: 'POST', url: '/api/cases', headers: { ...staff, 'content-type': 'application/json' }, payload: '{' },
        400,
        'BAD_REQUEST',
      ],
      [
        { method: 'POST', url: '/api/cases', headers: { ...staff, 'content-type': 'application/json' }, payload: '' },
        400,
        'BAD_REQUEST',
      ],
      [
        { method: 'POST', url: '/api/cases', headers: { ...staff, 'content-type': 'text/csv' }, payload: 'a,b' },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        {
          method: 'POST',
          url: '/api/cases',
          headers: { ...staff, 'content-type': 'application/json' },
          payload: JSON.stringify({ workflow: 'x'.repeat(2 * 1024 * 1024) }),
        },
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [{ method: 'GET', url: `/api/cases/${'x'.repeat(200)}`, headers: staff }, 414, 'URI_TOO_LONG'],
    ];
    for (const [opts, status, code] of refusals) {
      for (const [language, words] of [
        ['nl', /\b(het|de|is|niet|te)\b/i],
        ['en', /\b(the|is|not|too)\b/i],
      ] as const) {
        const res = await t.request({ ...opts, headers: { ...opts.headers, 'accept-language': language } });
        const what = `${opts.method} ${opts.url?.toString().slice(0, 40)} (${language}): ${res.body.slice(0, 200)}`;
        expect(res.statusCode, what).toBe(status);
        expect(Object.keys(res.json()), what).toEqual(['error']);
        expect(res.json().error.code, what).toBe(code);
        expect(res.json().error.message, what).toMatch(words);
        if (language === 'nl') expect(res.body, what).not.toMatch(english);
      }
    }
  });

  it("answers a request HTTP itself cannot read in the catalog's shape too", async () => {
    const raw = await rawExchange('GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('Het verzoek') },
    });
  });

  it('says 401 before reading or checking the body on every route that needs a session', async () => {
    const spec = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json();
    // The invitation is redeemed by someone who has no session yet, as a login is.
    const open = ['GET /api/health', 'POST /api/auth/login', 'POST /api/auth/invitation'];
    let checked = 0;
    for (const [path, methods] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(methods)) {
        const route = `${method.toUpperCase()} ${path}`;
        if (open.includes(route)) continue;
        const url = `${path.replace(/\{[^}]+\}/g, 'x%00y')}?onbekend=1&limit=Infinity`;
        const res = await t.request({
          method: method.toUpperCase() as 'GET',
          url,
          ...(method === 'get' || method === 'delete'
            ? {}
            : { headers: { 'content-type': 'application/json' }, payload: '{"kapot": ' }),
        });
        expect(res.statusCode, `${route}: ${res.body}`).toBe(401);
        expect(res.json().error.code, route).toBe('UNAUTHENTICATED');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(35);

    // A staff member on a manager's route: 403 before the body, too.
    const forbidden = await t.request({
      method: 'PUT',
      url: '/api/workflows/student-traject/draft',
      headers: { ...staff, 'content-type': 'application/json' },
      payload: '{"kapot": ',
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('answers an import without a session before its 8 MB body has been sent', async () => {
    // Announces 8 MB and sends a few bytes: an answer can only come before the rest is read.
    const raw = await rawExchange(
      'POST /api/workflows/import HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 8000000\r\n\r\n{"format":',
      (answer) => answer.includes('}}'),
    );
    expect(raw).toMatch(/^HTTP\/1\.1 401/);
    expect(raw).toContain('"code":"UNAUTHENTICATED"');
  });
});
