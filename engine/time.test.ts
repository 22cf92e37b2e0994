import { describe, expect, it } from 'vitest';
import type { SiteCalendar } from './calendar';
import { applyEvent, availableEvents, fireTimer, position, startCase, type PersistedSnapshot } from './cases';
import { passedDeadlines } from './deadlines';
import type { Definition, TransitionConfig } from './definition';
import { progress } from './progress';
import { fromScxml, toScxml } from './scxml';
import { caseTime } from './time';
import type { TimerEffects } from './timers';
import { validateDefinition } from './validate';

const label = (nl: string, en = nl) => ({ nl, en });

// A small trajectory with every kind of time: a start moment, a timer that keeps its time
// across a pause, a timer until a date field, a leave that pauses the plan, deadlines, and a
// rule on the time since a date.
const def: Definition = {
  key: 'tijd',
  subject: 'student',
  title: label('Tijd'),
  titleField: 'naam',
  fields: {
    naam: { type: 'string', label: label('Naam', 'Name') },
    start: { type: 'date', label: label('Startdatum', 'Start date') },
    duur: { type: 'number', label: label('Duur in maanden', 'Duration in months'), min: 1, max: 36 },
    einde: { type: 'date', label: label('Geplande einddatum', 'Planned end') },
    stageStart: { type: 'date', label: label('Stage begint op', 'Placement starts on') },
  },
  startForm: [{ field: 'naam', required: true }],
  reports: { plan: { startField: 'start', monthsField: 'duur', endField: 'einde' } },
  machine: {
    id: 'tijd',
    initial: 'wachten',
    on: { STOPPEN: { target: '.gestopt', meta: { label: label('Stoppen') } } },
    states: {
      wachten: {
        meta: { label: label('Wacht op het startmoment') },
        after: { '@09-01,02-01': { target: 'traject', meta: { label: label('Startmoment', 'Start moment') } } },
      },
      traject: {
        initial: 'praktijk',
        meta: { label: label('Traject') },
        on: {
          PLANNEN: {
            meta: {
              label: label('Plannen', 'Plan'),
              form: [
                { field: 'start', required: true },
                { field: 'duur', required: true },
              ],
            },
          },
          UITPLANNEN: { target: '#tijd.pauze', meta: { label: label('Uitplannen') } },
          VERLOF: { target: '#tijd.verlof', meta: { label: label('Verlof') } },
        },
        states: {
          praktijk: {
            meta: {
              label: label('Praktijk', 'Practice'),
              due: { within: '3w', functions: ['docent'], label: label('Praktijkgesprek', 'Practice talk') },
            },
            after: {
              '4w': {
                target: 'stage',
                meta: {
                  label: label('Vier weken praktijk voorbij', 'Four weeks of practice passed'),
                  resume: 'remaining',
                },
              },
            },
          },
          stage: {
            initial: 'plannen',
            meta: { label: label('Stage') },
            after: {
              '@einde-1mo': { target: '#tijd.afronden', meta: { label: label('Laatste maand', 'Last month') } },
            },
            states: {
              plannen: {
                meta: { label: label('Stage plannen') },
                on: {
                  STAGE_STARTEN: {
                    target: 'loopt',
                    meta: {
                      label: label('Stage starten', 'Start placement'),
                      form: [{ field: 'stageStart', required: true }],
                      functions: ['coordinator'],
                      due: { by: 'einde', minus: '2mo', functions: ['docent'] },
                    },
                  },
                },
              },
              loopt: {
                meta: { label: label('Stage loopt') },
                on: {
                  AFRONDEN: {
                    target: '#tijd.afronden',
                    guard: {
                      type: 'rule',
                      params: { timeSince: { field: 'stageStart', op: 'gte', duration: '3mo' } },
                    },
                    meta: { label: label('Afronden') },
                  },
                },
              },
            },
          },
          verder: { type: 'history', history: 'deep' },
        },
      },
      pauze: {
        meta: { label: label('Uitgepland') },
        on: { HERVATTEN: { target: 'traject.verder', meta: { label: label('Hervatten') } } },
      },
      verlof: {
        meta: { label: label('Verlof'), pausesPlan: true },
        on: { TERUG: { target: 'traject.verder', meta: { label: label('Terug van verlof') } } },
      },
      afronden: {
        meta: { label: label('Afronden') },
        on: { KLAAR: { target: 'klaar', meta: { label: label('Klaar') } } },
      },
      klaar: { type: 'final', meta: { label: label('Klaar'), outcome: 'klaar' } },
      gestopt: { type: 'final', meta: { label: label('Gestopt'), outcome: 'gestopt' } },
    },
  },
};

