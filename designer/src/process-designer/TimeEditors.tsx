import { useId } from 'react';
import {
  describeDeadline,
  describeTimer,
  say,
  staffFunctions,
  type Deadline,
  type Definition,
  type TransitionConfig,
} from '../../../engine';
import type { Locale } from '../../../engine/text';
import { functionNames } from '../lib/team';
import { Choices } from './Choices';
import { DurationInput } from './RuleBuilder';
import type { DesignerWords } from './model/words';
import { timeWords } from './model/time-words';
import { timerForm, timerKey, type TimerForm } from './model/time';

const dateFields = (def: Definition) =>
  Object.entries(def.fields)
    .filter(([, f]) => f.type === 'date')
    .map(([name]) => name);

/** The first form of each kind, when a manager switches to it. */
function startOf(kind: TimerForm['kind'], def: Definition): TimerForm {
  if (kind === 'duration') return { kind, duration: '1w' };
  if (kind === 'dates') return { kind, dates: ['09-01'] };
  return { kind, field: dateFields(def)[0] ?? '', shift: 'on', duration: '1w' };
}

/**
 * A field of the case out of `fields`; one no longer among them stays shown, marked, for the
 * validator to name. With `none`, no field is a choice too.
 */
function FieldSelect({
  def,
  fields,
  label,
  none,
  value,
  locale,
  disabled,
  onChange,
}: {
  def: Definition;
  fields: string[];
  label: string;
  none?: string;
  value: string | undefined;
  locale: Locale;
  disabled: boolean;
  onChange: (field: string | undefined) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} disabled={disabled} onChange={(e) => onChange(e.target.value || undefined)}>
        {none !== undefined && <option value="">{none}</option>}
        {value && !fields.includes(value) && <option value={value}>{value} (?)</option>}
        {fields.map((f) => (
          <option key={f} value={f}>
            {say(def.fields[f].label, locale, f)}
          </option>
        ))}
      </select>
    </div>
  );
}

// 29 February is not in every year: the validator refuses it, so it is not offered.
const daysIn = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthNames = (locale: Locale) =>
  daysIn.map((_, k) =>
    new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { month: 'long', timeZone: 'UTC' }).format(
      Date.UTC(2001, k, 1),
    ),
  );

/** Days of the year as "09-01": a day and a month, each its own choice. */
function DatesInput({
  dates,
  locale,
  disabled,
  onChange,
}: {
  dates: string[];
  locale: Locale;
  disabled: boolean;
  onChange: (dates: string[]) => void;
}) {
  const t = timeWords[locale];
  const set = (i: number, day: number, month: number) =>
    onChange(dates.map((d, j) => (j === i ? `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` : d)));
  return (
    <fieldset className="field">
      <legend>{t.dates}</legend>
      {dates.map((d, i) => {
        const [month, day] = d.split('-').map(Number);
        const days = daysIn[month - 1] ?? 31;
        return (
          <div key={i} className="rule-row">
            <select
              aria-label={`${t.day} ${i + 1}`}
              value={day}
              disabled={disabled}
              onChange={(e) => set(i, Number(e.target.value), month)}
            >
              {Array.from({ length: days }, (_, k) => (
                <option key={k + 1} value={k + 1}>
                  {k + 1}
                </option>
              ))}
            </select>
            <select
              aria-label={`${t.month} ${i + 1}`}
              value={month}
              disabled={disabled}
              onChange={(e) => {
                const m = Number(e.target.value);
                set(i, Math.min(day, daysIn[m - 1]), m);
              }}
            >
              {monthNames(locale).map((name, k) => (
                <option key={name} value={k + 1}>
                  {name}
                </option>
              ))}
            </select>
            {dates.length > 1 && (
              <button
                type="button"
                className="link"
                disabled={disabled}
                aria-label={`${t.removeDate} ${i + 1}`}
                onClick={() => onChange(dates.filter((_, j) => j !== i))}
              >
                ✕
              </button>
            )}
          </div>
        );
      })}
      {dates.length < 12 && (
        <button type="button" disabled={disabled} onClick={() => onChange([...dates, dates.at(-1) ?? '09-01'])}>
          {t.addDate}
        </button>
      )}
    </fieldset>
  );
}

