import { formatDate, isDate, startOfDate, type SiteCalendar } from './calendar';
import type {
  ChecklistCondition,
  Condition,
  Definition,
  Field,
  PlaceCondition,
  Rule,
  TimeCondition,
  TimeOp,
  TimeSinceCondition,
} from './definition';
import { addDuration, describeDuration } from './duration';
import type { Message } from './text';
import { checklistItems } from './tree';

export type Values = Readonly<Record<string, unknown>>;

/** Who signed a checklist item, and when. */
export interface Signature {
  by: string;
  at: string;
}

/**
 * The places of a case's workflow at its site, as the server counts them for one case: how many
 * there are, how many other cases hold one, and how many wait longer than this case (all who
 * wait, for a case not on the list yet).
 */
export interface Place {
  places: number;
  taken: number;
  ahead: number;
}

/** Whether a place is free for the case: one is left after those who hold one and those who wait longer. */
export function placeFree(p: Place | undefined): boolean {
  return !p || p.taken + p.ahead < p.places;
}

/** What a rule reads: the case's data (with the form being sent), its checklist, time and places. */
export interface RuleContext {
  values: Values;
  checklist?: Readonly<Record<string, Signature>>;
  /** When the case entered its current step, and now (ISO); time conditions need both. */
  enteredAt?: string;
  now?: string;
  /** The site's calendar: durations are counted on it (time zone, closed periods). */
  calendar?: SiteCalendar;
  /** The site's places for this case; without them (no capacity known) a place is free. */
  place?: Place;
  /** Judging a path still ahead: sign-offs, time and places still to come count as undecided. */
  ahead?: boolean;
}

/**
 * Three-valued result: `undefined` means "depends on a field still to be filled in",
 * so a button whose rule reads its own form is not shown as blocked before the form is open.
 */
export type Verdict = boolean | undefined;

export function isCondition(rule: Rule): rule is Condition {
  return 'field' in rule;
}
export function isChecklistCondition(rule: Rule): rule is ChecklistCondition {
  return 'checklist' in rule;
}
export function isTimeCondition(rule: Rule): rule is TimeCondition {
  return 'timeInStep' in rule;
}
export function isTimeSinceCondition(rule: Rule): rule is TimeSinceCondition {
  return 'timeSince' in rule;
}
export function isPlaceCondition(rule: Rule): rule is PlaceCondition {
  return 'place' in rule;
}

/** Whether a field holds a value (an empty text or list holds none). */
export function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}

function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function holds(cond: Condition, actual: unknown): boolean {
  const { op, value } = cond;
  if (op === 'exists') return present(actual);
  if (!present(actual)) return op === 'ne';
  if (Array.isArray(actual)) {
    // A list field: eq/in ask whether it contains the value(s).
    if (op === 'eq') return actual.includes(value);
    if (op === 'ne') return !actual.includes(value);
    if (op === 'in') return Array.isArray(value) && value.some((v) => actual.includes(v));
    return false;
  }
  switch (op) {
    case 'eq':
      return actual === value;
    case 'ne':
      return actual !== value;
    case 'in':
      return Array.isArray(value) && value.includes(actual as never);
    default: {
      const c = compare(actual, value);
      if (c === undefined) return false;
      return op === 'lt' ? c < 0 : op === 'lte' ? c <= 0 : op === 'gt' ? c > 0 : c >= 0;
    }
  }
}

function unsigned(def: Definition, cond: ChecklistCondition, ctx: RuleContext) {
  return checklistItems(def, cond.checklist).filter((i) => !ctx.checklist?.[i.id]);
}

/** When a time condition's clock started: entering the step, or the day in the date field. */
function timeStart(rule: TimeCondition | TimeSinceCondition, ctx: RuleContext): number | undefined {
  if ('timeInStep' in rule) return ctx.enteredAt ? Date.parse(ctx.enteredAt) : undefined;
  const v = ctx.values[rule.timeSince.field];
  return isDate(v) ? startOfDate(v, ctx.calendar) : undefined;
}

