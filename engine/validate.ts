import { Value } from '@sinclair/typebox/value';
import {
  DefinitionSchema,
  transitionsOf,
  type ComparisonOp,
  type Condition,
  type Definition,
  type Field,
  type RaiseAction,
  type Role,
  type Rule,
  type StaffFunction,
  type StateConfig,
} from './definition';
import { automaticLoops } from './automatic';
import { roleAllows } from './roles';
import { functionNames, oneOf, roleNames, rolesFrom } from './people';
import { checkTimeRule, timeProblems } from './validate-time';
import { planningProblems } from './validate-planning';
import { problem, type Problem } from './problem';
import { placeOf } from './place';
import { duplicateNames } from './duplicates';
import { isChecklistCondition, isCondition, isPlaceCondition, isTimeCondition, isTimeSinceCondition } from './rules';
import {
  checklistItems,
  checklistScopeExists,
  endsCase,
  indexStates,
  kind,
  lineage,
  reachable,
  resolveTarget,
  stateEvents,
  type StateEntry,
} from './tree';

const opsByType: Record<Field['type'], readonly ComparisonOp[]> = {
  number: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'exists'],
  date: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'exists'],
  string: ['eq', 'ne', 'in', 'exists'],
  text: ['exists'],
  boolean: ['eq', 'ne', 'exists'],
  enum: ['eq', 'ne', 'in', 'exists'],
  list: ['eq', 'ne', 'in', 'exists'],
};

/** The comparison operators that make sense for a field type; the designer offers only these. */
export function operatorsFor(type: Field['type']): readonly ComparisonOp[] {
  return opsByType[type];
}

function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function valueFits(field: Field, v: unknown): boolean {
  switch (field.type) {
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
    case 'enum':
    case 'list':
      return typeof v === 'string' && (!field.options || field.options.some((o) => o.value === v));
    default:
      return typeof v === 'string';
  }
}

function checkCondition(def: Definition, cond: Condition, path: string, out: Problem[]) {
  const field = def.fields[cond.field];
  if (!field) {
    out.push(
      problem(
        `${path}.field`,
        `Regel gebruikt onbekend veld '${cond.field}'`,
        `Rule uses unknown field '${cond.field}'`,
      ),
    );
    return;
  }
  const name = field.label.nl;
  if (!opsByType[field.type].includes(cond.op)) {
    out.push(
      problem(
        `${path}.op`,
        `Vergelijking '${cond.op}' past niet bij veld '${name}' (${field.type})`,
        `Operator '${cond.op}' does not fit field '${cond.field}' of type ${field.type}`,
      ),
    );
    return;
  }
  if (cond.op === 'exists') {
    if (cond.value !== undefined)
      out.push(problem(`${path}.value`, `'exists' heeft geen waarde nodig`, `'exists' takes no value`));
    return;
  }
  if (cond.op === 'in') {
    if (!Array.isArray(cond.value)) {
      out.push(problem(`${path}.value`, `'in' vraagt een lijst met waarden`, `'in' needs a list of values`));
      return;
    }
    cond.value.forEach((v, i) => {
      if (!valueFits(field, v))
        out.push(
          problem(
            `${path}.value.${i}`,
            `Waarde ${JSON.stringify(v)} past niet bij veld '${name}'`,
            `Value ${JSON.stringify(v)} does not fit field '${cond.field}' (${field.type})`,
          ),
        );
    });
    return;
  }
  if (cond.value === undefined || Array.isArray(cond.value) || !valueFits(field, cond.value)) {
    out.push(
      problem(
        `${path}.value`,
        `Waarde ${JSON.stringify(cond.value)} past niet bij veld '${name}'`,
        `Value ${JSON.stringify(cond.value)} does not fit field '${cond.field}' (${field.type})`,
      ),
    );
  }
}

