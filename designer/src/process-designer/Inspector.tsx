import { memo, useId, useState } from 'react';
import {
  describe,
  indexStates,
  kind,
  roles,
  say,
  staffFunctions,
  stateLabel,
  type Definition,
  type StaffFunction,
  type Text,
} from '../../../engine';
import { functionNames } from '../lib/team';
import type { Locale } from '../../../engine/text';
import {
  definitionPath,
  eventFor,
  keyFor,
  refId,
  transitionAt,
  transitionsOfDefinition,
  type Edit,
  type Selection,
  type TransitionRef,
} from './model/model';
import { DurationInput, NewRule, RuleBuilder } from './RuleBuilder';
import { Choices } from './Choices';
import { DeadlineEditor, TimerEditor } from './TimeEditors';
import type { DesignerWords } from './model/words';

interface Props {
  def: Definition;
  selection: Selection;
  locale: Locale;
  w: DesignerWords;
  readOnly: boolean;
  onEdit: (e: Edit) => void;
  onSelect: (s: Selection) => void;
  /** Adds a step (inside a parent), placed next to the selected one. */
  onAddState: (parent: string, label: string) => void;
}

/** A text field that becomes one edit when the person is done typing (leaves it or presses Enter). */
export function TextField({
  label,
  value,
  onCommit,
  disabled,
  required,
  path,
}: {
  label: string;
  value: string;
  onCommit: (v: string) => void;
  disabled?: boolean;
  required?: boolean;
  /** Where in the definition the text is: a problem about it focuses it. */
  path?: string;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  // A new value from the model (an undo, another step chosen) replaces what is being typed.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  const commit = () => {
    if (text !== value && (!required || text.trim())) onCommit(text.trim());
    else setText(value);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-path={path}
        value={text}
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </div>
  );
}

function TextPair({
  text,
  w,
  onCommit,
  disabled,
  path,
}: {
  text: Text | undefined;
  w: DesignerWords;
  onCommit: (t: Text) => void;
  disabled: boolean;
  /** The text's path in the definition (`….meta.label`); each language below it. */
  path?: string;
}) {
  const nl = text?.nl ?? '';
  const en = text?.en ?? '';
  return (
    <>
      <TextField
        label={w.nameNl}
        value={nl}
        disabled={disabled}
        path={path && `${path}.nl`}
        required
        onCommit={(v) => onCommit({ ...(text ?? {}), nl: v })}
      />
      <TextField
        label={w.nameEn}
        value={en}
        disabled={disabled}
        path={path && `${path}.en`}
        onCommit={(v) => {
          const { en: _old, ...rest } = text ?? { nl };
          onCommit(v ? { ...rest, nl, en: v } : { ...rest, nl });
        }}
      />
    </>
  );
}

const functionChoices = (locale: Locale) => staffFunctions.map((f) => ({ value: f, label: functionNames[locale][f] }));

type StepOption = { path: string; label: string };
const optionCache = new WeakMap<Definition, Map<Locale, StepOption[]>>();

/** Every step a transition can go to, by its full name; worked out once per version of the draft. */
function stepOptions(def: Definition, locale: Locale): StepOption[] {
  const byLocale = optionCache.get(def) ?? new Map<Locale, StepOption[]>();
  optionCache.set(def, byLocale);
  let options = byLocale.get(locale);
  if (!options) {
    options = [...indexStates(def).byPath.values()].map((e) => ({
      path: e.path,
      label: `${say(stateLabel(def, e.path), locale)}${kind(e.config) === 'history' ? ' (H)' : ''}`,
    }));
    byLocale.set(locale, options);
  }
  return options;
}

/** The options of a step choice; on a large workflow these are hundreds of elements, redrawn only when a name changes. */
const StepOptionList = memo(
  function StepOptionList({ options }: { options: StepOption[] }) {
    return (
      <>
        {options.map((o) => (
          <option key={o.path} value={o.path}>
            {o.label}
          </option>
        ))}
      </>
    );
  },
  (a, b) =>
    a.options.length === b.options.length &&
    a.options.every((o, i) => o.path === b.options[i].path && o.label === b.options[i].label),
);

