import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  diffDefinitions,
  errorsOnly,
  sampleValue,
  startCase,
  validateDefinition,
  type Definition,
  type TransitionConfig,
} from '../../../../engine';
import student from '../../../../workflows/student-traject.json';
import client from '../../../../workflows/client-hulpvraag.json';
import {
  applyEdit,
  definitionPath,
  eventFor,
  fieldOfPath,
  keyFor,
  placeFor,
  record,
  redo,
  selectionOfPath,
  startHistory,
  toGraph,
  transitionsOfDefinition,
  undo,
  type Edit,
} from './model';

const studentDef = student as unknown as Definition;
const clientDef = client as unknown as Definition;
const errors = (def: Definition) => errorsOnly(validateDefinition(def)).map((p) => `${p.path}: ${p.message.en}`);
const at = '2026-09-01T09:00:00.000Z';

describe('graph of a definition', () => {
  it('draws every state, nested in its parent, and every transition with a target', () => {
    const { nodes, edges } = toGraph(studentDef);
    // 27 steps and, since issue 23, the care placement's final evaluation and the step after it,
    // the waiting list, and the follow-up after leaving with its four steps.
    // Five more since the help in the wijk runs beside the school (issue 23): the parallel step, its two regions, the wijk's two steps.
    expect(nodes.filter((n) => n.id !== '*')).toHaveLength(40);
    expect(nodes.filter((n) => n.parent === 'nazorg').map((n) => n.id)).toEqual([
      'nazorg.wacht-zes',
      'nazorg.zes-maanden',
      'nazorg.wacht-twaalf',
      'nazorg.twaalf-maanden',
    ]);
    expect(nodes.find((n) => n.id === 'opleiding.leerbedrijf.school.zorgstage.loopt')?.parent).toBe(
      'opleiding.leerbedrijf.school.zorgstage',
    );
    expect(nodes.find((n) => n.id === 'uitgestroomd')).toMatchObject({ kind: 'final', outcome: 'diploma' });
    expect(nodes.find((n) => n.id === 'aanmelding')?.initial).toBe(true);
    // Leaving without a diploma is possible from every step: one edge from the "every step" node.
    expect(edges.filter((e) => e.source === '*').map((e) => e.target)).toEqual(['zonder-diploma']);
    const timer = edges.find(
      (e) => e.ref.on === 'after' && e.source === 'opleiding.leerbedrijf.school.introductie.lopend',
    );
    expect(timer?.timer?.nl).toBe('na 10 weken');
    expect(edges.every((e) => nodes.some((n) => n.id === e.target))).toBe(true);
    const withTarget = transitionsOfDefinition(studentDef).filter((t) => t.config.target !== undefined);
    expect(edges).toHaveLength(withTarget.length);
  });

  it('draws what moves by itself (eventless, and when a step is done), and edits and moves it like any transition', () => {
    const def: Definition = {
      ...clientDef,
      machine: {
        id: 'm',
        initial: 'samen',
        states: {
          samen: {
            type: 'parallel',
            meta: { label: { nl: 'Samen' } },
            onDone: { target: 'keuze' },
            states: {
              a: {
                meta: { label: { nl: 'A' } },
                initial: 'x',
                states: { x: { type: 'final', meta: { label: { nl: 'X' } } } },
              },
            },
          },
          keuze: { meta: { label: { nl: 'Keuze' } }, always: { target: 'klaar' } },
          klaar: { type: 'final', meta: { label: { nl: 'Klaar' }, outcome: 'klaar' } },
        },
      },
    };
    const { edges } = toGraph(def);
    expect(edges.map((e) => [e.source, e.target, e.label.nl])).toEqual([
      ['samen', 'keuze', 'als klaar'],
      ['keuze', 'klaar', 'vanzelf'],
    ]);
    const ref = edges[1].ref;
    expect(selectionOfPath(def, 'machine.states.keuze.always')).toEqual({ transition: ref });
    const renamed = applyEdit(def, { kind: 'updateTransition', ref, label: { nl: 'Meteen door' } });
    expect(renamed.machine.states.keuze.always).toEqual({ target: 'klaar', meta: { label: { nl: 'Meteen door' } } });
    const nested = applyEdit(def, { kind: 'nestState', path: 'klaar', parent: 'samen.a' });
    expect(nested.machine.states.keuze.always).toEqual({ target: '#m.samen.a.klaar' });
    expect(applyEdit(def, { kind: 'deleteTransition', ref }).machine.states.keuze.always).toBeUndefined();
  });
});