function checkRule(def: Definition, rule: Rule, path: string, out: Problem[]) {
  if (isCondition(rule)) return checkCondition(def, rule, path, out);
  if (isChecklistCondition(rule)) {
    if (!checklistScopeExists(def, rule.checklist)) {
      out.push(
        problem(
          `${path}.checklist`,
          `Regel noemt een onbekende stap '${rule.checklist}' voor de aftekenlijst`,
          `Rule names unknown step '${rule.checklist}' for the checklist`,
        ),
      );
    } else if (checklistItems(def, rule.checklist).length === 0) {
      out.push(
        problem(
          `${path}.checklist`,
          `Stap '${rule.checklist}' heeft geen aftekenlijst`,
          `Step '${rule.checklist}' has no checklist items`,
        ),
      );
    }
    return;
  }
  if (isTimeCondition(rule) || isTimeSinceCondition(rule)) return checkTimeRule(def, rule, path, out);
  if (isPlaceCondition(rule)) {
    // Without places every case would find one free: the rule would hold back nobody.
    if (!def.reports?.capacity)
      out.push(
        problem(
          `${path}.place`,
          'Regel over een vrije plaats, maar de workflow noemt geen aantal plaatsen (reports.capacity)',
          'Rule on a free place, but the workflow names no number of places (reports.capacity)',
        ),
      );
    return;
  }
  if ('not' in rule) return checkRule(def, rule.not, `${path}.not`, out);
  const key = 'all' in rule ? 'all' : 'any';
  ('all' in rule ? rule.all : rule.any).forEach((r, i) => checkRule(def, r, `${path}.${key}.${i}`, out));
}

/**
 * Work named for a function (staff) that only a higher role may do would wait on them in vain;
 * a function that alone may do it means nothing then (functions bind staff only); and work routed
 * to a function that may not do it waits on the wrong person.
 */
function checkFunctions(
  work: { roles?: readonly Role[]; functions?: readonly StaffFunction[]; restrictedTo?: readonly StaffFunction[] },
  path: string,
  out: Problem[],
) {
  const names = (fs: readonly StaffFunction[]) => oneOf(fs.map((f) => functionNames[f]));
  const higher = work.roles?.length && !roleAllows(work.roles, 'staff');
  for (const key of ['functions', 'restrictedTo'] as const) {
    const fs = work[key];
    if (!fs?.length || !higher) continue;
    const who = names(fs);
    const only = oneOf(rolesFrom(work.roles!).map((r) => roleNames[r]));
    out.push(
      problem(
        `${path}.${key}`,
        key === 'functions'
          ? `Werk voor een ${who.nl}, maar alleen een ${only.nl} mag het doen`
          : `Alleen een ${who.nl} mag het, maar de rol laat alleen een ${only.nl} toe`,
        key === 'functions'
          ? `Work for a ${who.en}, but only a ${only.en} may do it`
          : `Only a ${who.en} may do it, but the role lets only a ${only.en} through`,
        'warning',
      ),
    );
  }
  const stray = work.restrictedTo?.length ? (work.functions ?? []).filter((f) => !work.restrictedTo!.includes(f)) : [];
  if (stray.length)
    out.push(
      problem(
        `${path}.functions`,
        `Werk voor een ${names(stray).nl}, maar alleen een ${names(work.restrictedTo!).nl} mag het doen`,
        `Work for a ${names(stray).en}, but only a ${names(work.restrictedTo!).en} may do it`,
        'warning',
      ),
    );
}

function statePath(entry: StateEntry): string {
  return entry.path ? `machine.states.${entry.path.split('.').join('.states.')}` : 'machine';
}

function stateName(entry: StateEntry): string {
  return entry.config.meta?.label?.nl ?? entry.path;
}

/**
 * Every problem of a workflow definition, each with a path and a plain message.
 * Structural problems first; the meaning is only checked once the structure is sound.
 */
export function validateDefinition(input: unknown): Problem[] {
  const shape = structureProblems(input);
  return shape.length ? shape : meaningProblems(input as Definition);
}

