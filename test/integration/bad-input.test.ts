import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePackage, toScxml, type Definition } from '../../engine';
import { introWorkflow } from '../support/fixtures';
import { testApp, testDatabases, type TestApp } from '../support/helpers';

type Headers = Record<string, string>;

/** A workflow with a step that holds `depth` steps nested inside each other. */
function nestedWorkflow(depth: number): Definition {
  const def = structuredClone(introWorkflow);
  let inner: Record<string, unknown> = { meta: { label: { nl: 'Binnenste' } } };
  for (let i = 0; i < depth; i++)
    inner = { initial: `s${i}`, meta: { label: { nl: `Laag ${i}` } }, states: { [`s${i}`]: inner } };
  (def.machine.states as Record<string, unknown>).diep = inner;
  return def;
}

/** The same as the text of a draft's body, for depths that JSON.stringify cannot write. */
function nestedDraftText(depth: number): string {
  const innermost = '{"meta":{"label":{"nl":"Binnenste"}}}';
  const steps = '{"initial":"s","meta":{"label":{"nl":"Laag"}},"states":{"s":'.repeat(depth);
  return JSON.stringify({ definition: nestedWorkflow(0) }).replace(
    innermost,
    `${steps}${innermost}${'}}'.repeat(depth)}`,
  );
}

/**
 * A client's mistake is a 4xx in the catalog's shape, never a 500 (issue 14): a NUL byte in any
 * string that reaches a query, a number that is not finite, a definition nested too deep for
 * any route that takes one, an SCXML character reference beyond Unicode. The error log of a
 * failing query names no personal data.
 */
