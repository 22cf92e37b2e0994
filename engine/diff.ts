import { canonicalJson } from './canonical';
import {
  transitionsOf,
  type ChecklistItem,
  type Definition,
  type Field,
  type Role,
  type StaffFunction,
  type StateConfig,
  type TransitionConfig,
} from './definition';
import { functionNames, roleNames } from './people';
import { describeDeadline } from './deadlines';
import { describeTimer } from './timer-key';
import { describe } from './rules';
import type { Message } from './text';
import { indexStates, resolveTarget } from './tree';
import { enclosingStates, splitUnits, unitPlace, type Unit } from './units';

export type ChangeKind = 'added' | 'removed' | 'changed';
export type ChangeElement =
  'workflow' | 'field' | 'state' | 'transition' | 'rule' | 'form' | 'checklist' | 'timer' | 'label' | 'report';

/** One difference between two definitions, said in plain Dutch and English. */
export interface Change {
  kind: ChangeKind;
  element: ChangeElement;
  /** The piece of the definition that differs, e.g. `machine.states.intake.on.MATCH`. */
  path: string;
  text: Message;
}

export const fieldTypeNames: Record<Field['type'], Message> = {
  string: { nl: 'tekst', en: 'text' },
  text: { nl: 'lange tekst', en: 'long text' },
  number: { nl: 'getal', en: 'number' },
  boolean: { nl: 'ja/nee', en: 'yes/no' },
  date: { nl: 'datum', en: 'date' },
  enum: { nl: 'keuze', en: 'choice' },
  list: { nl: 'lijst', en: 'list' },
};

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
const q = (s: string) => `'${s}'`;
const listOf = (xs: string[]) => xs.map(q).join(', ');
/** Roles and functions by the names people use, not their keys. */
function namesOf(xs: readonly (Role | StaffFunction)[] | undefined, none: Message): Message {
  const name = (x: Role | StaffFunction) => (x in roleNames ? roleNames[x as Role] : functionNames[x as StaffFunction]);
  if (!xs?.length) return none;
  return { nl: listOf(xs.map((x) => name(x).nl)), en: listOf(xs.map((x) => name(x).en)) };
}
const everyone = { nl: 'iedereen', en: 'everyone' };

/** A step's name with its parents', looked up in the definition that has it. */
function stepName(defs: Definition[], statePath: string): Message {
  if (!statePath) return { nl: 'het hele proces', en: 'the whole process' };
  const parts = statePath.split('.');
  for (const def of defs) {
    const names: Message[] = [];
    let states: Record<string, StateConfig> | undefined = def.machine.states;
    for (const key of parts) {
      const s: StateConfig | undefined = states?.[key];
      if (!s) break;
      names.push({ nl: s.meta?.label?.nl ?? key, en: s.meta?.label?.en || s.meta?.label?.nl || key });
      states = s.states;
    }
    if (names.length === parts.length)
      return { nl: names.map((n) => n.nl).join(' › '), en: names.map((n) => n.en).join(' › ') };
  }
  return { nl: statePath, en: statePath };
}

function both(nl: string[], en: string[]): Message {
  return { nl: nl.join('; '), en: en.join('; ') };
}

function targetName(defs: Definition[], source: string, target: string | undefined): Message {
  if (!target) return { nl: 'blijft in de stap', en: 'stays in the step' };
  const parent = source.split('.').slice(0, -1).join('.');
  const byId = (id: string) =>
    defs.map((d) => `${d.machine.id}.`).find((m) => id.startsWith(m)) ? id.slice(id.indexOf('.') + 1) : id;
  const path = target.startsWith('.')
    ? source
      ? `${source}${target}`
      : target.slice(1)
    : target.startsWith('#')
      ? byId(target.slice(1))
      : parent
        ? `${parent}.${target}`
        : target;
  const name = stepName(defs, path);
  return name.nl === path ? { nl: target, en: target } : name;
}

function describeGuard(def: Definition, t: TransitionConfig): Message {
  return t.guard ? describeRuleSafely(def, t.guard.params) : { nl: 'altijd', en: 'always' };
}

function describeRuleSafely(def: Definition, rule: Parameters<typeof describe>[1]): Message {
  try {
    return describe(def, rule);
  } catch {
    // A rule on a field the other version lacks: the path says enough.
    return { nl: canonicalJson(rule), en: canonicalJson(rule) };
  }
}

