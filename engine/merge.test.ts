import { describe, expect, it } from 'vitest';
import { introWorkflow } from '../test/support/fixtures';
import { canonicalJson } from './canonical';
import type { Definition } from './definition';
import { applyMerge, threeWay } from './merge';
import { validateDefinition } from './validate';

const base = introWorkflow;

function localVariant(): Definition {
  const d = structuredClone(base);
  d.fields.telefoon = { type: 'string', label: { nl: 'Telefoon' } };
  d.machine.states.introductie.states!.lopend.meta!.checklist =
    d.machine.states.introductie.states!.lopend.meta!.checklist!.filter((i) => i.id !== 'rooster');
  d.machine.states.leerroute.meta!.label = { nl: 'Leerroute Horst' };
  return d;
}

function upstreamV2(): Definition {
  const d = structuredClone(base);
  d.machine.states.introductie.states!.lopend.after = {
    '12w': { target: 'besluit', meta: { label: { nl: 'Twaalf weken voorbij' } } },
  };
  d.machine.states.leerroute.meta!.label = { nl: 'Persoonlijke leerroute' };
  d.machine.states.leerroute.on!.PAUZEREN = { target: 'pauze', meta: { label: { nl: 'Pauzeren' } } };
  d.machine.states = {
    ...d.machine.states,
    pauze: {
      meta: { label: { nl: 'Pauze' } },
      on: { HERVAT: { target: 'leerroute', meta: { label: { nl: 'Hervat' } } } },
    },
  };
  return d;
}

describe('three-way comparison', () => {
  it('lists upstream changes, local changes and conflicts side by side', () => {
    const items = threeWay(base, localVariant(), upstreamV2());
    const by = (path: string) => items.find((i) => i.path === path)!;
    expect(by('fields.telefoon')).toMatchObject({ conflict: false, default: 'local', local: { kind: 'added' } });
    expect(by('fields.telefoon').upstream).toBeUndefined();
    expect(by('machine.states.introductie.states.lopend.meta.checklist')).toMatchObject({
      default: 'local',
      local: { element: 'checklist' },
    });
    expect(by('machine.states.introductie.states.lopend.after.12w')).toMatchObject({
      default: 'upstream',
      upstream: { kind: 'added', element: 'timer' },
    });
    expect(by('machine.states.pauze')).toMatchObject({
      default: 'upstream',
      paths: ['machine.states.pauze', 'machine.states.pauze.on.HERVAT'],
    });
    expect(by('machine.states.leerroute')).toMatchObject({
      conflict: true,
      default: 'local',
      upstream: { element: 'label' },
      local: { element: 'label' },
    });
    expect(items.map((i) => i.path)).not.toContain('machine.states.introductie');
  });

  it('takes each side as chosen, keeps the local order and stays a valid workflow', () => {
    const local = localVariant();
    const upstream = upstreamV2();
    const merged = applyMerge(base, local, upstream);
    expect(validateDefinition(merged).filter((p) => p.severity === 'error')).toEqual([]);
    expect(merged.fields.telefoon).toBeDefined();
    expect(merged.machine.states.leerroute.meta!.label!.nl).toBe('Leerroute Horst');
    expect(merged.machine.states.introductie.states!.lopend.after).toHaveProperty('12w');
    expect(merged.machine.states.introductie.states!.lopend.meta!.checklist!.map((i) => i.id)).toEqual([
      'portfolio-gestart',
    ]);
    expect(Object.keys(merged.machine.states)).toEqual(['introductie', 'leerroute', 'klaar', 'gestopt', 'pauze']);

    const theirs = applyMerge(base, local, upstream, {
      'machine.states.leerroute': 'upstream',
      'fields.telefoon': 'upstream',
      'machine.states.pauze': 'local',
      'machine.states.leerroute.on.PAUZEREN': 'local',
    });
    expect(theirs.machine.states.leerroute.meta!.label!.nl).toBe('Persoonlijke leerroute');
    expect(theirs.fields.telefoon).toBeUndefined();
    expect(theirs.machine.states.pauze).toBeUndefined();
    expect(validateDefinition(theirs).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('is the upstream itself when nothing changed locally, and the local one when nothing changed upstream', () => {
    expect(canonicalJson(applyMerge(base, structuredClone(base), upstreamV2()))).toBe(canonicalJson(upstreamV2()));
    expect(canonicalJson(applyMerge(base, localVariant(), structuredClone(base)))).toBe(canonicalJson(localVariant()));
  });

  it('copes with thousands of new steps upstream in one run (no recursion, no quadratic search)', () => {
    const big = structuredClone(base);
    for (let i = 0; i < 5000; i++)
      big.machine.states[`s${i}`] = {
        meta: { label: { nl: `S${i}` } },
        on: { VERDER: { target: i < 4999 ? `s${i + 1}` : 'klaar', meta: { label: { nl: 'Verder' } } } },
      };
    big.machine.states.leerroute.on!.EXTRA = { target: 's0', meta: { label: { nl: 'Extra' } } };
    const started = Date.now();
    const items = threeWay(base, localVariant(), big);
    const merged = applyMerge(base, localVariant(), big);
    expect(items.filter((i) => i.path.startsWith('machine.states.s'))).toHaveLength(5000);
    expect(Object.keys(merged.machine.states).slice(-2)).toEqual(['s4998', 's4999']);
    expect(Date.now() - started).toBeLessThan(20_000);
    // The bound above is the test; vitest's own five seconds are not, on a machine shared by several runs.
  }, 60_000);
});
