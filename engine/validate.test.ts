import { describe, expect, it } from 'vitest';
import { shippedWorkflows } from '../workflows';
import { validateDefinition } from './validate';
import type { TransitionConfig } from './definition';

const student = () => structuredClone(shippedWorkflows().find((d) => d.key === 'student-traject')!);
const paths = (input: unknown) => validateDefinition(input).map((p) => p.path);

describe('validateDefinition', () => {
  it.each(shippedWorkflows().map((d) => [d.key, d] as const))('%s has no problems', (_k, def) => {
    expect(validateDefinition(def)).toEqual([]);
  });

  it('reports structural problems with paths and stops there', () => {
    const def = student() as Record<string, unknown>;
    delete def.title;
    (def.fields as Record<string, unknown>).naam = { type: 'colour', label: { nl: 'Naam' } };
    const problems = validateDefinition(def);
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['title', 'fields.naam.type']));
    expect(problems.every((p) => p.message.nl && p.message.en)).toBe(true);
  });

  it('warns when a way of an action asks another form than the first, which the action uses', () => {
    const def = student();
    const ways = def.machine.states.intake.on!.MATCH as TransitionConfig[];
    ways[1].meta!.form = ways[1].meta!.form!.filter((f) => f.field !== 'taalondersteuning');
    expect(validateDefinition(def)).toEqual([
      expect.objectContaining({
        path: 'machine.states.intake.on.MATCH.1.meta.form',
        severity: 'warning',
        message: expect.objectContaining({
          nl: expect.stringContaining("Weg 2 van actie 'Intake: er is een match' verschilt van de eerste (formulier)"),
        }),
      }),
    ]);
  });

  it('counts the wederdienst by a choice without personal data only, never by free text (3.2 Wederkerigheid)', () => {
    const client = () => structuredClone(shippedWorkflows().find((d) => d.key === 'client-hulpvraag')!);
    const def = client();
    expect(def.reports?.reciprocity).toEqual({
      dateField: 'overeenkomstDatum',
      agreedField: 'wederdienst',
      givenField: 'wederdienstGegeven',
      kindField: 'wederdienstSoort',
    });
    def.reports!.reciprocity!.kindField = 'wederdienst';
    const byText = validateDefinition(def).filter((p) => p.path === 'reports.reciprocity.kindField');
    expect(byText.map((p) => p.message.en)).toEqual([expect.stringContaining('a choice without personal data')]);
    const personal = client();
    personal.fields.wederdienstSoort.personal = true;
    expect(paths(personal)).toContain('reports.reciprocity.kindField');
    const undated = client();
    undated.reports!.reciprocity!.dateField = 'wederdienst';
    undated.reports!.reciprocity!.givenField = 'gegeven';
    expect(paths(undated)).toEqual(
      expect.arrayContaining(['reports.reciprocity.dateField', 'reports.reciprocity.givenField']),
    );
  });

  it('reports an unknown target', () => {
    const def = student();
    def.machine.states.aanmelding.on!.INTAKE_PLANNEN = { target: 'intaek', meta: { label: { nl: 'Plannen' } } };
    expect(paths(def)).toContain('machine.states.aanmelding.on.INTAKE_PLANNEN.target');
  });

  it('reports an unreachable state and a non-final dead end', () => {
    const def = student();
    delete def.machine.on; // the root's "leave without diploma" would be a way out of every step
    def.machine.states.wachtkamer = { meta: { label: { nl: 'Wachtkamer' } } };
    const problems = validateDefinition(def);
    const about = problems.filter((p) => p.path === 'machine.states.wachtkamer').map((p) => p.message.en);
    expect(about).toEqual([expect.stringContaining('unreachable'), expect.stringContaining('no way out')]);
  });

  it('reports rules on unknown fields, wrong operators and values of the wrong type', () => {
    const def = student();
    const intake = def.machine.states.intake.on!;
    intake.MATCH = {
      target: 'inschrijving',
      meta: { label: { nl: 'Match' } },
      guard: {
        type: 'rule',
        params: {
          all: [
            { field: 'shoeSize', op: 'eq', value: 42 },
            { field: 'naam', op: 'gt', value: 'a' },
            { field: 'taalniveau', op: 'eq', value: 'C2' },
            { field: 'behoudUitkering', op: 'eq', value: 'ja' },
          ],
        },
      },
    };
    expect(paths(def)).toEqual(
      expect.arrayContaining([
        'machine.states.intake.on.MATCH.guard.params.all.0.field',
        'machine.states.intake.on.MATCH.guard.params.all.1.op',
        'machine.states.intake.on.MATCH.guard.params.all.2.value',
        'machine.states.intake.on.MATCH.guard.params.all.3.value',
      ]),
    );
  });

  it('reports a missing Dutch label, a duplicate id and a form asking for an unknown field', () => {
    const def = student();
    def.machine.states.intake.meta = {};
    def.machine.states.intake.id = 'x';
    def.machine.states.inschrijving.id = 'x';
    def.machine.states.aanmelding.on!.INTAKE_PLANNEN = {
      target: 'intake',
      meta: { label: { nl: 'Plannen' }, form: [{ field: 'wie' }] },
    };
    expect(paths(def)).toEqual(
      expect.arrayContaining([
        'machine.states.intake.meta.label.nl',
        'machine.states.inschrijving.id',
        'machine.states.aanmelding.on.INTAKE_PLANNEN.meta.form.0.field',
      ]),
    );
  });

  it('says where a markup error is, so two alike are told apart, at the exact language', () => {
    const def = student();
    def.machine.states.intake.meta!.label = { nl: 'Intake <b>', en: 'Intake <b>' };
    def.fields.taalniveau.label.nl = 'Taal<script>';
    const markup = validateDefinition(def).filter((p) => p.message.en.includes('markup'));
    expect(markup.map((p) => [p.path, p.message.nl.split(':')[0]])).toEqual([
      ['fields.taalniveau.label.nl', "Veld 'Taal<script>', naam (Nederlands)"],
      ['machine.states.intake.meta.label.nl', "Stap 'Intake <b>', naam (Nederlands)"],
      ['machine.states.intake.meta.label.en', "Stap 'Intake <b>', naam (Engels)"],
    ]);
    expect(new Set(markup.map((p) => p.message.en)).size).toBe(3);
  });

  it('reports names given twice (steps, actions of a step, sign-off items, fields) at the repeat, each once', () => {
    const def = student();
    // Told apart without regard to case or spaces around, as a reader would.
    def.machine.states.inschrijving.meta!.label = { nl: 'intake ' };
    const intake = def.machine.states.intake.on!;
    intake.GEEN_MATCH = { ...(intake.GEEN_MATCH as object), meta: { label: { nl: 'Intake: er is een match' } } };
    const list = def.machine.states.opleiding.states!.leerbedrijf.states!.school.states!.introductie.meta!.checklist!;
    list.push({ ...list[0], id: 'nog-een' });
    def.fields.geboortedatum.label = { nl: 'Naam' };
    const named = validateDefinition(def).filter((p) => p.message.en.startsWith('Two '));
    expect(named.map((p) => p.path)).toEqual([
      'machine.states.inschrijving.meta.label.nl',
      'machine.states.intake.on.GEEN_MATCH.meta.label.nl',
      'machine.states.opleiding.states.leerbedrijf.states.school.states.introductie.meta.checklist.5.label.nl',
      'fields.geboortedatum.label.nl',
    ]);
    expect(named[0].message.nl).toBe("Twee stappen heten 'intake' (dit is de 2e): geef elke stap een eigen naam");
  });

  it('checks whose work an action is: a known function, not on a timer, not for a role staff lacks', () => {
    const def = student();
    const aanmelding = def.machine.states.aanmelding.on!;
    aanmelding.INTAKE_PLANNEN = {
      target: 'intake',
      meta: { label: { nl: 'Plannen' }, functions: ['conciërge' as never] },
    };
    // An action is one transition or a list of them, so the grammar can only point at the action.
    expect(paths(def)).toEqual(['machine.states.aanmelding.on.INTAKE_PLANNEN']);

    const timed = student();
    const lopend = timed.machine.states.opleiding.states!.leerbedrijf.states!.school.states!.introductie.states!.lopend;
    lopend.after!['10w'] = { target: 'vaststellen', meta: { functions: ['docent'] } };
    expect(paths(timed)).toEqual([
      'machine.states.opleiding.states.leerbedrijf.states.school.states.introductie.states.lopend.after.10w.meta.functions',
    ]);

    const gated = student();
    gated.machine.states.aanmelding.on!.INTAKE_PLANNEN = {
      target: 'intake',
      meta: { label: { nl: 'Plannen' }, roles: ['manager'], functions: ['coordinator'] },
    };
    expect(validateDefinition(gated)).toEqual([
      expect.objectContaining({
        path: 'machine.states.aanmelding.on.INTAKE_PLANNEN.meta.functions',
        severity: 'warning',
      }),
    ]);
  });

  it('checks who may see personal fields: known functions and roles only', () => {
    const def = student() as Record<string, unknown>;
    def.privacy = { functions: ['docent', 'stagiair'], roles: ['manager'] };
    expect(paths(def)).toContain('privacy.functions.1');
  });

  it("refuses staff-only on the fields the student's own view is built on: the name and the plan", () => {
    const def = student();
    def.fields.naam.staffOnly = true;
    def.fields.geplandEinde.staffOnly = true;
    def.fields.intakeVerslag.staffOnly = true;
    expect(paths(def).filter((p) => p.endsWith('staffOnly'))).toEqual([
      'fields.naam.staffOnly',
      'fields.geplandEinde.staffOnly',
    ]);
    const bad = student() as unknown as { fields: Record<string, Record<string, unknown>> };
    bad.fields.coach.staffOnly = 'ja';
    expect(paths(bad)).toContain('fields.coach.staffOnly');
  });

  it('warns when a final state has no outcome, without calling it an error', () => {
    const def = student();
    delete def.machine.states.afgewezen.meta!.outcome;
    expect(validateDefinition(def)).toEqual([
      expect.objectContaining({ path: 'machine.states.afgewezen.meta.outcome', severity: 'warning' }),
    ]);
  });
});
