import { useId } from 'react';
import {
  describe,
  indexStates,
  operatorsFor,
  say,
  type ComparisonOp,
  type Condition,
  type Definition,
  type Field,
  type Rule,
  type TimeCondition,
  type TimeOp,
  type TimeSinceCondition,
} from '../../../engine';
import { timeOps } from '../../../engine/definition';
import type { Locale } from '../../../engine/text';
import type { DesignerWords } from './model/words';

type Kind = 'condition' | 'checklist' | 'time' | 'since' | 'all' | 'any' | 'not';

function kindOf(rule: Rule): Kind {
  if ('field' in rule) return 'condition';
  if ('checklist' in rule) return 'checklist';
  if ('timeInStep' in rule) return 'time';
  if ('timeSince' in rule) return 'since';
  if ('all' in rule) return 'all';
  if ('any' in rule) return 'any';
  return 'not';
}

/** A first rule of a kind that the validator accepts, so every choice starts valid. */
export function blankRule(def: Definition, kind: Kind): Rule {
  switch (kind) {
    case 'condition': {
      const [name, field] =
        Object.entries(def.fields).find(([, f]) => f.type === 'boolean') ?? Object.entries(def.fields)[0];
      return conditionFor(name, field);
    }
    case 'checklist':
      return { checklist: checklistScopes(def)[0]?.path ?? '*' };
    case 'time':
      return { timeInStep: { op: 'gte', duration: '1w' } };
    case 'since': {
      const date = Object.keys(def.fields).find((name) => def.fields[name].type === 'date');
      // A definition without a date field has nothing to count from: the validator names it.
      return { timeSince: { field: date ?? '', op: 'gte', duration: '1w' } };
    }
    case 'all':
    case 'any':
      return { [kind]: [blankRule(def, 'condition')] } as Rule;
    case 'not':
      return { not: blankRule(def, 'condition') };
  }
}

function conditionFor(name: string, field: Field): Condition {
  switch (field.type) {
    case 'boolean':
      return { field: name, op: 'eq', value: true };
    case 'enum':
      return { field: name, op: 'eq', value: field.options?.[0]?.value ?? '' };
    case 'number':
      return { field: name, op: 'gte', value: field.min ?? 0 };
    default:
      return { field: name, op: 'exists' };
  }
}

/** The steps that have a sign-off list (or contain steps that do). */
function checklistScopes(def: Definition) {
  return [...indexStates(def).byPath.values()].filter((e) =>
    [...indexStates(def).byPath.values()].some(
      (x) => (x.path === e.path || x.path.startsWith(`${e.path}.`)) && x.config.meta?.checklist?.length,
    ),
  );
}

/**
 * The step a checklist scope names, as the engine finds it: a path, a step's id, or a step's own
 * key ("introductie" for "opleiding.introductie"), so the choice shows what the rule means.
 */
function scopePath(def: Definition, scope: string): string {
  if (scope === '*') return scope;
  const index = indexStates(def);
  const entry =
    index.byPath.get(scope) ?? index.byId.get(scope) ?? [...index.byPath.values()].find((e) => e.key === scope);
  return entry?.path ?? scope;
}

function valueFor(field: Field, op: ComparisonOp, previous: unknown): Condition['value'] {
  if (op === 'exists') return undefined;
  if (op === 'in') return Array.isArray(previous) ? previous : previous !== undefined ? [previous as string] : [];
  if (Array.isArray(previous)) return previous[0];
  return (previous as Condition['value']) ?? conditionFor('', field).value ?? '';
}

interface Props {
  def: Definition;
  rule: Rule;
  locale: Locale;
  w: DesignerWords;
  onChange: (rule: Rule) => void;
  onRemove?: () => void;
  depth?: number;
}

