import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Definition } from '../../engine';
import { Timer } from '../../server/db/entities';
import { longSession, testApp, testDatabases, type TestApp } from '../support/helpers';
import { TestClock } from '../support/planning';

/** A trajectory whose timer reads its start date and whose deadline reads the planned end. */
const dated: Definition = {
  key: 'test-data',
  subject: 'student',
  title: { nl: 'Traject met data (test)' },
  titleField: 'naam',
  fields: {
    naam: { type: 'string', label: { nl: 'Naam' } },
    start: { type: 'date', label: { nl: 'Startdatum' } },
    duur: { type: 'number', label: { nl: 'Duur (maanden)' } },
    geplandEinde: { type: 'date', label: { nl: 'Geplande einddatum' } },
  },
  startForm: [
    { field: 'naam', required: true },
    { field: 'start', required: true },
    { field: 'duur', required: true },
  ],
  machine: {
    id: 'test-data',
    initial: 'loopt',
    states: {
      loopt: {
        meta: {
          label: { nl: 'Loopt' },
          due: { by: 'geplandEinde', minus: '4w', label: { nl: 'Eindgesprek plannen' } },
        },
        after: { '@start+10w': { target: 'evaluatie', meta: { label: { nl: 'Tien weken na de start' } } } },
      },
      evaluatie: {
        meta: { label: { nl: 'Evaluatie' } },
        on: { KLAAR: { target: 'klaar', meta: { label: { nl: 'Klaar' } } } },
      },
      klaar: { type: 'final', meta: { label: { nl: 'Klaar' }, outcome: 'klaar' } },
    },
  },
  reports: { plan: { startField: 'start', monthsField: 'duur', endField: 'geplandEinde' } },
};

/**
 * A correction of a date that a timer or a deadline reads moves them with it, once: the old
 * time passes without anything happening, the new one fires, and the history says so.
 */
describe.each(testDatabases)('a corrected date on %s', (db) => {
  let t: TestApp;
  let coordinator: Record<string, string>;
  const clock = new TestClock(new Date('2026-09-01T09:00:00Z'));

  const ok = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await t.request({ method, url, headers: coordinator, ...(payload ? { payload } : {}) });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const scheduled = async (caseId: string) =>
    (await t.app.orm.em.fork().find(Timer, { case: caseId, status: 'scheduled' }, { orderBy: { dueAt: 'asc' } })).map(
      (r) => [r.timerId, r.dueAt.toISOString()],
    );

  beforeAll(async () => {
    t = await testApp({ db, now: clock.now, workflows: [dated] });
    await t.user('coordinator', 'staff', 'coordinator');
    // The clock runs through months here: a session that outlives it.
    coordinator = await longSession(t, 'coordinator', clock.at);
  });
  afterAll(() => t.close());

  it('sets the timer, the planned end and the deadline again when the start date is corrected', async () => {
    const made = await ok('POST', '/api/cases', {
      workflow: 'test-data',
      data: { naam: 'Sanne', start: '2026-09-01', duur: 12 },
    });
    expect(made.data.geplandEinde).toBe('2027-09-01');
    const before = await scheduled(made.id);
    expect(before).toHaveLength(2);
    const [timerBefore] = made.timers.map((x: { dueAt: string }) => x.dueAt);
    const [deadlineBefore] = made.deadlines.map((x: { dueAt: string }) => x.dueAt);

    const corrected = await ok('POST', `/api/cases/${made.id}/corrections`, {
      field: 'start',
      value: '2026-09-15',
      reason: 'Startte twee weken later',
    });
    expect(corrected).toMatchObject({ state: 'loopt', revision: made.revision + 1 });
    expect(corrected.data.geplandEinde).toBe('2027-09-15');
    const fortnight = 14 * 86_400_000;
    const [timerAfter] = corrected.timers.map((x: { dueAt: string }) => x.dueAt);
    const [deadlineAfter] = corrected.deadlines.map((x: { dueAt: string }) => x.dueAt);
    expect(Date.parse(timerAfter) - Date.parse(timerBefore)).toBe(fortnight);
    expect(Date.parse(deadlineAfter) - Date.parse(deadlineBefore)).toBe(fortnight);
    // One row each, at the new time: the old rows are cancelled, not left to fire.
    const after = await scheduled(made.id);
    expect(after.map(([, due]) => due).sort()).toEqual([timerAfter, deadlineAfter].sort());

    const history = (await ok('GET', `/api/cases/${made.id}/history`)).items;
    expect(history.at(-1)).toMatchObject({
      event: 'correction',
      eventLabel: 'Gecorrigeerd: Startdatum; 2 termijnen opnieuw berekend',
      data: {
        field: 'start',
        from: '2026-09-01',
        to: '2026-09-15',
        plannedEnd: { from: '2027-09-01', to: '2027-09-15' },
      },
    });
    expect(
      history
        .at(-1)
        .data.rescheduled.map((r: { dueAt: string }) => r.dueAt)
        .sort(),
    ).toEqual([timerAfter, deadlineAfter].sort());

    // The old time passes with nothing happening; the new one fires the timer, once.
    clock.set(new Date(Date.parse(timerBefore) + 60_000));
    expect(await t.app.scheduler.runDue()).toBe(0);
    expect((await ok('GET', `/api/cases/${made.id}`)).state).toBe('loopt');
    clock.set(new Date(Date.parse(timerAfter) + 60_000));
    expect(await t.app.scheduler.runDue()).toBe(1);
    expect(await t.app.scheduler.runDue()).toBe(0);
    const moved = await ok('GET', `/api/cases/${made.id}`);
    expect(moved.state).toBe('evaluatie');
    const rows = (await ok('GET', `/api/cases/${made.id}/history`)).items;
    expect(rows.filter((r: { to: string }) => r.to === 'evaluatie')).toHaveLength(1);
  });

  it('moves nothing when the field corrected is read by no timer, and never corrects the planned end itself', async () => {
    clock.set('2026-10-01T09:00:00Z');
    const made = await ok('POST', '/api/cases', {
      workflow: 'test-data',
      data: { naam: 'Sem', start: '2026-10-01', duur: 18 },
    });
    const before = await scheduled(made.id);
    await ok('POST', `/api/cases/${made.id}/corrections`, {
      field: 'naam',
      value: 'Sem de Boer',
      reason: 'Achternaam',
    });
    expect(await scheduled(made.id)).toEqual(before);
    const last = (await ok('GET', `/api/cases/${made.id}/history`)).items.at(-1);
    expect(last.eventLabel).toBe('Gecorrigeerd: Naam');
    expect(last.data).not.toHaveProperty('rescheduled');
    expect(last.data).not.toHaveProperty('plannedEnd');

    const end = await t.request({
      method: 'POST',
      url: `/api/cases/${made.id}/corrections`,
      headers: coordinator,
      payload: { field: 'geplandEinde', value: '2030-01-01', reason: 'Langer' },
    });
    expect(end.statusCode).toBe(422);
    expect(end.json().error.details[0].path).toBe('field');
    // The duration read by the plan moves the planned end and the deadline, not the start's timer.
    const longer = await ok('POST', `/api/cases/${made.id}/corrections`, {
      field: 'duur',
      value: 24,
      reason: 'Verlengd',
    });
    expect(longer.data.geplandEinde).toBe('2028-10-01');
    const row = (await ok('GET', `/api/cases/${made.id}/history`)).items.at(-1);
    expect(row.data.rescheduled).toHaveLength(1);
    expect(row.data.plannedEnd).toEqual({ from: '2028-04-01', to: '2028-10-01' });
  });
});
