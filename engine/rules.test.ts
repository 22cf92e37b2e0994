import { describe, expect, it } from 'vitest';
import type { Field, Rule } from './definition';
import { evaluate, explain } from './rules';

const fields: Record<string, Field> = {
  leeftijd: { type: 'number', label: { nl: 'Leeftijd', en: 'Age' } },
  veilig: { type: 'boolean', label: { nl: 'Veilige werkplek', en: 'Safe workplace' } },
  dagdelen: { type: 'list', label: { nl: 'Dagdelen' }, options: [{ value: 'ma', label: { nl: 'maandag' } }, { value: 'di', label: { nl: 'dinsdag' } }] },
};

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
    [{ any: [{ field: 'veilig', op: 'eq', value: true }, { field: 'leeftijd', op: 'gt', value: 60 }] }, { leeftijd: 61 }, true],
    [{ all: [{ field: 'veilig', op: 'eq', value: true }, { field: 'leeftijd', op: 'gt', value: 60 }] }, { leeftijd: 61 }, false],
  ])('%j with %j is %s', (rule, values, expected) => {
    expect(evaluate(rule, values)).toBe(expected);
  });

  it('leaves conditions on pending form fields undecided, unless another part already fails', () => {
    const rule: Rule = { all: [{ field: 'veilig', op: 'eq', value: true }, { field: 'leeftijd', op: 'gt', value: 17 }] };
    expect(evaluate(rule, { leeftijd: 20 }, new Set(['veilig']))).toBeUndefined();
    expect(evaluate(rule, { leeftijd: 12 }, new Set(['veilig']))).toBe(false);
  });
});

describe('explain', () => {
  it('names only the failing parts, in both languages, with the current value', () => {
    const rule: Rule = { all: [{ field: 'veilig', op: 'eq', value: true }, { field: 'leeftijd', op: 'gte', value: 18 }] };
    expect(explain(rule, { veilig: false, leeftijd: 30 }, fields)).toEqual({
      nl: 'Nodig: Veilige werkplek is ja (nu: nee)',
      en: 'Required: Safe workplace is yes (now: no)',
    });
    expect(explain(rule, { veilig: true, leeftijd: 30 }, fields)).toBeUndefined();
  });

  it('says a field is not filled in yet', () => {
    expect(explain({ field: 'leeftijd', op: 'exists' }, {}, fields)?.nl).toBe('Leeftijd is nog niet ingevuld');
  });
});