/** Builds a rule from choices that fit: only fields that exist and operators that suit their type. */
export function RuleBuilder({ def, rule, locale, w, onChange, onRemove, depth = 0 }: Props) {
  const id = useId();
  const kind = kindOf(rule);
  const kinds: [Kind, string][] = [
    ['condition', w.condition],
    ['checklist', w.checklistDone],
    ['time', w.timeInStep],
    ['since', w.timeSince],
    ['all', w.allOf],
    ['any', w.anyOf],
    ['not', w.notRule],
  ];
  return (
    <fieldset className="rule" data-depth={depth}>
      <legend className="sr-only">{w.rule}</legend>
      <div className="rule-row">
        <select
          aria-label={`${w.rule}: soort`}
          value={kind}
          onChange={(e) => onChange(blankRule(def, e.target.value as Kind))}
        >
          {kinds.map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
        {onRemove && (
          <button
            type="button"
            className="link"
            onClick={onRemove}
            aria-label={`${w.remove}: ${say(describe(def, rule), locale)}`}
          >
            ✕
          </button>
        )}
      </div>
      {kind === 'condition' && (
        <ConditionEditor def={def} cond={rule as Condition} w={w} locale={locale} onChange={onChange} id={id} />
      )}
      {kind === 'checklist' && (
        <select
          aria-label={w.checklistDone}
          value={scopePath(def, (rule as { checklist: string }).checklist)}
          onChange={(e) => onChange({ checklist: e.target.value })}
        >
          <option value="*">{w.wholeList}</option>
          {checklistScopes(def).map((e) => (
            <option key={e.path} value={e.path}>
              {say(e.config.meta?.label, locale, e.path)}
            </option>
          ))}
        </select>
      )}
      {kind === 'time' && (
        <TimeEditor
          time={(rule as TimeCondition).timeInStep}
          w={w}
          label={w.timeInStep}
          onChange={(timeInStep) => onChange({ timeInStep })}
        />
      )}
      {kind === 'since' && (
        <div className="rule-row">
          <select
            aria-label={w.timeSinceField}
            value={(rule as TimeSinceCondition).timeSince.field}
            onChange={(e) =>
              onChange({ timeSince: { ...(rule as TimeSinceCondition).timeSince, field: e.target.value } })
            }
          >
            {Object.entries(def.fields)
              .filter(([name, f]) => f.type === 'date' || name === (rule as TimeSinceCondition).timeSince.field)
              .map(([name, f]) => (
                <option key={name} value={name}>
                  {say(f.label, locale, name)}
                </option>
              ))}
          </select>
          <TimeEditor
            time={(rule as TimeSinceCondition).timeSince}
            w={w}
            label={w.timeSince}
            onChange={(t) => onChange({ timeSince: { ...(rule as TimeSinceCondition).timeSince, ...t } })}
          />
        </div>
      )}
      {(kind === 'all' || kind === 'any') && (
        <div className="rule-children">
          {(kind === 'all' ? (rule as { all: Rule[] }).all : (rule as { any: Rule[] }).any).map((child, i, list) => (
            <RuleBuilder
              key={i}
              def={def}
              rule={child}
              locale={locale}
              w={w}
              depth={depth + 1}
              onChange={(r) => onChange({ [kind]: list.map((c, j) => (j === i ? r : c)) } as Rule)}
              onRemove={
                list.length > 1 ? () => onChange({ [kind]: list.filter((_, j) => j !== i) } as Rule) : undefined
              }
            />
          ))}
          <button
            type="button"
            onClick={() =>
              onChange({
                [kind]: [
                  ...(kind === 'all' ? (rule as { all: Rule[] }).all : (rule as { any: Rule[] }).any),
                  blankRule(def, 'condition'),
                ],
              } as Rule)
            }
          >
            {w.addPart}
          </button>
        </div>
      )}
      {kind === 'not' && (
        <div className="rule-children">
          <RuleBuilder
            def={def}
            rule={(rule as { not: Rule }).not}
            locale={locale}
            w={w}
            depth={depth + 1}
            onChange={(r) => onChange({ not: r })}
          />
        </div>
      )}
      {depth === 0 && (
        <p className="rule-words">
          <span className="muted">{w.ruleSays}: </span>
          {say(describe(def, rule), locale)}
        </p>
      )}
    </fieldset>
  );
}

function ConditionEditor({
  def,
  cond,
  w,
  locale,
  onChange,
  id,
}: {
  def: Definition;
  cond: Condition;
  w: DesignerWords;
  locale: Locale;
  onChange: (r: Rule) => void;
  id: string;
}) {
  const field = def.fields[cond.field];
  const ops = field ? operatorsFor(field.type) : [];
  return (
    <div className="rule-row">
      <label className="sr-only" htmlFor={`${id}-field`}>
        {w.field}
      </label>
      <select
        id={`${id}-field`}
        value={cond.field}
        onChange={(e) => {
          const next = def.fields[e.target.value];
          onChange(conditionFor(e.target.value, next));
        }}
      >
        {!field && <option value={cond.field}>{cond.field} (?)</option>}
        {Object.entries(def.fields)
          .filter(([, f]) => operatorsFor(f.type).length > 0)
          .map(([name, f]) => (
            <option key={name} value={name}>
              {say(f.label, locale, name)}
            </option>
          ))}
      </select>
      <label className="sr-only" htmlFor={`${id}-op`}>
        {w.operator}
      </label>
      <select
        id={`${id}-op`}
        value={cond.op}
        onChange={(e) => {
          const op = e.target.value as ComparisonOp;
          const value = field ? valueFor(field, op, cond.value) : undefined;
          onChange(value === undefined ? { field: cond.field, op } : { field: cond.field, op, value });
        }}
      >
        {ops.map((op) => (
          <option key={op} value={op}>
            {w.ops[op]}
          </option>
        ))}
      </select>
      {field && cond.op !== 'exists' && (
        <ValueEditor field={field} cond={cond} w={w} locale={locale} onChange={onChange} id={`${id}-value`} />
      )}
    </div>
  );
}

function ValueEditor({
  field,
  cond,
  w,
  locale,
  onChange,
  id,
}: {
  field: Field;
  cond: Condition;
  w: DesignerWords;
  locale: Locale;
  onChange: (r: Rule) => void;
  id: string;
}) {
  const set = (value: Condition['value']) => onChange({ field: cond.field, op: cond.op, value });
  if (cond.op === 'in') {
    const chosen = new Set(Array.isArray(cond.value) ? cond.value.map(String) : []);
    if (field.options) {
      return (
        <span className="rule-options" role="group" aria-label={w.value}>
          {field.options.map((o) => (
            <label key={o.value}>
              <input
                type="checkbox"
                checked={chosen.has(o.value)}
                onChange={(e) =>
                  set(
                    field
                      .options!.map((x) => x.value)
                      .filter((v) => (v === o.value ? e.target.checked : chosen.has(v))),
                  )
                }
              />
              {say(o.label, locale, o.value)}
            </label>
          ))}
        </span>
      );
    }
    return (
      <input
        id={id}
        aria-label={w.value}
        value={[...chosen].join(', ')}
        onChange={(e) =>
          set(
            e.target.value
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
              .map((s) => (field.type === 'number' ? Number(s) : s)),
          )
        }
      />
    );
  }
  if (field.type === 'boolean') {
    return (
      <select id={id} aria-label={w.value} value={String(cond.value)} onChange={(e) => set(e.target.value === 'true')}>
        <option value="true">{w.yes}</option>
        <option value="false">{w.no}</option>
      </select>
    );
  }
  if (field.options) {
    return (
      <select id={id} aria-label={w.value} value={String(cond.value ?? '')} onChange={(e) => set(e.target.value)}>
        {field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {say(o.label, locale, o.value)}
          </option>
        ))}
      </select>
    );
  }
  if (field.type === 'number') {
    return (
      <input
        id={id}
        aria-label={w.value}
        type="number"
        value={typeof cond.value === 'number' ? cond.value : ''}
        onChange={(e) => set(e.target.value === '' ? 0 : Number(e.target.value))}
      />
    );
  }
  return (
    <input
      id={id}
      aria-label={w.value}
      type={field.type === 'date' ? 'date' : 'text'}
      value={String(cond.value ?? '')}
      onChange={(e) => set(e.target.value)}
    />
  );
}

