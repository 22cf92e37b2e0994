import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Definition } from '../../engine';
import { introWorkflow } from '../support/fixtures';
import { testApp, testDatabases, type TestApp } from '../support/helpers';

type Headers = Record<string, string>;

describe.each(testDatabases)('a variant follows its upstream: three-way merge on %s', (db) => {
  let t: TestApp;
  let venray: Headers;
  let horst: Headers;

  beforeAll(async () => {
    t = await testApp({ db, workflows: [introWorkflow] });
    venray = await t.user('projectleider', 'manager');
    const host = await t.as('admin');
    await t.request({
      method: 'POST',
      url: '/api/sites',
      headers: host,
      payload: { id: 'horst', name: 'Horst', admin: { username: 'horst-beheer', password: 'horst-wachtwoord' } },
    });
    const admin = await t.as('horst-beheer', 'horst-wachtwoord');
    await t.request({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { username: 'horst-leider', password: 'horst-leider-wachtwoord', role: 'manager' },
    });
    horst = await t.as('horst-leider');
  });
  afterAll(() => t.close());

  const call = async (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    headers: Headers,
    payload?: unknown,
    status = 200,
  ) => {
    const json = typeof payload === 'string' ? { 'content-type': 'application/json' } : {};
    const res = await t.request({
      method,
      url,
      headers: { ...headers, ...json },
      ...(payload !== undefined ? { payload: payload as string | object } : {}),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return res;
  };
  const publishAs = async (headers: Headers, def: Definition) => {
    await call('PUT', '/api/workflows/test-intro/draft', headers, { definition: def });
    await call('POST', '/api/workflows/test-intro/publish', headers, {});
  };

  it('shows upstream and local changes side by side, merges per choice into a draft, and follows the new upstream', async () => {
    // Horst takes Venray's version 1 and makes it its own.
    const v1 = (await call('GET', '/api/workflows/test-intro/export', venray)).body;
    await call('POST', '/api/workflows/import', horst, v1, 201);
    await call('POST', '/api/workflows/test-intro/publish', horst, {});
    const local: Definition = structuredClone(introWorkflow);
    local.fields.telefoon = { type: 'string', label: { nl: 'Telefoon' } };
    local.machine.states.leerroute.meta!.label = { nl: 'Leerroute Horst' };
    await publishAs(horst, local);
    expect((await call('GET', '/api/workflows/test-intro/export', horst)).json().provenance).toMatchObject({
      site: 'horst',
      version: 2,
      basedOn: { site: 'venray', key: 'test-intro', version: 1 },
    });

    // Venray publishes version 2: a longer introduction, a pause step, and its own name for the route.
    const upstream: Definition = structuredClone(introWorkflow);
    upstream.machine.states.introductie.states!.lopend.after = {
      '12w': { target: 'besluit', meta: { label: { nl: 'Twaalf weken voorbij' } } },
    };
    upstream.machine.states.leerroute.meta!.label = { nl: 'Persoonlijke leerroute' };
    upstream.machine.states.leerroute.on!.PAUZEREN = { target: 'pauze', meta: { label: { nl: 'Pauzeren' } } };
    upstream.machine.states.pauze = {
      meta: { label: { nl: 'Pauze' } },
      on: { HERVAT: { target: 'leerroute', meta: { label: { nl: 'Hervat' } } } },
    };
    await publishAs(venray, upstream);
    const v2 = (await call('GET', '/api/workflows/test-intro/export', venray)).body;

    const preview = (await call('POST', '/api/workflows/import?dryRun=true', horst, v2)).json();
    expect(preview.merge.base).toEqual({ site: 'venray', key: 'test-intro', version: 1 });
    const items = Object.fromEntries(preview.merge.items.map((i: { path: string }) => [i.path, i]));
    expect(items['fields.telefoon']).toMatchObject({
      default: 'local',
      conflict: false,
      local: { text: "Veld 'Telefoon' (tekst) toegevoegd" },
    });
    expect(items['machine.states.introductie.states.lopend.after.12w']).toMatchObject({
      default: 'upstream',
      upstream: { kind: 'added', element: 'timer' },
    });
    expect(items['machine.states.pauze']).toMatchObject({
      default: 'upstream',
      upstream: { text: "Stap 'Pauze' toegevoegd" },
    });
    expect(items['machine.states.leerroute']).toMatchObject({
      conflict: true,
      upstream: { text: "Stap 'Leerroute': heet nu 'Persoonlijke leerroute'" },
      local: { text: "Stap 'Leerroute': heet nu 'Leerroute Horst'" },
    });

    // Horst keeps its name for the route, takes the twelve weeks, but not the pause step.
    const merged = await call('POST', '/api/workflows/test-intro/merge', horst, {
      package: v2,
      choices: { 'machine.states.pauze': 'local', 'machine.states.leerroute.on.PAUZEREN': 'local' },
    });
    const draft = merged.json().draft;
    expect(draft).toMatchObject({ problems: [], upstream: { site: 'venray', key: 'test-intro', version: 2 } });
    expect(draft.definition.machine.states.leerroute.meta.label.nl).toBe('Leerroute Horst');
    expect(draft.definition.machine.states.introductie.states.lopend.after).toHaveProperty('12w');
    expect(draft.definition.machine.states).not.toHaveProperty('pauze');
    expect(draft.definition.fields).toHaveProperty('telefoon');
    expect((await call('GET', '/api/workflows/test-intro', horst)).json().version).toBe(2);

    await call('POST', '/api/workflows/test-intro/publish', horst, {});
    expect((await call('GET', '/api/workflows/test-intro/export', horst)).json().provenance.basedOn).toEqual({
      site: 'venray',
      key: 'test-intro',
      version: 2,
    });
    // The same upstream again: nothing new to merge.
    expect((await call('POST', '/api/workflows/import?dryRun=true', horst, v2)).json().merge).toBeUndefined();
  });

  it('refuses to merge into a workflow that follows no upstream', async () => {
    const own = (await call('GET', '/api/workflows/test-intro/export', venray)).body;
    const res = await call('POST', '/api/workflows/test-intro/merge', venray, { package: own }, 422);
    expect(res.json().error.code).toBe('NO_UPSTREAM');
  });
});