describe('edits', () => {
  it('adds a state and a guarded transition that the engine then runs', () => {
    let def = applyEdit(clientDef, {
      kind: 'addState',
      parent: '',
      key: 'voorgesprek',
      label: { nl: 'Voorgesprek', en: 'First talk' },
    });
    // Nothing leads to the new step yet: the validator says so.
    expect(errors(def).some((e) => e.startsWith('machine.states.voorgesprek'))).toBe(true);
    def = applyEdit(def, {
      kind: 'addTransition',
      source: 'huisbezoek',
      event: 'OP_WACHTLIJST',
      target: 'voorgesprek',
      label: { nl: 'Naar het voorgesprek' },
    });
    def = applyEdit(def, {
      kind: 'addTransition',
      source: 'voorgesprek',
      event: 'HUISBEZOEK_PLANNEN',
      target: 'huisbezoek',
      label: { nl: 'Alsnog huisbezoek' },
    });
    expect(errors(def)).toEqual([]);

    const ref = { source: 'huisbezoek', on: 'on' as const, key: 'OP_WACHTLIJST', index: 0 };
    const field = Object.entries(def.fields).find(([, f]) => f.type === 'boolean')![0];
    def = applyEdit(def, { kind: 'updateTransition', ref, guard: { field, op: 'eq', value: true }, roles: ['staff'] });
    expect(errors(def)).toEqual([]);
    const t = def.machine.states.huisbezoek.on!.OP_WACHTLIJST as { guard?: unknown; meta?: { roles?: string[] } };
    expect(t.guard).toEqual({ type: 'rule', params: { field, op: 'eq', value: true } });
    expect(t.meta?.roles).toEqual(['staff']);
    expect(clientDef.machine.states.voorgesprek).toBeUndefined();
  });

  it('deletes a state with the transitions into it, and keeps the rest valid', () => {
    // The leave returns through the history step as the pause does: both go.
    const def = applyEdit(applyEdit(studentDef, { kind: 'deleteState', path: 'uitgepland' }), {
      kind: 'deleteState',
      path: 'verlof',
    });
    expect(def.machine.states.uitgepland).toBeUndefined();
    expect(transitionsOfDefinition(def).some((t) => t.target === 'uitgepland' || t.unknownTarget)).toBe(false);
    // Only the pause and the leave returned through the history step: the validator now finds it unused.
    expect(errors(def)).toEqual([
      "machine.states.opleiding.states.verder: State 'opleiding.verder' is unreachable: no transition leads to it",
    ]);
  });

  it('nests a state in another one and rewrites targets so every transition still reaches it', () => {
    let def = applyEdit(clientDef, { kind: 'addState', parent: '', key: 'extra', label: { nl: 'Extra' } });
    def = applyEdit(def, { kind: 'addState', parent: 'extra', key: 'binnen', label: { nl: 'Binnen' } });
    const before = transitionsOfDefinition(def).filter((t) => t.target === 'huisbezoek').length;
    def = applyEdit(def, { kind: 'nestState', path: 'huisbezoek', parent: 'extra' });
    const after = transitionsOfDefinition(def);
    expect(after.some((t) => t.unknownTarget)).toBe(false);
    expect(after.filter((t) => t.target === 'extra.huisbezoek')).toHaveLength(before);
    // Its own transitions still go where they went.
    expect(
      after
        .filter((t) => t.ref.source === 'extra.huisbezoek')
        .every((t) => t.target && !t.target.startsWith('extra.huisbezoek')),
    ).toBe(true);
  });

  it('changes a timer duration and a target, and keeps the definition running', () => {
    const ref = {
      source: 'opleiding.leerbedrijf.school.introductie.lopend',
      on: 'after' as const,
      key: '10w',
      index: 0,
    };
    const def = applyEdit(studentDef, { kind: 'updateTransition', ref, duration: '12w' });
    expect(
      Object.keys(
        def.machine.states.opleiding.states!.leerbedrijf.states!.school.states!.introductie.states!.lopend.after!,
      ),
    ).toEqual(['12w']);
    expect(errors(def)).toEqual([]);
    const moved = applyEdit(def, {
      kind: 'updateTransition',
      ref: { source: 'aanmelding', on: 'on', key: 'INTAKE_PLANNEN', index: 0 },
      target: 'diploma',
    });
    const started = startCase(moved, { naam: 'Test', aanmelder: 'uwv', instroomroute: 'ww' }, new Date(at));
    if (!started.ok) throw new Error(JSON.stringify(started));
    const form =
      (moved.machine.states.aanmelding.on!.INTAKE_PLANNEN as { meta?: { form?: { field: string }[] } }).meta?.form ??
      [];
    const data = Object.fromEntries(form.map((f) => [f.field, sampleValue(moved.fields[f.field])]));
    const stepped = applyEvent(
      moved,
      started.snapshot,
      { type: 'INTAKE_PLANNEN', data },
      { role: 'staff' },
      new Date(at),
    );
    if (!stepped.ok) throw new Error(JSON.stringify(stepped.message));
    expect(stepped.to).toBe('diploma');
  });

  it('removes a step from the lists that name it, and renames it there when it moves', () => {
    const gone = applyEdit(clientDef, { kind: 'deleteState', path: 'gepauzeerd' });
    expect(gone.reports?.activeIn).toEqual(['matching', 'actief']);
    expect(
      (gone.machine.states.matching.on!.GEMATCHT as { meta: { exclusive: { activeIn: string[] } } }).meta.exclusive
        .activeIn,
    ).toEqual(['actief']);
    expect(errors(gone).filter((e) => e.includes('gepauzeerd'))).toEqual([]);

    // A sign-off rule naming the step by its full path follows the step into its new parent.
    let moved = applyEdit(studentDef, {
      kind: 'updateTransition',
      ref: { source: 'diploma', on: 'on', key: 'UITSTROOM_VASTLEGGEN', index: 0 },
      guard: { checklist: 'opleiding.leerbedrijf.school.zorgstage' },
    });
    moved = applyEdit(moved, { kind: 'addState', parent: '', key: 'traject', label: { nl: 'Traject' } });
    moved = applyEdit(moved, { kind: 'addState', parent: 'traject', key: 'eerst', label: { nl: 'Eerst' } });
    moved = applyEdit(moved, { kind: 'nestState', path: 'opleiding', parent: 'traject' });
    expect((moved.machine.states.diploma.on!.UITSTROOM_VASTLEGGEN as { guard: unknown }).guard).toEqual({
      type: 'rule',
      params: { checklist: 'traject.opleiding.leerbedrijf.school.zorgstage' },
    });
    expect(errors(moved).filter((e) => e.includes('checklist') || e.includes('Unknown step'))).toEqual([]);
  });

  it('refuses an edit on something that does not exist, changing nothing', () => {
    expect(() => applyEdit(clientDef, { kind: 'deleteState', path: 'bestaat-niet' })).toThrow(/does not exist/);
    expect(() => applyEdit(clientDef, { kind: 'nestState', path: 'huisbezoek', parent: 'huisbezoek' })).toThrow();
  });

  it('makes keys and event names from Dutch labels, unique', () => {
    expect(keyFor('Één huisbezoek!', ['een-huisbezoek'])).toBe('een-huisbezoek-2');
    expect(eventFor('Veilige werkplek: ja', [])).toBe('VEILIGE_WERKPLEK_JA');
    expect(keyFor('Constructor', [])).toBe('constructor-2');
  });
});

