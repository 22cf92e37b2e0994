import { describe, expect, it } from 'vitest';
import type { Definition, Field, Rule } from './definition';
import { describe as describeIn, evaluate as evaluateIn, explain as explainIn } from './rules';

const fields: Record<string, Field> = {
  leeftijd: { type: 'number', label: { nl: 'Leeftijd', en: 'Age' } },
  veilig: { type: 'boolean', label: { nl: 'Veilige werkplek', en: 'Safe workplace' } },
  dagdelen: {
    type: 'list',
    label: { nl: 'Dagdelen' },
    options: [
      { value: 'ma', label: { nl: 'maandag' } },
      { value: 'di', label: { nl: 'dinsdag' } },
    ],
  },
};

const def: Definition = {
  key: 't',
  subject: 'client',
  title: { nl: 'T' },
  titleField: 'leeftijd',
  fields,
  startForm: [],
  machine: {
    id: 't',
    initial: 'a',
    states: {
      a: {
        meta: {
          label: { nl: 'A' },
          checklist: [
            { id: 'x', label: { nl: 'Eerste opdracht' } },
            { id: 'y', label: { nl: 'Tweede opdracht', en: 'Second task' } },
          ],
        },
        on: { GO: { target: 'b', meta: { label: { nl: 'Go' } } } },
      },
      b: { type: 'final', meta: { label: { nl: 'B' }, outcome: 'klaar' } },
    },
  },
};
const evaluate = (rule: Rule, values: Record<string, unknown>, pending?: Set<string>) =>
  evaluateIn(def, rule, { values }, pending);
const explain = (rule: Rule, values: Record<string, unknown>, _f: unknown) => explainIn(def, rule, { values });

describe('evaluate', () => {
  it.each<[Rule, Record<string, unknown>, boolean]>([
    [{ field: 'leeftijd', op: 'gte', value: 18 }, { leeftijd: 18 }, true],
    [{ field: 'leeftijd', op: 'lt', value: 18 }, { leeftijd: 18 }, false],
    [{ field: 'leeftijd', op: 'in', value: [16, 17] }, { leeftijd: 17 }, true],
    [{ field: 'leeftijd', op: 'exists' }, {}, false],
    [{ field: 'leeftijd', op: 'ne', value: 3 }, {}, true],
    [{ field: 'dagdelen', op: 'eq', value: 'ma' }, { dagdelen: ['di', 'ma'] }, true],
    [{ field: 'dagdelen', op: 'in', value: ['wo'] }, { dagdelen: ['di', 'ma'] }, false],
    [{ not: { field: 'veilig', op: 'eq', value: true } }, { veilig: false }, true],
    [
      {
        any: [
          { field: 'veilig', op: 'eq', value: true },
          { field: 'leeftijd', op: 'gt', value: 60 },
        ],
      },
      { leeftijd: 61 },
      true,
    ],
    [
      {
        all: [
          { field: 'veilig', op: 'eq', value: true },
          { field: 'leeftijd', op: 'gt', value: 60 },
        ],
      },
      { leeftijd: 61 },
      false,
    ],
  ])('%j with %j is %s', (rule, values, expected) => {
    expect(evaluate(rule, values)).toBe(expected);
  });

  it('leaves conditions on pending form fields undecided, unless another part already fails', () => {
    const rule: Rule = {
      all: [
        { field: 'veilig', op: 'eq', value: true },
        { field: 'leeftijd', op: 'gt', value: 17 },
      ],
    };
    expect(evaluate(rule, { leeftijd: 20 }, new Set(['veilig']))).toBeUndefined();
    expect(evaluate(rule, { leeftijd: 12 }, new Set(['veilig']))).toBe(false);
  });
});