/** Whether a value is a workflow definition at all: types, required keys, no unknown keys. */
export function structureProblems(input: unknown): Problem[] {
  const out: Problem[] = [];
  if (Value.Check(DefinitionSchema, input)) return out;
  for (const e of Value.Errors(DefinitionSchema, input)) {
    const path = pointerToPath(e.path) || '(root)';
    if (out.some((p) => p.path === path)) continue;
    out.push(problem(path, `Ongeldige waarde: ${e.message}`, `Invalid value: ${e.message}`));
    if (out.length >= 50) break;
  }
  return out;
}

/** A tag-like `<…` in a text: labels are plain text, never markup, wherever they are shown. */
const markup = /<[A-Za-z/!?]/;

function markupProblems(def: Definition, value: unknown, path: string, out: Problem[]) {
  if (value === null || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (typeof v === 'string') {
      if ((key === 'nl' || key === 'en' || key === 'description') && markup.test(v)) {
        // Said with its place (which step, action or field, which language): two are never alike.
        const where = placeOf(def, at);
        out.push(
          problem(
            at,
            `${where.nl}: een tekst mag geen opmaakcode zoals <script> of <b> bevatten; schrijf gewone tekst`,
            `${where.en}: a text may not contain markup such as <script> or <b>; write plain text`,
          ),
        );
      }
    } else markupProblems(def, v, at, out);
  }
}

/** Texts that look like markup, wherever in a definition they are: an import refuses them outright. */
export function markupIn(def: Definition): Problem[] {
  const out: Problem[] = [];
  markupProblems(def, def, '', out);
  return out;
}

