import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCases, type Definition, type RecordedCase } from '../../engine';
import { introWorkflow } from '../support/fixtures';
import { longSession, testApp, testDatabases, type TestApp } from '../support/helpers';

// The histories a replay against a draft reads: paged, by period, and screened like any history.
const screenedIntro: Definition = {
  ...structuredClone(introWorkflow),
  key: 'afgeschermd-intro',
  machine: { ...structuredClone(introWorkflow.machine), id: 'afgeschermd-intro' },
  fields: { naam: { type: 'string', label: { nl: 'Naam', en: 'Name' }, personal: true } },
  // Only coördinatoren see names: not the projectleider.
  privacy: { functions: ['coordinator'], roles: [] },
};

describe.each(testDatabases)('recorded histories for replaying on %s', (db) => {
  let t: TestApp;
  let clock = new Date('2025-09-01T09:00:00Z');
  let coordinator: Record<string, string>;
  let manager: Record<string, string>;
  const ids: string[] = [];

  const post = async (url: string, payload: unknown, headers = coordinator) => {
    const res = await t.request({ method: 'POST', url, headers, payload: payload as object });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const histories = (key: string, query = '', headers = manager) =>
    t.request({ method: 'GET', url: `/api/workflows/${key}/histories${query}`, headers });

  beforeAll(async () => {
    t = await testApp({ db, now: () => clock, workflows: [introWorkflow, screenedIntro] });
    await t.user('coordinatrice', 'staff', 'coordinator');
    await t.user('projectleider', 'manager');
    // The clock goes back and forth over months: sessions that outlive it.
    coordinator = await longSession(t, 'coordinatrice', clock);
    manager = await longSession(t, 'projectleider', clock);
    for (const [naam, at] of [
      ['Anna', '2025-09-01'],
      ['Bram', '2025-10-15'],
      ['Cem', '2026-02-01'],
    ] as const) {
      clock = new Date(`${at}T09:00:00Z`);
      const c = await post('/api/cases', { workflow: 'test-intro', data: { naam } });
      ids.push(c.id);
      await post(`/api/cases/${c.id}/checklist`, { item: 'portfolio-gestart', signed: true });
      await post(`/api/cases/${c.id}/notes`, { text: `${naam} vertelde over thuis`, meeting: false });
    }
    await post(`/api/cases/${ids[1]}/events`, { type: 'STOPPEN', data: {} });
    await post('/api/cases', { workflow: 'afgeschermd-intro', data: { naam: 'Dilan' } });
  });
  afterAll(() => t.close());

  it('hands out each case with its history, oldest first, people by role and function, without notes', async () => {
    const res = await histories('test-intro');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.total).toBe(3);
    expect(page.items.map((c: RecordedCase) => c.title)).toEqual(['Anna', 'Bram', 'Cem']);
    expect(page.items[1]).toMatchObject({ version: 1, state: 'gestopt', stateLabel: 'Gestopt', done: true });
    expect(page.items[0].events).toEqual([
      {
        event: 'START',
        at: '2025-09-01T09:00:00.000Z',
        data: { naam: 'Anna' },
        by: { role: 'staff', function: 'coordinator' },
      },
      {
        event: 'checklist.sign',
        at: '2025-09-01T09:00:00.000Z',
        data: { item: 'portfolio-gestart' },
        by: { role: 'staff', function: 'coordinator' },
      },
    ]);
    // Nobody is named, and a note's free text never leaves.
    expect(res.body).not.toContain('coordinatrice');
    expect(res.body).not.toContain('vertelde over thuis');
  });

  it('pages, and chooses the cases started in a period', async () => {
    const second = (await histories('test-intro', '?limit=1&offset=1')).json();
    expect(second).toMatchObject({ total: 3, items: [{ title: 'Bram' }] });
    const autumn = (await histories('test-intro', '?from=2025-10-01&to=2025-12-31')).json();
    expect(autumn.items.map((c: RecordedCase) => c.title)).toEqual(['Bram']);
    const bad = await histories('test-intro', '?from=2026-01-01&to=2025-01-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('querystring.from');
  });

  it('screens personal data as any history does: the name and the field are left out, and named', async () => {
    const page = (await histories('afgeschermd-intro')).json();
    expect(page.items[0].title).toMatch(/^afgeschermd · /);
    expect(page.items[0].events[0]).toMatchObject({ event: 'START', data: {}, hidden: ['naam'] });
    expect(JSON.stringify(page)).not.toContain('Dilan');
  });

  it('is for managers only, of a workflow the site has', async () => {
    expect((await histories('test-intro', '', coordinator)).statusCode).toBe(403);
    expect((await histories('bestaat-niet')).statusCode).toBe(404);
  });

  it('replays what it hands out: the same version lets every case through, a new rule stops those it names', async () => {
    const page = (await histories('test-intro')).json();
    expect(replayCases(introWorkflow, page.items).summary).toMatchObject({ cases: 3, ok: 3, elsewhere: 0 });
    const draft = structuredClone(introWorkflow);
    draft.machine.on!.STOPPEN = {
      ...(draft.machine.on!.STOPPEN as object),
      guard: { type: 'rule', params: { field: 'naam', op: 'ne', value: 'Bram' } },
    };
    const { summary } = replayCases(draft, page.items);
    expect(summary).toMatchObject({ ok: 2, refused: 1 });
    expect(summary.text.nl).toBe(
      "Van 3 dossiers zou er 1 stoppen bij 'Introductie › Loopt': Nodig: Naam is niet 'Bram' (nu: 'Bram')",
    );
  });
});