const day = 86_400_000;
const docent = { role: 'staff' as const, function: 'docent' as const };

/** A case on a stepped clock, with the timers it was asked to schedule, fired when due. */
class Case {
  s: PersistedSnapshot;
  timers = new Map<string, string>();
  constructor(
    readonly d: Definition,
    public now: Date,
    readonly calendar?: SiteCalendar,
  ) {
    const r = startCase(d, { naam: 'Sanne' }, now, undefined, { calendar });
    if (!r.ok) throw new Error(r.message.en);
    this.s = r.snapshot;
    this.track(r.timers);
  }
  track(t: TimerEffects) {
    t.cancel.forEach((id) => this.timers.delete(id));
    t.schedule.forEach((x) => this.timers.set(x.id, x.due));
  }
  /** Moves the clock to `iso` (or on by days), firing due timers at their due time. */
  at(to: string | number) {
    this.now = typeof to === 'number' ? new Date(this.now.getTime() + to * day) : new Date(to);
    for (;;) {
      const due = [...this.timers]
        .filter(([, d]) => Date.parse(d) <= this.now.getTime())
        .sort((a, b) => a[1].localeCompare(b[1]));
      if (!due.length) return this;
      const [id, when] = due[0];
      this.timers.delete(id);
      const r = fireTimer(this.d, this.s, id, new Date(when), { calendar: this.calendar });
      if (!r.ok) throw new Error(r.message.en);
      this.s = r.snapshot;
      this.track(r.timers);
    }
  }
  do(type: string, data?: Record<string, unknown>) {
    const r = applyEvent(this.d, this.s, { type, data }, docent, this.now, { calendar: this.calendar });
    if (!r.ok) throw new Error(`${type}: ${r.message.en}`);
    this.s = r.snapshot;
    this.track(r.timers);
    return r;
  }
  get state() {
    return position(this.d, this.s).state;
  }
  get time() {
    return caseTime(this.d, this.s, this.now, { calendar: this.calendar });
  }
}