function meaningProblems(def: Definition): Problem[] {
  const out: Problem[] = [];
  markupProblems(def, def, '', out);
  duplicateNames(def, out);
  const index = indexStates(def);

  for (const [name, field] of Object.entries(def.fields)) {
    if (field.type === 'enum' && !field.options) {
      out.push(
        problem(
          `fields.${name}.options`,
          `Keuzeveld '${field.label.nl}' heeft geen keuzes`,
          `Choice field '${name}' has no options`,
        ),
      );
    }
  }
  def.startForm.forEach((f, i) => {
    if (!def.fields[f.field])
      out.push(
        problem(
          `startForm.${i}.field`,
          `Startformulier vraagt onbekend veld '${f.field}'`,
          `Start form asks for unknown field '${f.field}'`,
        ),
      );
  });
  if (!def.fields[def.titleField]) {
    out.push(
      problem(
        'titleField',
        `Titelveld '${def.titleField}' bestaat niet`,
        `Title field '${def.titleField}' is not a field`,
      ),
    );
  }

  staffOnlyProblems(def, out);

  const r = def.reports;
  if (r) {
    if (r.started) checkRule(def, r.started, 'reports.started', out);
    for (const key of [
      'startDate',
      'cohortField',
      'groupField',
      'reasonField',
      'destinationField',
      'catchUpField',
    ] as const) {
      const name = r[key];
      if (name && !def.fields[name])
        out.push(
          problem(`reports.${key}`, `Rapportage noemt onbekend veld '${name}'`, `Reports name unknown field '${name}'`),
        );
    }
    if (r.startDate && def.fields[r.startDate] && def.fields[r.startDate].type !== 'date')
      out.push(
        problem(
          'reports.startDate',
          `Veld '${r.startDate}' moet een datum zijn`,
          `Field '${r.startDate}' must be a date`,
        ),
      );
    if (r.plan) {
      for (const key of ['startField', 'monthsField'] as const) {
        if (!def.fields[r.plan[key]])
          out.push(
            problem(
              `reports.plan.${key}`,
              `Rapportage noemt onbekend veld '${r.plan[key]}'`,
              `Reports name unknown field '${r.plan[key]}'`,
            ),
          );
      }
    }
    if (r.care && def.fields[r.care.halfDaysField]?.type !== 'list')
      out.push(
        problem(
          'reports.care.halfDaysField',
          `Veld '${r.care.halfDaysField}' moet een lijst met dagdelen zijn`,
          `Field '${r.care.halfDaysField}' must be a list of half-days`,
        ),
      );
    if (r.reciprocity) {
      const rec = r.reciprocity;
      for (const key of ['dateField', 'agreedField', 'givenField', 'kindField'] as const) {
        const name = rec[key];
        const field = name ? def.fields[name] : undefined;
        if (!name) continue;
        if (!field)
          out.push(
            problem(
              `reports.reciprocity.${key}`,
              `Rapportage noemt onbekend veld '${name}'`,
              `Reports name unknown field '${name}'`,
            ),
          );
        else if (key === 'dateField' && field.type !== 'date')
          out.push(
            problem(
              `reports.reciprocity.${key}`,
              `Veld '${field.label.nl}' moet een datum zijn`,
              `Field '${name}' must be a date`,
            ),
          );
        else if (key === 'kindField' && (!['enum', 'list'].includes(field.type) || field.personal))
          out.push(
            problem(
              `reports.reciprocity.${key}`,
              `Veld '${field.label.nl}' moet een keuze zijn zonder persoonsgegevens: een telling naar vrije tekst of een persoonsgegeven zegt iets over één persoon`,
              `Field '${name}' must be a choice without personal data: a count by free text or a personal field says something about one person`,
            ),
          );
      }
    }
    const outcomes = new Set([...index.byPath.values()].map((e) => e.config.meta?.outcome).filter(Boolean));
    for (const key of ['success', 'without'] as const) {
      r[key]?.forEach((o, i) => {
        if (!outcomes.has(o))
          out.push(
            problem(`reports.${key}.${i}`, `Geen eindstap heeft uitkomst '${o}'`, `No final step has outcome '${o}'`),
          );
      });
    }
    for (const key of ['activeIn', 'waitingIn'] as const)
      r[key]?.forEach((path, i) => {
        if (!index.byPath.has(path))
          out.push(problem(`reports.${key}.${i}`, `Onbekende stap '${path}'`, `Unknown step '${path}'`));
      });
    if (r.followUp) {
      const f = r.followUp;
      f.activeIn.forEach((path, i) => {
        if (!index.byPath.has(path))
          out.push(problem(`reports.followUp.activeIn.${i}`, `Onbekende stap '${path}'`, `Unknown step '${path}'`));
        else if (endsCase(def, path))
          out.push(
            problem(
              `reports.followUp.activeIn.${i}`,
              `Nazorg loopt in een open stap, niet in eindstap '${path}'`,
              `Follow-up runs in an open step, not in final step '${path}'`,
            ),
          );
      });
      if (!outcomes.has(f.outcome))
        out.push(
          problem(
            'reports.followUp.outcome',
            `Geen eindstap heeft uitkomst '${f.outcome}'`,
            `No final step has outcome '${f.outcome}'`,
          ),
        );
      const values = new Set<string>();
      f.moments.forEach((name, i) => {
        const field = def.fields[name];
        if (field?.type !== 'enum')
          out.push(
            problem(
              `reports.followUp.moments.${i}`,
              field ? `Veld '${field.label.nl}' moet een keuze zijn` : `Onbekend veld '${name}'`,
              field ? `Field '${name}' must be a choice (it is ${field.type})` : `Unknown field '${name}'`,
            ),
          );
        for (const o of field?.options ?? []) values.add(o.value);
      });
      for (const key of ['lasting', 'returned'] as const)
        f[key]?.forEach((v, i) => {
          if (!values.has(v))
            out.push(
              problem(
                `reports.followUp.${key}.${i}`,
                `Geen nazorgmoment kent de waarde '${v}'`,
                `No follow-up moment has the value '${v}'`,
              ),
            );
        });
    }
  }

  const ids = new Map<string, string>();
  const checklistIds = new Map<string, string>();
  const all = [index.root, ...index.byPath.values()];
  for (const entry of all) {
    const c = entry.config;
    const at = statePath(entry);
    const k = kind(c);
    if (entry.path) {
      if (!c.meta?.label?.nl && k !== 'history')
        out.push(
          problem(
            `${at}.meta.label.nl`,
            `Stap '${entry.path}' heeft geen Nederlandse naam`,
            `State '${entry.path}' has no Dutch label`,
          ),
        );
      if (c.id) {
        if (ids.has(c.id))
          out.push(
            problem(
              `${at}.id`,
              `Id '${c.id}' komt twee keer voor (ook bij '${ids.get(c.id)}')`,
              `Duplicate id '${c.id}' (also on '${ids.get(c.id)}')`,
            ),
          );
        else ids.set(c.id, entry.path);
      }
    }
    if (k === 'compound' || (!entry.path && c.states)) {
      if (!c.initial)
        out.push(
          problem(
            `${at}.initial`,
            `Stap '${stateName(entry) || 'proces'}' heeft geen beginstap`,
            `State '${entry.path || 'machine'}' has no initial state`,
          ),
        );
      else if (!c.states?.[c.initial])
        out.push(
          problem(
            `${at}.initial`,
            `Beginstap '${c.initial}' bestaat niet`,
            `Initial state '${c.initial}' does not exist`,
          ),
        );
    }
    c.meta?.checklist?.forEach((item, i) => {
      checkFunctions(item, `${at}.meta.checklist.${i}`, out);
      if (checklistIds.has(item.id))
        out.push(
          problem(
            `${at}.meta.checklist.${i}.id`,
            `Aftekenpunt '${item.id}' komt twee keer voor (ook bij '${checklistIds.get(item.id)}')`,
            `Checklist item '${item.id}' appears twice (also in '${checklistIds.get(item.id)}')`,
          ),
        );
      else checklistIds.set(item.id, entry.path);
    });
    if (c.meta?.outcome && k !== 'final')
      out.push(
        problem(`${at}.meta.outcome`, `Alleen een eindstap heeft een uitkomst`, `Only a final state has an outcome`),
      );
    // Only a final step of the machine itself ends a case; one inside a step only finishes that step.
    if (k === 'final' && !c.meta?.outcome && entry.depth === 1)
      out.push(
        problem(
          `${at}.meta.outcome`,
          `Eindstap '${stateName(entry)}' heeft geen uitkomst`,
          `Final state '${entry.path}' has no outcome`,
          'warning',
        ),
      );
    if (k === 'final' && c.on)
      out.push(problem(`${at}.on`, `Een eindstap kan geen acties hebben`, `A final state cannot have transitions`));
    if (k === 'history' && c.target && !resolveTarget(def, entry, c.target)) {
      out.push(problem(`${at}.target`, `Onbekende stap '${c.target}'`, `Unknown target '${c.target}'`));
    }

    for (const [key, t] of Object.entries(c.after ?? {})) {
      transitionsOf(t).forEach((tr, i) => {
        const tp = Array.isArray(t) ? `${at}.after.${key}.${i}` : `${at}.after.${key}`;
        if (!tr.target)
          out.push(
            problem(
              `${tp}.target`,
              `Timer '${key}' in stap '${stateName(entry)}' heeft geen doel`,
              `Timer '${key}' in state '${entry.path}' has no target`,
            ),
          );
        if (tr.meta?.form?.length)
          out.push(problem(`${tp}.meta.form`, `Een timer kan geen formulier vragen`, `A timer cannot ask for a form`));
        for (const key of ['functions', 'restrictedTo'] as const)
          if (tr.meta?.[key]?.length)
            out.push(
              problem(
                `${tp}.meta.${key}`,
                `Een timer is niemands werk: hij gaat vanzelf`,
                `A timer is nobody's work: it fires by itself`,
              ),
            );
      });
    }
    automaticTransitionProblems(def, entry, at, out);
    optionProblems(c, at, out);
    for (const [type, t] of [
      ...Object.entries(c.on ?? {}),
      ...Object.entries(c.after ?? {}).map(([k, v]) => [`after.${k}`, v] as const),
    ]) {
      const isTimer = type.startsWith('after.');
      transitionsOf(t).forEach((tr, i) => {
        const base = isTimer ? `${at}.${type}` : `${at}.on.${type}`;
        const tp = Array.isArray(t) ? `${base}.${i}` : base;
        if (tr.target !== undefined && !resolveTarget(def, entry, tr.target)) {
          out.push(
            problem(
              `${tp}.target`,
              `Actie '${tr.meta?.label?.nl ?? type}' gaat naar een onbekende stap '${tr.target}'`,
              `Transition '${type}' targets unknown state '${tr.target}'`,
            ),
          );
        }
        if (!tr.meta?.label?.nl && !isTimer)
          out.push(
            problem(
              `${tp}.meta.label.nl`,
              `Actie '${type}' heeft geen Nederlandse naam`,
              `Transition '${type}' has no Dutch label`,
            ),
          );
        if (tr.guard) checkRule(def, tr.guard.params, `${tp}.guard.params`, out);
        if (tr.meta && !isTimer) checkFunctions(tr.meta, `${tp}.meta`, out);
        const ex = tr.meta?.exclusive;
        if (ex) {
          if (!def.fields[ex.field])
            out.push(
              problem(`${tp}.meta.exclusive.field`, `Onbekend veld '${ex.field}'`, `Unknown field '${ex.field}'`),
            );
          const ov = def.fields[ex.overlap];
          if (!ov)
            out.push(
              problem(`${tp}.meta.exclusive.overlap`, `Onbekend veld '${ex.overlap}'`, `Unknown field '${ex.overlap}'`),
            );
          else if (ov.type !== 'list')
            out.push(
              problem(
                `${tp}.meta.exclusive.overlap`,
                `Veld '${ov.label.nl}' moet een lijst zijn`,
                `Field '${ex.overlap}' must be a list`,
              ),
            );
          ex.activeIn.forEach((path, j) => {
            if (!index.byPath.has(path))
              out.push(
                problem(`${tp}.meta.exclusive.activeIn.${j}`, `Onbekende stap '${path}'`, `Unknown step '${path}'`),
              );
          });
        }
        const seen = new Set<string>();
        tr.meta?.form?.forEach((f, j) => {
          if (!def.fields[f.field])
            out.push(
              problem(
                `${tp}.meta.form.${j}.field`,
                `Formulier vraagt onbekend veld '${f.field}'`,
                `Form asks for unknown field '${f.field}'`,
              ),
            );
          if (seen.has(f.field))
            out.push(
              problem(
                `${tp}.meta.form.${j}.field`,
                `Veld '${f.field}' staat twee keer in het formulier`,
                `Field '${f.field}' is twice in the form`,
              ),
            );
          seen.add(f.field);
        });
      });
    }
  }
  raiseProblems(def, out);
  aliasProblems(def, out);
  timeProblems(def, statePath, out);
  planningProblems(def, statePath, out);
  if (out.some((p) => p.severity === 'error' && /\.(target|initial)$/.test(p.path))) return out;
  out.push(...automaticLoops(def));

  // Reachability: what can become active from the start, through initial states and transitions.
  const reached = reachable(def, [index.root]);
  for (const entry of index.byPath.values()) {
    if (!reached.has(entry.path)) {
      out.push(
        problem(
          statePath(entry),
          `Stap '${stateName(entry)}' is onbereikbaar: geen actie leidt ernaartoe`,
          `State '${entry.path}' is unreachable: no transition leads to it`,
        ),
      );
    }
  }

  // Dead ends: an atomic, non-final step from which no action leads anywhere.
  for (const entry of index.byPath.values()) {
    if (kind(entry.config) !== 'atomic') continue;
    const exits = [...lineage(entry), index.root].some(
      (a) => Object.keys(a.config.on ?? {}).length + Object.keys(a.config.after ?? {}).length > 0 || !!a.config.always,
    );
    if (!exits)
      out.push(
        problem(
          statePath(entry),
          `Stap '${stateName(entry)}' is geen eindstap maar heeft geen uitweg`,
          `State '${entry.path}' is not final but has no way out`,
        ),
      );
  }
  return out;
}

