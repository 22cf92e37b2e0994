import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  availableEvents,
  fireTimer,
  position,
  signChecklistItem,
  startCase,
  type PersistedSnapshot,
} from './cases';
import type { Definition } from './definition';
import { validateDefinition } from './validate';

// Ten weeks of introduction: after them, "set duration and learning route" is due.
const def: Definition = {
  key: 'intro',
  subject: 'student',
  title: { nl: 'Intro' },
  titleField: 'naam',
  fields: { naam: { type: 'string', label: { nl: 'Naam' } } },
  startForm: [{ field: 'naam', required: true }],
  machine: {
    id: 'intro',
    initial: 'introductie',
    on: { STOPPEN: { target: '.gestopt', meta: { label: { nl: 'Stoppen' } } } },
    states: {
      introductie: {
        initial: 'lopend',
        meta: { label: { nl: 'Introductie' } },
        states: {
          lopend: {
            meta: {
              label: { nl: 'Loopt' },
              checklist: [
                { id: 'portfolio-gestart', label: { nl: 'Portfolio gestart' } },
                { id: 'rooster', label: { nl: 'Rooster ontvangen' }, roles: ['manager'] },
              ],
            },
            after: { '10w': { target: 'besluit', meta: { label: { nl: 'Tien weken voorbij' } } } },
          },
          besluit: { meta: { label: { nl: 'Duur en leerroute vaststellen' } } },
        },
        on: {
          VASTGESTELD: {
            target: 'leerroute',
            guard: {
              type: 'rule',
              params: { all: [{ checklist: 'introductie' }, { timeInStep: { op: 'gte', duration: '10w' } }] },
            },
            meta: { label: { nl: 'Vastgesteld' } },
          },
        },
      },
      leerroute: {
        meta: { label: { nl: 'Leerroute' } },
        on: { KLAAR: { target: 'klaar', meta: { label: { nl: 'Klaar' } } } },
      },
      klaar: { type: 'final', meta: { label: { nl: 'Klaar' }, outcome: 'klaar' } },
      gestopt: { type: 'final', meta: { label: { nl: 'Gestopt' }, outcome: 'gestopt' } },
    },
  },
};

// A winter start: the eleven weeks these tests step through stay clear of summer time.
const t0 = new Date('2027-01-05T09:00:00.000Z');
const weeks = (n: number) => new Date(t0.getTime() + n * 7 * 86_400_000);
const staff = { role: 'staff' as const, function: 'coordinator' as const, username: 'docent' };

function start(): { snapshot: PersistedSnapshot; timers: { schedule: { id: string; event: string; due: string }[] } } {
  const r = startCase(def, { naam: 'Sanne' }, t0);
  if (!r.ok) throw new Error(r.message.en);
  return r;
}

describe('durable timers as effects', () => {
  it('validates', () => {
    expect(validateDefinition(def)).toEqual([]);
  });

  it('asks the caller to schedule the ten-week timer when the step is entered', () => {
    const { timers } = start();
    expect(timers.schedule).toEqual([
      {
        id: 'xstate.after.10w.intro.introductie.lopend',
        event: 'xstate.after.10w.intro.introductie.lopend',
        due: weeks(10).toISOString(),
      },
    ]);
  });

  it('moves on when the timer fires, once; a second firing changes nothing', () => {
    const { snapshot, timers } = start();
    const fired = fireTimer(def, snapshot, timers.schedule[0].event, weeks(10));
    expect(fired).toMatchObject({ ok: true, changed: true, from: 'introductie.lopend', to: 'introductie.besluit' });
    if (!fired.ok) return;
    const again = fireTimer(def, fired.snapshot, timers.schedule[0].event, weeks(11));
    expect(again).toMatchObject({ ok: true, changed: false });
  });

  it('asks to cancel the timer when the step is left before it fires', () => {
    const { snapshot } = start();
    const r = applyEvent(def, snapshot, { type: 'STOPPEN' }, staff, weeks(2));
    expect(r).toMatchObject({
      ok: true,
      timers: { schedule: [], cancel: ['xstate.after.10w.intro.introductie.lopend'] },
    });
  });
});