/**
 * When a timer fires, as choices: after a period (months, weeks, days), on a date of the case
 * moved by a period, or on the next of some days of the year; its words below, and its
 * settings: resuming with the time left, and counting only open days.
 */
export function TimerEditor({
  def,
  timerKey: key,
  t,
  first,
  locale,
  w,
  readOnly,
  onKey,
  onSettings,
}: {
  def: Definition;
  timerKey: string;
  t: TransitionConfig;
  /** The timer's settings live on its first transition. */
  first: boolean;
  locale: Locale;
  w: DesignerWords;
  readOnly: boolean;
  onKey: (key: string) => void;
  onSettings: (s: { resume?: 'remaining' | null; openDays?: boolean }) => void;
}) {
  const tw = timeWords[locale];
  const id = useId();
  const form = timerForm(key) ?? { kind: 'duration', duration: '1w' };
  const fields = dateFields(def);
  const change = (next: TimerForm) => {
    const k = timerKey(next);
    if (k !== key) onKey(k);
  };
  const counts = form.kind === 'duration' || (form.kind === 'field' && form.shift !== 'on');
  return (
    <div className="timer-editor">
      <div className="field">
        <label htmlFor={`${id}-kind`}>{tw.when}</label>
        <select
          id={`${id}-kind`}
          value={form.kind}
          disabled={readOnly}
          onChange={(e) => change(startOf(e.target.value as TimerForm['kind'], def))}
        >
          {(['duration', 'field', 'dates'] as const).map((k) => (
            <option key={k} value={k} disabled={k === 'field' && fields.length === 0}>
              {tw.kinds[k]}
            </option>
          ))}
        </select>
        {fields.length === 0 && <span className="muted">{tw.noDateField}</span>}
      </div>
      {form.kind === 'duration' && (
        <DurationInput
          disabled={readOnly}
          value={form.duration}
          w={w}
          label={w.after}
          onChange={(duration) => change({ ...form, duration })}
        />
      )}
      {form.kind === 'field' && (
        <>
          <FieldSelect
            def={def}
            fields={dateFields(def)}
            label={tw.dateField}
            value={form.field}
            locale={locale}
            disabled={readOnly}
            onChange={(field) => change({ ...form, field: field! })}
          />
          <div className="field">
            <label htmlFor={`${id}-shift`}>{tw.shift}</label>
            <select
              id={`${id}-shift`}
              value={form.shift}
              disabled={readOnly}
              onChange={(e) => change({ ...form, shift: e.target.value as 'on' | 'before' | 'after' })}
            >
              {(['on', 'before', 'after'] as const).map((s) => (
                <option key={s} value={s}>
                  {tw.shifts[s]}
                </option>
              ))}
            </select>
          </div>
          {form.shift !== 'on' && (
            <DurationInput
              disabled={readOnly}
              value={form.duration}
              w={w}
              label={tw.period}
              onChange={(duration) => change({ ...form, duration })}
            />
          )}
        </>
      )}
      {form.kind === 'dates' && (
        <DatesInput
          dates={form.dates}
          locale={locale}
          disabled={readOnly}
          onChange={(dates) => change({ ...form, dates })}
        />
      )}
      <p className="rule-words">
        {tw.inWords}: {say(describeTimer(def, key), locale)}
      </p>
      {!first ? (
        <p className="muted">{tw.settingsFirst}</p>
      ) : (
        <>
          {form.kind === 'duration' && (
            <fieldset className="field">
              <legend>{tw.resume}</legend>
              {(['restart', 'remaining'] as const).map((r) => (
                <label key={r} className="inline">
                  <input
                    type="radio"
                    name={`${id}-resume`}
                    disabled={readOnly}
                    checked={(t.meta?.resume ?? 'restart') === r}
                    onChange={() => onSettings({ resume: r === 'remaining' ? 'remaining' : null })}
                  />
                  {tw.resumes[r]}
                </label>
              ))}
            </fieldset>
          )}
          {counts && (
            <label className="inline">
              <input
                type="checkbox"
                disabled={readOnly}
                checked={!!t.meta?.openDays}
                onChange={(e) => onSettings({ openDays: e.target.checked })}
              />
              {tw.openDays}
            </label>
          )}
        </>
      )}
    </div>
  );
}

