import type { ComparisonOp, Condition, Rule } from './definition';
import { durationMs, durationOf } from './duration';
import { isChecklistCondition, isCondition, isTimeCondition } from './rules';

/**
 * BPMN 2.0 for workflows: what the two directions share. A definition is drawn as a process that
 * Camunda Modeler and bpmn.io show (engine/bpmn-export.ts), and a process drawn there becomes a
 * draft (engine/bpmn-import.ts). What BPMN has no words for travels in elements of our namespace.
 */
export const bpmnNamespace = 'https://wijkleerbedrijf.nl/bpmn';
export const bpmnModelNamespace = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** A timer's duration as ISO 8601 (BPMN's timeDuration): "10w" → "P10W", "1m30s" → "PT1M30S". */
export function isoDuration(duration: string): string {
  let rest = durationMs(duration);
  const take = (unit: number) => {
    const n = Math.floor(rest / unit);
    rest -= n * unit;
    return n;
  };
  const w = take(7 * 86_400_000);
  const d = take(86_400_000);
  const h = take(3_600_000);
  const m = take(60_000);
  const s = rest / 1000;
  const date = `${w ? `${w}W` : ''}${d ? `${d}D` : ''}`;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `P${date}${time ? `T${time}` : ''}` === 'P' ? 'PT0S' : `P${date}${time ? `T${time}` : ''}`;
}

/**
 * An ISO 8601 duration as the definition writes one, or why not: years and months have no fixed
 * length, which a timer here needs.
 */
export function durationFromIso(iso: string): { duration: string } | { error: 'months' | 'invalid' } {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/.exec(
    iso.trim(),
  );
  if (!m || iso.trim() === 'P' || iso.trim().endsWith('T')) return { error: 'invalid' };
  if (m[1] || m[2]) return { error: 'months' };
  const n = (i: number) => Number(m[i] ?? 0);
  const ms = ((n(3) * 7 + n(4)) * 24 + n(5)) * 3_600_000 + n(6) * 60_000 + Math.round(n(7) * 1000);
  return { duration: durationOf(ms) };
}

const juelOps: Partial<Record<ComparisonOp, string>> = { eq: '==', ne: '!=', lt: '<', lte: '<=', gt: '>', gte: '>=' };

const literal = (v: unknown) =>
  typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(v);

/** A rule as a JUEL expression (Camunda's `${…}`), where it only compares fields; otherwise undefined. */
export function juelOf(rule: Rule): string | undefined {
  const inner = (r: Rule): string | undefined => {
    if (isChecklistCondition(r) || isTimeCondition(r)) return undefined;
    if (isCondition(r)) {
      if (r.op === 'exists') return `${r.field} != null`;
      if (r.op === 'in')
        return Array.isArray(r.value)
          ? `(${r.value.map((v) => `${r.field} == ${literal(v)}`).join(' || ')})`
          : undefined;
      return `${r.field} ${juelOps[r.op]} ${literal(r.value)}`;
    }
    if ('not' in r) {
      const x = inner(r.not);
      return x === undefined ? undefined : `!(${x})`;
    }
    // Time since a date and a free place have no JUEL without code: such a rule travels only in our extension.
    if ('timeSince' in r || 'place' in r) return undefined;
    const parts = ('all' in r ? r.all : r.any).map(inner);
    if (parts.some((p) => p === undefined)) return undefined;
    return `(${parts.join('all' in r ? ' && ' : ' || ')})`;
  };
  const x = inner(rule);
  return x === undefined ? undefined : `\${${x.startsWith('(') && x.endsWith(')') ? x.slice(1, -1) : x}}`;
}

/** What a condition compares a field with: the kinds of value and the texts, to give the field a type. */
export interface FieldUse {
  kinds: Set<'number' | 'string' | 'boolean'>;
  texts: Set<string>;
  ordered: boolean;
}

export type ConditionRead = { rule: Rule; fields: Map<string, FieldUse> } | { error: string };

/**
 * A gateway's condition as a rule, where it is a simple comparison of a field with a value, or a
 * few of them joined by one kind of "and"/"or", as Camunda 7 (`${score >= 5}`), Camunda 8 (FEEL,
 * `=score >= 5`, `status = "goed"`) and bpmn.io users write them. Anything else is code.
 */