function fieldChange(path: string, a: Field, b: Field): Change {
  const name = a.label.nl;
  const nl: string[] = [];
  const en: string[] = [];
  let element: ChangeElement = 'field';
  if (a.type !== b.type) {
    nl.push(`type van ${fieldTypeNames[a.type].nl} naar ${fieldTypeNames[b.type].nl}`);
    en.push(`type from ${fieldTypeNames[a.type].en} to ${fieldTypeNames[b.type].en}`);
  }
  if (!same(a.label, b.label)) {
    nl.push(`heet nu ${q(b.label.nl)}`);
    en.push(`is now called ${q(b.label.en || b.label.nl)}`);
    if (nl.length === 1 && same({ ...a, label: b.label }, b)) element = 'label';
  }
  const av = (a.options ?? []).map((o) => o.value);
  const bv = (b.options ?? []).map((o) => o.value);
  const plus = bv.filter((v) => !av.includes(v));
  const minus = av.filter((v) => !bv.includes(v));
  if (plus.length) {
    nl.push(`keuzes erbij: ${listOf(plus)}`);
    en.push(`options added: ${listOf(plus)}`);
  }
  if (minus.length) {
    nl.push(`keuzes eraf: ${listOf(minus)}`);
    en.push(`options removed: ${listOf(minus)}`);
  }
  if (!plus.length && !minus.length && !same(av, bv)) {
    nl.push('keuzes in een andere volgorde');
    en.push('options in another order');
  }
  if (a.personal !== b.personal) {
    nl.push(b.personal ? 'bevat nu persoonsgegevens' : 'bevat geen persoonsgegevens meer');
    en.push(b.personal ? 'now holds personal data' : 'no longer holds personal data');
  }
  if (!nl.length) {
    nl.push('gewijzigd');
    en.push('changed');
  }
  const t = both(nl, en);
  return {
    kind: 'changed',
    element,
    path,
    text: { nl: `Veld ${q(name)}: ${t.nl}`, en: `Field ${q(a.label.en || name)}: ${t.en}` },
  };
}

function stateChange(
  defs: [Definition, Definition],
  path: string,
  statePath: string,
  a: StateConfig,
  b: StateConfig,
): Change {
  const name = stepName([defs[0]], statePath);
  const nl: string[] = [];
  const en: string[] = [];
  let element: ChangeElement = 'state';
  if (!same(a.meta?.label, b.meta?.label)) {
    nl.push(`heet nu ${q(b.meta?.label?.nl ?? statePath)}`);
    en.push(`is now called ${q(b.meta?.label?.en || b.meta?.label?.nl || statePath)}`);
    if (same({ ...a, meta: { ...a.meta, label: b.meta?.label } }, b)) element = 'label';
  }
  if (a.type !== b.type) {
    nl.push(`soort stap nu ${b.type ?? 'gewoon'}`);
    en.push(`kind of step now ${b.type ?? 'plain'}`);
  }
  if (a.initial !== b.initial) {
    const to = stepName([defs[1]], `${statePath}.${b.initial}`);
    nl.push(`begint nu bij ${q(to.nl)}`);
    en.push(`now starts at ${q(to.en)}`);
  }
  if (a.meta?.outcome !== b.meta?.outcome) {
    nl.push(`uitkomst nu ${q(b.meta?.outcome ?? '-')}`);
    en.push(`outcome now ${q(b.meta?.outcome ?? '-')}`);
  }
  if (!same(a.meta?.roles, b.meta?.roles)) {
    const r = namesOf(b.meta?.roles, everyone);
    nl.push(`rollen nu ${r.nl}`);
    en.push(`roles now ${r.en}`);
  }
  if (!same(a.meta?.description, b.meta?.description)) {
    nl.push('andere beschrijving');
    en.push('another description');
  }
  if (!same(a.meta?.due, b.meta?.due)) {
    const d = b.meta?.due && describeDeadline(defs[1], b.meta.due);
    nl.push(d ? `termijn nu ${d.nl}` : 'geen termijn meer');
    en.push(d ? `deadline now ${d.en}` : 'no deadline any more');
  }
  if (!!a.meta?.pausesPlan !== !!b.meta?.pausesPlan) {
    nl.push(b.meta?.pausesPlan ? 'zet nu het plan stil' : 'zet het plan niet meer stil');
    en.push(b.meta?.pausesPlan ? 'now pauses the plan' : 'no longer pauses the plan');
  }
  if (!nl.length) {
    nl.push('gewijzigd');
    en.push('changed');
  }
  const t = both(nl, en);
  return {
    kind: 'changed',
    element,
    path,
    text: { nl: `Stap ${q(name.nl)}: ${t.nl}`, en: `Step ${q(name.en)}: ${t.en}` },
  };
}