function timeHolds(rule: TimeCondition | TimeSinceCondition, ctx: RuleContext): boolean {
  const t = 'timeInStep' in rule ? rule.timeInStep : rule.timeSince;
  const start = timeStart(rule, ctx);
  if (start === undefined || !ctx.now) return false;
  const now = Date.parse(ctx.now);
  const limit = addDuration(start, t.duration, ctx.calendar, { openDays: t.openDays });
  const ops: Record<TimeOp, boolean> = { gte: now >= limit, gt: now > limit, lte: now <= limit, lt: now < limit };
  return ops[t.op];
}

/** Evaluates a rule; conditions on `pending` fields are unknown (Kleene logic). */
export function evaluate(
  def: Definition,
  rule: Rule,
  ctx: RuleContext,
  pending: ReadonlySet<string> = new Set(),
): Verdict {
  if (isCondition(rule)) {
    if (pending.has(rule.field) && !present(ctx.values[rule.field])) return undefined;
    return holds(rule, ctx.values[rule.field]);
  }
  if (isChecklistCondition(rule)) return ctx.ahead ? undefined : unsigned(def, rule, ctx).length === 0;
  if (isTimeCondition(rule)) return ctx.ahead ? undefined : timeHolds(rule, ctx);
  if (isTimeSinceCondition(rule)) {
    if (pending.has(rule.timeSince.field) && !present(ctx.values[rule.timeSince.field])) return undefined;
    return ctx.ahead ? undefined : timeHolds(rule, ctx);
  }
  if (isPlaceCondition(rule)) return ctx.ahead ? undefined : placeFree(ctx.place);
  if ('not' in rule) {
    const v = evaluate(def, rule.not, ctx, pending);
    return v === undefined ? undefined : !v;
  }
  const parts = ('all' in rule ? rule.all : rule.any).map((r) => evaluate(def, r, ctx, pending));
  if ('all' in rule) return parts.includes(false) ? false : parts.includes(undefined) ? undefined : true;
  return parts.includes(true) ? true : parts.includes(undefined) ? undefined : false;
}

/** Every field a rule reads, for validation and for knowing which form fields decide it. */
export function ruleFields(rule: Rule, into: Set<string> = new Set()): Set<string> {
  if (isCondition(rule)) into.add(rule.field);
  else if (isTimeSinceCondition(rule)) into.add(rule.timeSince.field);
  else if ('not' in rule) ruleFields(rule.not, into);
  else if ('all' in rule || 'any' in rule) for (const r of 'all' in rule ? rule.all : rule.any) ruleFields(r, into);
  return into;
}

/** Every sign-off scope a rule asks to be complete (e.g. the diploma asks for each phase's list). */
export function ruleChecklists(rule: Rule, into: string[] = []): string[] {
  if (isChecklistCondition(rule)) into.push(rule.checklist);
  else if ('not' in rule) ruleChecklists(rule.not, into);
  else if ('all' in rule || 'any' in rule) for (const r of 'all' in rule ? rule.all : rule.any) ruleChecklists(r, into);
  return into;
}

type Fields = Readonly<Record<string, Field>>;
type Lang = 'nl' | 'en';

function showValue(field: Field | undefined, v: unknown, lang: Lang): string {
  if (Array.isArray(v)) return v.map((x) => showValue(field, x, lang)).join(lang === 'nl' ? ' of ' : ' or ');
  if (typeof v === 'boolean') return lang === 'nl' ? (v ? 'ja' : 'nee') : v ? 'yes' : 'no';
  const option = field?.options?.find((o) => o.value === v);
  if (option) return `'${(lang === 'en' && option.label.en) || option.label.nl}'`;
  return typeof v === 'string' ? `'${v}'` : String(v);
}

const timeOpWords: Record<TimeOp, Message> = {
  gte: { nl: 'minstens', en: 'at least' },
  gt: { nl: 'langer dan', en: 'more than' },
  lte: { nl: 'hoogstens', en: 'at most' },
  lt: { nl: 'korter dan', en: 'less than' },
};

