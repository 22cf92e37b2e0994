import { describe, expect, it } from 'vitest';
import { applyEvent, availableEvents, position, startCase, type PersistedSnapshot } from './cases';
import type { Definition, StateConfig } from './definition';
import { describeDuration, durationMs, durationOf } from './duration';
import { validateDefinition } from './validate';

const t0 = new Date('2026-09-01T09:00:00Z');
const who = { role: 'manager' as const };
const label = (nl: string) => ({ meta: { label: { nl } } });
const end = (nl: string): StateConfig => ({ type: 'final', meta: { label: { nl }, outcome: nl } });

function workflow(machine: Partial<Definition['machine']> & { states: Record<string, StateConfig> }): Definition {
  return {
    key: 'proef',
    subject: 'client',
    title: { nl: 'Proef' },
    titleField: 'naam',
    fields: { naam: { type: 'string', label: { nl: 'Naam' } }, ok: { type: 'boolean', label: { nl: 'In orde' } } },
    startForm: [{ field: 'naam' }, { field: 'ok' }],
    machine: { id: 'proef', initial: Object.keys(machine.states)[0], ...machine },
  };
}

function run(def: Definition, events: string[], data: Record<string, unknown> = { naam: 'x' }) {
  const errors = validateDefinition(def).filter((p) => p.severity === 'error');
  expect(errors).toEqual([]);
  const start = startCase(def, data, t0);
  if (!start.ok) throw new Error(JSON.stringify(start));
  let s: PersistedSnapshot = start.snapshot;
  const seen = [position(def, s).active];
  for (const type of events) {
    const r = applyEvent(def, s, { type }, who, t0);
    if (!r.ok) throw new Error(`${type}: ${r.message.en}`);
    s = r.snapshot;
    seen.push(position(def, s).active);
  }
  return { seen, snapshot: s };
}

describe('eventless transitions, raised events, finished steps', () => {
  it('takes an eventless transition at once, the first whose rule holds', () => {
    const def = workflow({
      states: {
        keuze: {
          ...label('Keuze'),
          always: [
            { target: 'goed', guard: { type: 'rule', params: { field: 'ok', op: 'eq', value: true } } },
            { target: 'fout' },
          ],
        },
        goed: end('goed'),
        fout: end('fout'),
      },
    });
    expect(run(def, [], { naam: 'x', ok: true }).seen).toEqual([['goed']]);
    expect(run(def, [], { naam: 'x', ok: false }).seen).toEqual([['fout']]);
  });

  it('handles a raised event within the same step, before the next action', () => {
    const def = workflow({
      states: {
        a: { ...label('A'), on: { GO: { target: 'b', actions: [{ raise: 'VERDER' }], ...label('Go') } } },
        b: { ...label('B'), entry: [{ raise: 'NOG_VERDER' }], on: { VERDER: { target: 'c', ...label('Verder') } } },
        c: { ...label('C'), on: { NOG_VERDER: { target: 'd', ...label('Nog verder') } } },
        d: end('d'),
      },
    });
    // As the W3C algorithm orders it: the transition's raise (VERDER) before the entry's
    // (NOG_VERDER); VERDER moves b to c, and then c takes NOG_VERDER.
    expect(run(def, ['GO']).seen).toEqual([['a'], ['d']]);
  });

  it('follows a step that is done: a final step inside it, or every region of a parallel step', () => {
    const def = workflow({
      states: {
        samen: {
          type: 'parallel',
          ...label('Samen'),
          onDone: { target: 'klaar' },
          states: {
            een: {
              ...label('Een'),
              initial: 'x',
              states: { x: { ...label('X'), on: { A: { target: 'y', ...label('A') } } }, y: end('y') },
            },
            twee: {
              ...label('Twee'),
              initial: 'x',
              states: { x: { ...label('X'), on: { B: { target: 'y', ...label('B') } } }, y: end('y') },
            },
          },
        },
        klaar: end('klaar'),
      },
    });
    expect(run(def, ['A', 'B']).seen).toEqual([
      ['samen.een.x', 'samen.twee.x'],
      ['samen.een.y', 'samen.twee.x'],
      ['klaar'],
    ]);
  });

  it('leaves and enters a step again only when a transition asks for it (reenter)', () => {
    const def = (reenter?: boolean) =>
      workflow({
        states: {
          p: {
            ...label('P'),
            initial: 'x',
            entry: [{ raise: 'BINNEN' }],
            on: { OPNIEUW: { target: '.y', ...(reenter ? { reenter } : {}), ...label('Opnieuw') } },
            states: {
              x: { ...label('X'), on: { VOLGENDE: { target: 'y', ...label('Volgende') } } },
              y: { ...label('Y'), on: { BINNEN: { target: '#proef.binnen', ...label('Binnen') } } },
            },
          },
          binnen: end('binnen'),
        },
      });
    // Only entering p again raises BINNEN, which y then takes.
    expect(run(def(), ['VOLGENDE', 'OPNIEUW']).seen.at(-1)).toEqual(['p.y']);
    expect(run(def(true), ['VOLGENDE', 'OPNIEUW']).seen.at(-1)).toEqual(['binnen']);
  });

  it('refuses a ring of automatic moves, an eventless transition without target, and onDone on a plain step', () => {
    const ring = workflow({
      states: {
        a: { ...label('A'), always: { target: 'b' } },
        b: { ...label('B'), entry: [{ raise: 'TERUG' }], on: { TERUG: { target: 'a', ...label('Terug') } } },
      },
    });
    expect(validateDefinition(ring).map((p) => p.path)).toContain('machine.states.a');
    const echo = workflow({
      states: {
        a: { ...label('A'), on: { X: { actions: [{ raise: 'X' }], ...label('X') } } },
        b: end('b'),
      },
      initial: 'a',
    });
    expect(validateDefinition(echo).some((p) => p.message.en.startsWith('This step can keep following itself'))).toBe(
      true,
    );
    const stay = workflow({ states: { a: { ...label('A'), always: {}, onDone: { target: 'b' } }, b: end('b') } });
    expect(validateDefinition(stay).map((p) => p.path)).toEqual(
      expect.arrayContaining(['machine.states.a.always.target', 'machine.states.a.onDone']),
    );
    const lost = workflow({
      states: { a: { ...label('A'), entry: [{ raise: 'NIEMAND' }], always: { target: 'b' } }, b: end('b') },
    });
    expect(validateDefinition(lost)).toContainEqual(
      expect.objectContaining({ path: 'machine.states.a.entry.0.raise', severity: 'warning' }),
    );
  });
});