function actionName(defs: Definition[], event: string, t: TransitionConfig[]): Message {
  const label = t[0]?.meta?.label;
  return label ? { nl: `${label.nl} (${event})`, en: `${label.en || label.nl} (${event})` } : { nl: event, en: event };
}

function transitionChange(
  defs: [Definition, Definition],
  path: string,
  source: string,
  event: string,
  a: TransitionConfig[],
  b: TransitionConfig[],
  timer: boolean,
): Change {
  const where = stepName([defs[1], defs[0]], source);
  const what = timer
    ? { nl: `Timer ${describeTimer(defs[1], event).nl}`, en: `Timer ${describeTimer(defs[1], event).en}` }
    : actionName(defs, event, a);
  const nl: string[] = [];
  const en: string[] = [];
  const kinds = new Set<ChangeElement>();
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    const nth = n > 1 ? { nl: ` (mogelijkheid ${i + 1})`, en: ` (option ${i + 1})` } : { nl: '', en: '' };
    if (!x || !y) {
      nl.push(y ? `mogelijkheid ${i + 1} erbij` : `mogelijkheid ${i + 1} eraf`);
      en.push(y ? `option ${i + 1} added` : `option ${i + 1} removed`);
      kinds.add(timer ? 'timer' : 'transition');
      continue;
    }
    if (targetPath(defs[0], source, x.target) !== targetPath(defs[1], source, y.target)) {
      const from = targetName([defs[0]], source, x.target);
      const to = targetName([defs[1]], source, y.target);
      nl.push(`gaat nu naar ${q(to.nl)} (was ${q(from.nl)})${nth.nl}`);
      en.push(`now goes to ${q(to.en)} (was ${q(from.en)})${nth.en}`);
      kinds.add(timer ? 'timer' : 'transition');
    }
    if (!same(x.guard, y.guard)) {
      const r = describeGuard(defs[1], y);
      nl.push(`regel nu: ${r.nl} (was: ${describeGuard(defs[0], x).nl})${nth.nl}`);
      en.push(`rule now: ${r.en} (was: ${describeGuard(defs[0], x).en})${nth.en}`);
      kinds.add('rule');
    }
    if (!same(x.meta?.label, y.meta?.label)) {
      nl.push(`heet nu ${q(y.meta?.label?.nl ?? event)}${nth.nl}`);
      en.push(`is now called ${q(y.meta?.label?.en || y.meta?.label?.nl || event)}${nth.en}`);
      kinds.add('label');
    }
    if (!same(x.meta?.form, y.meta?.form)) {
      const fields = (y.meta?.form ?? []).map((f) => defs[1].fields[f.field]?.label.nl ?? f.field);
      nl.push(
        fields.length ? `formulier vraagt nu: ${listOf(fields)}${nth.nl}` : `vraagt geen formulier meer${nth.nl}`,
      );
      en.push(
        fields.length
          ? `form now asks: ${listOf((y.meta?.form ?? []).map((f) => f.field))}${nth.en}`
          : `no longer asks a form${nth.en}`,
      );
      kinds.add('form');
    }
    if (!same(x.meta?.roles, y.meta?.roles)) {
      const r = namesOf(y.meta?.roles, everyone);
      nl.push(`rollen nu ${r.nl}${nth.nl}`);
      en.push(`roles now ${r.en}${nth.en}`);
      kinds.add(timer ? 'timer' : 'transition');
    }
    if (!same(x.meta?.functions, y.meta?.functions)) {
      const r = namesOf(y.meta?.functions, everyone);
      nl.push(`werk van nu ${r.nl}${nth.nl}`);
      en.push(`work of now ${r.en}${nth.en}`);
      kinds.add('transition');
    }
    if (!same(x.meta?.restrictedTo, y.meta?.restrictedTo)) {
      const r = namesOf(y.meta?.restrictedTo, everyone);
      nl.push(`alleen door nu ${r.nl}${nth.nl}`);
      en.push(`only by now ${r.en}${nth.en}`);
      kinds.add('transition');
    }
    if (!same(x.meta?.exclusive, y.meta?.exclusive)) {
      nl.push(`regel over casussen heen gewijzigd${nth.nl}`);
      en.push(`rule across cases changed${nth.en}`);
      kinds.add('rule');
    }
    if (!same(x.meta?.due, y.meta?.due)) {
      const d = y.meta?.due && describeDeadline(defs[1], y.meta.due);
      nl.push(d ? `termijn nu ${d.nl}${nth.nl}` : `geen termijn meer${nth.nl}`);
      en.push(d ? `deadline now ${d.en}${nth.en}` : `no deadline any more${nth.en}`);
      kinds.add(timer ? 'timer' : 'transition');
    }
    if ((x.meta?.resume ?? 'restart') !== (y.meta?.resume ?? 'restart')) {
      nl.push(
        y.meta?.resume === 'remaining'
          ? 'gaat na terugkomst verder met de resterende tijd'
          : 'begint na terugkomst opnieuw',
      );
      en.push(y.meta?.resume === 'remaining' ? 'goes on with the time left on return' : 'starts again on return');
      kinds.add('timer');
    }
    if (!!x.meta?.openDays !== !!y.meta?.openDays) {
      nl.push(y.meta?.openDays ? 'telt nu alleen open dagen' : 'telt nu alle dagen');
      en.push(y.meta?.openDays ? 'now counts open days only' : 'now counts every day');
      kinds.add('timer');
    }
  }
  if (!nl.length) {
    nl.push('gewijzigd');
    en.push('changed');
  }
  const element: ChangeElement = kinds.size === 1 ? [...kinds][0] : timer ? 'timer' : 'transition';
  const t = both(nl, en);
  const noun = timer ? { nl: '', en: '' } : { nl: 'Actie ', en: 'Action ' };
  return {
    kind: 'changed',
    element,
    path,
    text: {
      nl: `${noun.nl}${q(what.nl)} in stap ${q(where.nl)}: ${t.nl}`,
      en: `${noun.en}${q(what.en)} in step ${q(where.en)}: ${t.en}`,
    },
  };
}

