import { describe, expect, it } from 'vitest';
import { shippedWorkflows } from '../workflows';
import { validateDefinition } from './validate';

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
    const lopend = timed.machine.states.opleiding.states!.introductie.states!.lopend;
    lopend.after!['10w'] = { target: 'vaststellen', meta: { functions: ['docent'] } };
    expect(paths(timed)).toEqual([
      'machine.states.opleiding.states.introductie.states.lopend.after.10w.meta.functions',
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

  it('warns when a final state has no outcome, without calling it an error', () => {
    const def = student();
    delete def.machine.states.afgewezen.meta!.outcome;
    expect(validateDefinition(def)).toEqual([
      expect.objectContaining({ path: 'machine.states.afgewezen.meta.outcome', severity: 'warning' }),
    ]);
  });
});
