import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Definition } from '../../engine';
import { introWorkflow } from '../support/fixtures';
import { testApp, testDatabases, type TestApp } from '../support/helpers';

describe.each(testDatabases)('drafts, versions and migration on %s', (db) => {
  let t: TestApp;
  let staff: Record<string, string>;
  let manager: Record<string, string>;
  const url = '/api/workflows/test-intro';

  beforeAll(async () => {
    t = await testApp({ db, workflows: [introWorkflow] });
    staff = await t.user('docent', 'staff', 'docent');
    manager = await t.user('projectleider', 'manager');
  });
  afterAll(() => t.close());

  const newCase = async (naam: string) => {
    const res = await t.request({
      method: 'POST',
      url: '/api/cases',
      headers: staff,
      payload: { workflow: 'test-intro', data: { naam } },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const put = (definition: unknown, headers = manager, revision?: number) =>
    t.request({
      method: 'PUT',
      url: `${url}/draft`,
      headers,
      payload: { definition, ...(revision ? { revision } : {}) },
    });

  // Version 2 puts an intake conversation before the introduction and drops "Loopt".
  const v2 = (): Definition => {
    const d = structuredClone(introWorkflow);
    d.machine.initial = 'gesprek';
    d.machine.states = {
      gesprek: {
        meta: { label: { nl: 'Startgesprek', en: 'Start conversation' } },
        on: { GEVOERD: { target: 'introductie', meta: { label: { nl: 'Gesprek gevoerd' } } } },
      },
      ...d.machine.states,
    };
    const intro = d.machine.states.introductie;
    intro.initial = 'week1';
    const { lopend, ...rest } = intro.states!;
    intro.states = {
      week1: { ...lopend, meta: { ...lopend.meta, label: { nl: 'Eerste weken', en: 'First weeks' } } },
      ...rest,
    };
    return d;
  };

  it('keeps staff out of drafts (403) and refuses what is not a workflow (422 with paths)', async () => {
    expect((await put(v2(), staff)).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: `${url}/draft`, headers: staff })).statusCode).toBe(403);
    const bad = await put({ ...v2(), machine: 'nee' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toMatchObject({ code: 'INVALID_DEFINITION', details: [{ path: 'definition.machine' }] });
    const wrongKey = await put({ ...v2(), key: 'iets-anders' });
    expect(wrongKey.json().error.details[0].path).toBe('definition.key');
    expect((await t.request({ method: 'GET', url: `${url}/draft`, headers: manager })).statusCode).toBe(404);
  });

  it('saves a draft with its problems, refuses to publish it, then publishes version 2 once fixed', async () => {
    const old = await newCase('Blijft op versie 1');
    const broken = v2();
    broken.machine.states.gesprek.on!.GEVOERD = { target: 'introductei', meta: { label: { nl: 'Gesprek gevoerd' } } };
    const saved = await put(broken);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().problems).toEqual([
      expect.objectContaining({ path: 'machine.states.gesprek.on.GEVOERD.target', severity: 'error' }),
    ]);
    const refused = await t.request({ method: 'POST', url: `${url}/publish`, headers: manager, payload: {} });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details[0].path).toBe('machine.states.gesprek.on.GEVOERD.target');

    const stale = await put(v2(), manager, saved.json().revision + 5);
    expect(stale.statusCode).toBe(409);
    const fixed = await put(v2(), manager, saved.json().revision);
    expect(fixed.json()).toMatchObject({ problems: [], basedOn: 1 });
    const list = (await t.request({ method: 'GET', url: '/api/workflows', headers: staff })).json().items[0];
    expect(list).toMatchObject({ latestVersion: 1, hasDraft: true });

    const published = await t.request({ method: 'POST', url: `${url}/publish`, headers: manager, payload: {} });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ version: 2, running: [{ version: 1, cases: 1 }] });
    expect((await t.request({ method: 'GET', url: `${url}/draft`, headers: manager })).statusCode).toBe(404);

    const fresh = await newCase('Start op versie 2');
    expect(fresh).toMatchObject({ workflow: { version: 2 }, state: 'gesprek' });
    const still = (await t.request({ method: 'GET', url: `/api/cases/${old.id}`, headers: staff })).json();
    expect(still).toMatchObject({ workflow: { version: 1 }, state: 'introductie.lopend' });
    const v1 = (await t.request({ method: 'GET', url: `${url}/versions/1`, headers: staff })).json();
    expect(v1.definition.machine.initial).toBe('introductie');
  });

  it('migrates running cases: a dry run lists each with its landing and problems, applying moves the approved ones', async () => {
    // Cases started on version 2 are no part of a migration from version 1.
    await newCase('Anna');
    await newCase('Bram');
    expect((await t.request({ method: 'GET', url: `${url}/running`, headers: manager })).json()).toEqual({
      latestVersion: 2,
      running: [
        { version: 1, cases: 1 },
        { version: 2, cases: 3 },
      ],
    });
    const dry = await t.request({
      method: 'POST',
      url: `${url}/migrations`,
      headers: manager,
      payload: { from: 1, to: 2, dryRun: true },
    });
    expect(dry.statusCode, dry.body).toBe(200);
    const plan = dry.json();
    expect(plan.stateMap).toMatchObject({ 'introductie.besluit': 'introductie.besluit', klaar: 'klaar' });
    expect(plan.stateMap['introductie.lopend']).toBeUndefined();
    expect(plan.cases).toHaveLength(1);
    expect(plan.cases[0]).toMatchObject({
      title: 'Blijft op versie 1',
      from: 'introductie.lopend',
      chosen: false,
      problems: [{ severity: 'error', path: 'stateMap.introductie.lopend' }],
    });
    expect(plan.migration).toBeUndefined();

    const refused = await t.request({
      method: 'POST',
      url: `${url}/migrations`,
      headers: manager,
      payload: { from: 1, to: 2, dryRun: false, cases: [plan.cases[0].id] },
    });
    expect(refused.statusCode).toBe(422);

    const mapped = { 'introductie.lopend': 'introductie.week1' };
    const dry2 = (
      await t.request({
        method: 'POST',
        url: `${url}/migrations`,
        headers: manager,
        payload: { from: 1, to: 2, stateMap: mapped, dryRun: true },
      })
    ).json();
    expect(dry2.cases[0]).toMatchObject({
      to: 'introductie.week1',
      toLabel: 'Introductie › Eerste weken',
      chosen: true,
      problems: [],
    });
    const applied = await t.request({
      method: 'POST',
      url: `${url}/migrations`,
      headers: manager,
      payload: { from: 1, to: 2, stateMap: mapped, dryRun: false, cases: [plan.cases[0].id] },
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ moved: 1, migration: expect.any(String) });

    // What the designer's publish panel shows: open cases per version, none left on 1.
    const running = await t.request({ method: 'GET', url: `${url}/running`, headers: manager });
    expect(running.statusCode, running.body).toBe(200);
    expect(running.json()).toEqual({ latestVersion: 2, running: [{ version: 2, cases: 4 }] });
    const moved = (await t.request({ method: 'GET', url: `/api/cases/${plan.cases[0].id}`, headers: staff })).json();
    expect(moved).toMatchObject({ workflow: { version: 2 }, state: 'introductie.week1' });
    const history = (
      await t.request({ method: 'GET', url: `/api/cases/${plan.cases[0].id}/history`, headers: staff })
    ).json().items;
    expect(history.at(-1)).toMatchObject({
      event: 'MIGRATIE',
      actor: 'projectleider',
      from: 'introductie.lopend',
      to: 'introductie.week1',
      data: { migration: applied.json().migration, fromVersion: 1, toVersion: 2 },
    });
    const again = (
      await t.request({
        method: 'POST',
        url: `${url}/migrations`,
        headers: manager,
        payload: { from: 1, to: 2, dryRun: true },
      })
    ).json();
    expect(again.cases).toEqual([]);
  });

  it('answers 404 for a version that does not exist and 403 for staff', async () => {
    expect(
      (
        await t.request({
          method: 'POST',
          url: `${url}/migrations`,
          headers: manager,
          payload: { from: 1, to: 9, dryRun: true },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.request({
          method: 'POST',
          url: `${url}/migrations`,
          headers: staff,
          payload: { from: 1, to: 2, dryRun: true },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.request({ method: 'GET', url: `${url}/running`, headers: staff })).statusCode).toBe(403);
    expect(
      (await t.request({ method: 'GET', url: '/api/workflows/bestaat-niet/running', headers: manager })).statusCode,
    ).toBe(404);
  });

  it('refuses a first save that expects no draft when another tab made one (409), and a save on a draft gone meanwhile', async () => {
    const fromPublished = (await t.request({ method: 'GET', url, headers: manager })).json().definition;
    const { version: _v, ...definition } = fromPublished;
    const first = await t.request({
      method: 'PUT',
      url: `${url}/draft`,
      headers: manager,
      payload: { definition, revision: 0 },
    });
    expect(first.statusCode, first.body).toBe(200);
    // The other tab also started from the published version: it may not replace the draft.
    const second = await t.request({
      method: 'PUT',
      url: `${url}/draft`,
      headers: manager,
      payload: { definition: { ...definition, title: { nl: 'Anders' } }, revision: 0 },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'STALE_REVISION', details: [{ path: 'revision' }] });
    const kept = (await t.request({ method: 'GET', url: `${url}/draft`, headers: manager })).json();
    expect(kept.definition.title.nl).toBe(definition.title.nl);

    expect((await t.request({ method: 'DELETE', url: `${url}/draft`, headers: manager })).statusCode).toBe(204);
    const onGone = await put(definition, manager, kept.revision);
    expect(onGone.statusCode).toBe(409);
    expect((await t.request({ method: 'GET', url: `${url}/draft`, headers: manager })).statusCode).toBe(404);
  });

  it('lists every version with who published it, when, the note asked at publishing, and its open cases per step', async () => {
    const { version: _v, ...definition } = (await t.request({ method: 'GET', url, headers: manager })).json()
      .definition;
    expect((await put(definition)).statusCode).toBe(200);
    const published = await t.request({
      method: 'POST',
      url: `${url}/publish`,
      headers: manager,
      payload: { note: '  Alleen opnieuw gepubliceerd, om de lijst te zien  ' },
    });
    expect(published.statusCode, published.body).toBe(200);
    const list = await t.request({ method: 'GET', url: `${url}/versions`, headers: manager });
    expect(list.statusCode, list.body).toBe(200);
    const { items } = list.json();
    expect(items.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(items[0]).toMatchObject({
      note: 'Alleen opnieuw gepubliceerd, om de lijst te zien',
      publishedBy: expect.any(String),
      running: 0,
      steps: [],
    });
    expect(items[1].note).toBeUndefined();
    expect(items[1]).toMatchObject({
      running: 4,
      steps: [
        // Three started on version 2; the one moved over from version 1 waits in its first weeks.
        { state: 'gesprek', label: 'Startgesprek', cases: 3 },
        { state: 'introductie.week1', label: 'Introductie › Eerste weken', cases: 1 },
      ],
    });
    expect(items[2]).toMatchObject({ running: 0, steps: [] });
    expect((await t.request({ method: 'GET', url: `${url}/versions`, headers: staff })).statusCode).toBe(403);
    expect(
      (await t.request({ method: 'GET', url: '/api/workflows/bestaat-niet/versions', headers: manager })).statusCode,
    ).toBe(404);
  });
});