function checklistChange(
  defs: [Definition, Definition],
  path: string,
  statePath: string,
  a: ChecklistItem[],
  b: ChecklistItem[],
): Change {
  const where = stepName([defs[1], defs[0]], statePath);
  const ids = (xs: ChecklistItem[]) => xs.map((i) => i.id);
  const plus = b.filter((i) => !ids(a).includes(i.id));
  const minus = a.filter((i) => !ids(b).includes(i.id));
  const nl: string[] = [];
  const en: string[] = [];
  if (plus.length) {
    nl.push(`punten erbij: ${listOf(plus.map((i) => i.label.nl))}`);
    en.push(`items added: ${listOf(plus.map((i) => i.label.en || i.label.nl))}`);
  }
  if (minus.length) {
    nl.push(`punten eraf: ${listOf(minus.map((i) => i.label.nl))}`);
    en.push(`items removed: ${listOf(minus.map((i) => i.label.en || i.label.nl))}`);
  }
  const changed = b.filter((i) => a.some((x) => x.id === i.id && !same(x, i)));
  if (changed.length) {
    nl.push(`punten gewijzigd: ${listOf(changed.map((i) => i.label.nl))}`);
    en.push(`items changed: ${listOf(changed.map((i) => i.label.en || i.label.nl))}`);
  }
  if (!nl.length) {
    nl.push('andere volgorde');
    en.push('another order');
  }
  const t = both(nl, en);
  return {
    kind: 'changed',
    element: 'checklist',
    path,
    text: { nl: `Aftekenlijst van stap ${q(where.nl)}: ${t.nl}`, en: `Sign-off list of step ${q(where.en)}: ${t.en}` },
  };
}

const workflowParts: Record<string, { element: ChangeElement; nl: string; en: string }> = {
  key: { element: 'workflow', nl: 'De sleutel', en: 'The key' },
  title: { element: 'label', nl: 'De titel', en: 'The title' },
  description: { element: 'label', nl: 'De beschrijving', en: 'The description' },
  subject: { element: 'workflow', nl: 'Het onderwerp (student of cliënt)', en: 'The subject (student or client)' },
  titleField: { element: 'workflow', nl: 'Het veld dat een casus een naam geeft', en: 'The field that names a case' },
  startForm: { element: 'form', nl: 'Het startformulier', en: 'The start form' },
  reports: { element: 'report', nl: 'De rapportage', en: 'The report' },
  machine: { element: 'workflow', nl: 'Het proces', en: 'The process' },
};