describe('time in a workflow', () => {
  it('validates', () => {
    expect(validateDefinition(def)).toEqual([]);
  });

  it('waits for the next start moment: enrolled in November, the programme starts on 1 February', () => {
    const c = new Case(def, new Date('2026-11-09T10:00:00Z'));
    expect([...c.timers.values()]).toEqual(['2027-01-31T23:00:00.000Z']);
    expect(c.time.timers).toMatchObject([
      {
        event: 'xstate.after.@09-01,02-01.tijd.wachten',
        dueAt: '2027-01-31T23:00:00.000Z',
        paused: false,
        text: {
          nl: 'Startmoment op 1 februari 2027, nog 12 weken',
          en: 'Start moment on 1 February 2027, 12 weeks left',
        },
      },
    ]);
    c.at('2027-01-31T22:59:00Z');
    expect(c.state).toBe('wachten');
    c.at('2027-01-31T23:00:00Z');
    expect(c.state).toBe('traject.praktijk');
    // Four weeks of practice from the start moment, not from the enrolment.
    expect(c.time.timers[0]).toMatchObject({ dueAt: '2027-02-28T23:00:00.000Z', remaining: 28 * day });
  });

  it('on the day of a start moment, starts that same day', () => {
    const c = new Case(def, new Date('2027-09-01T07:00:00Z'));
    expect([...c.timers.values()]).toEqual(['2027-08-31T22:00:00.000Z']);
    c.at(0);
    expect(c.state).toBe('traject.praktijk');
  });

  it('holds a timer with resume "remaining" while the case is paused, and goes on with the time left', () => {
    const c = new Case(def, new Date('2027-01-05T09:00:00Z')).at('2027-02-01T09:00:00Z');
    expect(c.state).toBe('traject.praktijk');
    c.at(15);
    const paused = c.do('UITPLANNEN');
    expect(paused.timers).toEqual({ schedule: [], cancel: ['xstate.after.4w.tijd.traject.praktijk'] });
    expect(c.time.timers).toEqual([
      {
        id: 'xstate.after.4w.tijd.traject.praktijk',
        event: 'xstate.after.4w.tijd.traject.praktijk',
        label: { nl: 'Vier weken praktijk voorbij', en: 'Four weeks of practice passed' },
        paused: true,
        remaining: 13 * day - 9 * 3_600_000 - 3_600_000,
        text: {
          nl: 'Vier weken praktijk voorbij: gepauzeerd, nog 12 dagen',
          en: 'Four weeks of practice passed: paused, 12 days left',
        },
      },
    ]);
    c.at(20);
    const back = c.do('HERVATTEN');
    expect(c.state).toBe('traject.praktijk');
    // Back on 8 March at 10:00: 12 days and 14 hours were left, so it is due at midnight on 21 March.
    expect(back.timers.schedule).toEqual([
      {
        id: 'xstate.after.4w.tijd.traject.praktijk',
        event: 'xstate.after.4w.tijd.traject.praktijk',
        due: '2027-03-20T23:00:00.000Z',
      },
    ]);
    c.at('2027-03-20T22:59:00Z');
    expect(c.state).toBe('traject.praktijk');
    c.at('2027-03-20T23:00:00Z');
    expect(c.state).toBe('traject.stage.plannen');
  });

  it('starts again by default (resume "restart")', () => {
    const restart = structuredClone(def);
    const t = restart.machine.states.traject.states!.praktijk.after!['4w'] as TransitionConfig;
    delete t.meta!.resume;
    const c = new Case(restart, new Date('2027-01-05T09:00:00Z')).at('2027-02-01T09:00:00Z').at(15);
    c.do('UITPLANNEN');
    expect(c.time.timers).toEqual([]);
    c.at(20);
    expect(c.do('HERVATTEN').timers.schedule[0].due).toBe('2027-04-05T08:00:00.000Z');
  });

  it('counts only open days for a timer that says so, on the calendar it is given', () => {
    const open = structuredClone(def);
    (open.machine.states.traject.states!.praktijk.after!['4w'] as TransitionConfig).meta!.openDays = true;
    const voorjaar: SiteCalendar = {
      closed: [{ from: '2027-02-15', to: '2027-02-19', label: label('Voorjaarsvakantie') }],
    };
    const c = new Case(open, new Date('2027-01-05T09:00:00Z'), voorjaar).at('2027-02-01T09:00:00Z');
    expect(c.time.timers[0].dueAt).toBe('2027-03-05T23:00:00.000Z');
    c.at('2027-03-05T22:00:00Z');
    expect(c.state).toBe('traject.praktijk');
    c.at('2027-03-06T00:00:00Z');
    expect(c.state).toBe('traject.stage.plannen');
  });

  it('runs a timer until a date field, and follows the field when the plan changes', () => {
    const c = new Case(def, new Date('2026-08-20T09:00:00Z')).at('2026-09-01T09:00:00Z').at(28);
    expect(c.state).toBe('traject.stage.plannen');
    // No planned end yet: the timer until it waits for the date.
    expect(c.time.timers).toEqual([]);
    const planned = c.do('PLANNEN', { start: '2026-09-01', duur: 12 });
    expect(c.s.context.data.einde).toBe('2027-09-01');
    const id = 'xstate.after.@einde-1mo.tijd.traject.stage';
    expect(planned.timers.schedule).toEqual([{ id, event: id, due: '2027-07-31T22:00:00.000Z' }]);
    expect(c.time.timers[0].text.nl).toBe('Laatste maand op 1 augustus 2027, nog 10 maanden');
    const replanned = c.do('PLANNEN', { start: '2026-09-01', duur: 18 });
    expect(c.s.context.data.einde).toBe('2028-03-01');
    expect(replanned.timers.schedule).toEqual([{ id, event: id, due: '2028-01-31T23:00:00.000Z' }]);
    c.at('2028-02-01T08:00:00Z');
    expect(c.state).toBe('afronden');
  });

  it('a leave pauses the plan: the planned end moves on by its length, and the practice timer waits', () => {
    const c = new Case(def, new Date('2026-08-20T09:00:00Z')).at('2026-09-01T09:00:00Z');
    c.do('PLANNEN', { start: '2026-09-01', duur: 12 });
    c.at(7).do('VERLOF');
    expect(c.state).toBe('verlof');
    expect(c.time.timers).toMatchObject([
      { paused: true, text: { nl: 'Vier weken praktijk voorbij: gepauzeerd, nog 3 weken' } },
    ]);
    c.at(42);
    expect(progress(def, c.s, c.now)).toMatchObject({ plannedEnd: '2027-10-13', leaveDays: 42 });
    c.do('TERUG');
    expect(c.state).toBe('traject.praktijk');
    expect(c.s.context.data.einde).toBe('2027-10-13');
    expect(c.s.context.leave).toEqual({ days: 42 });
    // Halfway the agreed year in time gone by, the leave not counted.
    const p = progress(def, c.s, new Date('2027-04-13T09:00:00Z'));
    expect(p.elapsed).toBeCloseTo(0.5, 1);
  });

  it('computes deadlines from the snapshot and now, says when one passed, and moves nothing', () => {
    const c = new Case(def, new Date('2026-08-20T09:00:00Z')).at('2026-09-01T09:00:00Z');
    const [talk] = c.time.deadlines;
    expect(talk).toMatchObject({
      id: 'deadline:traject.praktijk',
      label: { nl: 'Praktijkgesprek', en: 'Practice talk' },
      dueAt: '2026-09-21T22:00:00.000Z',
      functions: ['docent'],
      overdue: false,
      soon: false,
      step: 'traject.praktijk',
      text: {
        nl: 'Praktijkgesprek: uiterlijk 22 september 2026, nog 3 weken',
        en: 'Practice talk: due by 22 September 2026, 3 weeks left',
      },
    });
    c.at(18);
    expect(c.time.deadlines[0]).toMatchObject({ overdue: false, soon: true });
    c.at(5);
    expect(c.state).toBe('traject.praktijk');
    expect(c.time.deadlines[0]).toMatchObject({
      overdue: true,
      text: { nl: 'Praktijkgesprek: uiterlijk 22 september 2026, 2 dagen te laat' },
    });
    const passed = (from: string, to: string) =>
      passedDeadlines(def, c.s, new Date(from), new Date(to)).map((d) => d.id);
    expect(passed('2026-09-20T00:00:00Z', '2026-09-22T00:00:00Z')).toEqual(['deadline:traject.praktijk']);
    expect(passed('2026-09-22T00:00:00Z', '2026-09-24T00:00:00Z')).toEqual([]);
    expect(passed('2026-09-01T00:00:00Z', '2026-09-21T21:59:00Z')).toEqual([]);
  });

  it("an action's deadline counts from a date field minus a duration, for the function it names", () => {
    const c = new Case(def, new Date('2026-08-20T09:00:00Z')).at('2026-09-01T09:00:00Z').at(28);
    expect(c.time.deadlines).toEqual([]);
    c.do('PLANNEN', { start: '2026-09-01', duur: 12 });
    expect(c.time.deadlines).toMatchObject([
      {
        id: 'deadline:traject.stage.plannen:STAGE_STARTEN',
        event: 'STAGE_STARTEN',
        label: { nl: 'Stage starten', en: 'Start placement' },
        dueAt: '2027-06-30T22:00:00.000Z',
        functions: ['docent'],
        overdue: false,
      },
    ]);
    c.do('STAGE_STARTEN', { stageStart: '2026-10-01' });
    expect(c.time.deadlines).toEqual([]);
  });

  it('a rule on the time since a date field says in words what it needs', () => {
    const c = new Case(def, new Date('2026-08-20T09:00:00Z')).at('2026-09-01T09:00:00Z').at(28);
    c.do('STAGE_STARTEN', { stageStart: '2026-10-01' });
    const afronden = () => availableEvents(def, c.s, docent, c.now).find((e) => e.type === 'AFRONDEN')!;
    expect(afronden()).toMatchObject({
      allowed: false,
      reason: {
        nl: 'Nodig: minstens 3 maanden sinds Stage begint op (begint pas op 1 oktober 2026)',
        en: 'Required: at least 3 months since Placement starts on (only begins on 1 October 2026)',
      },
    });
    c.at('2026-10-31T09:00:00Z');
    expect(afronden().reason).toEqual({
      nl: 'Nodig: minstens 3 maanden sinds Stage begint op (nu: 30 dagen)',
      en: 'Required: at least 3 months since Placement starts on (now: 30 days)',
    });
    c.at('2026-12-31T22:59:00Z');
    expect(afronden().allowed).toBe(false);
    c.at('2026-12-31T23:00:00Z');
    expect(afronden().allowed).toBe(true);
    expect(c.do('AFRONDEN').to).toBe('afronden');
  });

  it('shows the timers of a snapshot made before the engine kept them, from when its step was entered', () => {
    const c = new Case(def, new Date('2027-01-05T09:00:00Z')).at('2027-02-01T09:00:00Z');
    const { timers: _kept, entered: _e, ...old } = c.s.context;
    c.s = { ...c.s, context: old };
    expect(c.time.timers[0].dueAt).toBe('2027-02-28T23:00:00.000Z');
    // The first step after goes on from there: the timer left behind keeps its time.
    c.at(7).do('UITPLANNEN');
    expect(c.time.timers).toMatchObject([{ paused: true, remaining: 20 * day + 14 * 3_600_000 }]);
  });

  it('has no timers or deadlines once the case has ended', () => {
    const c = new Case(def, new Date('2027-01-05T09:00:00Z')).at('2027-02-01T09:00:00Z');
    const r = c.do('STOPPEN');
    expect(r.timers.cancel).toEqual(['xstate.after.4w.tijd.traject.praktijk']);
    expect(c.time).toEqual({ timers: [], deadlines: [] });
  });
});