describe('fields', () => {
  it('adds a field that a form and a rule then use, and removing it takes it out of forms and leaves the rule to the validator', () => {
    let def = applyEdit(clientDef, {
      kind: 'setField',
      name: 'vogAanwezig',
      field: { type: 'boolean', label: { nl: 'VOG aanwezig', en: 'Certificate of conduct' } },
    });
    const ref = { source: 'huisbezoek', on: 'on' as const, key: 'DOORVERWIJZEN', index: 0 };
    const form = (def.machine.states.huisbezoek.on!.DOORVERWIJZEN as { meta: { form: { field: string }[] } }).meta.form;
    def = applyEdit(def, {
      kind: 'updateTransition',
      ref,
      form: [...form, { field: 'vogAanwezig', required: true }],
      guard: { field: 'vogAanwezig', op: 'eq', value: true },
    });
    expect(errors(def)).toEqual([]);
    def = applyEdit(def, { kind: 'deleteField', name: 'vogAanwezig' });
    expect(def.fields.vogAanwezig).toBeUndefined();
    expect(
      (def.machine.states.huisbezoek.on!.DOORVERWIJZEN as { meta: { form: { field: string }[] } }).meta.form.map(
        (f) => f.field,
      ),
    ).not.toContain('vogAanwezig');
    expect(errors(def)).toEqual([
      "machine.states.huisbezoek.on.DOORVERWIJZEN.guard.params.field: Rule uses unknown field 'vogAanwezig'",
    ]);
  });
});