/**
 * Eventless transitions (`always`) and what follows a finished step (`onDone`): they move by
 * themselves, so like a timer they ask no form and are nobody's work; an eventless transition
 * without a target would be taken again and again, and only a step with steps inside finishes.
 */
/**
 * An action with several ways (a free place or the waiting list, say) is one action to whoever
 * takes it: its name, form and whose work it is come from the first way, so another way that
 * asks something else would be silently ignored. (Its deadline is the first way's alone: validate-time.)
 */
const actionWide = {
  label: ['naam', 'name'],
  form: ['formulier', 'form'],
  roles: ['rollen', 'roles'],
  functions: ['wiens werk', 'whose work'],
  restrictedTo: ['alleen voor', 'only for'],
} as const;
function optionProblems(c: StateConfig, at: string, out: Problem[]) {
  for (const [type, t] of Object.entries(c.on ?? {})) {
    if (!Array.isArray(t) || t.length < 2) continue;
    const first = t[0].meta ?? {};
    const name = first.label?.nl ?? type;
    t.slice(1).forEach((tr, i) => {
      const differs = (Object.keys(actionWide) as (keyof typeof actionWide)[]).filter(
        (k) => JSON.stringify(tr.meta?.[k]) !== JSON.stringify(first[k]),
      );
      const words = (lang: 0 | 1) => differs.map((k) => actionWide[k][lang]).join(', ');
      if (differs.length)
        out.push(
          problem(
            `${at}.on.${type}.${i + 1}.meta.${differs[0]}`,
            `Weg ${i + 2} van actie '${name}' verschilt van de eerste (${words(0)}); de actie gebruikt die van de eerste weg`,
            `Way ${i + 2} of action '${type}' differs from the first (${words(1)}); the action uses the first way's`,
            'warning',
          ),
        );
    });
  }
}