describe('explain', () => {
  it('names only the failing parts, in both languages, with the current value', () => {
    const rule: Rule = {
      all: [
        { field: 'veilig', op: 'eq', value: true },
        { field: 'leeftijd', op: 'gte', value: 18 },
      ],
    };
    expect(explain(rule, { veilig: false, leeftijd: 30 }, fields)).toEqual({
      nl: 'Nodig: Veilige werkplek is ja (nu: nee)',
      en: 'Required: Safe workplace is yes (now: no)',
    });
    expect(explain(rule, { veilig: true, leeftijd: 30 }, fields)).toBeUndefined();
  });

  it('reads one way only where "en" and "of" mix: a choice among values inside a group has brackets', () => {
    const rule: Rule = {
      all: [
        { field: 'leeftijd', op: 'gte', value: 18 },
        { field: 'dagdelen', op: 'in', value: ['ma', 'di'] },
      ],
    };
    expect(describeIn(def, rule)).toEqual({
      nl: "(Leeftijd is minstens 18 en (Dagdelen is 'maandag' of 'dinsdag'))",
      en: "(Age is at least 18 and (Dagdelen is 'maandag' or 'dinsdag'))",
    });
    // Alone, or with one value, nothing mixes.
    expect(describeIn(def, { field: 'dagdelen', op: 'in', value: ['ma', 'di'] }).nl).toBe(
      "Dagdelen is 'maandag' of 'dinsdag'",
    );
    expect(describeIn(def, { any: [{ field: 'dagdelen', op: 'in', value: ['ma'] }] }).nl).toBe("Dagdelen is 'maandag'");
  });

  it('says a field is not filled in yet', () => {
    expect(explain({ field: 'leeftijd', op: 'exists' }, {}, fields)?.nl).toBe('Leeftijd is nog niet ingevuld');
  });
});

describe('checklist and time conditions', () => {
  const sig = { by: 'docent', at: '2026-10-01T10:00:00Z' };
  it('holds when every item of the step is signed, and names the missing ones otherwise', () => {
    const rule: Rule = { checklist: 'a' };
    expect(evaluateIn(def, rule, { values: {}, checklist: { x: sig, y: sig } })).toBe(true);
    expect(evaluateIn(def, rule, { values: {}, checklist: { x: sig } })).toBe(false);
    expect(explainIn(def, rule, { values: {}, checklist: { x: sig } })).toEqual({
      nl: 'Nog niet afgetekend (1): Tweede opdracht',
      en: 'Not signed yet (1): Second task',
    });
    expect(explainIn(def, { checklist: '*' }, { values: {} })?.nl).toBe(
      'Nog niet afgetekend (2): Eerste opdracht; Tweede opdracht',
    );
  });

  it('measures the time in the current step against the clock it is given', () => {
    const rule: Rule = { timeInStep: { op: 'gte', duration: '10w' } };
    const enteredAt = '2026-09-01T09:00:00.000Z';
    // On a UTC calendar ten weeks are 70 × 24 hours; the site's own time zone is engine/calendar.test.ts's.
    const calendar = { timeZone: 'UTC' };
    expect(evaluateIn(def, rule, { values: {}, enteredAt, now: '2026-11-10T08:59:59.000Z', calendar })).toBe(false);
    expect(evaluateIn(def, rule, { values: {}, enteredAt, now: '2026-11-10T09:00:00.000Z', calendar })).toBe(true);
    expect(explainIn(def, rule, { values: {}, enteredAt, now: '2026-10-01T09:00:00.000Z' })?.nl).toBe(
      'Nodig: minstens 10 weken in deze stap (nu: 30 dagen)',
    );
  });
});

describe('a free place', () => {
  const free: Rule = { place: 'free' };
  const at = (taken: number, ahead: number) => ({ values: {}, place: { places: 22, taken, ahead } });

  it('holds while fewer places are taken than there are, after everyone who waited longer', () => {
    expect(evaluateIn(def, free, at(21, 0))).toBe(true);
    expect(evaluateIn(def, free, at(22, 0))).toBe(false);
    expect(evaluateIn(def, free, at(20, 1))).toBe(true);
    expect(evaluateIn(def, free, at(21, 1))).toBe(false);
    // Nothing counted (no places known): nobody is held back.
    expect(evaluateIn(def, free, { values: {} })).toBe(true);
    // A path still ahead cannot know the places of that day.
    expect(evaluateIn(def, free, { ...at(0, 0), ahead: true })).toBeUndefined();
  });

  it('says why not: every place taken, or the free one is for who waited longer', () => {
    expect(explainIn(def, free, at(22, 3))).toEqual({
      nl: 'Geen plaats vrij: 22 van 22 plaatsen bezet, 3 op de wachtlijst',
      en: 'No place free: 22 of 22 places taken, 3 on the waiting list',
    });
    expect(explainIn(def, free, at(21, 2))?.nl).toBe(
      'De vrije plaats is eerst voor wie langer wacht (2 op de wachtlijst gaan voor)',
    );
    expect(describeIn(def, { not: free }).nl).toBe('niet (er is een plaats vrij (wie het langst wacht eerst))');
  });
});
