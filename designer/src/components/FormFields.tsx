import { useEffect, useId, useState, type FormEvent } from 'react';
import { api } from '../lib/api';
import { useI18n } from '../lib/i18n';

/** A choice among the running cases of one subject (e.g. which student helps this client). */
function CasePicker(props: {
  id: string;
  subject: 'student' | 'client';
  value: string;
  onChange: (v: string) => void;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}) {
  const { t } = useI18n();
  const [options, setOptions] = useState<{ id: string; title: string; stateLabel: string }[]>([]);
  useEffect(() => {
    void (async () => {
      const workflows = (await api.workflows()).items.filter((w) => w.subject === props.subject);
      const lists = await Promise.all(workflows.map((w) => api.cases({ workflow: w.key, open: true, limit: 200 })));
      setOptions(lists.flatMap((l) => l.items).sort((a, b) => a.title.localeCompare(b.title)));
    })();
  }, [props.subject]);
  return (
    <select
      id={props.id}
      value={props.value}
      aria-invalid={props['aria-invalid']}
      aria-describedby={props['aria-describedby']}
      onChange={(e) => props.onChange(e.target.value)}
    >
      <option value="">{t.choose}</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.title} ({o.stateLabel})
        </option>
      ))}
    </select>
  );
}

/** The JSON Schema of a form as the server sends it (see engine/forms.ts). */
export interface FormSchema {
  properties: Record<string, FieldSchema>;
  required: string[];
}
interface FieldSchema {
  title?: string;
  type: 'string' | 'number' | 'boolean' | 'array';
  format?: string;
  enum?: string[];
  items?: { enum?: string[] };
  'x-options'?: { value: string; label: { nl: string; en?: string } }[];
  'x-multiline'?: boolean;
  /** The value is the id of a running case about this subject (e.g. the matched student). */
  'x-case-of'?: 'student' | 'client';
  minimum?: number;
  maximum?: number;
}

export type FieldErrors = Record<string, string>;

/** Server details come as `data.<field>`; anything else is shown above the form. */
export function splitDetails(details: { path: string; message: string }[]): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const d of details) {
    const m = /^data\.(.+)$/.exec(d.path);
    if (m) fields[m[1]] = d.message;
    else other.push(d.message);
  }
  return { fields, other };
}

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