describe('events named as another tool named them (aliases)', () => {
  const def = workflow({
    aliases: { T: 't', T_DONE: 't.done', ALLES: '*', U: 'u' },
    states: {
      a: {
        ...label('a'),
        on: { T: { target: 'b', ...label('t') }, U: { target: 'c', ...label('u') } },
      },
      b: { ...label('b'), on: { T_DONE: { target: 'c', ...label('t.done') }, T: { target: 'a', ...label('t') } } },
      c: { ...label('c'), on: { ALLES: { target: 'd', ...label('*') } } },
      d: end('d'),
    },
  });

  it('matches by SCXML prefix: t takes t.done, the first in document order wins, * takes every event', () => {
    // In a, T_DONE is taken by `t`; in b, T_DONE by its own transition (declared first), T by `t`.
    expect(run(def, ['T_DONE', 'T_DONE']).seen).toEqual([['a'], ['b'], ['c']]);
    expect(run(def, ['T', 'T', 'U', 'T_DONE']).seen).toEqual([['a'], ['b'], ['a'], ['c'], ['d']]);
  });

  it('accepts an event by the name it had, and offers every event a step takes', () => {
    expect(run(def, ['t.done', 't.done', 'u']).seen).toEqual([['a'], ['b'], ['c'], ['d']]);
    const s = startCase(def, { naam: 'x' }, t0);
    if (!s.ok) throw new Error();
    expect(availableEvents(def, s.snapshot, who, t0).map((e) => e.type)).toEqual(['T', 'U', 'T_DONE']);
  });

  it('refuses two events with the same original name', () => {
    const twice = structuredClone(def);
    twice.machine.aliases!.U = 't';
    expect(validateDefinition(twice).map((p) => p.path)).toContain('machine.aliases.U');
  });
});

describe('durations', () => {
  it('reads and writes seconds and milliseconds besides weeks, days, hours and minutes', () => {
    expect(durationMs('1m30s')).toBe(90_000);
    expect(durationMs('1s250ms')).toBe(1250);
    expect(durationOf(90_000)).toBe('1m30s');
    expect(durationOf(8 * 86_400_000 + 250)).toBe('1w1d250ms');
    expect(describeDuration('2s').nl).toBe('2 seconden');
  });
});
