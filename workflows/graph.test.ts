import { getShortestPaths } from '@xstate/graph';
import type { AnyMachineSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  fireTimer,
  indexStates,
  position,
  validateDefinition,
  type Definition,
  type PersistedSnapshot,
} from '../engine';
import { explorePaths, pathStarts, startSnapshot, walk, type PathEvent } from '../engine/paths';
import { shippedWorkflows } from '.';

/*
 * The paths are the designer's "alle paden" (engine/paths.ts): the graph @xstate/graph generates
 * from the compiled machine, not hand-picked paths. The portfolio rule reads signatures, which
 * are made outside the machine, so the graph is walked twice: from a case with nothing signed
 * (the diploma must then be out of reach) and from one whose aftekenlijst is fully signed.
 * Each edge, and each final state's shortest path, is then replayed through the engine's own
 * `applyEvent` and `fireTimer`, which also check roles and forms.
 */

// The graph's clock stands after every sample date (forms.ts's `sampleValue`: 1 September 2026)
// by more than the three months of care placement the diploma asks, so rules on time since a
// date can hold; a timer is taken by sending its event, as the scheduler would when it is due.
const at = '2027-03-01T09:00:00.000Z';
const now = new Date(at);

/** The projectleider may do the work of every function: the graph is about the machine, not about who acts. */
const projectleider = { role: 'manager' as const };

const defs = shippedWorkflows();
/**
 * The student trajectory's graph has 8,714 places and 44,028 moves with everything signed (a
 * leave and a pause, each coming back through history, multiply what the case can remember; the
 * follow-up after leaving adds four steps behind every diploma, 6,568 places before; the help in
 * the wijk beside the school adds moves, not places, since it moves with the school): walking every
 * edge through the engine takes longer than vitest's default five seconds on a busy machine, and
 * near a minute when the whole suite shares two cores.
 */
const graphTimeout = 120_000;
const realStates = (def: Definition) =>
  [...indexStates(def).byPath.values()].filter((e) => e.config.type !== 'history');
const finalStates = (def: Definition) =>
  realStates(def)
    .filter((e) => e.config.type === 'final')
    .map((e) => e.path);

describe.each(defs.map((d) => [d.key, d] as const))('%s as a graph', (_key, def) => {
  const signed = explorePaths(def, { now, signed: true });

  it('passes the validator without a single problem or warning', () => {
    expect(validateDefinition(def)).toEqual([]);
  });

  it('reaches every state from the start', () => {
    expect(signed.unreachable).toEqual([]);
  });

  it('can end in every final state, each with an outcome, and from everywhere it can reach', () => {
    expect(signed.endings.map((e) => e.state).sort()).toEqual(finalStates(def).sort());
    expect(signed.stuck).toEqual([]);
    for (const path of finalStates(def))
      expect(indexStates(def).byPath.get(path)!.config.meta?.outcome, path).toMatch(/^[a-z-]+$/);
  });

  it('takes every declared action somewhere (no action is dead), and every rule can pass', () => {
    expect(signed.deadActions).toEqual([]);
    expect(signed.neverPasses).toEqual([]);
  });

  it(
    'agrees with the engine on every edge: what the machine takes, applyEvent takes; what it refuses changes nothing',
    () => {
      let edges = 0;
      for (const start of pathStarts(def, true)) {
        const { machine, adjacency } = walk(def, start, now);
        for (const vertex of Object.values(adjacency)) {
          const snapshot = vertex.state as AnyMachineSnapshot;
          if (snapshot.status !== 'active') continue;
          const persisted = machine.getPersistedSnapshot(snapshot) as unknown as PersistedSnapshot;
          for (const { event, state: next } of Object.values(vertex.transitions) as {
            event: PathEvent;
            state: AnyMachineSnapshot;
          }[]) {
            if (event.type.startsWith('xstate.after.')) continue;
            edges++;
            const r = applyEvent(
              def,
              persisted,
              { type: event.type, data: event.data },
              projectleider,
              new Date(event.at),
              { place: event.place },
            );
            const where = `${event.type} ${JSON.stringify(event.data)} in ${JSON.stringify(snapshot.value)}`;
            if (r.ok) expect(r.snapshot.value, where).toEqual(next.value);
            else {
              expect(r.code, where).toBe('EVENT_NOT_ALLOWED');
              expect([next.value, next.context.data], where).toEqual([snapshot.value, snapshot.context.data]);
            }
          }
        }
      }
      expect(edges).toBeGreaterThan(20);
    },
    graphTimeout,
  );

  it(
    'replays the shortest path to each final state through the engine',
    () => {
      const ended = new Set<string>();
      for (const start of pathStarts(def, true)) {
        const { machine, options } = walk(def, start, now);
        const paths = getShortestPaths(machine, {
          ...options,
          toState: (s: AnyMachineSnapshot) => s.status === 'done',
        } as never);
        for (const path of paths) {
          let s = startSnapshot(def, start, now);
          // A path's first step is the start itself (`xstate.init`); the rest are the events.
          for (const { event } of (path.steps as { event: PathEvent }[]).filter(
            (step) => step.event.type !== 'xstate.init',
          )) {
            const r = event.type.startsWith('xstate.after.')
              ? fireTimer(def, s, event.type, now)
              : applyEvent(def, s, { type: event.type, data: event.data }, projectleider, now, {
                  place: event.place,
                });
            if (!r.ok) throw new Error(`${def.key} ${JSON.stringify(start.data)} ${event.type}: ${r.message.en}`);
            s = r.snapshot;
          }
          const end = path.state as AnyMachineSnapshot;
          expect(s.value).toEqual(end.value);
          const pos = position(def, s);
          expect(pos.done).toBe(true);
          expect(pos.outcome).toBe(indexStates(def).byPath.get(pos.state)!.config.meta?.outcome);
          ended.add(pos.state);
        }
      }
      expect([...ended].sort()).toEqual(finalStates(def).sort());
    },
    graphTimeout,
  );
});

describe('student-traject without signatures', () => {
  it(
    'never reaches the diploma: only the diploma and what follows it are out of reach',
    () => {
      const def = defs.find((d) => d.key === 'student-traject')!;
      expect(explorePaths(def, { now, signed: false }).unreachable).toEqual([
        'diploma',
        'nazorg',
        'nazorg.wacht-zes',
        'nazorg.zes-maanden',
        'nazorg.wacht-twaalf',
        'nazorg.twaalf-maanden',
        'uitgestroomd',
      ]);
    },
    graphTimeout,
  );
});