describe('the validator on time', () => {
  const broken = (edit: (d: Definition) => void) => {
    const d = structuredClone(def);
    edit(d);
    return validateDefinition(d).map((p) => `${p.path}: ${p.message.nl}`);
  };
  const praktijk = (d: Definition) => d.machine.states.traject.states!.praktijk;

  it('refuses a timer of less than a minute and one of more than ten years', () => {
    expect(
      broken((d) => {
        praktijk(d).after = { '0m': { target: 'stage' }, '999999999w': { target: 'stage' } };
      }),
    ).toEqual([
      "machine.states.traject.states.praktijk.after.0m: Een duur van minder dan een minuut kan niet ('0m'): de tijd moet verder kunnen",
      "machine.states.traject.states.praktijk.after.999999999w: Een duur van meer dan 10 jaar kan niet ('999999999w')",
    ]);
  });

  it('refuses a timer until a field that is no date, or a date that is not in every year', () => {
    expect(
      broken((d) => {
        praktijk(d).after = {
          '@naam': { target: 'stage' },
          '@bestaatNiet-1w': { target: 'stage' },
          '@02-29,13-01': { target: 'stage' },
        };
      }),
    ).toEqual([
      "machine.states.traject.states.praktijk.after.@naam: Veld 'Naam' moet een datum zijn",
      "machine.states.traject.states.praktijk.after.@bestaatNiet-1w: Onbekend veld 'bestaatNiet'",
      "machine.states.traject.states.praktijk.after.@02-29,13-01: '02-29' is geen datum die elk jaar voorkomt (maand-dag, zoals 09-01)",
      "machine.states.traject.states.praktijk.after.@02-29,13-01: '13-01' is geen datum die elk jaar voorkomt (maand-dag, zoals 09-01)",
    ]);
  });

  it('refuses timer settings where they mean nothing', () => {
    expect(
      broken((d) => {
        d.machine.states.wachten.after!['@09-01,02-01'] = {
          target: 'traject',
          meta: { resume: 'remaining', openDays: true },
        };
        praktijk(d).after!['4w'] = [
          { target: 'stage', guard: { type: 'rule', params: { field: 'naam', op: 'exists' } } },
          { target: 'stage', meta: { resume: 'remaining' } },
        ];
        d.machine.states.traject.on!.PLANNEN = { meta: { label: label('Plannen'), resume: 'remaining' } };
      }),
    ).toEqual([
      'machine.states.wachten.after.@09-01,02-01.meta.resume: Een timer tot een datum loopt altijd tot die datum; doorgaan met de resterende tijd kan alleen bij een duur',
      'machine.states.wachten.after.@09-01,02-01.meta.openDays: Open dagen tellen alleen bij een duur, niet bij vaste datums',
      "machine.states.traject.on.PLANNEN.meta.resume: 'resume' is een instelling van een timer, niet van een actie",
      'machine.states.traject.states.praktijk.after.4w.1.meta: De instellingen van een timer (resume, openDays) staan bij zijn eerste overgang',
    ]);
  });

  it('refuses a deadline that says two things or nothing, on an unknown field or a final step', () => {
    expect(
      broken((d) => {
        praktijk(d).meta!.due = { within: '2w', by: 'einde' };
        d.machine.states.klaar.meta!.due = { within: '1w' };
        (d.machine.states.afronden.on!.KLAAR as TransitionConfig).meta!.due = { minus: '1w' };
        d.machine.states.pauze.meta!.due = { by: 'naam', minus: '0m' };
      }),
    ).toEqual([
      "machine.states.traject.states.praktijk.meta.due: Een termijn is 'binnen' een duur (within) óf 'uiterlijk' op een datum (by), niet allebei",
      "machine.states.pauze.meta.due.by: Veld 'Naam' moet een datum zijn",
      "machine.states.pauze.meta.due.minus: Een duur van minder dan een minuut kan niet ('0m'): de tijd moet verder kunnen",
      'machine.states.afronden.on.KLAAR.meta.due: Een termijn zegt binnen welke tijd (within) of uiterlijk op welke datum (by)',
      "machine.states.afronden.on.KLAAR.meta.due.minus: 'minus' hoort bij een datum (by)",
      'machine.states.klaar.meta.due: Een eindstap heeft geen termijn',
    ]);
  });

  it('refuses a ring of timers until a date: once the date has passed, they would fire forever', () => {
    expect(
      broken((d) => {
        d.machine.states.pauze.after = { '@start': { target: 'verlof' } };
        d.machine.states.verlof.after = { '@09-01': { target: 'pauze' } };
      }),
    ).toEqual([
      'machine.states.verlof.after.@09-01: Timers tot een datum vormen hier een kring: als de datum voorbij is, zouden ze eindeloos afgaan',
      'machine.states.pauze.after.@start: Timers tot een datum vormen hier een kring: als de datum voorbij is, zouden ze eindeloos afgaan',
    ]);
    // A timer into a step of its own is no ring: XState does not enter its source again.
    expect(broken((d) => (d.machine.states.traject.after = { '@einde': { target: '.praktijk' } }))).toEqual([]);
  });

  it('refuses a planned-end field that a form asks for, and time rules on what is no date', () => {
    expect(
      broken((d) => {
        d.startForm.push({ field: 'einde' });
        d.machine.states.traject.states!.stage.states!.loopt.on!.AFRONDEN = {
          target: '#tijd.afronden',
          guard: { type: 'rule', params: { timeSince: { field: 'naam', op: 'gte', duration: '0m' } } },
          meta: { label: label('Afronden') },
        };
      }),
    ).toEqual([
      "machine.states.traject.states.stage.states.loopt.on.AFRONDEN.guard.params.timeSince.duration: Een duur van minder dan een minuut kan niet ('0m'): de tijd moet verder kunnen",
      "machine.states.traject.states.stage.states.loopt.on.AFRONDEN.guard.params.timeSince.field: Veld 'Naam' moet een datum zijn",
      "reports.plan.endField: Veld 'Geplande einddatum' houdt de engine bij; een formulier mag er niet om vragen",
    ]);
  });
});

describe('SCXML and time', () => {
  it('carries every kind of timer and its settings there and back', () => {
    const xml = toScxml(def);
    expect(xml).toContain('<send event="wlb.after.4w" delay="2419200s"');
    expect(xml).not.toContain('<send event="wlb.after.@');
    expect(xml).toContain('<transition event="wlb.after.@einde-1mo" target="afronden"');
    const back = fromScxml(xml);
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    const again = { ...def, machine: back.machine };
    expect(validateDefinition(again)).toEqual([]);
    expect(Object.keys(back.machine.states.wachten.after!)).toEqual(['@09-01,02-01']);
    expect((back.machine.states.traject.states!.praktijk.after!['4w'] as TransitionConfig).meta?.resume).toBe(
      'remaining',
    );
    expect(back.machine.states.verlof.meta?.pausesPlan).toBe(true);
  });
});
