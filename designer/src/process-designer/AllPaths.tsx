import { useMutation } from '@tanstack/react-query';
import { describe, eventLabel, indexStates, say, stateLabel, type Definition } from '../../../engine';
import { pathsLimit, type PathTo, type PathsReport } from '../../../engine/paths';
import type { Locale, Message } from '../../../engine/text';
import { ErrorMessage } from '../components/ErrorMessage';
import { allPaths } from './model/paths';
import { WorkerError } from './model/worker';
import type { Selection } from './model/model';
import type { DesignerWords } from './model/words';

/** The way into a place, in words: the start's answers that matter, then each action. */
function Way({ def, path, locale, w }: { def: Definition; path: PathTo; locale: Locale; w: DesignerWords }) {
  const start = Object.entries(path.start).map(([field, value]) =>
    say(describe(def, { field, op: 'eq', value } as never), locale),
  );
  const events = path.events.map((e) => say(eventLabel(def, e.type), locale, e.type));
  return (
    <span className="muted path-way">
      {w.pathsWay} {start.length > 0 && `${w.pathsStartWith} ${start.join(', ')} → `}
      {events.length ? events.join(' → ') : w.pathsNoEvents}
    </span>
  );
}

/**
 * "Alle paden": every path the draft allows, walked in a worker, with what a manager should fix
 * before publishing: where a case gets stuck, steps out of reach, actions that do nothing and
 * rules that can never hold. Each step named is a button that shows it in the diagram.
 */
export function AllPaths({
  def,
  locale,
  w,
  onShow,
}: {
  def: Definition;
  locale: Locale;
  w: DesignerWords;
  onShow: (s: NonNullable<Selection>) => void;
}) {
  const run = useMutation({
    mutationFn: async (draft: Definition) => ({ ...(await allPaths(draft)), def: draft }),
  });
  const done = run.data;
  const steps = indexStates(def).byPath;
  const step = (path: string) => {
    const name = say(stateLabel(def, path), locale);
    return steps.has(path) ? (
      <button type="button" className="link" onClick={() => onShow({ state: path })}>
        {name}
      </button>
    ) : (
      <strong>{name}</strong>
    );
  };
  const r: PathsReport | undefined = done?.value;
  const problems = r ? r.stuck.length + r.unreachable.length + r.deadActions.length + r.neverPasses.length : 0;
  const action = (event: string) =>
    event === 'always'
      ? w.pathsAutomatic
      : event.startsWith('after ')
        ? w.pathsTimer
        : `'${say(eventLabel(def, event), locale, event)}'`;
  const failed = run.error instanceof WorkerError ? run.error : undefined;
  const refusal =
    failed?.kind === 'TooManyPaths'
      ? w.pathsTooLarge(pathsLimit)
      : failed?.kind === 'CannotStart'
        ? `${w.pathsCannotStart} ${say(failed.detail as Message, locale)}`
        : undefined;

  return (
    <section aria-label={w.pathsTitle} className="all-paths">
      <h3>{w.pathsTitle}</h3>
      <p className="muted">{w.pathsIntro}</p>
      <button type="button" disabled={run.isPending} onClick={() => run.mutate(def)}>
        {done ? w.pathsAgain : w.pathsRun}
      </button>
      {run.isPending && <p role="status">{w.pathsBusy}</p>}
      {refusal ? (
        <p className="warning" role="alert">
          {refusal}
        </p>
      ) : (
        <ErrorMessage error={run.error} />
      )}
      {r && done && !run.isPending && (
        <div data-testid="paths-result">
          {done.def !== def && <p className="warning">{w.pathsStale}</p>}
          <p role="status" className={problems ? 'error' : 'ok'}>
            {problems ? w.pathsProblems(problems) : w.pathsFine}
          </p>
          <p className="muted">{w.pathsTook(r.vertices, r.moves, done.ms)}</p>
          {r.stuck.length > 0 && (
            <>
              <h4>{w.pathsStuck}</h4>
              <p className="muted">{w.pathsStuckWhy}</p>
              <ul className="plain path-list">
                {r.stuck.map((s) => (
                  <li key={s.states.join('+')}>
                    {s.states.map((p, i) => (
                      <span key={p}>
                        {i > 0 && ' + '}
                        {step(p)}
                      </span>
                    ))}
                    <br />
                    <Way def={def} path={s.path} locale={locale} w={w} />
                  </li>
                ))}
              </ul>
            </>
          )}
          {r.unreachable.length > 0 && (
            <>
              <h4>{w.pathsUnreachable}</h4>
              <ul className="plain path-list">
                {r.unreachable.map((p) => (
                  <li key={p}>{step(p)}</li>
                ))}
              </ul>
            </>
          )}
          {r.deadActions.length > 0 && (
            <>
              <h4>{w.pathsDead}</h4>
              <ul className="plain path-list">
                {r.deadActions.map((e) => (
                  <li key={e}>{say(eventLabel(def, e), locale, e)}</li>
                ))}
              </ul>
            </>
          )}
          {r.neverPasses.length > 0 && (
            <>
              <h4>{w.pathsNever}</h4>
              <ul className="plain path-list">
                {r.neverPasses.map((n, i) => (
                  <li key={i}>
                    {n.state ? (
                      <>
                        {w.pathsIn} {step(n.state)}
                      </>
                    ) : (
                      w.pathsEverywhere
                    )}
                    {w.pathsAtAction(action(n.event))} <span className="why">{say(describe(def, n.rule), locale)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <details>
            <summary>{w.pathsEndings(r.endings.length)}</summary>
            <ul className="plain path-list">
              {r.endings.map((e) => (
                <li key={e.state}>
                  {step(e.state)}
                  <br />
                  <Way def={def} path={e.path} locale={locale} w={w} />
                </li>
              ))}
            </ul>
          </details>
        </div>
      )}
    </section>
  );
}
