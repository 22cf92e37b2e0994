import { describe, expect, it } from 'vitest';
import { introWorkflow } from '../test/support/fixtures';
import { shippedWorkflows } from '../workflows';
import { canonicalJson } from './canonical';
import type { Definition } from './definition';
import { diffDefinitions } from './diff';
import { joinUnits, splitUnits } from './units';

describe('pieces of a definition', () => {
  it('cut and joined again give every shipped workflow back', () => {
    for (const def of [...shippedWorkflows(), introWorkflow]) {
      expect(canonicalJson(joinUnits(splitUnits(def)))).toBe(canonicalJson(def));
      expect(Object.keys(joinUnits(splitUnits(def)).machine.states)).toEqual(Object.keys(def.machine.states));
    }
  });
});

describe('diffDefinitions', () => {
  it('finds nothing between a workflow and itself', () => {
    for (const def of shippedWorkflows()) expect(diffDefinitions(def, structuredClone(def))).toEqual([]);
  });

  it('never counts where steps are drawn as a difference', () => {
    const a = introWorkflow;
    const moved: Definition = { ...structuredClone(a), layout: { positions: { introductie: { x: 10, y: 20 } } } };
    expect(diffDefinitions(a, moved)).toEqual([]);
    expect(diffDefinitions(moved, a)).toEqual([]);
  });

  it('says each kind of change in plain Dutch and English, with its path', () => {
    const a = introWorkflow;
    const b: Definition = structuredClone(a);
    b.fields.telefoon = { type: 'string', label: { nl: 'Telefoon', en: 'Phone' }, personal: true };
    b.machine.states.leerroute.meta!.label = { nl: 'Persoonlijke leerroute', en: 'Personal route' };
    b.machine.states.introductie.on!.VASTGESTELD = {
      ...(b.machine.states.introductie.on!.VASTGESTELD as object),
      guard: { type: 'rule', params: { field: 'naam', op: 'exists' } },
    };
    b.machine.states.introductie.states!.lopend.after = { '12w': { target: 'besluit' } };
    b.machine.states.introductie.states!.lopend.meta!.checklist!.push({
      id: 'workshop',
      label: { nl: 'Workshop gevolgd' },
    });
    delete b.machine.states.gestopt;
    delete b.machine.on;
    b.machine.states.pauze = {
      meta: { label: { nl: 'Pauze' } },
      on: { HERVAT: { target: 'leerroute', meta: { label: { nl: 'Hervat' } } } },
    };

    const changes = diffDefinitions(a, b);
    const by = (path: string) => changes.find((c) => c.path === path);
    expect(by('fields.telefoon')).toMatchObject({
      kind: 'added',
      element: 'field',
      text: { nl: "Veld 'Telefoon' (tekst) toegevoegd" },
    });
    expect(by('machine.states.leerroute')).toMatchObject({
      kind: 'changed',
      element: 'label',
      text: { nl: "Stap 'Leerroute': heet nu 'Persoonlijke leerroute'" },
    });
    expect(by('machine.states.introductie.on.VASTGESTELD')).toMatchObject({ kind: 'changed', element: 'rule' });
    expect(by('machine.states.introductie.on.VASTGESTELD')!.text.nl).toContain('regel nu: Naam is ingevuld');
    expect(by('machine.states.introductie.states.lopend.after.10w')).toMatchObject({
      kind: 'removed',
      element: 'timer',
      text: {
        nl: "Timer na 10 weken in stap 'Introductie › Loopt' (naar 'Introductie › Duur en leerroute vaststellen') verwijderd",
      },
    });
    expect(by('machine.states.introductie.states.lopend.after.12w')).toMatchObject({ kind: 'added', element: 'timer' });
    expect(by('machine.states.introductie.states.lopend.meta.checklist')).toMatchObject({
      element: 'checklist',
      text: { nl: "Aftekenlijst van stap 'Introductie › Loopt': punten erbij: 'Workshop gevolgd'" },
    });
    expect(by('machine.states.gestopt')).toMatchObject({
      kind: 'removed',
      element: 'state',
      text: { nl: "Eindstap 'Gestopt' verwijderd", en: "Final step 'Stopped' removed" },
    });
    expect(by('machine.on.STOPPEN')).toMatchObject({
      kind: 'removed',
      element: 'transition',
      text: { nl: "Actie 'Stoppen' in stap 'het hele proces' (naar 'Gestopt') verwijderd" },
    });
    // A new step is one change: its action comes with it.
    expect(by('machine.states.pauze')).toMatchObject({ kind: 'added', text: { nl: "Stap 'Pauze' toegevoegd" } });
    expect(by('machine.states.pauze.on.HERVAT')).toBeUndefined();
    expect(changes).toHaveLength(9);
  });

  it('lists everything a new step brings, and each change of an action with its old and new value, by labels', () => {
    const a = shippedWorkflows().find((d) => d.key === 'student-traject')!;
    const b: Definition = structuredClone(a);
    b.machine.states.voorgesprek = {
      meta: {
        label: { nl: 'Voorgesprek' },
        checklist: [{ id: 'gebeld', label: { nl: 'Gebeld over de wachttijd' }, functions: ['coordinator'] }],
      },
      on: {
        OP_WACHTLIJST_ZETTEN: {
          target: 'intake',
          guard: { type: 'rule', params: { field: 'aanmelder', op: 'eq', value: 'gemeente-venray' } },
          meta: {
            label: { nl: 'Terug naar intake' },
            form: [{ field: 'intakeDatum', required: true }],
            functions: ['docent'],
          },
        },
      },
      after: { '4w': { target: 'afgemeld', meta: { label: { nl: 'Te lang gewacht' } } } },
    };
    b.machine.states.aanmelding.on!.INTAKE_PLANNEN = {
      ...(b.machine.states.aanmelding.on!.INTAKE_PLANNEN as object),
      meta: { ...(b.machine.states.aanmelding.on!.INTAKE_PLANNEN as { meta: object }).meta, functions: ['docent'] },
    };
    const changes = diffDefinitions(a, b);
    const step = changes.find((c) => c.path === 'machine.states.voorgesprek')!;
    expect(step.text.nl).toBe("Stap 'Voorgesprek' toegevoegd");
    expect(step.parts!.map((p) => p.nl)).toEqual([
      "aftekenpunt 'Gebeld over de wachttijd' (werk van: coördinator)",
      "actie 'Terug naar intake' (naar 'Intake'): regel: Aangemeld door is 'Gemeente Venray'; formulier: 'Datum intakegesprek'; werk van: docent",
      "timer na 4 weken (naar 'Afgemeld vóór de start')",
    ]);
    expect(changes.find((c) => c.path === 'machine.states.aanmelding.on.INTAKE_PLANNEN')!.text.nl).toBe(
      "Actie 'Intakegesprek plannen' in stap 'Aanmelding': werk van: docent (was coördinator)",
    );
    // No key of a step, action or choice is shown where a label exists.
    expect(JSON.stringify(changes)).not.toMatch(/'[A-Z_]{6,}'|gemeente-venray'/);
  });

  it('names what changed in the report settings, with the new values in words', () => {
    const a = shippedWorkflows().find((d) => d.key === 'student-traject')!;
    const b: Definition = structuredClone(a);
    b.reports = { ...b.reports!, target: 0.75, capacity: 24 };
    delete b.reports.startDate;
    b.reports.started = {
      all: [
        { field: 'inschrijfdatum', op: 'exists' },
        { field: 'instroomroute', op: 'eq', value: 'gilde' },
      ],
    };
    const change = diffDefinitions(a, b).find((c) => c.path === 'reports')!;
    expect(change.text.nl).toBe(
      "De rapportage wijzigt: wie als gestart telt (Ingeschreven bij Gilde op is ingevuld en Instroomroute is 'Gilde (vastgelopen in regulier onderwijs)'); " +
        'startdatum vervalt; streefcijfer 75%; plaatsen 24',
    );
    expect(change.text.en).toContain('target 75%');

    const client = shippedWorkflows().find((d) => d.key === 'client-hulpvraag')!;
    const moved: Definition = structuredClone(client);
    moved.reports!.activeIn = ['actief'];
    expect(diffDefinitions(client, moved).find((c) => c.path === 'reports')!.text).toEqual({
      nl: "De rapportage wijzigt: stappen die een plaats bezetten 'Hulp loopt'",
      en: "The report changes: steps that take a place 'Help in progress'",
    });
  });
});