describe('checklist and time rules through a case', () => {
  it('blocks until the checklist is signed and ten weeks have passed, saying what is missing', () => {
    let s = start().snapshot;
    const first = availableEvents(def, s, staff, weeks(1)).find((e) => e.type === 'VASTGESTELD')!;
    expect(first.allowed).toBe(false);
    expect(first.reason?.nl).toBe(
      'Nog niet afgetekend (2): Portfolio gestart; Rooster ontvangen; Nodig: minstens 10 weken in deze stap (nu: 7 dagen)',
    );

    const signed = signChecklistItem(def, s, { item: 'portfolio-gestart', signed: true }, staff, weeks(1));
    expect(signed.ok).toBe(true);
    if (!signed.ok) return;
    s = signed.snapshot;
    expect(s.context.checklist['portfolio-gestart']).toEqual({ by: 'docent', at: weeks(1).toISOString() });
    expect(signChecklistItem(def, s, { item: 'rooster', signed: true }, staff, weeks(1))).toMatchObject({
      ok: false,
      code: 'ROLE_NOT_ALLOWED',
    });
    expect(signChecklistItem(def, s, { item: 'nope', signed: true }, staff, weeks(1))).toMatchObject({
      ok: false,
      code: 'UNKNOWN_ITEM',
    });
    const byManager = signChecklistItem(
      def,
      s,
      { item: 'rooster', signed: true },
      { role: 'manager', username: 'pl' },
      weeks(1),
    );
    if (!byManager.ok) throw new Error('manager may sign');
    s = byManager.snapshot;

    expect(applyEvent(def, s, { type: 'VASTGESTELD' }, staff, weeks(9))).toMatchObject({
      ok: false,
      code: 'EVENT_NOT_ALLOWED',
    });
    const done = applyEvent(def, s, { type: 'VASTGESTELD' }, staff, weeks(10));
    expect(done).toMatchObject({ ok: true, to: 'leerroute' });
    if (done.ok) expect(position(def, done.snapshot).label.nl).toBe('Leerroute');
  });

  it('unsigning takes the signature away again', () => {
    const s = start().snapshot;
    const a = signChecklistItem(def, s, { item: 'portfolio-gestart', signed: true }, staff, t0);
    if (!a.ok) throw new Error();
    const b = signChecklistItem(def, a.snapshot, { item: 'portfolio-gestart', signed: false }, staff, t0);
    expect(b.ok && b.snapshot.context.checklist).toEqual({});
  });
});

describe('validator on timers and checklists', () => {
  it('reports a timer without a target, a duplicate checklist id and a rule on an unknown checklist step', () => {
    const broken = structuredClone(def);
    const intro = broken.machine.states.introductie;
    intro.states!.lopend.after = { '10w': { meta: { label: { nl: 'x' } } } };
    intro.states!.besluit.meta!.checklist = [{ id: 'rooster', label: { nl: 'Dubbel' } }];
    intro.on!.VASTGESTELD = {
      target: 'leerroute',
      guard: { type: 'rule', params: { checklist: 'bestaat-niet' } },
      meta: { label: { nl: 'V' } },
    };
    const paths = validateDefinition(broken).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'machine.states.introductie.states.lopend.after.10w.target',
        'machine.states.introductie.states.besluit.meta.checklist.0.id',
        'machine.states.introductie.on.VASTGESTELD.guard.params.checklist',
      ]),
    );
  });

  it('refuses a duration that is not one', () => {
    const broken = structuredClone(def) as unknown as {
      machine: { states: { introductie: { states: { lopend: { after: Record<string, unknown> } } } } };
    };
    broken.machine.states.introductie.states.lopend.after = { 'tien weken': { target: 'besluit' } };
    expect(validateDefinition(broken).length).toBeGreaterThan(0);
  });
});