const opWords: Record<Condition['op'], { nl: string; en: string }> = {
  eq: { nl: 'is', en: 'is' },
  ne: { nl: 'is niet', en: 'is not' },
  lt: { nl: 'is kleiner dan', en: 'is less than' },
  lte: { nl: 'is hoogstens', en: 'is at most' },
  gt: { nl: 'is groter dan', en: 'is greater than' },
  gte: { nl: 'is minstens', en: 'is at least' },
  in: { nl: 'is', en: 'is' },
  exists: { nl: 'is ingevuld', en: 'is filled in' },
};

function label(fields: Fields, name: string, lang: Lang): string {
  const f = fields[name];
  return f ? (lang === 'en' && f.label.en) || f.label.nl : name;
}

function both(fn: (lang: Lang) => string): Message {
  return { nl: fn('nl'), en: fn('en') };
}

function checklistScope(def: Definition, scope: string, lang: Lang): string {
  if (scope === '*') return lang === 'nl' ? 'de hele aftekenlijst' : 'the whole sign-off list';
  const items = checklistItems(def, scope);
  return lang === 'nl'
    ? `de aftekenlijst van '${scope}' (${items.length} punten)`
    : `the sign-off list of '${scope}' (${items.length} items)`;
}

/** States in words what a rule requires, e.g. "Taalniveau is 'B1' of 'op weg naar B1'". */
export function describe(def: Definition, rule: Rule): Message {
  const fields = def.fields;
  if (isCondition(rule)) {
    return both((lang) => {
      const words = opWords[rule.op][lang];
      const subject = label(fields, rule.field, lang);
      return rule.op === 'exists'
        ? `${subject} ${words}`
        : `${subject} ${words} ${showValue(fields[rule.field], rule.value, lang)}`;
    });
  }
  if (isChecklistCondition(rule)) {
    return both((lang) =>
      lang === 'nl'
        ? `${checklistScope(def, rule.checklist, lang)} is afgetekend`
        : `${checklistScope(def, rule.checklist, lang)} is signed`,
    );
  }
  if (isTimeCondition(rule) || isTimeSinceCondition(rule)) {
    const t = isTimeCondition(rule) ? rule.timeInStep : rule.timeSince;
    const d = describeDuration(t.duration);
    const open = t.openDays ? { nl: ' (open dagen)', en: ' (open days)' } : { nl: '', en: '' };
    const amount = both((lang) => `${timeOpWords[t.op][lang]} ${d[lang]}${open[lang]}`);
    return isTimeSinceCondition(rule)
      ? both(
          (lang) => `${amount[lang]} ${lang === 'nl' ? 'sinds' : 'since'} ${label(fields, rule.timeSince.field, lang)}`,
        )
      : { nl: `${amount.nl} in deze stap`, en: `${amount.en} in this step` };
  }
  if (isPlaceCondition(rule))
    return { nl: 'er is een plaats vrij (wie het langst wacht eerst)', en: 'a place is free (longest waiting first)' };
  if ('not' in rule) {
    const inner = describe(def, rule.not);
    return { nl: `niet (${inner.nl})`, en: `not (${inner.en})` };
  }
  const parts = ('all' in rule ? rule.all : rule.any).map((r) => describePart(def, r));
  const joinNl = 'all' in rule ? ' en ' : ' of ';
  const joinEn = 'all' in rule ? ' and ' : ' or ';
  const wrap = (s: string) => (parts.length > 1 ? `(${s})` : s);
  return { nl: wrap(parts.map((p) => p.nl).join(joinNl)), en: wrap(parts.map((p) => p.en).join(joinEn)) };
}

/**
 * A part of a group in words. A choice among values says "of" itself ("is 'B1' of 'op weg naar
 * B1'"): inside "en" or "of" it gets brackets, so the sentence reads one way only.
 */
function describePart(def: Definition, rule: Rule): Message {
  const words = describe(def, rule);
  const choice = isCondition(rule) && rule.op === 'in' && Array.isArray(rule.value) && rule.value.length > 1;
  return choice ? { nl: `(${words.nl})`, en: `(${words.en})` } : words;
}

/**
 * Why a rule does not hold, in words, naming the failing part and what it is now (the value,
 * the checklist items still unsigned, the time spent). Undefined when the rule holds or is undecided.
 */
