import { useState } from 'react';
import {
  defaultPrivacy,
  defaultRetentionMonths,
  fieldTypeNames,
  fieldTypes,
  say,
  staffFunctions,
  type Definition,
  type Field,
} from '../../../engine';
import { functionNames } from '../lib/team';
import type { Locale } from '../../../engine/text';
import { TextField } from './Inspector';
import { Choices } from './Choices';
import { keyFor, type Edit } from './model/model';
import type { DesignerWords } from './model/words';

const withOptions = (type: Field['type']) => type === 'enum' || type === 'list';

/** The case's data: what forms ask and rules read. A new field is named from its Dutch label. */
export function FieldsPanel({
  def,
  locale,
  w,
  readOnly,
  onEdit,
  initial,
}: {
  def: Definition;
  locale: Locale;
  w: DesignerWords;
  readOnly: boolean;
  onEdit: (e: Edit) => void;
  /** The field to open with (a problem about it was chosen). */
  initial?: string;
}) {
  const [chosen, setChosen] = useState<string | undefined>(initial);
  const [label, setLabel] = useState('');
  const [type, setType] = useState<Field['type']>('boolean');
  const field = chosen ? def.fields[chosen] : undefined;
  const set = (next: Field) => onEdit({ kind: 'setField', name: chosen!, field: next });
  return (
    <section aria-label={w.fields} className="fields-panel">
      <h3>{w.fields}</h3>
      <p className="muted">{w.fieldsIntro}</p>
      <PrivacyChoice def={def} locale={locale} w={w} readOnly={readOnly} onEdit={onEdit} />
      <ul className="plain">
        {Object.entries(def.fields).map(([name, f]) => (
          <li key={name}>
            <button type="button" className="link" aria-pressed={chosen === name} onClick={() => setChosen(name)}>
              {say(f.label, locale, name)}
            </button>
            <span className="muted">
              {' '}
              · {say(fieldTypeNames[f.type], locale)}
              {f.personal ? ` · ${w.personal}` : ''}
              {f.staffOnly ? ` · ${w.staffOnly}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {!readOnly && (
        <form
          className="stack-form"
          aria-label={w.addField}
          onSubmit={(e) => {
            e.preventDefault();
            if (!label.trim()) return;
            const name = keyFor(label, Object.keys(def.fields));
            const base: Field = { type, label: { nl: label.trim() } };
            onEdit({
              kind: 'setField',
              name,
              field: withOptions(type) ? { ...base, options: [{ value: 'ja', label: { nl: 'Ja' } }] } : base,
            });
            setChosen(name);
            setLabel('');
          }}
        >
          <div className="field">
            <label htmlFor="new-field-label">{w.newField}</label>
            <input id="new-field-label" value={label} onChange={(e) => setLabel(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="new-field-type">{w.fieldType}</label>
            <select id="new-field-type" value={type} onChange={(e) => setType(e.target.value as Field['type'])}>
              {fieldTypes.map((t) => (
                <option key={t} value={t}>
                  {say(fieldTypeNames[t], locale)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{w.addField}</button>
        </form>
      )}
      {chosen && field && (
        <div
          className="field-editor"
          role="group"
          aria-label={`${w.field}: ${say(field.label, locale, chosen)}`}
          data-path={`fields.${chosen}`}
        >
          <h4>
            {say(field.label, locale, chosen)} <span className="muted mono">{chosen}</span>
          </h4>
          <TextField
            label={w.nameNl}
            value={field.label.nl}
            disabled={readOnly}
            required
            path={`fields.${chosen}.label.nl`}
            onCommit={(v) => set({ ...field, label: { ...field.label, nl: v } })}
          />
          <TextField
            label={w.nameEn}
            value={field.label.en ?? ''}
            disabled={readOnly}
            path={`fields.${chosen}.label.en`}
            onCommit={(v) => set({ ...field, label: v ? { ...field.label, en: v } : { nl: field.label.nl } })}
          />
          {(['personal', 'staffOnly'] as const).map((flag) => (
            <div className="field checkbox" key={flag}>
              <label>
                <input
                  type="checkbox"
                  disabled={readOnly}
                  checked={!!field[flag]}
                  onChange={(e) => set({ ...field, [flag]: e.target.checked })}
                />
                {flag === 'personal' ? w.personalData : w.staffOnlyField}
              </label>
            </div>
          ))}
          {withOptions(field.type) && (
            <>
              <h4>{w.options}</h4>
              <ul className="plain">
                {(field.options ?? []).map((o, i, all) => (
                  <li key={o.value} className="checklist-edit">
                    <TextField
                      label={`${w.option} ${i + 1} (${o.value})`}
                      value={o.label.nl}
                      disabled={readOnly}
                      required
                      path={`fields.${chosen}.options.${i}.label.nl`}
                      onCommit={(v) =>
                        set({
                          ...field,
                          options: all.map((x, j) => (j === i ? { ...x, label: { ...x.label, nl: v } } : x)),
                        })
                      }
                    />
                    {all.length > 1 && (
                      <button
                        type="button"
                        className="link"
                        disabled={readOnly}
                        aria-label={`${w.remove}: ${o.label.nl}`}
                        onClick={() => set({ ...field, options: all.filter((_, j) => j !== i) })}
                      >
                        ✕
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              {!readOnly && (
                <NewOption
                  w={w}
                  onAdd={(text) =>
                    set({
                      ...field,
                      options: [
                        ...(field.options ?? []),
                        {
                          value: keyFor(
                            text,
                            (field.options ?? []).map((o) => o.value),
                          ),
                          label: { nl: text },
                        },
                      ],
                    })
                  }
                />
              )}
            </>
          )}
          {!readOnly && (
            <div className="button-row">
              <button
                type="button"
                className="danger"
                onClick={() => {
                  onEdit({ kind: 'deleteField', name: chosen });
                  setChosen(undefined);
                }}
              >
                {w.remove}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function NewOption({ w, onAdd }: { w: DesignerWords; onAdd: (text: string) => void }) {
  const [text, setText] = useState('');
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) {
          onAdd(text.trim());
          setText('');
        }
      }}
    >
      <label className="sr-only" htmlFor="new-option">
        {w.addOption}
      </label>
      <input id="new-option" placeholder={w.addOption} value={text} onChange={(e) => setText(e.target.value)} />
      <button type="submit">{w.addOption}</button>
    </form>
  );
}

/** Who may see the fields marked personal: functions, and roles from which on (AVG). */
function PrivacyChoice({
  def,
  locale,
  w,
  readOnly,
  onEdit,
}: {
  def: Definition;
  locale: Locale;
  w: DesignerWords;
  readOnly: boolean;
  onEdit: (e: Edit) => void;
}) {
  const current = {
    functions: def.privacy?.functions ?? defaultPrivacy.functions,
    roles: def.privacy?.roles ?? defaultPrivacy.roles,
    ...(def.privacy?.retentionMonths ? { retentionMonths: def.privacy.retentionMonths } : {}),
  };
  const set = (next: typeof current) => onEdit({ kind: 'setPrivacy', privacy: next });
  return (
    <>
      <Choices
        legend={`${w.privacy}: ${w.functionsWord}`}
        options={staffFunctions.map((f) => ({ value: f, label: functionNames[locale][f] }))}
        chosen={current.functions}
        disabled={readOnly}
        onChange={(functions) => set({ ...current, functions })}
      />
      <Choices
        legend={`${w.privacy}: ${w.rolesWord}`}
        options={(['manager', 'admin'] as const).map((r) => ({ value: r, label: w.roles[r] }))}
        chosen={current.roles}
        disabled={readOnly}
        onChange={(roles) => set({ ...current, roles })}
      />
      <label className="field">
        <span className="label">{w.retention}</span>
        <input
          type="number"
          min={1}
          max={1200}
          disabled={readOnly}
          value={def.privacy?.retentionMonths ?? defaultRetentionMonths}
          onChange={(e) => {
            const months = Math.round(Number(e.target.value));
            if (months >= 1 && months <= 1200) set({ ...current, retentionMonths: months });
          }}
        />
        <span className="muted">{w.retentionHelp}</span>
      </label>
    </>
  );
}
