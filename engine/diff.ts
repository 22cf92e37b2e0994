import { canonicalJson } from './canonical';
import {
  transitionsOf,
  type ChecklistItem,
  type Definition,
  type Field,
  type FormField,
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
  /** What an added or removed step or action brings with it, each in words: its actions, rules, timers, items. */
  parts?: Message[];
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
type Lang = 'nl' | 'en';
const langs: Lang[] = ['nl', 'en'];
const inBoth = (fn: (lang: Lang) => string): Message => ({ nl: fn('nl'), en: fn('en') });
const textIn = (t: { nl: string; en?: string } | undefined, lang: Lang, fallback: string) =>
  (lang === 'en' ? t?.en : undefined) || t?.nl || fallback;

/** People by role or function, in words; nobody named is everyone. */
function people(xs: readonly (Role | StaffFunction)[] | undefined, lang: Lang): string {
  if (!xs?.length) return lang === 'nl' ? 'iedereen' : 'everyone';
  const name = (x: Role | StaffFunction) => (x in roleNames ? roleNames[x as Role] : functionNames[x as StaffFunction]);
  return xs.map((x) => name(x)[lang]).join(', ');
}

/** The choices of a field by their labels, never their stored values. */
function optionNames(field: Field | undefined, values: string[], lang: Lang): string {
  return listOf(values.map((v) => textIn(field?.options?.find((o) => o.value === v)?.label, lang, v)));
}

/** The fields a form asks, by their labels. */
function formNames(def: Definition, form: readonly FormField[] | undefined, lang: Lang): string {
  return listOf((form ?? []).map((f) => textIn(def.fields[f.field]?.label, lang, f.field)));
}

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
    nl.push(`keuzes erbij: ${optionNames(b, plus, 'nl')}`);
    en.push(`options added: ${optionNames(b, plus, 'en')}`);
  }
  if (minus.length) {
    nl.push(`keuzes eraf: ${optionNames(a, minus, 'nl')}`);
    en.push(`options removed: ${optionNames(a, minus, 'en')}`);
  }
  const renamed = bv.filter(
    (v) =>
      av.includes(v) &&
      !same(a.options?.find((o) => o.value === v)?.label, b.options?.find((o) => o.value === v)?.label),
  );
  if (renamed.length) {
    nl.push(
      `keuzes anders genoemd: ${renamed.map((v) => `${optionNames(a, [v], 'nl')} heet nu ${optionNames(b, [v], 'nl')}`).join(', ')}`,
    );
    en.push(
      `options renamed: ${renamed.map((v) => `${optionNames(a, [v], 'en')} is now ${optionNames(b, [v], 'en')}`).join(', ')}`,
    );
  }
  if (a.min !== b.min || a.max !== b.max) {
    const range = (f: Field, lang: Lang) =>
      f.min === undefined && f.max === undefined
        ? lang === 'nl'
          ? 'geen'
          : 'none'
        : `${f.min ?? '…'}–${f.max ?? '…'}`;
    nl.push(`grenzen nu ${range(b, 'nl')} (was ${range(a, 'nl')})`);
    en.push(`limits now ${range(b, 'en')} (was ${range(a, 'en')})`);
  }
  if (!same(a.description, b.description)) {
    nl.push('andere omschrijving');
    en.push('another description');
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
    nl.push(`uitkomst nu ${q(b.meta?.outcome ?? '-')} (was ${q(a.meta?.outcome ?? '-')})`);
    en.push(`outcome now ${q(b.meta?.outcome ?? '-')} (was ${q(a.meta?.outcome ?? '-')})`);
  }
  if (!same(a.meta?.roles, b.meta?.roles)) {
    nl.push(`wie: ${people(b.meta?.roles, 'nl')} (was ${people(a.meta?.roles, 'nl')})`);
    en.push(`who: ${people(b.meta?.roles, 'en')} (was ${people(a.meta?.roles, 'en')})`);
  }
  if (a.history !== b.history || a.target !== b.target || a.id !== b.id) {
    nl.push('andere instellingen van de terugkeerstap');
    en.push('other settings of the history step');
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
  // Whether a student in the step takes clients, or is expected at the site: yes, no, or not said.
  const flags = {
    takesClients: {
      yes: ['een student neemt hier klanten aan', 'a student takes clients here'],
      no: ['een student neemt hier geen klanten aan', 'a student takes no clients here'],
      unsaid: [
        'zegt niet meer of een student hier klanten aanneemt',
        'no longer says whether a student takes clients here',
      ],
    },
    atSite: {
      yes: ['een student wordt hier op de locatie verwacht', 'a student is expected at the site here'],
      no: ['een student wordt hier niet op de locatie verwacht', 'a student is not expected at the site here'],
      unsaid: [
        'zegt niet meer of een student hier op de locatie is',
        'no longer says whether a student is at the site here',
      ],
    },
  } as const;
  for (const flag of ['takesClients', 'atSite'] as const) {
    const v = b.meta?.[flag];
    if (a.meta?.[flag] === v) continue;
    const [tnl, ten] = flags[flag][v === undefined ? 'unsaid' : v ? 'yes' : 'no'];
    nl.push(tnl);
    en.push(ten);
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

function actionName(event: string, t: TransitionConfig[]): Message {
  const label = t[0]?.meta?.label;
  return label ? { nl: label.nl, en: label.en || label.nl } : { nl: event, en: event };
}

/**
 * What an action (or timer) asks and who does it, part by part, in words: its rule, its form,
 * who may do it and whose work it is; one line per option when it has several.
 */
function transitionParts(def: Definition, list: TransitionConfig[]): Message[] {
  return list.flatMap((t, i) => {
    const nth = (lang: Lang) =>
      list.length > 1 ? (lang === 'nl' ? `mogelijkheid ${i + 1}, ` : `option ${i + 1}, `) : '';
    const out: Message[] = [];
    if (t.guard) {
      const r = describeGuard(def, t);
      out.push(inBoth((lang) => `${nth(lang)}${lang === 'nl' ? 'regel' : 'rule'}: ${r[lang]}`));
    }
    if (t.meta?.form?.length)
      out.push(
        inBoth((lang) => `${nth(lang)}${lang === 'nl' ? 'formulier' : 'form'}: ${formNames(def, t.meta!.form, lang)}`),
      );
    if (t.meta?.roles?.length)
      out.push(inBoth((lang) => `${nth(lang)}${lang === 'nl' ? 'wie' : 'who'}: ${people(t.meta!.roles, lang)}`));
    if (t.meta?.functions?.length)
      out.push(
        inBoth((lang) => `${nth(lang)}${lang === 'nl' ? 'werk van' : 'work of'}: ${people(t.meta!.functions, lang)}`),
      );
    if (t.meta?.restrictedTo?.length)
      out.push(
        inBoth(
          (lang) => `${nth(lang)}${lang === 'nl' ? 'alleen door' : 'only by'}: ${people(t.meta!.restrictedTo, lang)}`,
        ),
      );
    return out;
  });
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
    : actionName(event, a);
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
      const was = (lang: Lang) =>
        x.meta?.form?.length ? formNames(defs[0], x.meta.form, lang) : lang === 'nl' ? 'geen' : 'none';
      for (const lang of langs) {
        const now = y.meta?.form?.length ? formNames(defs[1], y.meta.form, lang) : '';
        const required = (y.meta?.form ?? []).filter((f) => f.required);
        const words =
          lang === 'nl'
            ? now
              ? `formulier vraagt nu: ${now}${required.length ? ` (verplicht: ${formNames(defs[1], required, lang)})` : ''} (was: ${was(lang)})`
              : `vraagt geen formulier meer (was: ${was(lang)})`
            : now
              ? `form now asks: ${now}${required.length ? ` (required: ${formNames(defs[1], required, lang)})` : ''} (was: ${was(lang)})`
              : `no longer asks a form (was: ${was(lang)})`;
        (lang === 'nl' ? nl : en).push(`${words}${nth[lang]}`);
      }
      kinds.add('form');
    }
    if (!same(x.meta?.roles, y.meta?.roles)) {
      nl.push(`wie: ${people(y.meta?.roles, 'nl')} (was ${people(x.meta?.roles, 'nl')})${nth.nl}`);
      en.push(`who: ${people(y.meta?.roles, 'en')} (was ${people(x.meta?.roles, 'en')})${nth.en}`);
      kinds.add(timer ? 'timer' : 'transition');
    }
    if (!same(x.meta?.functions, y.meta?.functions)) {
      nl.push(`werk van: ${people(y.meta?.functions, 'nl')} (was ${people(x.meta?.functions, 'nl')})${nth.nl}`);
      en.push(`work of: ${people(y.meta?.functions, 'en')} (was ${people(x.meta?.functions, 'en')})${nth.en}`);
      kinds.add(timer ? 'timer' : 'transition');
    }
    if (!same(x.meta?.restrictedTo, y.meta?.restrictedTo)) {
      nl.push(
        `alleen door: ${people(y.meta?.restrictedTo, 'nl')} (was ${people(x.meta?.restrictedTo, 'nl')})${nth.nl}`,
      );
      en.push(`only by: ${people(y.meta?.restrictedTo, 'en')} (was ${people(x.meta?.restrictedTo, 'en')})${nth.en}`);
      kinds.add(timer ? 'timer' : 'transition');
    }
    if (x.description !== y.description) {
      nl.push(`andere omschrijving${nth.nl}`);
      en.push(`another description${nth.en}`);
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
  for (const item of b) {
    const was = a.find((x) => x.id === item.id);
    if (!was || same(was, item)) continue;
    for (const lang of langs) {
      const how: string[] = [];
      if (!same(was.label, item.label))
        how.push(
          lang === 'nl'
            ? `heet nu ${q(textIn(item.label, lang, item.id))}`
            : `is now called ${q(textIn(item.label, lang, item.id))}`,
        );
      if (!same(was.roles, item.roles))
        how.push(`${lang === 'nl' ? 'wie' : 'who'}: ${people(item.roles, lang)} (was ${people(was.roles, lang)})`);
      if (!same(was.functions, item.functions))
        how.push(
          `${lang === 'nl' ? 'werk van' : 'work of'}: ${people(item.functions, lang)} (was ${people(was.functions, lang)})`,
        );
      if (!same(was.restrictedTo, item.restrictedTo))
        how.push(
          `${lang === 'nl' ? 'alleen door' : 'only by'}: ${people(item.restrictedTo, lang)} (was ${people(was.restrictedTo, lang)})`,
        );
      const name = q(textIn(was.label, lang, was.id));
      (lang === 'nl' ? nl : en).push(`${lang === 'nl' ? 'punt' : 'item'} ${name}: ${how.join(', ')}`);
    }
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
  planning: {
    element: 'workflow',
    nl: 'De planning (dagdelen, telefoon, wens)',
    en: 'The planning (half-days, phone, wish)',
  },
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
  waitingIn: { nl: 'stappen van de wachtlijst', en: 'steps of the waiting list' },
  care: { nl: 'mantelzorguren', en: 'hours of informal care' },
  followUp: { nl: 'nazorg na uitstroom', en: 'follow-up after leaving' },
  reciprocity: { nl: 'wederdienst', en: 'service in return' },
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
      case 'activeIn':
      case 'waitingIn': {
        const steps = b[key];
        if (!steps) return undefined;
        const names = steps.map((path) => stepName([def, defs[0]], path));
        return { nl: listOf(names.map((n) => n.nl)), en: listOf(names.map((n) => n.en)) };
      }
      case 'care': {
        if (!b.care) return undefined;
        const during = b.care.activeIn?.map((path) => stepName([def, defs[0]], path));
        return {
          nl: `${field(b.care.halfDaysField).nl}${b.care.hoursPerHalfDay !== undefined ? ` × ${b.care.hoursPerHalfDay} uur` : ''}, ${b.care.yearlyTarget} uur per jaar${during ? `, gepland zolang: ${listOf(during.map((n) => n.nl))}` : ''}`,
          en: `${field(b.care.halfDaysField).en}${b.care.hoursPerHalfDay !== undefined ? ` × ${b.care.hoursPerHalfDay} hours` : ''}, ${b.care.yearlyTarget} hours a year${during ? `, planned while: ${listOf(during.map((n) => n.en))}` : ''}`,
        };
      }
      case 'reciprocity': {
        if (!b.reciprocity) return undefined;
        const [agreed, given] = [field(b.reciprocity.agreedField), field(b.reciprocity.givenField)];
        const kind = b.reciprocity.kindField ? field(b.reciprocity.kindField) : undefined;
        return {
          nl: `${agreed.nl}, gegeven: ${given.nl}${kind ? `, naar soort: ${kind.nl}` : ''}`,
          en: `${agreed.en}, given: ${given.en}${kind ? `, by kind: ${kind.en}` : ''}`,
        };
      }
      case 'followUp': {
        if (!b.followUp) return undefined;
        const moments = b.followUp.moments.map(field);
        const steps = b.followUp.activeIn.map((path) => stepName([def, defs[0]], path));
        return {
          nl: `${listOf(moments.map((m) => m.nl))} tijdens ${listOf(steps.map((n) => n.nl))}, blijvend: ${listOf(b.followUp.lasting)}`,
          en: `${listOf(moments.map((m) => m.en))} during ${listOf(steps.map((n) => n.en))}, lasting: ${listOf(b.followUp.lasting)}`,
        };
      }
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
      const what = actionName(place.key, t);
      const parts = transitionParts(inDef[0], t);
      return {
        kind,
        element: 'transition',
        path: u.path,
        text: {
          nl: `Actie ${q(what.nl)} in stap ${q(where.nl)} (naar ${q(to.nl)}) ${verb.nl}`,
          en: `Action ${q(what.en)} in step ${q(where.en)} (to ${q(to.en)}) ${verb.en}`,
        },
        ...(parts.length ? { parts } : {}),
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

/** One piece inside a step that comes or goes as a whole, in words: the manager sees all it brings. */
function unitPart(def: Definition, u: Unit): Message[] {
  const place = unitPlace(u);
  switch (u.kind) {
    case 'state': {
      const c = u.value as StateConfig;
      const name = stepName([def], place.state);
      const final = c.type === 'final';
      return [
        inBoth((lang) =>
          lang === 'nl'
            ? `${final ? 'eindstap' : 'stap'} ${q(name.nl)}${c.meta?.outcome ? ` (uitkomst ${q(c.meta.outcome)})` : ''}`
            : `${final ? 'final step' : 'step'} ${q(name.en)}${c.meta?.outcome ? ` (outcome ${q(c.meta.outcome)})` : ''}`,
        ),
      ];
    }
    case 'transition':
    case 'timer': {
      const t = transitionsOf(u.value as TransitionConfig | TransitionConfig[]);
      const to = targetName([def], place.state, t[0]?.target);
      const what =
        u.kind === 'timer'
          ? inBoth((lang) => `timer ${describeTimer(def, place.key)[lang]}`)
          : inBoth((lang) => `${lang === 'nl' ? 'actie' : 'action'} ${q(actionName(place.key, t)[lang])}`);
      const parts = transitionParts(def, t);
      return [
        inBoth(
          (lang) =>
            `${what[lang]} (${lang === 'nl' ? 'naar' : 'to'} ${q(to[lang])})${parts.length ? `: ${parts.map((p) => p[lang]).join('; ')}` : ''}`,
        ),
      ];
    }
    case 'checklist': {
      const items = u.value as ChecklistItem[];
      return items.map((i) =>
        inBoth(
          (lang) =>
            `${lang === 'nl' ? 'aftekenpunt' : 'sign-off item'} ${q(textIn(i.label, lang, i.id))}${i.functions?.length ? ` (${lang === 'nl' ? 'werk van' : 'work of'}: ${people(i.functions, lang)})` : ''}${i.restrictedTo?.length ? ` (${lang === 'nl' ? 'alleen door' : 'only by'}: ${people(i.restrictedTo, lang)})` : ''}`,
        ),
      );
    }
    default:
      return [];
  }
}

/** Everything inside each step added or removed whole, in document order: one pass over the pieces. */
function partsOfWholes(def: Definition, units: Unit[], whole: ReadonlySet<string>): Map<string, Message[]> {
  const out = new Map<string, Message[]>();
  if (!whole.size) return out;
  for (const u of units) {
    const owner = enclosingStates(u.path).find((s) => whole.has(s) && s !== u.path);
    if (!owner) continue;
    const parts = unitPart(def, u);
    if (!parts.length) continue;
    const list = out.get(owner);
    if (list) list.push(...parts);
    else out.set(owner, parts);
  }
  return out;
}

/** Whether `path` lies inside a step that was itself added or removed (then listing it adds nothing). */
function insideWhole(path: string, whole: ReadonlySet<string>): boolean {
  return enclosingStates(path).some((s) => whole.has(s));
}

/**
 * Every difference from `a` to `b`, in `b`'s document order (removals where they stood in `a`),
 * each in plain Dutch and English; where steps are drawn is never a difference. A step added or removed is one change: its actions, timers,
 * sign-off list and inner steps go with it.
 */
export function diffDefinitions(a: Definition, b: Definition): Change[] {
  return diffUnits([a, b], runningUnits(a), runningUnits(b));
}

/** What the designer keeps beside the process (where steps are drawn, the simulator's scenarios) never changes how a case runs. */
const designOnly = new Set(['layout', 'scenarios']);

function runningUnits(def: Definition): Unit[] {
  return splitUnits(def).filter((u) => !designOnly.has(u.path));
}

/** The same comparison on pieces already cut, for the three-way merge. */
export function diffUnits(defs: [Definition, Definition], ua: Unit[], ub: Unit[]): Change[] {
  const byA = new Map(ua.map((u) => [u.path, u]));
  const byB = new Map(ub.map((u) => [u.path, u]));
  const removedStates = new Set(ua.filter((u) => u.kind === 'state' && !byB.has(u.path)).map((u) => u.path));
  const addedStates = new Set(ub.filter((u) => u.kind === 'state' && !byA.has(u.path)).map((u) => u.path));
  const added = partsOfWholes(defs[1], ub, addedStates);
  const removed = partsOfWholes(defs[0], ua, removedStates);
  const out: Change[] = [];
  for (const u of ub) {
    const before = byA.get(u.path);
    if (!before) {
      if (!insideWhole(u.path, addedStates)) out.push(withParts(unitChange(defs, u, 'added'), added.get(u.path)));
    } else if (!same(before.value, u.value)) {
      const moves = u.kind === 'transition' || u.kind === 'timer';
      if (moves && same(resolvedTargets(defs[0], before), resolvedTargets(defs[1], u))) continue;
      out.push(unitChange(defs, u, 'changed', before));
    }
  }
  for (const u of ua) {
    if (!byB.has(u.path) && !insideWhole(u.path, removedStates))
      out.push(withParts(unitChange(defs, u, 'removed'), removed.get(u.path)));
  }
  return out;
}

/** A step that comes or goes whole carries what is inside it as its parts. */
function withParts(change: Change, parts: Message[] | undefined): Change {
  return parts?.length ? { ...change, parts } : change;
}