export function ruleFromCondition(text: string): ConditionRead {
  const body = text
    .trim()
    .replace(/^[$#]\{([\s\S]*)\}$/, '$1')
    .replace(/^=/, '')
    .trim();
  const tokens = body.match(
    /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|[A-Za-z_][\w-]*|==|!=|<=|>=|&&|\|\||[<>=!()]|\S/g,
  );
  if (!tokens) return { error: 'leeg' };
  const fields = new Map<string, FieldUse>();
  let i = 0;
  const peek = () => tokens[i];
  const word = (t: string | undefined) => !!t && /^[A-Za-z_]/.test(t);
  const opOf: Record<string, ComparisonOp> = {
    '==': 'eq',
    '=': 'eq',
    eq: 'eq',
    '!=': 'ne',
    ne: 'ne',
    '<': 'lt',
    lt: 'lt',
    '<=': 'lte',
    le: 'lte',
    '>': 'gt',
    gt: 'gt',
    '>=': 'gte',
    ge: 'gte',
  };
  const value = (t: string | undefined): { v: string | number | boolean | null } | undefined => {
    if (t === undefined) return undefined;
    if (/^['"]/.test(t)) return { v: t.slice(1, -1).replace(/\\(.)/g, '$1') };
    if (/^-?\d/.test(t)) return { v: Number(t) };
    if (t === 'true' || t === 'false') return { v: t === 'true' };
    if (t === 'null') return { v: null };
    return undefined;
  };
  const use = (field: string, v: string | number | boolean | null, op: ComparisonOp) => {
    let u = fields.get(field);
    if (!u) fields.set(field, (u = { kinds: new Set(), texts: new Set(), ordered: false }));
    if (v !== null) u.kinds.add(typeof v as 'number' | 'string' | 'boolean');
    if (typeof v === 'string') u.texts.add(v);
    if (op !== 'eq' && op !== 'ne') u.ordered = true;
  };
  function fail(why: string): never {
    throw new Error(why);
  }
  const term = (): Rule => {
    const t = peek();
    if (t === '!' || t === 'not') {
      i++;
      if (t === 'not' && peek() !== '(') fail('not');
      return { not: term() };
    }
    if (t === '(') {
      i++;
      const r = expr();
      if (tokens[i++] !== ')') fail(')');
      return r;
    }
    const left = tokens[i++];
    const op = opOf[peek() ?? ''];
    if (!op) {
      // A boolean field on its own: `${approved}`.
      if (!word(left) || value(left)) fail(left ?? '');
      use(left!, true, 'eq');
      return { field: left!, op: 'eq', value: true };
    }
    i++;
    const right = tokens[i++];
    let field = left;
    let v = value(right);
    let cmp = op;
    if (!word(left) || value(left)) {
      // `5 <= score`: the field on the right.
      field = right;
      v = value(left);
      cmp = ({ lt: 'gt', lte: 'gte', gt: 'lt', gte: 'lte' } as Record<string, ComparisonOp>)[op] ?? op;
    }
    if (!word(field) || value(field) || !v) fail(field ?? '');
    if (v.v === null) {
      if (cmp !== 'eq' && cmp !== 'ne') fail('null');
      const exists: Condition = { field: field!, op: 'exists' };
      use(field!, null, 'eq');
      return cmp === 'ne' ? exists : { not: exists };
    }
    use(field!, v.v, cmp);
    return { field: field!, op: cmp, value: v.v };
  };
  const expr = (): Rule => {
    const first = term();
    const parts = [first];
    let joint: 'all' | 'any' | undefined;
    for (;;) {
      const t = peek();
      const j = t === '&&' || t === 'and' ? 'all' : t === '||' || t === 'or' ? 'any' : undefined;
      if (!j) break;
      if (joint && joint !== j) fail('mixed');
      joint = j;
      i++;
      parts.push(term());
    }
    return joint ? ({ [joint]: parts } as Rule) : first;
  };
  try {
    const rule = expr();
    if (i !== tokens.length) return { error: tokens[i] };
    return { rule, fields };
  } catch (err) {
    return { error: (err as Error).message };
  }
}