function automaticTransitionProblems(def: Definition, entry: StateEntry, at: string, out: Problem[]) {
  const c = entry.config;
  const k = kind(c);
  if (c.onDone && k !== 'compound' && k !== 'parallel')
    out.push(
      problem(
        `${at}.onDone`,
        'Alleen een stap met stappen erin wordt klaar (onDone)',
        'Only a step with steps inside it gets done (onDone)',
      ),
    );
  for (const slot of ['always', 'onDone'] as const) {
    const t = c[slot];
    if (!t) continue;
    transitionsOf(t).forEach((tr, i) => {
      const tp = Array.isArray(t) ? `${at}.${slot}.${i}` : `${at}.${slot}`;
      if (!tr.target && slot === 'always')
        out.push(
          problem(
            `${tp}.target`,
            'Een automatische overgang zonder doel zou steeds opnieuw gaan; geef een doel of maak er een actie van',
            'An automatic transition without a target would be taken again and again; give it a target or make it an action',
          ),
        );
      else if (tr.target !== undefined && !resolveTarget(def, entry, tr.target))
        out.push(problem(`${tp}.target`, `Onbekende stap '${tr.target}'`, `Unknown target '${tr.target}'`));
      if (tr.meta?.form?.length)
        out.push(
          problem(
            `${tp}.meta.form`,
            'Een automatische overgang kan geen formulier vragen',
            'An automatic transition cannot ask for a form',
          ),
        );
      if (tr.meta?.functions?.length)
        out.push(
          problem(
            `${tp}.meta.functions`,
            'Een automatische overgang is niemands werk: hij gaat vanzelf',
            "An automatic transition is nobody's work: it goes by itself",
          ),
        );
      if (tr.guard) checkRule(def, tr.guard.params, `${tp}.guard.params`, out);
    });
  }
}

