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
 * A client's mistake is a 4xx in the catalog's shape, never a 500 (issue 14): a definition
 * nested too deep for any route that takes one, an SCXML character reference beyond Unicode.
 */
describe.each(testDatabases)('bad input on %s', (db) => {
  let t: TestApp;
  let manager: Headers;

  const send = (opts: InjectOptions) => t.request(opts);

  beforeAll(async () => {
    t = await testApp({ db });
    manager = await t.user('projectleider', 'manager');
  });
  afterAll(() => t.close());

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
});
