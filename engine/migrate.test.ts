import { describe, expect, it } from 'vitest';
import { applyEvent, fireTimer, position, signChecklistItem, startCase, type PersistedSnapshot } from './cases';
import type { Definition } from './definition';
import { migrateSnapshot, planCaseMigration, suggestStateMap } from './migrate';
import { validateDefinition } from './validate';

const v1: Definition = {
  key: 'm',
  subject: 'client',
  title: { nl: 'M' },
  titleField: 'naam',
  fields: { naam: { type: 'string', label: { nl: 'Naam' } }, oud: { type: 'string', label: { nl: 'Oud veld' } } },
  startForm: [{ field: 'naam', required: true }, { field: 'oud' }],
  machine: {
    id: 'm',
    initial: 'hulpvraag',
    states: {
      hulpvraag: {
        meta: { label: { nl: 'Hulpvraag' }, checklist: [{ id: 'gebeld', label: { nl: 'Gebeld' } }] },
        on: { VERDER: { target: 'huisbezoek', meta: { label: { nl: 'Verder' } } } },
      },
      huisbezoek: {
        meta: { label: { nl: 'Huisbezoek' } },
        on: { VERDER: { target: 'klaar', meta: { label: { nl: 'Verder' } } } },
      },
      klaar: { type: 'final', meta: { label: { nl: 'Klaar' }, outcome: 'klaar' } },
    },
  },
};

// v2 renames a step, adds a step with a timer, drops a field and a checklist item.
const v2: Definition = {
  ...v1,
  fields: { naam: { type: 'string', label: { nl: 'Naam' } }, telefoon: { type: 'string', label: { nl: 'Telefoon' } } },
  startForm: [
    { field: 'naam', required: true },
    { field: 'telefoon', required: true },
  ],
  machine: {
    id: 'm',
    initial: 'aanvraag',
    states: {
      aanvraag: {
        meta: { label: { nl: 'Hulpvraag' } },
        on: { VERDER: { target: 'bezoek', meta: { label: { nl: 'Verder' } } } },
      },
      bezoek: {
        initial: 'plannen',
        meta: { label: { nl: 'Bezoek' } },
        states: {
          plannen: {
            meta: { label: { nl: 'Plannen' } },
            after: { '2w': { target: 'te-laat', meta: { label: { nl: 'Twee weken' } } } },
          },
          'te-laat': { meta: { label: { nl: 'Te laat' } } },
        },
        on: { VERDER: { target: 'klaar', meta: { label: { nl: 'Verder' } } } },
      },
      klaar: { type: 'final', meta: { label: { nl: 'Klaar' }, outcome: 'klaar' } },
    },
  },
};

const t0 = new Date('2026-09-01T09:00:00.000Z');
const days = (n: number) => new Date(t0.getTime() + n * 86_400_000);

function started(): PersistedSnapshot {
  const r = startCase(v1, { naam: 'Riet', oud: 'x' }, t0);
  if (!r.ok) throw new Error();
  const s = signChecklistItem(
    v1,
    r.snapshot,
    { item: 'gebeld', signed: true },
    { username: 'c', role: 'staff', function: 'coordinator' },
    t0,
  );
  if (!s.ok) throw new Error();
  return s.snapshot;
}

describe('migration of running cases', () => {
  it('suggests a mapping by path and by Dutch name, leaving the rest unmapped', () => {
    expect(validateDefinition(v2)).toEqual([]);
    expect(suggestStateMap(v1, v2)).toEqual({ hulpvraag: 'aanvraag', klaar: 'klaar' });
  });

  it('lists an unmapped step as an error, and lost data, fields and signatures as warnings', () => {
    const plan = planCaseMigration(v1, v2, started(), suggestStateMap(v1, v2));
    expect(plan.to).toEqual(['aanvraag']);
    expect(plan.problems.map((p) => `${p.severity} ${p.path}`)).toEqual([
      'warning data.oud',
      'warning data.telefoon',
      'warning checklist.gebeld',
    ]);

    const s = applyEvent(v1, started(), { type: 'VERDER' }, { role: 'staff' }, days(1));
    if (!s.ok) throw new Error();
    const unmapped = planCaseMigration(v1, v2, s.snapshot, suggestStateMap(v1, v2));
    expect(unmapped.to).toBeUndefined();
    expect(unmapped.problems[0]).toMatchObject({ severity: 'error', path: 'stateMap.huisbezoek' });
    expect(planCaseMigration(v1, v2, s.snapshot, { huisbezoek: 'klaar' }).problems[0].message.en).toContain('final');
  });

  it('moves a case into the mapped step of the new version, which then runs on, with its timers', () => {
    const s = applyEvent(v1, started(), { type: 'VERDER' }, { role: 'staff' }, days(1));
    if (!s.ok) throw new Error();
    const plan = planCaseMigration(v1, v2, s.snapshot, { huisbezoek: 'bezoek' });
    expect(plan.to).toEqual(['bezoek.plannen']);
    const { snapshot, timers } = migrateSnapshot(v2, s.snapshot, plan.to!, days(3));
    expect(position(v2, snapshot)).toMatchObject({ state: 'bezoek.plannen', done: false });
    expect(snapshot.context.data).toEqual({ naam: 'Riet', oud: 'x' });
    // The case entered its step on day 1: the two-week timer counts from then.
    expect(timers.schedule).toEqual([
      {
        id: 'xstate.after.2w.m.bezoek.plannen',
        event: 'xstate.after.2w.m.bezoek.plannen',
        due: days(15).toISOString(),
      },
    ]);
    const fired = fireTimer(v2, JSON.parse(JSON.stringify(snapshot)), timers.schedule[0].event, days(15));
    expect(fired).toMatchObject({ ok: true, changed: true, to: 'bezoek.te-laat' });
    const done = applyEvent(v2, snapshot, { type: 'VERDER' }, { role: 'staff' }, days(4));
    expect(done.ok && position(v2, done.snapshot)).toMatchObject({ state: 'klaar', outcome: 'klaar', done: true });
  });
});