describe('whose work and who sees personal data', () => {
  it('names the function whose work an action is, and sets the privacy of the workflow', () => {
    const ref = { source: 'huisbezoek', on: 'on' as const, key: 'DOORVERWIJZEN', index: 0 };
    let def = applyEdit(clientDef, { kind: 'updateTransition', ref, functions: ['docent', 'coordinator'] });
    expect(
      (def.machine.states.huisbezoek.on!.DOORVERWIJZEN as { meta: { functions: string[] } }).meta.functions,
    ).toEqual(['docent', 'coordinator']);
    def = applyEdit(def, { kind: 'updateTransition', ref, functions: null });
    expect(
      (def.machine.states.huisbezoek.on!.DOORVERWIJZEN as { meta: { functions?: string[] } }).meta.functions,
    ).toBeUndefined();
    def = applyEdit(def, { kind: 'setPrivacy', privacy: { functions: ['coordinator', 'docent'], roles: ['manager'] } });
    expect(def.privacy).toEqual({ functions: ['coordinator', 'docent'], roles: ['manager'] });
    expect(errors(def)).toEqual([]);
    expect(applyEdit(def, { kind: 'setPrivacy', privacy: null }).privacy).toBeUndefined();
  });

  it("keeps the simulator's scenarios with the draft, valid, and never as a difference", () => {
    const scenario = { name: 'WW', as: { role: 'staff' as const, function: 'docent' as const }, start: { naam: 'X' } };
    const def = applyEdit(clientDef, { kind: 'setScenarios', scenarios: [scenario] });
    expect(def.scenarios).toEqual([scenario]);
    expect(errors(def)).toEqual([]);
    expect(diffDefinitions(clientDef, def)).toEqual([]);
    expect(applyEdit(def, { kind: 'setScenarios', scenarios: [] }).scenarios).toBeUndefined();
  });
});

describe('functions that authorise', () => {
  it('keeps an action to the functions named, beside its routing, and lets any function again', () => {
    const ref = { source: 'huisbezoek', on: 'on' as const, key: 'DOORVERWIJZEN', index: 0 };
    const meta = (d: typeof clientDef) =>
      (d.machine.states.huisbezoek.on!.DOORVERWIJZEN as { meta: { functions?: string[]; restrictedTo?: string[] } })
        .meta;
    let def = applyEdit(clientDef, { kind: 'updateTransition', ref, restrictedTo: ['docent'] });
    expect(meta(def).restrictedTo).toEqual(['docent']);
    expect(meta(def).functions).toEqual(meta(clientDef).functions);
    expect(errors(def)).toEqual([]);
    def = applyEdit(def, { kind: 'updateTransition', ref, restrictedTo: null });
    expect(meta(def).restrictedTo).toBeUndefined();
  });
});

describe("an action's ways", () => {
  it('changes the form, name and whose work it is on every way of the action, its rule and target on one', () => {
    const ways = (d: typeof clientDef) => d.machine.states.huisbezoek.on!.OVEREENKOMST as TransitionConfig[];
    expect(ways(clientDef).length).toBeGreaterThan(1);
    const second = { source: 'huisbezoek', on: 'on' as const, key: 'OVEREENKOMST', index: 1 };
    const form = [...ways(clientDef)[1].meta!.form!, { field: 'voorkeur' }];
    let def = applyEdit(clientDef, {
      kind: 'updateTransition',
      ref: second,
      form,
      label: { nl: 'Overeenkomst getekend' },
    });
    for (const way of ways(def)) {
      expect(way.meta!.form).toEqual(form);
      expect(way.meta!.label).toEqual({ nl: 'Overeenkomst getekend' });
    }
    def = applyEdit(def, { kind: 'updateTransition', ref: second, functions: ['docent'], target: 'afgesloten' });
    expect(ways(def).map((w) => w.meta!.functions)).toEqual(ways(def).map(() => ['docent']));
    expect(ways(def)[0].target).toBe(ways(clientDef)[0].target);
    expect(ways(def)[1].target).not.toBe(ways(clientDef)[1].target);
    // The action's deadline is held by its first way, whichever way it was set on.
    def = applyEdit(def, { kind: 'updateTransition', ref: second, due: { within: '1w' } });
    expect(ways(def).map((w) => w.meta!.due)).toEqual([
      { within: '1w' },
      ...ways(def)
        .slice(1)
        .map(() => undefined),
    ]);
    // The second way went elsewhere, so nothing leads to the waiting list any more: that is all.
    expect(errors(def)).toEqual([
      "machine.states.wachtlijst: State 'wachtlijst' is unreachable: no transition leads to it",
    ]);
    expect(validateDefinition(def).filter((p) => p.message.nl.startsWith('Weg '))).toEqual([]);
  });
});