/** Months, weeks and days, as a manager thinks of a period; stored as a duration like "3mo", "10w" or "1w3d". */
export function DurationInput({
  value,
  w,
  onChange,
  label,
}: {
  value: string;
  w: DesignerWords;
  onChange: (d: string) => void;
  label: string;
}) {
  const m = /^(?:(\d+)mo)?(?:(\d+)w)?(?:(\d+)d)?/.exec(value) ?? [];
  const parts = { mo: Number(m[1] ?? 0), w: Number(m[2] ?? 0), d: Number(m[3] ?? 0) };
  const make = (p: typeof parts) => {
    const text = `${p.mo > 0 ? `${p.mo}mo` : ''}${p.w > 0 ? `${p.w}w` : ''}${p.d > 0 ? `${p.d}d` : ''}`;
    // A period of nothing is not a period: the shortest a manager can mean here is a day.
    return text || '1d';
  };
  const input = (unit: keyof typeof parts, name: string, max: number) => (
    <>
      <input
        type="number"
        min={0}
        max={max}
        aria-label={`${label}: ${name}`}
        value={parts[unit]}
        onChange={(e) => onChange(make({ ...parts, [unit]: Math.max(0, Number(e.target.value)) }))}
      />
      <span>{name}</span>
    </>
  );
  return (
    <span className="duration" role="group" aria-label={label}>
      {input('mo', w.months, 120)}
      {input('w', w.weeks, 520)}
      {input('d', w.days, 366)}
    </span>
  );
}

type Time = { op: TimeOp; duration: string };

function TimeEditor({
  time,
  w,
  label,
  onChange,
}: {
  time: Time;
  w: DesignerWords;
  label: string;
  onChange: (t: Time) => void;
}) {
  return (
    <div className="rule-row">
      <select
        aria-label={w.operator}
        value={time.op}
        onChange={(e) => onChange({ ...time, op: e.target.value as TimeOp })}
      >
        {timeOps.map((op) => (
          <option key={op} value={op}>
            {w.timeOps[op]}
          </option>
        ))}
      </select>
      <DurationInput
        value={time.duration}
        w={w}
        label={label}
        onChange={(duration) => onChange({ ...time, duration })}
      />
    </div>
  );
}