/**
 * A step's or an action's deadline: none, within a period of entering the step, or by a date
 * of the case (that much earlier); whose work it is, and whether only open days count. It moves
 * nothing: the case shows it, the worklist groups it, passing it is written in the history.
 */
export function DeadlineEditor({
  def,
  due,
  forAction,
  locale,
  w,
  readOnly,
  onChange,
}: {
  def: Definition;
  due: Deadline | undefined;
  forAction: boolean;
  locale: Locale;
  w: DesignerWords;
  readOnly: boolean;
  onChange: (due: Deadline | null) => void;
}) {
  const tw = timeWords[locale];
  const fields = dateFields(def);
  const kind = due?.by !== undefined ? 'by' : due?.within ? 'within' : 'none';
  // Switching between a period and a date keeps the label, whose work it is and open days.
  const keep = {
    ...(due?.label ? { label: due.label } : {}),
    ...(due?.functions ? { functions: due.functions } : {}),
    ...(due?.openDays ? { openDays: true } : {}),
    ...(due?.until ? { until: due.until } : {}),
  };
  return (
    <fieldset className="field deadline-editor">
      <legend>{tw.due}</legend>
      <select
        aria-label={tw.due}
        value={kind}
        disabled={readOnly}
        onChange={(e) => {
          const next = e.target.value;
          if (next === 'none') onChange(null);
          else if (next === 'within') onChange({ ...keep, within: '2w' });
          else if (fields.length) onChange({ ...keep, by: fields[0], minus: '1w' });
        }}
      >
        <option value="none">{tw.dueKinds.none}</option>
        <option value="within">{tw.dueKinds.within}</option>
        <option value="by" disabled={fields.length === 0}>
          {tw.dueKinds.by}
        </option>
      </select>
      {due && kind === 'within' && (
        <>
          <DurationInput
            disabled={readOnly}
            value={due.within!}
            w={w}
            label={tw.within}
            onChange={(within) => onChange({ ...due, within })}
          />
          <span className="muted">{tw.withinFrom}</span>
        </>
      )}
      {due && kind === 'by' && (
        <>
          <FieldSelect
            def={def}
            fields={fields}
            label={tw.dateField}
            value={due.by}
            locale={locale}
            disabled={readOnly}
            onChange={(by) => onChange({ ...due, by: by! })}
          />
          <label className="inline">
            <input
              type="checkbox"
              disabled={readOnly}
              checked={!!due.minus}
              onChange={(e) => {
                const { minus: _m, ...without } = due;
                onChange(e.target.checked ? { ...due, minus: '1w' } : without);
              }}
            />
            {tw.before}
          </label>
          {due.minus && (
            <DurationInput
              disabled={readOnly}
              value={due.minus}
              w={w}
              label={tw.before}
              onChange={(minus) => onChange({ ...due, minus })}
            />
          )}
        </>
      )}
      {due && (
        <>
          <Choices
            legend={tw.dueFor}
            options={staffFunctions.map((f) => ({ value: f, label: functionNames[locale][f] }))}
            chosen={due.functions ?? []}
            disabled={readOnly}
            none={forAction ? tw.dueForAction : tw.dueForStep}
            onChange={(next) => {
              const { functions: _f, ...without } = due;
              onChange(next.length ? { ...due, functions: next } : without);
            }}
          />
          {/* Once that field holds a value nothing is due any more (B1 reached, say): any field will do. */}
          <FieldSelect
            def={def}
            fields={Object.keys(def.fields)}
            label={tw.until}
            none={tw.untilNone}
            value={due.until}
            locale={locale}
            disabled={readOnly}
            onChange={(until) => {
              const { until: _u, ...without } = due;
              onChange(until ? { ...due, until } : without);
            }}
          />
          <label className="inline">
            <input
              type="checkbox"
              disabled={readOnly}
              checked={!!due.openDays}
              onChange={(e) => {
                const { openDays: _o, ...without } = due;
                onChange(e.target.checked ? { ...due, openDays: true } : without);
              }}
            />
            {tw.openDays}
          </label>
          <p className="rule-words">
            {tw.inWords}: {say(describeDeadline(def, due), locale)}
          </p>
        </>
      )}
    </fieldset>
  );
}
