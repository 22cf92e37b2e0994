import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../../engine';
import { rekind, ruleOfKind } from './rule';

const ww: Rule = { field: 'instroomroute', op: 'ne', value: 'ww' };
const b1: Rule = { field: 'taalniveau', op: 'in', value: ['b1', 'op-weg-naar-b1'] };

describe("a rule's kind changes, what was built stays", () => {
  it('wraps a built condition in a group or "niet"', () => {
    expect(rekind(ww, 'all')).toEqual({ all: [ww] });
    expect(rekind(ww, 'any')).toEqual({ any: [ww] });
    expect(rekind(ww, 'not')).toEqual({ not: ww });
    expect(rekind({ not: ww }, 'all')).toEqual({ all: [{ not: ww }] });
  });

  it('turns one group into the other with the same parts', () => {
    expect(rekind({ all: [ww, b1] }, 'any')).toEqual({ any: [ww, b1] });
    expect(rekind({ any: [ww, b1] }, 'all')).toEqual({ all: [ww, b1] });
  });

  it('takes the first piece of a kind out of a group, and asks when there is none', () => {
    expect(rekind({ all: [{ not: b1 }, ww] }, 'condition')).toEqual(b1);
    expect(rekind({ not: ww }, 'condition')).toEqual(ww);
    expect(rekind({ all: [ww] }, 'checklist')).toBeUndefined();
    expect(rekind(ww, 'time')).toBeUndefined();
  });

  it('leaves a rule of the same kind as it is', () => {
    const rule: Rule = { all: [ww] };
    expect(rekind(rule, 'all')).toBe(rule);
  });

  it('puts a first chosen piece in the kind asked for', () => {
    expect(ruleOfKind('condition', ww)).toBe(ww);
    expect(ruleOfKind('any', ww)).toEqual({ any: [ww] });
    expect(ruleOfKind('not', ww)).toEqual({ not: ww });
  });
});