/** A raised event that no step takes is lost: said as a warning, with where it is raised. */
function raiseProblems(def: Definition, out: Problem[]) {
  const index = indexStates(def);
  const taken = new Set(
    [index.root, ...index.byPath.values()].flatMap((e) => stateEvents(def, e.config).map(([name]) => name)),
  );
  const check = (xs: readonly RaiseAction[] | undefined, at: string) =>
    xs?.forEach((x, i) => {
      if (!taken.has(x.raise))
        out.push(
          problem(
            `${at}.${i}.raise`,
            `Gebeurtenis '${x.raise}' wordt opgeworpen, maar geen stap reageert erop`,
            `Event '${x.raise}' is raised, but no step takes it`,
            'warning',
          ),
        );
    });
  for (const entry of index.byPath.values()) {
    const c = entry.config;
    const at = statePath(entry);
    check(c.entry, `${at}.entry`);
    check(c.exit, `${at}.exit`);
    const slots: [string, StateConfig['always']][] = [
      ...Object.entries(c.on ?? {}).map(([k, v]) => [`on.${k}`, v] as [string, StateConfig['always']]),
      ...Object.entries(c.after ?? {}).map(([k, v]) => [`after.${k}`, v] as [string, StateConfig['always']]),
      ['always', c.always],
      ['onDone', c.onDone],
    ];
    for (const [slot, t] of slots)
      if (t)
        transitionsOf(t).forEach((tr, i) =>
          check(tr.actions, `${at}.${slot}${Array.isArray(t) ? `.${i}` : ''}.actions`),
        );
  }
}

