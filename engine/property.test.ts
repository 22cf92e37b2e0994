import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { shippedWorkflows } from '../workflows';
import { applyEvent, availableEvents, fireTimer, signChecklistItem, startCase, type PersistedSnapshot } from './cases';
import { compile } from './compile';
import type { Definition, Field } from './definition';
import { checklistItems, indexStates, leafPaths } from './tree';

/** A value a person could type into a field: mostly valid, sometimes not, sometimes empty. */
function valueFor(field: Field): fc.Arbitrary<unknown> {
  const valid = (() => {
    const options = field.options?.map((o) => o.value);
    switch (field.type) {
      case 'number':
        return fc.integer({ min: field.min ?? -5, max: field.max ?? 100 });
      case 'boolean':
        return fc.boolean();
      case 'date':
        return fc
          .date({ min: new Date('2015-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      case 'enum':
        return fc.constantFrom(...options!);
      case 'list':
        return options
          ? fc.subarray(options, { minLength: 1 })
          : fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 3 });
      default:
        return fc.string({ minLength: 1, maxLength: 40 });
    }
  })();
  return fc.oneof(
    { weight: 20, arbitrary: valid },
    { weight: 1, arbitrary: fc.constantFrom(undefined, '', 42, 'x', [] as unknown[]) },
  );
}

type Command =
  | {
      kind: 'event';
      pick: number;
      data: Record<string, unknown>;
      role: 'staff' | 'manager' | 'admin';
      fn: 'docent' | 'coordinator' | undefined;
      keepOpen: boolean;
    }
  | { kind: 'sign'; pick: number; signed: boolean }
  | { kind: 'timer'; pick: number }
  | { kind: 'wait'; days: number };

function commands(def: Definition): fc.Arbitrary<Command[]> {
  const data = fc.record(Object.fromEntries(Object.entries(def.fields).map(([k, f]) => [k, valueFor(f)])));
  const command: fc.Arbitrary<Command> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('event' as const),
        pick: fc.nat(),
        data,
        role: fc.constantFrom('staff' as const, 'manager' as const, 'admin' as const),
        fn: fc.constantFrom('docent' as const, 'coordinator' as const, undefined),
        keepOpen: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('sign' as const), pick: fc.nat(), signed: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('timer' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 120 }) }) },
  );
  return fc.array(command, { minLength: 10, maxLength: 60, size: 'max' });
}

/** The timers of the active steps, as XState names their events. */
function timerEvents(def: Definition, s: PersistedSnapshot): string[] {
  const index = indexStates(def);
  const out: string[] = [];
  for (const leaf of leafPaths(s.value)) {
    for (let e = index.byPath.get(leaf); e && e.path; e = e.parent) {
      for (const key of Object.keys(e.config.after ?? {}))
        out.push(`xstate.after.${key}.${e.config.id ?? `${def.machine.id}.${e.path}`}`);
    }
  }
  return out;
}

function roundTrips(def: Definition, s: PersistedSnapshot) {
  const json = JSON.parse(JSON.stringify(s));
  const restored = createActor(compile(def), { snapshot: json }).getSnapshot();
  expect(compile(def).getPersistedSnapshot(restored)).toEqual(json);
}

describe.each(shippedWorkflows().map((d) => [d.key, d] as const))('random use of %s', (_key, def) => {
  it('never throws, never leaves the statechart, and every snapshot round-trips', () => {
    const index = indexStates(def);
    const items = checklistItems(def, '*');
    const reached = new Set<string>();
    let applied = 0;
    let starts = 0;
    const failures: Record<string, number> = {};
    const codes = new Set([
      'UNKNOWN_EVENT',
      'EVENT_NOT_ALLOWED',
      'ROLE_NOT_ALLOWED',
      'FUNCTION_NOT_ALLOWED',
      'PERSONAL_DATA_HIDDEN',
      'INVALID_FORM',
      'CASE_CLOSED',
      'UNKNOWN_ITEM',
    ]);
    fc.assert(
      fc.property(
        fc.record(Object.fromEntries(def.startForm.map((f) => [f.field, valueFor(def.fields[f.field])]))),
        commands(def),
        (start, cmds) => {
          let now = new Date('2026-09-01T09:00:00.000Z');
          const first = startCase(def, start, now);
          if (!first.ok) {
            expect(first.code).toBe('INVALID_FORM');
            return;
          }
          let s = first.snapshot;
          starts++;
          for (const cmd of cmds) {
            if (cmd.kind === 'wait') {
              now = new Date(now.getTime() + cmd.days * 86_400_000);
              continue;
            }
            let next: { ok: true; snapshot: PersistedSnapshot } | { ok: false; code: string };
            if (cmd.kind === 'event') {
              const who = { role: cmd.role, function: cmd.fn };
              const offered = availableEvents(def, s, who, now).sort((a, b) => Number(b.allowed) - Number(a.allowed));
              if (!offered.length) continue;
              const e = offered[cmd.pick % offered.length];
              const data = Object.fromEntries(
                Object.keys(e.form.properties)
                  .filter((k) => cmd.data[k] !== undefined)
                  .map((k) => [k, cmd.data[k]]),
              );
              next = applyEvent(def, s, { type: e.type, data }, who, now);
              // A function refuses exactly what availableEvents said was not this person's.
              if (!next.ok && next.code === 'FUNCTION_NOT_ALLOWED') expect(e.blocked).toBe('function');
            } else if (cmd.kind === 'sign') {
              if (!items.length) continue;
              next = signChecklistItem(
                def,
                s,
                { item: items[cmd.pick % items.length].id, signed: cmd.signed },
                { role: 'manager', username: 'pl' },
                now,
              );
            } else {
              const timers = timerEvents(def, s);
              if (!timers.length) continue;
              next = fireTimer(def, s, timers[cmd.pick % timers.length], now);
            }
            if (!next.ok) {
              failures[next.code] = (failures[next.code] ?? 0) + 1;
              expect(codes.has(next.code), next.code).toBe(true);
              continue;
            }
            // Nine in ten steps that would end the case are checked but not taken, so runs go deep.
            if (next.snapshot.status === 'done' && cmd.kind === 'event' && cmd.keepOpen) {
              roundTrips(def, next.snapshot);
              continue;
            }
            s = next.snapshot;
            applied++;
            for (const leaf of leafPaths(s.value)) {
              expect(index.byPath.has(leaf), leaf).toBe(true);
              reached.add(leaf);
            }
            roundTrips(def, s);
          }
        },
      ),
      // The client agreement asks seven answers and more actions are one function's: 400 runs still wander deep.
      { numRuns: 400 },
    );
    // The runs must really wander through the workflow, not fail at the first form.
    const atomic = [...index.byPath.values()].filter((e) => !e.config.states && e.config.type !== 'history');
    if (process.env.WLB_VERBOSE)
      console.info(def.key, { starts, applied, failures, reached: reached.size, atomic: atomic.length });
    expect(applied).toBeGreaterThan(500);
    expect(reached.size / atomic.length).toBeGreaterThan(0.5);
    // 400 random runs over a workflow that keeps time take a few seconds alone, more on a shared machine.
  }, 30_000);
});
