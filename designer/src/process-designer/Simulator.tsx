import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useActorRef, useSelector } from '@xstate/react';
import { fromTransition } from 'xstate';
import {
  applyEvent,
  availableEvents,
  eventLabel,
  fireTimer,
  formSchema,
  formatDate,
  leafPaths,
  openChecklist,
  position,
  stateLabel,
  sampleValue,
  say,
  signChecklistItem,
  staffFunctions,
  startCase,
  type Definition,
  type Failure,
  type PersistedSnapshot,
  type Scenario,
  type TimeOptions,
  type Viewer,
} from '../../../engine';
import type { Locale } from '../../../engine/text';
import { SchemaForm, type FormSchema } from '../components/FormFields';
import { queries } from '../lib/query';
import { functionNames } from '../lib/team';
import type { DesignerWords } from './model/words';
import type { Edit } from './model/model';
import { nextTimers, type Passed, type SimTimer } from './model/time';
import { SimTime } from './SimTime';

interface Step {
  snapshot: PersistedSnapshot;
  timers: SimTimer[];
  now: Date;
  what: string;
  /** When this step let time pass: what happened on the way (shown until the snapshot changes). */
  passed?: { snapshot: PersistedSnapshot; list: Passed[] };
}

/**
 * Whom the test case is tried as: a staff member of a function sees what that function may do and
 * is refused the rest, as on a real case; the administrator may do everything.
 */
const actors: Record<string, Viewer> = {
  admin: { role: 'admin' },
  manager: { role: 'manager' },
  ...Object.fromEntries(staffFunctions.map((f) => [`staff:${f}`, { role: 'staff', function: f }])),
};

const actorKey = (v: Viewer) => (v.function ? `staff:${v.function}` : v.role);

/** Sample values for a form, so that trying out a path takes a click per step. */
function samples(def: Definition, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((k) => def.fields[k]).map((k) => [k, sampleValue(def.fields[k])]));
}

/** The simulation cannot pick a real case: a case reference is typed as text here. */
function withoutCasePickers(schema: FormSchema): FormSchema {
  return {
    ...schema,
    properties: Object.fromEntries(
      Object.entries(schema.properties).map(([k, p]) => [k, { ...p, 'x-case-of': undefined }]),
    ),
  };
}

function failureText(f: Failure, locale: Locale): string {
  return [say(f.message, locale), ...(f.details ?? []).map((d) => `${d.path}: ${say(d.message, locale)}`)].join(' · ');
}

type SimEvent =
  | { type: 'push'; step: Step }
  | { type: 'back' }
  | { type: 'reset' }
  | { type: 'restart'; start: Step | string }
  | { type: 'open'; event: string | null }
  | { type: 'fail'; error: string };

/** A test run: a stack of steps (so "step back" and "start again" are exact), the open form, the last failure. */
interface Run {
  steps: Step[];
  open: string | null;
  error: string;
}

/** A run from its first step, or, when the draft cannot start a case, with the reason. */
const begin = (start: Step | string): Run =>
  typeof start === 'string' ? { steps: [], open: null, error: start } : { steps: [start], open: null, error: '' };

/** The test run as an actor; every move closes the open form and clears the last failure. */
const simulation = fromTransition(
  (run: Run, event: SimEvent): Run => {
    switch (event.type) {
      case 'push':
        return { steps: [...run.steps, event.step], open: null, error: '' };
      case 'back':
        return { steps: run.steps.length > 1 ? run.steps.slice(0, -1) : run.steps, open: null, error: '' };
      case 'reset':
        return { steps: run.steps.slice(0, 1), open: null, error: '' };
      case 'restart':
        return begin(event.start);
      case 'open':
        return { ...run, open: event.event };
      case 'fail':
        return { ...run, error: event.error };
    }
  },
  ({ input }: { input: Step | string }) => begin(input),
);

/**
 * Runs a test case through the draft with the engine's own step function (the code the server
 * runs), in the browser. The run itself is an XState actor; timers are offered as buttons that
 * move the simulated clock to their due time.
 */