export function Inspector(props: Props) {
  const { def, selection, w } = props;
  if (!selection) return <p className="muted">{props.w.nothingSelected}</p>;
  if ('transition' in selection) {
    const t = transitionAt(def, selection.transition);
    return t ? (
      // Its own editor per arrow: a rule half made for one arrow is not offered on the next.
      <TransitionEditor key={refId(selection.transition)} {...props} tref={selection.transition} />
    ) : (
      <p className="muted">{w.nothingSelected}</p>
    );
  }
  if ('global' in selection) return <Leaving {...props} source="" />;
  return indexStates(def).byPath.has(selection.state) ? (
    <StateEditor {...props} path={selection.state} />
  ) : (
    <p className="muted">{w.nothingSelected}</p>
  );
}

function StateEditor({
  def,
  path,
  locale,
  w,
  readOnly,
  onEdit,
  onSelect,
  onAddState,
  selection,
}: Props & { path: string }) {
  const entry = indexStates(def).byPath.get(path)!;
  const at = definitionPath(def, { state: path });
  const config = entry.config;
  const k = kind(config);
  const parentPath = entry.parent?.path ?? '';
  const parentInitial = parentPath ? entry.parent!.config.initial : def.machine.initial;
  const checklist = config.meta?.checklist ?? [];
  const functionOptions = functionChoices(locale);
  const usedIds = new Set(
    [...indexStates(def).byPath.values()].flatMap((e) => (e.config.meta?.checklist ?? []).map((i) => i.id)),
  );
  const [newItem, setNewItem] = useState('');
  const [newChild, setNewChild] = useState('');
  const homes = [...indexStates(def).byPath.values()].filter(
    (e) =>
      e.path !== path &&
      !e.path.startsWith(`${path}.`) &&
      e.path !== parentPath &&
      ['compound', 'atomic'].includes(kind(e.config)),
  );
  return (
    <section aria-label={`${w.step}: ${say(config.meta?.label, locale, path)}`} data-path={at}>
      <h3>
        {w.step}: {say(config.meta?.label, locale, path)}
      </h3>
      <p className="muted mono">{path}</p>
      <TextPair
        text={config.meta?.label}
        w={w}
        disabled={readOnly}
        path={`${at}.meta.label`}
        onCommit={(label) => onEdit({ kind: 'updateState', path, label })}
      />
      <TextField
        label={w.description}
        value={config.meta?.description?.nl ?? ''}
        disabled={readOnly}
        path={`${at}.meta.description.nl`}
        onCommit={(v) =>
          onEdit({ kind: 'updateState', path, description: v ? { ...(config.meta?.description ?? {}), nl: v } : null })
        }
      />
      {k !== 'history' && (
        <div className="field checkbox">
          <label>
            <input
              type="checkbox"
              disabled={readOnly || k === 'compound'}
              checked={k === 'final'}
              onChange={(e) => onEdit({ kind: 'updateState', path, final: e.target.checked })}
            />
            {w.finalStep}
          </label>
        </div>
      )}
      {k === 'final' && (
        <TextField
          label={w.outcome}
          value={config.meta?.outcome ?? ''}
          disabled={readOnly}
          path={`${at}.meta.outcome`}
          onCommit={(v) => onEdit({ kind: 'updateState', path, outcome: v ? keyFor(v, []) : null })}
        />
      )}
      <div className="button-row">
        {parentInitial === entry.key ? (
          <span className="badge">{w.startsHere}</span>
        ) : (
          <button
            type="button"
            disabled={readOnly}
            onClick={() => onEdit({ kind: 'setInitial', parent: parentPath, key: entry.key })}
          >
            {w.makeInitial}
          </button>
        )}
        <button
          type="button"
          className="danger"
          disabled={readOnly}
          onClick={() => {
            onEdit({ kind: 'deleteState', path });
            onSelect(null);
          }}
        >
          {w.remove}
        </button>
      </div>
      {!readOnly && k !== 'final' && k !== 'history' && (
        <div className="field">
          <label htmlFor={`move-${path}`}>{w.moveInto}</label>
          <select
            id={`move-${path}`}
            value=""
            onChange={(e) => {
              if (e.target.value === '') return;
              const parent = e.target.value === '(root)' ? '' : e.target.value;
              onEdit({ kind: 'nestState', path, parent });
              onSelect(null);
            }}
          >
            <option value="">…</option>
            {parentPath && <option value="(root)">{w.topLevel}</option>}
            {homes.map((h) => (
              <option key={h.path} value={h.path}>
                {say(stateLabel(def, h.path), locale)}
              </option>
            ))}
          </select>
        </div>
      )}
      {k !== 'final' && k !== 'history' && (
        <>
          <h4>{w.checklist}</h4>
          <ul className="plain">
            {checklist.map((item, i) => (
              <li key={item.id} className="checklist-edit">
                <TextField
                  label={`${w.itemLabel} ${i + 1}`}
                  value={item.label.nl}
                  disabled={readOnly}
                  path={`${at}.meta.checklist.${i}.label.nl`}
                  required
                  onCommit={(v) =>
                    onEdit({
                      kind: 'updateState',
                      path,
                      checklist: checklist.map((x, j) => (j === i ? { ...x, label: { ...x.label, nl: v } } : x)),
                    })
                  }
                />
                {(['functions', 'restrictedTo'] as const).map((which) => (
                  <Choices
                    key={which}
                    legend={`${which === 'functions' ? w.whoseWork : w.onlyFunctions}: ${item.label.nl}`}
                    options={functionOptions}
                    chosen={item[which] ?? []}
                    disabled={readOnly}
                    none={which === 'restrictedTo' ? w.anyFunction : undefined}
                    path={`${at}.meta.checklist.${i}.${which}`}
                    onChange={(next) => {
                      const { [which]: _old, ...rest } = item;
                      onEdit({
                        kind: 'updateState',
                        path,
                        checklist: checklist.map((x, j) =>
                          j === i ? (next.length ? { ...rest, [which]: next } : rest) : x,
                        ),
                      });
                    }}
                  />
                ))}
                <button
                  type="button"
                  className="link"
                  disabled={readOnly}
                  aria-label={`${w.remove}: ${item.label.nl}`}
                  onClick={() => onEdit({ kind: 'updateState', path, checklist: checklist.filter((_, j) => j !== i) })}
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
          {!readOnly && (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (!newItem.trim()) return;
                onEdit({
                  kind: 'updateState',
                  path,
                  checklist: [...checklist, { id: keyFor(newItem, usedIds), label: { nl: newItem.trim() } }],
                });
                setNewItem('');
              }}
            >
              <label className="sr-only" htmlFor={`item-${path}`}>
                {w.itemLabel}
              </label>
              <input
                id={`item-${path}`}
                placeholder={w.itemLabel}
                value={newItem}
                onChange={(e) => setNewItem(e.target.value)}
              />
              <button type="submit">{w.addItem}</button>
            </form>
          )}
          <DeadlineEditor
            def={def}
            due={config.meta?.due}
            forAction={false}
            locale={locale}
            w={w}
            readOnly={readOnly}
            onChange={(due) => onEdit({ kind: 'updateState', path, due })}
          />
          <Leaving
            def={def}
            source={path}
            locale={locale}
            w={w}
            readOnly={readOnly}
            onEdit={onEdit}
            onSelect={onSelect}
            onAddState={onAddState}
            selection={selection}
          />
          {!readOnly && k !== 'parallel' && (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (!newChild.trim()) return;
                onAddState(path, newChild.trim());
                setNewChild('');
              }}
            >
              <label className="sr-only" htmlFor={`child-${path}`}>
                {w.addInside}
              </label>
              <input
                id={`child-${path}`}
                placeholder={w.addInside}
                value={newChild}
                onChange={(e) => setNewChild(e.target.value)}
              />
              <button type="submit">{w.addStep}</button>
            </form>
          )}
        </>
      )}
    </section>
  );
}