type ReportKey = keyof NonNullable<Definition['reports']>;

/** What each part of the report settings is called, for a manager who never saw the JSON. */
const reportParts: Record<ReportKey, Message> = {
  started: { nl: 'wie als gestart telt', en: 'who counts as started' },
  startDate: { nl: 'startdatum', en: 'start date' },
  cohortField: { nl: 'indeling in cohorten', en: 'split into cohorts' },
  groupField: { nl: 'uitsplitsing', en: 'broken down by' },
  success: { nl: 'uitkomsten die een succes zijn', en: 'outcomes that are a success' },
  without: { nl: 'uitkomsten zonder diploma', en: 'outcomes without a diploma' },
  reasonField: { nl: 'reden van uitstroom', en: 'reason for leaving' },
  destinationField: { nl: 'bestemming', en: 'destination' },
  destinations: { nl: 'groepen bestemmingen', en: 'destination groups' },
  target: { nl: 'streefcijfer', en: 'target' },
  capacity: { nl: 'plaatsen', en: 'places' },
  minimum: { nl: 'kleinste groep', en: 'smallest group' },
  plan: { nl: 'geplande einddatum', en: 'planned end' },
  catchUpField: { nl: 'inhaalplan', en: 'catch-up plan' },
  activeIn: { nl: 'stappen die een plaats bezetten', en: 'steps that take a place' },
  care: { nl: 'mantelzorguren', en: 'hours of informal care' },
};

/** Each changed part of the report settings with its new value, in words. */
function reportsChange(defs: [Definition, Definition]): Message {
  const [a, b] = [defs[0].reports ?? {}, defs[1].reports ?? {}];
  const def = defs[1];
  const field = (k: string | undefined): Message => {
    const l = k ? def.fields[k]?.label : undefined;
    return { nl: q(l?.nl ?? k ?? ''), en: q(l?.en || l?.nl || k || '') };
  };
  // Outcomes, group keys and numbers read the same in both languages.
  const plain = (s: string): Message => ({ nl: s, en: s });
  const value = (key: ReportKey): Message | undefined => {
    switch (key) {
      case 'started':
        return b.started && describeRuleSafely(def, b.started);
      case 'startDate':
      case 'cohortField':
      case 'groupField':
      case 'reasonField':
      case 'destinationField':
      case 'catchUpField':
        return b[key] ? field(b[key]) : undefined;
      case 'success':
      case 'without':
        return b[key] ? plain(listOf(b[key])) : undefined;
      case 'destinations':
        return b.destinations ? plain(listOf(Object.keys(b.destinations))) : undefined;
      case 'target':
        return b.target === undefined ? undefined : plain(`${Math.round(b.target * 100)}%`);
      case 'capacity':
      case 'minimum':
        return b[key] === undefined ? undefined : plain(String(b[key]));
      case 'plan': {
        if (!b.plan) return undefined;
        const [start, months] = [field(b.plan.startField), field(b.plan.monthsField)];
        return { nl: `${start.nl} plus ${months.nl} maanden`, en: `${start.en} plus ${months.en} months` };
      }
      case 'activeIn': {
        if (!b.activeIn) return undefined;
        const names = b.activeIn.map((path) => stepName([def, defs[0]], path));
        return { nl: listOf(names.map((n) => n.nl)), en: listOf(names.map((n) => n.en)) };
      }
      case 'care':
        return b.care
          ? {
              nl: `${field(b.care.halfDaysField).nl} × ${b.care.hoursPerHalfDay} uur, ${b.care.yearlyTarget} uur per jaar`,
              en: `${field(b.care.halfDaysField).en} × ${b.care.hoursPerHalfDay} hours, ${b.care.yearlyTarget} hours a year`,
            }
          : undefined;
    }
  };
  const keys = (Object.keys(reportParts) as ReportKey[]).filter((k) => !same(a[k], b[k]));
  const parts = keys.map((k) => {
    const v = value(k);
    const name = reportParts[k];
    return v
      ? { nl: `${name.nl} ${v.nl}`, en: `${name.en} ${v.en}` }
      : { nl: `${name.nl} vervalt`, en: `${name.en} dropped` };
  });
  return { nl: `wijzigt: ${parts.map((p) => p.nl).join('; ')}`, en: `changes: ${parts.map((p) => p.en).join('; ')}` };
}

