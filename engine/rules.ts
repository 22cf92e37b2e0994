import type { Condition, Field, Rule } from './definition';
import type { Message } from './text';

export type Values = Readonly<Record<string, unknown>>;

/**
 * Three-valued result: `undefined` means "depends on a field still to be filled in",
 * so a button whose rule reads its own form is not shown as blocked before the form is open.
 */
export type Verdict = boolean | undefined;

export function isCondition(rule: Rule): rule is Condition {
  return 'field' in rule;
}

function present(v: unknown): boolean {
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

/** Evaluates a rule; conditions on `pending` fields are unknown (Kleene logic). */
export function evaluate(rule: Rule, values: Values, pending: ReadonlySet<string> = new Set()): Verdict {
  if (isCondition(rule)) {
    if (pending.has(rule.field) && !present(values[rule.field])) return undefined;
    return holds(rule, values[rule.field]);
  }
  if ('not' in rule) {
    const v = evaluate(rule.not, values, pending);
    return v === undefined ? undefined : !v;
  }
  const parts = ('all' in rule ? rule.all : rule.any).map((r) => evaluate(r, values, pending));
  if ('all' in rule) return parts.includes(false) ? false : parts.includes(undefined) ? undefined : true;
  return parts.includes(true) ? true : parts.includes(undefined) ? undefined : false;
}

/** Every field a rule reads, for validation and for knowing which form fields decide it. */
export function ruleFields(rule: Rule, into: Set<string> = new Set()): Set<string> {
  if (isCondition(rule)) into.add(rule.field);
  else if ('not' in rule) ruleFields(rule.not, into);
  else for (const r of 'all' in rule ? rule.all : rule.any) ruleFields(r, into);
  return into;
}

type Fields = Readonly<Record<string, Field>>;

function showValue(field: Field | undefined, v: unknown, lang: 'nl' | 'en'): string {
  if (Array.isArray(v)) return v.map((x) => showValue(field, x, lang)).join(lang === 'nl' ? ' of ' : ' or ');
  if (typeof v === 'boolean') return lang === 'nl' ? (v ? 'ja' : 'nee') : v ? 'yes' : 'no';
  const option = field?.options?.find((o) => o.value === v);
  if (option) return `'${(lang === 'en' && option.label.en) || option.label.nl}'`;
  return typeof v === 'string' ? `'${v}'` : String(v);
}

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

function label(fields: Fields, name: string, lang: 'nl' | 'en'): string {
  const f = fields[name];
  return f ? (lang === 'en' && f.label.en) || f.label.nl : name;
}

/** States in words what a rule requires, e.g. "Taalniveau is 'B1' of 'op weg naar B1'". */
export function describe(rule: Rule, fields: Fields): Message {
  const both = (fn: (lang: 'nl' | 'en') => string): Message => ({ nl: fn('nl'), en: fn('en') });
  if (isCondition(rule)) {
    return both((lang) => {
      const words = opWords[rule.op][lang];
      const subject = label(fields, rule.field, lang);
      return rule.op === 'exists' ? `${subject} ${words}` : `${subject} ${words} ${showValue(fields[rule.field], rule.value, lang)}`;
    });
  }
  if ('not' in rule) {
    const inner = describe(rule.not, fields);
    return { nl: `niet (${inner.nl})`, en: `not (${inner.en})` };
  }
  const parts = ('all' in rule ? rule.all : rule.any).map((r) => describe(r, fields));
  const joinNl = 'all' in rule ? ' en ' : ' of ';
  const joinEn = 'all' in rule ? ' and ' : ' or ';
  const wrap = (s: string) => (parts.length > 1 ? `(${s})` : s);
  return { nl: wrap(parts.map((p) => p.nl).join(joinNl)), en: wrap(parts.map((p) => p.en).join(joinEn)) };
}

/**
 * Why a rule does not hold for these values, in words, naming the failing part and what it is now.
 * Returns undefined when the rule holds (or is still undecided).
 */
export function explain(rule: Rule, values: Values, fields: Fields, pending: ReadonlySet<string> = new Set()): Message | undefined {
  if (evaluate(rule, values, pending) !== false) return undefined;
  if (isCondition(rule)) {
    const need = describe(rule, fields);
    const actual = values[rule.field];
    if (!present(actual)) {
      if (rule.op === 'exists') {
        return { nl: `${label(fields, rule.field, 'nl')} is nog niet ingevuld`, en: `${label(fields, rule.field, 'en')} is not filled in yet` };
      }
      return { nl: `Nodig: ${need.nl} (nog niet ingevuld)`, en: `Required: ${need.en} (not filled in yet)` };
    }
    const field = fields[rule.field];
    return {
      nl: `Nodig: ${need.nl} (nu: ${showValue(field, actual, 'nl')})`,
      en: `Required: ${need.en} (now: ${showValue(field, actual, 'en')})`,
    };
  }
  if ('not' in rule) {
    const d = describe(rule.not, fields);
    return { nl: `Niet mogelijk zolang ${d.nl}`, en: `Not possible while ${d.en}` };
  }
  if ('all' in rule) {
    const failing = rule.all.map((r) => explain(r, values, fields, pending)).filter((m): m is Message => !!m);
    return { nl: failing.map((m) => m.nl).join('; '), en: failing.map((m) => m.en).join('; ') };
  }
  const d = describe(rule, fields);
  return { nl: `Nodig: ${d.nl}`, en: `Required: ${d.en}` };
}