/** The actions and timers leaving a step (or, for '', possible from every step), and new ones. */
function Leaving({ def, source, locale, w, readOnly, onEdit, onSelect }: Props & { source: string }) {
  const leaving = transitionsOfDefinition(def).filter((t) => t.ref.source === source);
  const options = stepOptions(def, locale);
  const [label, setLabel] = useState('');
  const [target, setTarget] = useState(options[0]?.path ?? '');
  const [timer, setTimer] = useState(false);
  const [duration, setDuration] = useState('1w');
  const events = new Set(
    transitionsOfDefinition(def)
      .filter((t) => t.ref.on === 'on')
      .map((t) => t.ref.key),
  );
  return (
    <>
      <h4>{source ? w.leaving : w.fromEveryStep}</h4>
      <ul className="plain">
        {leaving.map((t) => (
          <li key={`${t.ref.on}${t.ref.key}${t.ref.index}`}>
            <button type="button" className="link" onClick={() => onSelect({ transition: t.ref })}>
              {t.ref.on === 'after' ? '⏱ ' : ''}
              {say(t.config.meta?.label, locale, t.ref.key)}
            </button>
            <span className="muted">
              {' '}
              →{' '}
              {t.target
                ? say(stateLabel(def, t.target), locale)
                : t.unknownTarget
                  ? `${t.unknownTarget} (?)`
                  : w.staysHere}
            </span>
          </li>
        ))}
      </ul>
      {!readOnly && (
        <form
          className="stack-form"
          aria-label={timer ? w.newTimer : w.newAction}
          onSubmit={(e) => {
            e.preventDefault();
            if (!target || (!timer && !label.trim())) return;
            const text = { nl: label.trim() || `${w.after} ${duration}` };
            if (timer) onEdit({ kind: 'addTimer', source, duration, target, label: text });
            else onEdit({ kind: 'addTransition', source, event: eventFor(label, events), target, label: text });
            setLabel('');
          }}
        >
          <div className="button-row" role="radiogroup" aria-label={w.newAction}>
            <label>
              <input type="radio" checked={!timer} onChange={() => setTimer(false)} /> {w.newAction}
            </label>
            {source && (
              <label>
                <input type="radio" checked={timer} onChange={() => setTimer(true)} /> {w.newTimer}
              </label>
            )}
          </div>
          <div className="field">
            <label htmlFor={`new-label-${source}`}>{w.actionName}</label>
            <input id={`new-label-${source}`} value={label} onChange={(e) => setLabel(e.target.value)} />
          </div>
          {timer && <DurationInput value={duration} w={w} label={w.after} onChange={setDuration} />}
          <div className="field">
            <label htmlFor={`new-target-${source}`}>{w.target}</label>
            <select id={`new-target-${source}`} value={target} onChange={(e) => setTarget(e.target.value)}>
              <StepOptionList options={options} />
            </select>
          </div>
          <button type="submit">{timer ? w.newTimer : w.addAction}</button>
        </form>
      )}
    </>
  );
}