function workflowChange(defs: [Definition, Definition], u: Unit, kind: ChangeKind): Change {
  const part = workflowParts[u.path] ?? { element: 'workflow' as const, nl: u.path, en: u.path };
  let tail = {
    nl: kind === 'added' ? 'is toegevoegd' : kind === 'removed' ? 'is verwijderd' : 'is gewijzigd',
    en: kind === 'added' ? 'was added' : kind === 'removed' ? 'was removed' : 'changed',
  };
  if (kind === 'changed' && u.path === 'title')
    tail = { nl: `is nu ${q(defs[1].title.nl)}`, en: `is now ${q(defs[1].title.en || defs[1].title.nl)}` };
  if (kind === 'changed' && u.path === 'key') tail = { nl: `is nu ${q(defs[1].key)}`, en: `is now ${q(defs[1].key)}` };
  if (kind === 'changed' && u.path === 'machine') {
    const [a, b] = [defs[0].machine, defs[1].machine];
    const to = stepName([defs[1]], b.initial);
    tail =
      a.initial !== b.initial
        ? {
            nl: `begint nu bij ${q(to.nl)} (was ${q(stepName([defs[0]], a.initial).nl)})`,
            en: `now starts at ${q(to.en)}`,
          }
        : a.id !== b.id
          ? { nl: `heeft nu de interne naam ${q(b.id)}`, en: `now has the internal name ${q(b.id)}` }
          : { nl: 'heeft een andere beschrijving', en: 'has another description' };
  }
  if (kind === 'changed' && u.path === 'reports') tail = reportsChange(defs);
  if (kind === 'changed' && u.path === 'startForm') {
    const names = defs[1].startForm.map((f) => defs[1].fields[f.field]?.label.nl ?? f.field);
    tail = { nl: `vraagt nu: ${listOf(names)}`, en: `now asks: ${listOf(defs[1].startForm.map((f) => f.field))}` };
  }
  return {
    kind,
    element: part.element,
    path: u.path,
    text: { nl: `${part.nl} ${tail.nl}`, en: `${part.en} ${tail.en}` },
  };
}

function unitChange(defs: [Definition, Definition], u: Unit, kind: ChangeKind, before?: Unit): Change {
  const place = unitPlace(u);
  if (u.kind === 'workflow') return workflowChange(defs, u, kind);
  const inDef = kind === 'removed' ? [defs[0]] : [defs[1], defs[0]];
  const verb = { nl: kind === 'added' ? 'toegevoegd' : 'verwijderd', en: kind === 'added' ? 'added' : 'removed' };
  switch (u.kind) {
    case 'field': {
      const f = u.value as Field;
      if (kind === 'changed') return fieldChange(u.path, before!.value as Field, f);
      return {
        kind,
        element: 'field',
        path: u.path,
        text: {
          nl: `Veld ${q(f.label.nl)} (${fieldTypeNames[f.type].nl}) ${verb.nl}`,
          en: `Field ${q(f.label.en || f.label.nl)} (${fieldTypeNames[f.type].en}) ${verb.en}`,
        },
      };
    }
    case 'state': {
      if (kind === 'changed')
        return stateChange(defs, u.path, place.state, before!.value as StateConfig, u.value as StateConfig);
      const name = stepName(inDef, place.state);
      const final =
        (u.value as StateConfig).type === 'final' ? { nl: 'Eindstap', en: 'Final step' } : { nl: 'Stap', en: 'Step' };
      return {
        kind,
        element: 'state',
        path: u.path,
        text: { nl: `${final.nl} ${q(name.nl)} ${verb.nl}`, en: `${final.en} ${q(name.en)} ${verb.en}` },
      };
    }
    case 'transition':
    case 'timer': {
      const t = transitionsOf(u.value as TransitionConfig | TransitionConfig[]);
      if (kind === 'changed')
        return transitionChange(
          defs,
          u.path,
          place.state,
          place.key,
          transitionsOf(before!.value as TransitionConfig),
          t,
          u.kind === 'timer',
        );
      const where = stepName(inDef, place.state);
      const to = targetName(inDef, place.state, t[0]?.target);
      if (u.kind === 'timer') {
        const d = describeTimer(inDef[0], place.key);
        return {
          kind,
          element: 'timer',
          path: u.path,
          text: {
            nl: `Timer ${d.nl} in stap ${q(where.nl)} (naar ${q(to.nl)}) ${verb.nl}`,
            en: `Timer ${d.en} in step ${q(where.en)} (to ${q(to.en)}) ${verb.en}`,
          },
        };
      }
      const what = actionName(inDef, place.key, t);
      return {
        kind,
        element: 'transition',
        path: u.path,
        text: {
          nl: `Actie ${q(what.nl)} in stap ${q(where.nl)} (naar ${q(to.nl)}) ${verb.nl}`,
          en: `Action ${q(what.en)} in step ${q(where.en)} (to ${q(to.en)}) ${verb.en}`,
        },
      };
    }
    case 'checklist': {
      if (kind === 'changed')
        return checklistChange(defs, u.path, place.state, before!.value as ChecklistItem[], u.value as ChecklistItem[]);
      const where = stepName(inDef, place.state);
      const n = (u.value as ChecklistItem[]).length;
      return {
        kind,
        element: 'checklist',
        path: u.path,
        text: {
          nl: `Aftekenlijst (${n} punten) van stap ${q(where.nl)} ${verb.nl}`,
          en: `Sign-off list (${n} items) of step ${q(where.en)} ${verb.en}`,
        },
      };
    }
  }
}