export function explain(
  def: Definition,
  rule: Rule,
  ctx: RuleContext,
  pending: ReadonlySet<string> = new Set(),
): Message | undefined {
  if (evaluate(def, rule, ctx, pending) !== false) return undefined;
  const fields = def.fields;
  if (isCondition(rule)) {
    const need = describe(def, rule);
    const actual = ctx.values[rule.field];
    if (!present(actual)) {
      if (rule.op === 'exists') {
        return {
          nl: `${label(fields, rule.field, 'nl')} is nog niet ingevuld`,
          en: `${label(fields, rule.field, 'en')} is not filled in yet`,
        };
      }
      return { nl: `Nodig: ${need.nl} (nog niet ingevuld)`, en: `Required: ${need.en} (not filled in yet)` };
    }
    const field = fields[rule.field];
    return {
      nl: `Nodig: ${need.nl} (nu: ${showValue(field, actual, 'nl')})`,
      en: `Required: ${need.en} (now: ${showValue(field, actual, 'en')})`,
    };
  }
  if (isChecklistCondition(rule)) {
    const missing = unsigned(def, rule, ctx);
    return {
      nl: `Nog niet afgetekend (${missing.length}): ${missing.map((i) => i.label.nl).join('; ')}`,
      en: `Not signed yet (${missing.length}): ${missing.map((i) => i.label.en || i.label.nl).join('; ')}`,
    };
  }
  if (isTimeCondition(rule) || isTimeSinceCondition(rule)) {
    const need = describe(def, rule);
    const start = timeStart(rule, ctx);
    const now = ctx.now ? Date.parse(ctx.now) : undefined;
    if (isTimeSinceCondition(rule) && start === undefined) {
      const name = both((lang) => label(fields, rule.timeSince.field, lang));
      return {
        nl: `Nodig: ${need.nl} (${name.nl} is nog niet ingevuld)`,
        en: `Required: ${need.en} (${name.en} is not filled in yet)`,
      };
    }
    if (start !== undefined && now !== undefined && start > now) {
      return {
        nl: `Nodig: ${need.nl} (begint pas op ${formatDate(start, 'nl', ctx.calendar)})`,
        en: `Required: ${need.en} (only begins on ${formatDate(start, 'en', ctx.calendar)})`,
      };
    }
    const days = start !== undefined && now !== undefined ? Math.floor((now - start) / 86_400_000) : 0;
    return {
      nl: `Nodig: ${need.nl} (nu: ${days} ${days === 1 ? 'dag' : 'dagen'})`,
      en: `Required: ${need.en} (now: ${days} ${days === 1 ? 'day' : 'days'})`,
    };
  }
  if (isPlaceCondition(rule)) return placeTaken(ctx.place!);
  if ('not' in rule) {
    const d = describe(def, rule.not);
    return { nl: `Niet mogelijk zolang ${d.nl}`, en: `Not possible while ${d.en}` };
  }
  if ('all' in rule) {
    const failing = rule.all.map((r) => explain(def, r, ctx, pending)).filter((m): m is Message => !!m);
    return { nl: failing.map((m) => m.nl).join('; '), en: failing.map((m) => m.en).join('; ') };
  }
  const d = describe(def, rule);
  return { nl: `Nodig: ${d.nl}`, en: `Required: ${d.en}` };
}

/** Why no place is free, in words: every place is taken, or those who wait longer come first. */
function placeTaken(p: Place): Message {
  const free = Math.max(0, p.places - p.taken);
  if (!free)
    return {
      nl: `Geen plaats vrij: ${p.taken} van ${p.places} plaatsen bezet${p.ahead ? `, ${p.ahead} op de wachtlijst` : ''}`,
      en: `No place free: ${p.taken} of ${p.places} places taken${p.ahead ? `, ${p.ahead} on the waiting list` : ''}`,
    };
  return {
    nl: `${free === 1 ? 'De vrije plaats is' : `De ${free} vrije plaatsen zijn`} eerst voor wie langer wacht (${p.ahead} op de wachtlijst gaan voor)`,
    en: `The ${free === 1 ? 'free place is' : `${free} free places are`} first for those who have waited longer (${p.ahead} on the waiting list come first)`,
  };
}