describe.each(testDatabases)('bad input on %s', (db) => {
  let t: TestApp;
  let staff: Headers;
  let manager: Headers;
  let caseId = '';
  const logs: string[] = [];

  const send = (opts: InjectOptions) => t.request(opts);
  /** A 400 BAD_REQUEST whose details name the path. */
  async function refused(opts: InjectOptions, path: string, words: RegExp) {
    const res = await send(opts);
    expect(res.statusCode, `${opts.method} ${opts.url}: ${res.body}`).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.details, res.body).toEqual(expect.arrayContaining([{ path, message: expect.stringMatching(words) }]));
    return res;
  }

  beforeAll(async () => {
    t = await testApp({
      db,
      logger: { level: 'error', stream: { write: (line: string) => logs.push(line) } },
    } as never);
    staff = await t.user('coordinator', 'staff', 'coordinator');
    manager = await t.user('projectleider', 'manager');
    const created = await send({
      method: 'POST',
      url: '/api/cases',
      headers: staff,
      payload: { workflow: 'student-traject', data: { naam: 'Sanne de Vries', aanmelder: 'uwv', instroomroute: 'ww' } },
    });
    caseId = created.json().id;
  });
  afterAll(() => t.close());

  it('refuses a NUL byte in any string with 400 naming where, and writes no SQL to the log', async () => {
    const nul = /NUL/;
    await refused({ method: 'GET', url: '/api/cases/a%00b', headers: staff }, 'params.id', nul);
    await refused(
      { method: 'POST', url: '/api/auth/login', payload: { username: 'x\u0000', password: 'geheim-wachtwoord' } },
      'body.username',
      nul,
    );
    await refused({ method: 'GET', url: '/api/cases?q=Sanne%00', headers: staff }, 'querystring.q', nul);
    await refused(
      {
        method: 'POST',
        url: `/api/cases/${caseId}/events`,
        headers: staff,
        payload: { type: 'INTAKE_PLANNEN', data: { intakeDatum: '2026-09-01', 'x\u0000': 1 } },
      },
      'body.data.x\u0000',
      nul,
    );
    await refused(
      {
        method: 'PUT',
        url: `/api/presence/${caseId}/2026-12-01`,
        headers: staff,
        payload: { status: 'afgemeld', note: 'ziek\u0000' },
      },
      'body.note',
      nul,
    );
    const english = await send({
      method: 'GET',
      url: '/api/cases/a%00b',
      headers: { ...staff, 'accept-language': 'en' },
    });
    expect(english.json().error.details[0].message).toMatch(/contains a NUL character/);
    // Nothing failed, so nothing was logged: no SQL text with the names searched for.
    expect(logs.join('')).toBe('');
  });

  it('refuses Infinity and 1e309 in a number with 400, in the query string, the path and a body', async () => {
    const finite = /eindig getal/;
    await refused({ method: 'GET', url: '/api/cases?offset=Infinity', headers: staff }, 'querystring.offset', finite);
    await refused({ method: 'GET', url: '/api/cases?limit=1e309', headers: staff }, 'querystring.limit', finite);
    await refused(
      { method: 'GET', url: '/api/worklist?offset=-Infinity', headers: staff },
      'querystring.offset',
      finite,
    );
    await refused(
      { method: 'GET', url: '/api/workflows/student-traject/versions/Infinity', headers: staff },
      'params.version',
      finite,
    );
    await refused(
      { method: 'GET', url: '/api/workflows/student-traject/export?version=1e309', headers: staff },
      'querystring.version',
      finite,
    );
    await refused(
      {
        method: 'POST',
        url: `/api/cases/${caseId}/events`,
        headers: { ...staff, 'content-type': 'application/json' },
        payload: '{"type":"INTAKE_PLANNEN","revision":"Infinity","data":{"intakeDatum":"2026-09-01"}}',
      },
      'body.revision',
      finite,
    );
    await refused(
      {
        method: 'POST',
        url: '/api/cases',
        headers: { ...staff, 'content-type': 'application/json' },
        payload:
          '{"workflow":"student-traject","data":{"naam":"Piet","aanmelder":"uwv","instroomroute":"ww","leeftijd":1e309}}',
      },
      'body.data.leeftijd',
      finite,
    );
    expect((await send({ method: 'GET', url: '/api/cases?offset=0&limit=5', headers: staff })).statusCode).toBe(200);
  });

  it('holds every route that takes a definition to the same limits of depth and size, with a 422', async () => {
    const deep = nestedWorkflow(40);
    const draft = await send({
      method: 'PUT',
      url: '/api/workflows/test-intro/draft',
      headers: manager,
      payload: { definition: { ...deep, key: 'test-intro' } },
    });
    expect(draft.statusCode, draft.body).toBe(422);
    // Named where the limit is crossed.
    expect(draft.json().error).toMatchObject({
      code: 'INVALID_DEFINITION',
      details: [{ path: expect.stringMatching(/^definition\.machine\.states\.diep\.states\.s39\./) }],
    });
    expect(draft.json().error.details[0].message).toMatch(/meer dan 64/);

    const pkg = makePackage(deep, { site: 'horst', version: 1, exportedAt: '2026-11-01T09:00:00.000Z', basedOn: null });
    const imported = await send({
      method: 'POST',
      url: '/api/workflows/import',
      headers: { ...manager, 'content-type': 'application/json' },
      payload: JSON.stringify(pkg),
    });
    expect(imported.statusCode).toBe(422);
    expect(imported.json().error.details[0].message).toMatch(/meer dan 64/);

    const scxml = await send({
      method: 'POST',
      url: '/api/workflows/student-traject/scxml',
      headers: { ...manager, 'content-type': 'application/xml' },
      payload: toScxml(deep),
    });
    expect(scxml.statusCode, scxml.body).toBe(422);
    expect(scxml.json().error.details[0].message).toMatch(/meer dan 64/);

    // Ten thousand nested steps: a 422 as well, not a stack overflow.
    const deeper = await send({
      method: 'PUT',
      url: '/api/workflows/test-intro/draft',
      headers: { ...manager, 'content-type': 'application/json' },
      payload: nestedDraftText(10_000),
    });
    expect(deeper.statusCode, deeper.body.slice(0, 300)).toBe(422);
    expect(deeper.json().error.code).toBe('INVALID_DEFINITION');

    // Over 1 MB: the same words whether it comes as a draft or as a package.
    const big = structuredClone(introWorkflow);
    big.description = { nl: 'x'.repeat(1024 * 1024) };
    for (const res of [
      await send({
        method: 'PUT',
        url: '/api/workflows/test-intro/draft',
        headers: manager,
        payload: { definition: big },
      }),
      await send({
        method: 'POST',
        url: '/api/workflows/import',
        headers: { ...manager, 'content-type': 'application/json' },
        payload: JSON.stringify(
          makePackage(big, { site: 'horst', version: 1, exportedAt: '2026-11-01T09:00:00.000Z', basedOn: null }),
        ),
      }),
    ]) {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
      expect(res.json().error.details[0].message).toMatch(/meer dan 1 MB/);
    }
  });

  it('refuses a character reference beyond Unicode, or to a character XML forbids, with 422', async () => {
    const xml = toScxml(introWorkflow);
    for (const bad of ['&#x110000;', '&#0;', '&#xD800;', '&#99999999999;', '\u0000']) {
      const res = await send({
        method: 'POST',
        url: '/api/workflows/test-intro/scxml',
        headers: { ...manager, 'content-type': 'application/xml' },
        payload: xml.replace('name="test-intro"', `name="test-intro${bad}"`),
      });
      expect(res.statusCode, `${bad}: ${res.body}`).toBe(422);
      expect(res.json().error.code).toBe('INVALID_SCXML');
    }
  });

  it('logs a failing query without its SQL or the names in it', async () => {
    const conn = t.app.orm.em.getConnection();
    await conn.execute('alter table wf_case rename to wf_case_elders');
    try {
      const res = await send({ method: 'GET', url: '/api/cases?q=Sanne+de+Vries', headers: staff });
      expect(res.statusCode).toBe(500);
      expect(res.json().error).toEqual({ code: 'INTERNAL', message: 'Er ging iets mis op de server' });
    } finally {
      await conn.execute('alter table wf_case_elders rename to wf_case');
    }
    const logged = logs.join('');
    expect(logged).toContain('request failed');
    expect(logged).toMatch(/"code":"(SQLITE_ERROR|42P01)"/);
    expect(logged).not.toContain('Sanne');
    expect(logged).not.toMatch(/select /i);
  });
});