function TransitionEditor({ def, tref, locale, w, readOnly, onEdit, onSelect }: Props & { tref: TransitionRef }) {
  const t = transitionAt(def, tref)!;
  const info = transitionsOfDefinition(def).find(
    (x) => x.ref.source === tref.source && x.ref.on === tref.on && x.ref.key === tref.key && x.ref.index === tref.index,
  );
  const options = stepOptions(def, locale);
  const form = t.meta?.form ?? [];
  const chosenRoles = t.meta?.roles ?? [];
  const chosenFunctions: StaffFunction[] = t.meta?.functions ?? [];
  const edit = (patch: Omit<Extract<Edit, { kind: 'updateTransition' }>, 'kind' | 'ref'>) =>
    onEdit({ kind: 'updateTransition', ref: tref, ...patch });
  const title = say(t.meta?.label, locale, tref.key);
  const at = definitionPath(def, { transition: tref });
  const [addingRule, setAddingRule] = useState(false);
  return (
    <section aria-label={`${tref.on === 'after' ? w.timer : w.action}: ${title}`} data-path={at}>
      <h3>
        {tref.on === 'after' ? w.timer : w.action}: {title}
      </h3>
      <p className="muted">
        {tref.source ? say(stateLabel(def, tref.source), locale) : w.fromEveryStep} →{' '}
        {info?.target ? say(stateLabel(def, info.target), locale) : w.staysHere}
        {tref.on === 'on' && <span className="mono"> · {tref.key}</span>}
      </p>
      <TextPair
        text={t.meta?.label}
        w={w}
        disabled={readOnly}
        path={`${at}.meta.label`}
        onCommit={(label) => edit({ label })}
      />
      {tref.on === 'after' && (
        <TimerEditor
          def={def}
          timerKey={tref.key}
          t={t}
          first={tref.index === 0}
          locale={locale}
          w={w}
          readOnly={readOnly}
          onSettings={edit}
          onKey={(duration) => {
            // The timer moves to the end of the list under its new key: keep it selected there.
            const index = transitionsOfDefinition(def).filter(
              (x) => x.ref.source === tref.source && x.ref.on === 'after' && x.ref.key === duration,
            ).length;
            edit({ duration });
            onSelect({ transition: { ...tref, key: duration, index } });
          }}
        />
      )}
      <div className="field">
        <label htmlFor="transition-target">{w.target}</label>
        <select
          id="transition-target"
          data-path={`${at}.target`}
          disabled={readOnly}
          value={info?.target ?? ''}
          onChange={(e) => edit({ target: e.target.value === '' ? null : e.target.value })}
        >
          {tref.on === 'on' && <option value="">{w.staysHere}</option>}
          {info?.unknownTarget && (
            <option value="" disabled>
              {info.unknownTarget} (?)
            </option>
          )}
          <StepOptionList options={options} />
        </select>
      </div>
      {tref.on === 'on' && (
        <>
          <Choices
            legend={w.who}
            options={roles.map((r) => ({ value: r, label: w.roles[r] }))}
            chosen={chosenRoles}
            disabled={readOnly}
            path={`${at}.meta.roles`}
            none={w.everyone}
            onChange={(next) => edit({ roles: next.length ? next : null })}
          />
          <Choices
            legend={w.whoseWork}
            options={functionChoices(locale)}
            chosen={chosenFunctions}
            disabled={readOnly}
            path={`${at}.meta.functions`}
            none={w.everyone}
            onChange={(next) => edit({ functions: next.length ? next : null })}
          />
          <Choices
            legend={w.onlyFunctions}
            options={functionChoices(locale)}
            chosen={t.meta?.restrictedTo ?? []}
            disabled={readOnly}
            none={w.anyFunction}
            path={`${at}.meta.restrictedTo`}
            onChange={(next) => edit({ restrictedTo: next.length ? next : null })}
          />
          <fieldset className="field form-fields" data-path={`${at}.meta.form`}>
            <legend>{w.form}</legend>
            {Object.entries(def.fields).map(([name, f]) => {
              const entry = form.find((x) => x.field === name);
              return (
                <div key={name} className="form-field-choice">
                  <label className="inline">
                    <input
                      type="checkbox"
                      disabled={readOnly}
                      checked={!!entry}
                      onChange={(e) =>
                        edit({
                          form: e.target.checked ? [...form, { field: name }] : form.filter((x) => x.field !== name),
                        })
                      }
                    />
                    {say(f.label, locale, name)}
                  </label>
                  {entry && (
                    <label className="inline muted">
                      <input
                        type="checkbox"
                        disabled={readOnly}
                        checked={!!entry.required}
                        onChange={(e) =>
                          edit({
                            form: form.map((x) =>
                              x.field === name
                                ? e.target.checked
                                  ? { field: name, required: true }
                                  : { field: name }
                                : x,
                            ),
                          })
                        }
                      />
                      {w.required}
                    </label>
                  )}
                </div>
              );
            })}
          </fieldset>
          <DeadlineEditor
            def={def}
            due={transitionAt(def, { ...tref, index: 0 })?.meta?.due}
            forAction
            locale={locale}
            w={w}
            readOnly={readOnly}
            onChange={(due) => edit({ due })}
          />
        </>
      )}
      <h4>{w.rule}</h4>
      {t.guard ? (
        readOnly ? (
          <p>{say(describe(def, t.guard.params), locale)}</p>
        ) : (
          <>
            <RuleBuilder
              def={def}
              rule={t.guard.params}
              locale={locale}
              w={w}
              path={`${at}.guard.params`}
              onChange={(guard) => edit({ guard })}
            />
            <button type="button" className="link" onClick={() => edit({ guard: null })}>
              {w.noRule}
            </button>
          </>
        )
      ) : addingRule && !readOnly ? (
        <NewRule
          def={def}
          locale={locale}
          w={w}
          onAdd={(guard) => {
            setAddingRule(false);
            edit({ guard });
          }}
          onCancel={() => setAddingRule(false)}
        />
      ) : (
        <p>
          <span className="muted">{w.noRule}. </span>
          {!readOnly && (
            <button type="button" onClick={() => setAddingRule(true)}>
              {w.addRule}
            </button>
          )}
        </p>
      )}
      {!readOnly && (
        <div className="button-row">
          <button
            type="button"
            className="danger"
            onClick={() => {
              onEdit({ kind: 'deleteTransition', ref: tref });
              onSelect(null);
            }}
          >
            {w.remove}
          </button>
        </div>
      )}
    </section>
  );
}