export function Simulator({
  def,
  locale,
  w,
  onActive,
  onEdit,
}: {
  def: Definition;
  locale: Locale;
  w: DesignerWords;
  onActive: (active: Set<string>) => void;
  /** Saving and removing scenarios changes the draft: only while it is being edited. */
  onEdit?: (edit: Edit) => void;
}) {
  // The start form's own answers, or sample ones until the manager fills it in.
  const [startData, setStartData] = useState<Record<string, unknown>>();
  const [actor, setActor] = useState('admin');
  const [scenario, setScenario] = useState('');
  const [scenarioName, setScenarioName] = useState('');
  const scenarios = def.scenarios ?? [];
  const choose = (name: string) => {
    setScenario(name);
    const s = scenarios.find((x) => x.name === name);
    if (!s) return;
    const asked = new Set(def.startForm.map((f) => f.field));
    setStartData(Object.fromEntries(Object.entries(s.start).filter(([k]) => asked.has(k))));
    setActor(actors[actorKey(s.as)] ? actorKey(s.as) : 'admin');
  };
  const saveScenario = () => {
    const name = scenarioName.trim();
    if (!name || !onEdit) return;
    const saved: Scenario = {
      name,
      as: { role: actors[actor].role, ...(actors[actor].function ? { function: actors[actor].function } : {}) },
      start:
        startData ??
        samples(
          def,
          def.startForm.map((f) => f.field),
        ),
    };
    onEdit({ kind: 'setScenarios', scenarios: [...scenarios.filter((x) => x.name !== name), saved] });
    setScenario(name);
    setScenarioName('');
  };
  const removeScenario = () => {
    onEdit?.({ kind: 'setScenarios', scenarios: scenarios.filter((x) => x.name !== scenario) });
    setScenario('');
  };
  const who = { username: 'proef', ...actors[actor] };
  // The site's own calendar, so that open days and the time zone count as they will on the server.
  const calendar = useQuery(queries.calendar()).data?.calendar;
  const options = useMemo((): TimeOptions => (calendar ? { calendar } : {}), [calendar]);
  const start = useMemo((): Step | string => {
    const now = new Date();
    const data =
      startData ??
      samples(
        def,
        def.startForm.map((f) => f.field),
      );
    try {
      const r = startCase(def, data, now, undefined, options);
      return r.ok ? { snapshot: r.snapshot, timers: nextTimers([], r.timers), now, what: '' } : failureText(r, locale);
    } catch (err) {
      return String(err);
    }
  }, [def, locale, startData, options]);
  const run = useActorRef(simulation, { input: start });
  const { steps, open, error } = useSelector(run, (s) => s.context);
  // The draft changed (an undo) or the language: the run starts again.
  useEffect(() => run.send({ type: 'restart', start }), [start, run]);
  const current = steps[steps.length - 1];
  useEffect(() => {
    if (!current) return onActive(new Set());
    const active = new Set<string>();
    for (const leaf of leafPaths(current.snapshot.value)) {
      const parts = leaf.split('.');
      parts.forEach((_, i) => active.add(parts.slice(0, i + 1).join('.')));
    }
    onActive(active);
  }, [current, onActive]);

  const setUp = (
    <div className="sim-setup">
      {(scenarios.length > 0 || onEdit) && (
        <div className="field sim-scenarios">
          <label htmlFor="sim-scenario">{w.simScenario}</label>
          <div className="inline-row">
            <select id="sim-scenario" value={scenario} onChange={(e) => choose(e.target.value)}>
              <option value="">{scenarios.length ? w.simScenarioPick : w.simScenarioNone}</option>
              {scenarios.map((x) => (
                <option key={x.name} value={x.name}>
                  {x.name}
                </option>
              ))}
            </select>
            {onEdit && scenario && (
              <button type="button" onClick={removeScenario}>
                {w.simScenarioRemove}
              </button>
            )}
          </div>
        </div>
      )}
      <div className="field">
        <label htmlFor="sim-actor">{w.simActAs}</label>
        <select id="sim-actor" value={actor} onChange={(e) => setActor(e.target.value)}>
          {Object.entries(actors).map(([key, a]) => (
            <option key={key} value={key}>
              {a.function ? `${w.roles.staff}: ${functionNames[locale][a.function]}` : w.roles[a.role]}
            </option>
          ))}
        </select>
      </div>
      <details className="sim-start">
        <summary>{w.simStartData}</summary>
        <p className="muted">{w.simStartIntro}</p>
        <SchemaForm
          key={startData ? 'chosen' : 'samples'}
          schema={withoutCasePickers(formSchema(def, def.startForm))}
          initial={
            startData ??
            samples(
              def,
              def.startForm.map((f) => f.field),
            )
          }
          submitLabel={w.simStartWith}
          busy={false}
          errors={{}}
          onSubmit={setStartData}
        />
      </details>
      {onEdit && (
        <form
          className="field sim-save"
          onSubmit={(e) => {
            e.preventDefault();
            saveScenario();
          }}
        >
          <label htmlFor="sim-scenario-name">{w.simScenarioName}</label>
          <div className="inline-row">
            <input
              id="sim-scenario-name"
              value={scenarioName}
              maxLength={80}
              onChange={(e) => setScenarioName(e.target.value)}
            />
            <button type="submit" disabled={!scenarioName.trim()}>
              {w.simScenarioSave}
            </button>
          </div>
        </form>
      )}
    </div>
  );

  if (!current)
    return (
      <section aria-label={w.simulation}>
        <h3>{w.simulation}</h3>
        {setUp}
        <p className="error" role="alert">
          {error}
        </p>
      </section>
    );

  const pos = position(def, current.snapshot);
  const events = availableEvents(def, current.snapshot, who, current.now, options);
  const items = openChecklist(def, current.snapshot);
  const push = (step: Step) => run.send({ type: 'push', step });
  const openForm = (event: string | null) => run.send({ type: 'open', event });
  const fail = (error: string) => run.send({ type: 'fail', error });

  return (
    <section aria-label={w.simulation} className="simulator">
      <h3>{w.simulation}</h3>
      <p className="muted">{w.simulationIntro}</p>
      {setUp}
      <p>
        {/* In a parallel step every region's step: the care placement and the help in the wijk beside it. */}
        {w.simStep}:{' '}
        <strong data-testid="sim-state">{pos.active.map((p) => say(stateLabel(def, p), locale)).join(' + ')}</strong>
        {pos.done && <span className="badge">{w.simDone}</span>}
      </p>
      <div className="button-row">
        <button type="button" onClick={() => run.send({ type: 'reset' })}>
          {w.reset}
        </button>
        <button type="button" disabled={steps.length < 2} onClick={() => run.send({ type: 'back' })}>
          {w.stepBack}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {events.length > 0 && <h4>{w.simActions}</h4>}
      <ul className="plain sim-events">
        {events.map((e) => (
          <li key={e.type}>
            <button
              type="button"
              disabled={!e.allowed}
              aria-describedby={e.reason ? `why-${e.type}` : undefined}
              onClick={() => openForm(open === e.type ? null : e.type)}
            >
              {say(e.label, locale)}
            </button>
            {e.reason && (
              <span id={`why-${e.type}`} className="why">
                {' '}
                {say(e.reason, locale)}
              </span>
            )}
            {open === e.type && (
              <div className="sim-form">
                <p className="muted">{w.fillSample}</p>
                <SchemaForm
                  schema={withoutCasePickers(e.form)}
                  initial={samples(def, Object.keys(e.form.properties))}
                  submitLabel={w.go}
                  busy={false}
                  errors={{}}
                  onCancel={() => openForm(null)}
                  onSubmit={(data) => {
                    const r = applyEvent(def, current.snapshot, { type: e.type, data }, who, current.now, options);
                    if (!r.ok) return fail(failureText(r, locale));
                    push({
                      snapshot: r.snapshot,
                      timers: nextTimers(current.timers, r.timers),
                      now: current.now,
                      what: say(e.label, locale),
                    });
                  }}
                />
              </div>
            )}
          </li>
        ))}
      </ul>
      {current.timers.length > 0 && (
        <>
          <h4>{w.simTimers}</h4>
          <ul className="plain">
            {current.timers.map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  onClick={() => {
                    const now = new Date(Math.max(Date.parse(t.due), current.now.getTime()));
                    const r = fireTimer(def, current.snapshot, t.event, now, options);
                    if (!r.ok) return fail(failureText(r, locale));
                    push({
                      snapshot: r.snapshot,
                      timers: nextTimers(
                        current.timers.filter((x) => x.id !== t.id),
                        r.timers,
                      ),
                      now,
                      what: t.event,
                    });
                  }}
                >
                  ⏱ {say(eventLabel(def, t.event), locale, t.event)} (
                  {formatDate(Date.parse(t.due), locale, options.calendar)})
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <SimTime
        def={def}
        locale={locale}
        w={w}
        clock={current}
        options={options}
        passed={current.passed?.snapshot === current.snapshot ? current.passed.list : undefined}
        onPass={(clock, list, what) => push({ ...clock, what, passed: { snapshot: clock.snapshot, list } })}
        onFail={fail}
      />
      {items.length > 0 && (
        <>
          <h4>{w.checklist}</h4>
          <ul className="plain">
            {items.map((item) => {
              const signed = !!current.snapshot.context.checklist?.[item.id];
              return (
                <li key={item.id}>
                  <label className="inline">
                    <input
                      type="checkbox"
                      checked={signed}
                      onChange={(e) => {
                        const r = signChecklistItem(
                          def,
                          current.snapshot,
                          { item: item.id, signed: e.target.checked },
                          who,
                          current.now,
                        );
                        if (!r.ok) return fail(failureText(r, locale));
                        push({ ...current, snapshot: r.snapshot, what: item.id });
                      }}
                    />
                    {say(item.label, locale)}
                  </label>
                </li>
              );
            })}
          </ul>
          <button
            type="button"
            onClick={() => {
              let snapshot = current.snapshot;
              for (const item of items) {
                if (snapshot.context.checklist?.[item.id]) continue;
                const r = signChecklistItem(def, snapshot, { item: item.id, signed: true }, who, current.now);
                if (r.ok) snapshot = r.snapshot;
              }
              push({ ...current, snapshot, what: w.signAll });
            }}
          >
            {w.signAll}
          </button>
        </>
      )}
      <details>
        <summary>{w.simData}</summary>
        <dl className="sim-data">
          {Object.entries(current.snapshot.context.data).map(([k, v]) => (
            <div key={k}>
              <dt>{say(def.fields[k]?.label, locale, k)}</dt>
              <dd>{Array.isArray(v) ? v.join(', ') : String(v)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
