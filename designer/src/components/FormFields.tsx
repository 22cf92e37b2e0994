import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiError, type ErrorDetail } from '../lib/api';
import { queries } from '../lib/query';
import { useI18n } from '../lib/i18n';
import type { FormProperty, FormSchema } from '../../../engine/forms';

const pickerWords = {
  nl: { free: 'vrij', noneFree: 'geen dagdeel vrij', takesNone: 'Neemt nu geen klanten aan' },
  en: { free: 'free', noneFree: 'no half-day free', takesNone: 'Takes no clients now' },
};

/**
 * A choice among the running cases of one subject (e.g. which student helps this client). For a
 * student, the planning's week says who takes clients now and on which half-days they are still
 * free; the others are shown apart and cannot be chosen, as the server would refuse them.
 */
function CasePicker(props: {
  id: string;
  subject: NonNullable<FormProperty['x-case-of']>;
  value: string;
  onChange: (v: string) => void;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}) {
  const { t, locale } = useI18n();
  const w = pickerWords[locale];
  const options = useQuery(queries.caseChoices(props.subject)).data ?? [];
  const week = useQuery({ ...queries.week(undefined), enabled: props.subject === 'student' }).data;
  const rows = new Map(week?.rows.map((r) => [r.student.caseId, r]));
  const halfDay = new Map(week?.halfDays.map((h) => [h.code, h.label]));
  const label = (o: (typeof options)[number]) => {
    const row = rows.get(o.id);
    if (!row?.student.takesClients) return `${o.title} (${o.stateLabel})`;
    const free = row.free.map((code) => halfDay.get(code) ?? code);
    const need = row.student.wish ? ` · ${row.student.wish}` : '';
    return `${o.title} (${o.stateLabel}) · ${free.length ? `${w.free}: ${free.join(', ')}` : w.noneFree}${need}`;
  };
  const apart = week ? options.filter((o) => !rows.get(o.id)?.student.takesClients && o.id !== props.value) : [];
  const offered = options.filter((o) => !apart.includes(o));
  return (
    <select
      id={props.id}
      value={props.value}
      aria-invalid={props['aria-invalid']}
      aria-describedby={props['aria-describedby']}
      onChange={(e) => props.onChange(e.target.value)}
    >
      <option value="">{t.choose}</option>
      {offered.map((o) => (
        <option key={o.id} value={o.id}>
          {label(o)}
        </option>
      ))}
      {apart.length > 0 && (
        <optgroup label={w.takesNone}>
          {apart.map((o) => (
            <option key={o.id} value={o.id} disabled>
              {label(o)}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}

// The form schema is the engine's (engine/forms.ts), the one the API hands out.
export type { FormSchema };

export type FieldErrors = Record<string, string>;

/** Server details name a form's field as `data.<field>`. */
export const dataField = (path: string): string | undefined => /^data\.(.+)$/.exec(path)?.[1];

/** The details of a refusal that name a field, to be shown at that field; `fieldOf` reads their paths. */
export function fieldErrors(err: unknown, fieldOf = dataField): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries(
    err.details.flatMap((d) => {
      const field = fieldOf(d.path);
      return field ? [[field, d.message]] : [];
    }),
  );
}

/** For an error shown above a form: the details its fields already show. */
export const atField =
  (fieldOf = dataField) =>
  (d: ErrorDetail) =>
    fieldOf(d.path) !== undefined;

function isEmpty(v: unknown) {
  return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/**
 * A form drawn from its schema: text, long text, number, date, yes/no, one choice, several
 * choices. Required fields are checked here first; the server checks everything again.
 */
export function SchemaForm(props: {
  schema: FormSchema;
  submitLabel: string;
  busy: boolean;
  errors: FieldErrors;
  onSubmit: (values: Record<string, unknown>) => void;
  onCancel?: () => void;
  /** Values the form starts with (the designer's simulation fills in sample data). */
  initial?: Record<string, unknown>;
}) {
  const { t, locale } = useI18n();
  const [values, setValues] = useState<Record<string, unknown>>(props.initial ?? {});
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors = { ...props.errors, ...localErrors };
  const formId = useId();
  const set = (k: string, v: unknown) => {
    setValues((old) => ({ ...old, [k]: v }));
    setLocalErrors((old) => {
      const { [k]: _gone, ...rest } = old;
      return rest;
    });
  };
  const optionLabel = (o: { label: { nl: string; en?: string } }) => (locale === 'en' && o.label.en) || o.label.nl;

  function submit(e: FormEvent) {
    e.preventDefault();
    const missing: FieldErrors = {};
    for (const k of props.schema.required) if (isEmpty(values[k])) missing[k] = t.isRequired;
    setLocalErrors(missing);
    if (Object.keys(missing).length) return;
    const clean = Object.fromEntries(Object.entries(values).filter(([, v]) => !isEmpty(v)));
    props.onSubmit(clean);
  }

  return (
    <form className="schema-form" onSubmit={submit} noValidate>
      {Object.entries(props.schema.properties).map(([name, f]) => {
        const id = `${formId}-${name}`;
        const required = props.schema.required.includes(name);
        const error = errors[name];
        const errorId = error ? `${id}-error` : undefined;
        const label = (
          <>
            {f.title ?? name}
            {required && (
              <span className="req" aria-label={t.required}>
                {' '}
                *
              </span>
            )}
          </>
        );
        const common = { id, name, 'aria-invalid': !!error, 'aria-describedby': errorId, 'aria-required': required };
        let control;
        if (f.type === 'boolean') {
          control = (
            <div
              role="radiogroup"
              aria-labelledby={`${id}-label`}
              className="choices"
              {...(errorId && { 'aria-describedby': errorId })}
            >
              {[true, false].map((b) => (
                <label key={String(b)} className="choice">
                  <input type="radio" name={id} checked={values[name] === b} onChange={() => set(name, b)} />{' '}
                  {b ? t.yes : t.no}
                </label>
              ))}
            </div>
          );
        } else if (f.type === 'array' && f['x-options']) {
          const chosen = (values[name] as string[] | undefined) ?? [];
          control = (
            <div role="group" aria-labelledby={`${id}-label`} className="choices">
              {f['x-options'].map((o) => (
                <label key={o.value} className="choice">
                  <input
                    type="checkbox"
                    checked={chosen.includes(o.value)}
                    onChange={(e) =>
                      set(name, e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value))
                    }
                  />{' '}
                  {optionLabel(o)}
                </label>
              ))}
            </div>
          );
        } else if (f['x-case-of']) {
          control = (
            <CasePicker
              {...common}
              subject={f['x-case-of']}
              value={(values[name] as string) ?? ''}
              onChange={(v) => set(name, v)}
            />
          );
        } else if (f.enum) {
          control = (
            <select {...common} value={(values[name] as string) ?? ''} onChange={(e) => set(name, e.target.value)}>
              <option value="">{t.choose}</option>
              {(f['x-options'] ?? f.enum.map((v) => ({ value: v, label: { nl: v } }))).map((o) => (
                <option key={o.value} value={o.value}>
                  {optionLabel(o)}
                </option>
              ))}
            </select>
          );
        } else if (f['x-multiline']) {
          control = (
            <textarea
              {...common}
              rows={3}
              value={(values[name] as string) ?? ''}
              onChange={(e) => set(name, e.target.value)}
            />
          );
        } else if (f.type === 'number') {
          control = (
            <input
              {...common}
              type="number"
              min={f.minimum}
              max={f.maximum}
              value={(values[name] as number | undefined) ?? ''}
              onChange={(e) => set(name, e.target.value === '' ? undefined : Number(e.target.value))}
            />
          );
        } else {
          control = (
            <input
              {...common}
              type={f.format === 'date' ? 'date' : f.format === 'password' ? 'password' : 'text'}
              value={(values[name] as string) ?? ''}
              onChange={(e) => set(name, e.target.value)}
            />
          );
        }
        const grouped = f.type === 'boolean' || (f.type === 'array' && f['x-options']);
        return (
          <div key={name} className={`field${error ? ' has-error' : ''}`}>
            {grouped ? (
              <span id={`${id}-label`} className="label">
                {label}
              </span>
            ) : (
              <label htmlFor={id} className="label">
                {label}
              </label>
            )}
            {control}
            {error && (
              <p id={errorId} className="field-error" role="alert">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={props.busy}>
          {props.busy ? t.saving : props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel} disabled={props.busy}>
            {t.cancel}
          </button>
        )}
      </div>
    </form>
  );
}