describe('undo and redo', () => {
  it('walks back and forth over every edit, and one drag is one step', () => {
    const edits: Edit[] = [
      { kind: 'addState', parent: '', key: 'a', label: { nl: 'A' } },
      { kind: 'move', positions: { a: { x: 1, y: 1 } } },
      { kind: 'move', positions: { a: { x: 5, y: 9 } } },
      { kind: 'updateState', path: 'a', label: { nl: 'A twee' } },
    ];
    let h = startHistory(clientDef);
    for (const e of edits) h = record(h, e);
    expect(h.past).toHaveLength(3);
    expect(h.current.layout?.positions.a).toEqual({ x: 5, y: 9 });
    h = undo(h);
    expect(h.current.machine.states.a.meta?.label?.nl).toBe('A');
    h = undo(h);
    expect(h.current.layout?.positions.a).toBeUndefined();
    h = undo(h);
    expect(h.current).toBe(clientDef);
    expect(undo(h)).toBe(h);
    h = redo(redo(redo(h)));
    expect(h.current.machine.states.a.meta?.label?.nl).toBe('A twee');
    expect(redo(h)).toBe(h);
    // A new edit after undo drops the redo branch.
    h = record(undo(h), { kind: 'deleteState', path: 'a' });
    expect(h.future).toEqual([]);
  });
});

describe('problems point at elements', () => {
  it('maps a validator path to the state or transition it is about', () => {
    const def = applyEdit(clientDef, { kind: 'addState', parent: '', key: 'los', label: { nl: 'Los' } });
    const problems = validateDefinition(def);
    const about = problems.map((p) => selectionOfPath(def, p.path));
    expect(about).toContainEqual({ state: 'los' });
    expect(
      selectionOfPath(
        studentDef,
        'machine.states.opleiding.states.leerbedrijf.states.school.states.zorgstage.on.DIPLOMA.target',
      ),
    ).toEqual({
      transition: { source: 'opleiding.leerbedrijf.school.zorgstage', on: 'on', key: 'DIPLOMA', index: 0 },
    });
    expect(selectionOfPath(studentDef, 'fields.naam')).toBeNull();
  });

  it('names the exact path of a step or action as the validator does, an option of several by its index', () => {
    expect(definitionPath(studentDef, { state: 'opleiding.leerbedrijf.school.zorgstage' })).toBe(
      'machine.states.opleiding.states.leerbedrijf.states.school.states.zorgstage',
    );
    expect(definitionPath(studentDef, { transition: { source: 'intake', on: 'on', key: 'MATCH', index: 1 } })).toBe(
      'machine.states.intake.on.MATCH.1',
    );
    expect(
      definitionPath(studentDef, { transition: { source: 'aanmelding', on: 'on', key: 'INTAKE_PLANNEN', index: 0 } }),
    ).toBe('machine.states.aanmelding.on.INTAKE_PLANNEN');
  });

  it("finds the input a problem is about among a panel's places: the path itself or the closest piece holding it", () => {
    const step = 'machine.states.intake';
    const places = [step, `${step}.meta.label.nl`, `${step}.meta.label.en`, `${step}.on.MATCH.0.guard.params`];
    expect(placeFor(places, `definition.${step}.meta.label.en`)).toBe(`${step}.meta.label.en`);
    expect(placeFor(places, `${step}.on.MATCH.0.guard.params.all.0.value`)).toBe(`${step}.on.MATCH.0.guard.params`);
    expect(placeFor(places, `${step}.meta.outcome`)).toBe(step);
    // A prefix of a key is not the piece that holds it.
    expect(placeFor(places, 'machine.states.intakeB.meta')).toBeUndefined();
    expect(fieldOfPath(studentDef, 'fields.taalniveau.options.1.label.nl')).toBe('taalniveau');
    expect(fieldOfPath(studentDef, 'fields.bestaatniet.label')).toBeUndefined();
    expect(fieldOfPath(studentDef, step)).toBeUndefined();
  });
});
