import { useId, useState } from 'react';
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
import { checklistScopes, conditionFor, kindOf, rekind, ruleOfKind, type RuleKind } from './model/rule';

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
  /** The rule's path in the definition (`….guard.params`): a problem about a part of it focuses that part. */
  path?: string;
}

const kindsOf = (w: DesignerWords): [RuleKind, string][] => [
  ['condition', w.condition],
  ['checklist', w.checklistDone],
  ['time', w.timeInStep],
  ['since', w.timeSince],
  ['place', w.placeFree],
  ['all', w.allOf],
  ['any', w.anyOf],
  ['not', w.notRule],
];

/**
 * Builds a rule from choices that fit: only fields that exist and operators that suit their type.
 * Another kind keeps what was built (wrapped in the group, or the part of that kind taken out);
 * when there is nothing to keep, it asks instead of making something up.
 */
export function RuleBuilder({ def, rule, locale, w, onChange, onRemove, depth = 0, path }: Props) {
  const id = useId();
  const kind = kindOf(rule);
  const [asking, setAsking] = useState<RuleKind>();
  const [adding, setAdding] = useState(false);
  const at = (...more: (string | number)[]) => (path ? [path, ...more].join('.') : undefined);
  const parts = kind === 'all' ? (rule as { all: Rule[] }).all : kind === 'any' ? (rule as { any: Rule[] }).any : [];
  return (
    <fieldset className="rule" data-depth={depth} data-path={path}>
      <legend className="sr-only">{w.rule}</legend>
      <div className="rule-row">
        <select
          aria-label={`${w.rule}: ${w.ruleKind}`}
          value={asking ?? kind}
          onChange={(e) => {
            const to = e.target.value as RuleKind;
            const kept = rekind(rule, to);
            setAsking(kept ? undefined : to);
            if (kept && kept !== rule) onChange(kept);
          }}
        >
          {kindsOf(w).map(([k, label]) => (
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
      {asking ? (
        <NewRule
          def={def}
          locale={locale}
          w={w}
          kind={asking}
          onAdd={(r) => {
            setAsking(undefined);
            onChange(r);
          }}
          onCancel={() => setAsking(undefined)}
        />
      ) : (
        <>
          {kind === 'condition' && (
            <ConditionEditor
              def={def}
              cond={rule as Condition}
              w={w}
              locale={locale}
              onChange={onChange}
              id={id}
              path={path}
            />
          )}
          {kind === 'checklist' && (
            <select
              aria-label={w.checklistDone}
              data-path={at('checklist')}
              value={scopePath(def, (rule as { checklist: string }).checklist)}
              onChange={(e) => onChange({ checklist: e.target.value })}
            >
              <ChecklistOptions def={def} locale={locale} w={w} />
            </select>
          )}
          {kind === 'time' && (
            <TimeEditor
              time={(rule as TimeCondition).timeInStep}
              w={w}
              label={w.timeInStep}
              path={at('timeInStep')}
              onChange={(timeInStep) => onChange({ timeInStep })}
            />
          )}
          {kind === 'since' && (
            <div className="rule-row" data-path={at('timeSince')}>
              <select
                aria-label={w.timeSinceField}
                data-path={at('timeSince', 'field')}
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
              {parts.map((child, i, list) => (
                <RuleBuilder
                  key={i}
                  def={def}
                  rule={child}
                  locale={locale}
                  w={w}
                  depth={depth + 1}
                  path={at(kind, i)}
                  onChange={(r) => onChange({ [kind]: list.map((c, j) => (j === i ? r : c)) } as Rule)}
                  onRemove={
                    list.length > 1 ? () => onChange({ [kind]: list.filter((_, j) => j !== i) } as Rule) : undefined
                  }
                />
              ))}
              {adding ? (
                <NewRule
                  def={def}
                  locale={locale}
                  w={w}
                  onAdd={(r) => {
                    setAdding(false);
                    onChange({ [kind]: [...parts, r] } as Rule);
                  }}
                  onCancel={() => setAdding(false)}
                />
              ) : (
                <button type="button" onClick={() => setAdding(true)}>
                  {w.addPart}
                </button>
              )}
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
                path={at('not')}
                onChange={(r) => onChange({ not: r })}
              />
            </div>
          )}
        </>
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

/**
 * A rule still to be made: it asks what the rule checks and, for a comparison, which field,
 * and makes nothing up; the rule exists once those are chosen.
 */
export function NewRule({
  def,
  locale,
  w,
  kind: given,
  onAdd,
  onCancel,
}: {
  def: Definition;
  locale: Locale;
  w: DesignerWords;
  /** Already chosen (the kind a rule was switched to). */
  kind?: RuleKind;
  onAdd: (rule: Rule) => void;
  onCancel: () => void;
}) {
  const id = useId();
  // Most rules compare a field: that kind is offered first, but no field is chosen for the manager.
  const [kind, setKind] = useState<RuleKind>(given ?? 'condition');
  const [time, setTime] = useState<Time>({ op: 'gte', duration: '1w' });
  const fields = Object.entries(def.fields).filter(([, f]) => operatorsFor(f.type).length > 0);
  return (
    <div className="new-rule" role="group" aria-label={w.newRule}>
      {!given && (
        <div className="field">
          <label htmlFor={`${id}-kind`}>{w.ruleChecks}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as RuleKind)}>
            {kindsOf(w).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </div>
      )}
      {kind === 'place' && (
        <button type="button" onClick={() => onAdd({ place: 'free' })}>
          {w.addRule}
        </button>
      )}
      {kind !== 'checklist' && kind !== 'time' && kind !== 'since' && kind !== 'place' && (
        <div className="field">
          <label htmlFor={`${id}-field`}>{kind === 'condition' ? w.whichField : w.firstPartField}</label>
          <select
            id={`${id}-field`}
            value=""
            onChange={(e) => {
              const name = e.target.value;
              if (name) onAdd(ruleOfKind(kind, conditionFor(name, def.fields[name])));
            }}
          >
            <option value="">{w.choose}</option>
            {fields.map(([name, f]) => (
              <option key={name} value={name}>
                {say(f.label, locale, name)}
              </option>
            ))}
          </select>
        </div>
      )}
      {kind === 'checklist' && (
        <div className="field">
          <label htmlFor={`${id}-list`}>{w.whichList}</label>
          <select id={`${id}-list`} value="" onChange={(e) => e.target.value && onAdd({ checklist: e.target.value })}>
            <option value="">{w.choose}</option>
            <ChecklistOptions def={def} locale={locale} w={w} />
          </select>
        </div>
      )}
      {kind === 'since' && (
        <div className="field">
          <label htmlFor={`${id}-since`}>{w.timeSinceField}</label>
          <select
            id={`${id}-since`}
            value=""
            onChange={(e) =>
              e.target.value && onAdd({ timeSince: { field: e.target.value, op: 'gte', duration: '1w' } })
            }
          >
            <option value="">{w.choose}</option>
            {Object.entries(def.fields)
              .filter(([, f]) => f.type === 'date')
              .map(([name, f]) => (
                <option key={name} value={name}>
                  {say(f.label, locale, name)}
                </option>
              ))}
          </select>
        </div>
      )}
      {kind === 'time' && (
        <>
          <TimeEditor time={time} w={w} label={w.timeInStep} onChange={setTime} />
          <button type="button" onClick={() => onAdd({ timeInStep: time })}>
            {w.addRule}
          </button>
        </>
      )}
      <button type="button" className="link" onClick={onCancel}>
        {w.cancel}
      </button>
    </div>
  );
}

/** What "Aftekenlijst compleet" can name: the whole list, or the list of a step (with the steps inside). */
function ChecklistOptions({ def, locale, w }: { def: Definition; locale: Locale; w: DesignerWords }) {
  return (
    <>
      <option value="*">{w.wholeList}</option>
      {checklistScopes(def).map((e) => (
        <option key={e.path} value={e.path}>
          {say(e.config.meta?.label, locale, e.path)}
        </option>
      ))}
    </>
  );
}

function ConditionEditor({
  def,
  cond,
  w,
  locale,
  onChange,
  id,
  path,
}: {
  def: Definition;
  cond: Condition;
  w: DesignerWords;
  locale: Locale;
  onChange: (r: Rule) => void;
  id: string;
  path?: string;
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
        data-path={path && `${path}.field`}
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
        data-path={path && `${path}.op`}
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
        <span className="rule-value" data-path={path && `${path}.value`}>
          <ValueEditor field={field} cond={cond} w={w} locale={locale} onChange={onChange} id={`${id}-value`} />
        </span>
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
  disabled = false,
}: {
  value: string;
  w: DesignerWords;
  onChange: (d: string) => void;
  label: string;
  disabled?: boolean;
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
        disabled={disabled}
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
  path,
}: {
  time: Time;
  w: DesignerWords;
  label: string;
  onChange: (t: Time) => void;
  path?: string;
}) {
  return (
    <div className="rule-row" data-path={path}>
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