/**
 * A transition with its targets written as the paths they reach: `intake`, `#machine.intake` and
 * `.intake` from the root are one step, so writing a target another way changes nothing.
 */
function targetPath(def: Definition, source: string, target: string | undefined): string | undefined {
  if (target === undefined) return undefined;
  const index = indexStates(def);
  const from = source ? index.byPath.get(source) : index.root;
  return (from && resolveTarget(def, from, target)?.path) ?? target;
}

function resolvedTargets(def: Definition, u: Unit): unknown {
  const index = indexStates(def);
  const place = unitPlace(u);
  const source = place.state ? index.byPath.get(place.state) : index.root;
  if (!source) return u.value;
  const fix = (t: TransitionConfig) =>
    t.target === undefined ? t : { ...t, target: `#${resolveTarget(def, source, t.target)?.path ?? t.target}` };
  return Array.isArray(u.value) ? (u.value as TransitionConfig[]).map(fix) : fix(u.value as TransitionConfig);
}

/** Whether `path` lies inside a step that was itself added or removed (then listing it adds nothing). */
function insideWhole(path: string, whole: ReadonlySet<string>): boolean {
  return enclosingStates(path).some((s) => whole.has(s));
}

/**
 * Every difference from `a` to `b`, in `b`'s document order (removals where they stood in `a`),
 * each in plain Dutch and English. A step added or removed is one change: its actions, timers,
 * sign-off list and inner steps go with it.
 */
export function diffDefinitions(a: Definition, b: Definition): Change[] {
  return diffUnits([a, b], splitUnits(a), splitUnits(b));
}

/** The same comparison on pieces already cut, for the three-way merge. */
export function diffUnits(defs: [Definition, Definition], ua: Unit[], ub: Unit[]): Change[] {
  const byA = new Map(ua.map((u) => [u.path, u]));
  const byB = new Map(ub.map((u) => [u.path, u]));
  const removedStates = new Set(ua.filter((u) => u.kind === 'state' && !byB.has(u.path)).map((u) => u.path));
  const addedStates = new Set(ub.filter((u) => u.kind === 'state' && !byA.has(u.path)).map((u) => u.path));
  const out: Change[] = [];
  for (const u of ub) {
    const before = byA.get(u.path);
    if (!before) {
      if (!insideWhole(u.path, addedStates)) out.push(unitChange(defs, u, 'added'));
    } else if (!same(before.value, u.value)) {
      const moves = u.kind === 'transition' || u.kind === 'timer';
      if (moves && same(resolvedTargets(defs[0], before), resolvedTargets(defs[1], u))) continue;
      out.push(unitChange(defs, u, 'changed', before));
    }
  }
  for (const u of ua) {
    if (!byB.has(u.path) && !insideWhole(u.path, removedStates)) out.push(unitChange(defs, u, 'removed'));
  }
  return out;
}