/** The names events had in another tool: two events cannot share one, and each names an event of the workflow. */
function aliasProblems(def: Definition, out: Problem[]) {
  const aliases = def.machine.aliases;
  if (!aliases) return;
  const index = indexStates(def);
  const used = new Set<string>();
  const raised = (xs: readonly RaiseAction[] | undefined) => xs?.forEach((x) => used.add(x.raise));
  for (const { config: c } of [index.root, ...index.byPath.values()]) {
    raised(c.entry);
    raised(c.exit);
    Object.keys(c.on ?? {}).forEach((k) => used.add(k));
    for (const t of [...Object.values(c.on ?? {}), ...Object.values(c.after ?? {}), c.always, c.onDone])
      if (t) transitionsOf(t).forEach((tr) => raised(tr.actions));
  }
  const seen = new Map<string, string>();
  for (const [event, alias] of Object.entries(aliases)) {
    const at = `machine.aliases.${event}`;
    const other = seen.get(alias);
    if (other)
      out.push(
        problem(
          at,
          `'${alias}' is al de naam van gebeurtenis '${other}'`,
          `'${alias}' is already the name of event '${other}'`,
        ),
      );
    else seen.set(alias, event);
    if (!used.has(event))
      out.push(
        problem(
          at,
          `Gebeurtenis '${event}' komt in de workflow niet voor`,
          `Event '${event}' does not occur in the workflow`,
          'warning',
        ),
      );
  }
}

export function errorsOnly(problems: Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}

/**
 * A field kept from the case's own person may not be one their view is built on: their name (the
 * title) and the plan's dates and duration, which tell them whether they are on track.
 */
function staffOnlyProblems(def: Definition, out: Problem[]): void {
  const plan = def.reports?.plan;
  const shown: [string | undefined, string][] = [
    [def.titleField, 'titleField'],
    [plan?.startField, 'reports.plan.startField'],
    [plan?.monthsField, 'reports.plan.monthsField'],
    [plan?.endField, 'reports.plan.endField'],
  ];
  for (const [name, path] of shown) {
    if (!name || !def.fields[name]?.staffOnly) continue;
    out.push(
      problem(
        `fields.${name}.staffOnly`,
        `Veld '${def.fields[name].label.nl}' kan niet alleen voor medewerkers zijn: ${path} toont het aan de student zelf`,
        `Field '${name}' cannot be staff-only: ${path} shows it to the student themselves`,
      ),
    );
  }
}
