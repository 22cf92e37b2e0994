import { describe, expect, it } from 'vitest';
import { TooManyPaths, explorePaths } from './paths';
import type { Definition, Rule } from './definition';
import { shippedWorkflows } from '../workflows';

const client = () => structuredClone(shippedWorkflows().find((d) => d.key === 'client-hulpvraag')!) as Definition;
const label = (nl: string) => ({ label: { nl, en: nl }, roles: ['staff'] });

describe('alle paden', () => {
  it('finds nothing to fix in the shipped client request, and the shortest way to each end', () => {
    const r = explorePaths(client());
    expect(r.stuck).toEqual([]);
    expect(r.unreachable).toEqual([]);
    expect(r.deadActions).toEqual([]);
    expect(r.neverPasses).toEqual([]);
    expect(Object.fromEntries(r.endings.map((e) => [e.state, e.path.events.map((x) => x.type)]))).toEqual({
      gestopt: ['STOPPEN'],
      doorverwezen: ['HUISBEZOEK_PLANNEN', 'DOORVERWIJZEN'],
      afgesloten: ['HUISBEZOEK_PLANNEN', 'OVEREENKOMST', 'GEMATCHT', 'AFSLUITEN'],
    });
    // The way through the agreement fills in what its rule asks.
    const agreement = r.endings.find((e) => e.state === 'afgesloten')!.path.events[1];
    expect(agreement.data).toMatchObject({ veiligeWerkplek: true, nietTeComplex: true });
  });

  it('names a rule that can never pass, the step it leaves unreachable and the action that does nothing', () => {
    const def = client();
    const never: Rule = {
      all: [
        { field: 'veiligeWerkplek', op: 'eq', value: true },
        { field: 'veiligeWerkplek', op: 'eq', value: false },
      ],
    };
    const states = def.machine.states as Record<string, { on: Record<string, Record<string, unknown>> }>;
    states.huisbezoek.on.DOORVERWIJZEN.guard = { type: 'rule', params: never };
    // The only way to the referral, then: not also from the help running or paused.
    delete states.actief.on.DOORVERWIJZEN;
    delete states.gepauzeerd.on.DOORVERWIJZEN;
    const r = explorePaths(def);
    expect(r.neverPasses).toEqual([
      { state: 'huisbezoek', event: 'DOORVERWIJZEN', target: 'doorverwezen', rule: never },
    ]);
    expect(r.unreachable).toEqual(['doorverwezen']);
    expect(r.deadActions).toEqual(['DOORVERWIJZEN']);
    expect(r.stuck).toEqual([]);
  });

  it('finds the step a case can enter but never leave, with the way into it', () => {
    const def = client();
    delete def.machine.on;
    const states = def.machine.states as Record<string, Record<string, unknown>>;
    (states.matching.on as Record<string, unknown>).PARKEREN = { target: 'geparkeerd', meta: label('Parkeren') };
    states.geparkeerd = { meta: { label: { nl: 'Geparkeerd', en: 'Parked' } } };
    const r = explorePaths(def);
    expect(r.stuck).toEqual([{ states: ['geparkeerd'], path: expect.objectContaining({ events: expect.any(Array) }) }]);
    expect(r.stuck[0].path.events.map((e) => e.type)).toEqual(['HUISBEZOEK_PLANNEN', 'OVEREENKOMST', 'PARKEREN']);
    expect(r.unreachable).toEqual(['gestopt']);
  });

  it('lets a rule on time in the step pass later, so it is not reported as never passing', () => {
    const def = client();
    const states = def.machine.states as Record<string, { on: Record<string, Record<string, unknown>> }>;
    states.matching.on.GEMATCHT.guard = { type: 'rule', params: { timeInStep: { op: 'gte', duration: '4w' } } };
    const r = explorePaths(def);
    expect(r.neverPasses).toEqual([]);
    expect(r.unreachable).toEqual([]);
  });

  it('stops at its limit with an error that says so, rather than holding the page', () => {
    expect(() => explorePaths(client(), { limit: 5 })).toThrow(TooManyPaths);
  });
});
