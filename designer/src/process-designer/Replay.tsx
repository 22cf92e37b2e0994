import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { indexStates, say, type Definition, type RecordedCase } from '../../../engine';
import type { Locale } from '../../../engine/text';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatDateTime } from '../lib/i18n';
import { replayAgainst } from './model/replay';
import type { Selection } from './model/model';
import type { DesignerWords } from './model/words';
import { historiesQuery } from './queries';

/** As many histories as the server hands out at once; the rest are asked for side by side. */
const pageSize = 1000;
/** Refused cases listed at first; the rest on request. */
const shownAtFirst = 50;

/**
 * Replaying real cases against the draft: the site's recorded histories of a period, each event
 * through the draft in a Web Worker; per case whether every event would still be allowed, where it
 * would stand, and the first refusal with its reason. No case changes.
 */
export function ReplayPanel({
  workflowKey,
  def,
  locale,
  w,
  onShow,
}: {
  workflowKey: string;
  def: Definition;
  locale: Locale;
  w: DesignerWords;
  onShow: (s: NonNullable<Selection>) => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState({ from: '', to: '' });
  const [progress, setProgress] = useState<{ n: number; total: number }>();
  const [all, setAll] = useState(false);
  const run = useMutation({
    mutationFn: async (draft: Definition) => {
      const started = performance.now();
      const chosen = { ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) };
      const page = (offset: number) =>
        queryClient.fetchQuery(historiesQuery(workflowKey, { ...chosen, offset, limit: pageSize }));
      setProgress(undefined);
      const first = await page(0);
      const cases: RecordedCase[] = [...first.items];
      setProgress({ n: cases.length, total: first.total });
      const rest = [];
      for (let offset = pageSize; offset < first.total; offset += pageSize) rest.push(page(offset));
      for (const p of await Promise.all(rest)) cases.push(...p.items);
      setProgress({ n: cases.length, total: first.total });
      performance.measure('designer-replay-fetch', { start: started });
      const replayStarted = performance.now();
      const out = await replayAgainst(draft, cases);
      // For the bench: the replay itself (in the worker, with handing the cases over), and the whole run.
      performance.measure('designer-replay', { start: replayStarted });
      performance.measure('designer-replay-total', { start: started });
      setAll(false);
      return { ...out, def: draft };
    },
  });
  const done = run.data;
  const refused = done?.results.filter((r) => r.status === 'refused') ?? [];
  const steps = indexStates(def).byPath;

  return (
    <section aria-label={w.replayTitle} className="replay">
      <h3>{w.replayTitle}</h3>
      <p className="muted">{w.replayIntro}</p>
      <form
        className="stack-form"
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate(def);
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-from`}>{w.replayFrom}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={period.from}
            onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{w.replayTo}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={period.to}
            onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))}
          />
        </div>
        <button type="submit" className="primary" disabled={run.isPending}>
          {done ? w.replayAgain : w.replayRun}
        </button>
      </form>
      {run.isPending && (
        <p role="status">
          {progress && progress.n < progress.total ? w.replayFetching(progress.n, progress.total) : w.replaying}
        </p>
      )}
      <ErrorMessage error={run.error} />
      {done && !run.isPending && (
        <div data-testid="replay-result">
          {done.def !== def && <p className="warning">{w.replayStale}</p>}
          <div role="status" className="replay-summary">
            {say(done.summary.text, locale)
              .split('\n')
              .map((line, i) => (
                <p key={i}>{line}</p>
              ))}
          </div>
          <ul className="plain replay-counts">
            <li>{w.replayOk(done.summary.ok, done.summary.cases)}</li>
            {done.summary.refused > 0 && <li className="error">{w.replayRefused(done.summary.refused)}</li>}
            {done.summary.unknown > 0 && <li className="muted">{w.replayUnknown(done.summary.unknown)}</li>}
            {done.summary.elsewhere > 0 && <li>{w.replayElsewhere(done.summary.elsewhere)}</li>}
            <li className="muted">{w.replayTook(done.summary.cases, done.ms)}</li>
          </ul>
          {done.summary.stops.length > 0 && (
            <>
              <h4>{w.replayStops}</h4>
              <ul className="plain">
                {done.summary.stops.map((s) => (
                  <li key={`${s.step}\n${s.reason.nl}`}>
                    {steps.has(s.step) ? (
                      <button type="button" className="link" onClick={() => onShow({ state: s.step })}>
                        {say(s.stepLabel, locale)} ({s.cases})
                      </button>
                    ) : (
                      <strong>
                        {say(s.stepLabel, locale)} ({s.cases})
                      </strong>
                    )}{' '}
                    <span className="why">{say(s.reason, locale)}</span>
                  </li>
                ))}
              </ul>
              <h4>{w.replayBlockedCases}</h4>
              <table className="table compact replay-cases">
                <tbody>
                  {(all ? refused : refused.slice(0, shownAtFirst)).map((r) => (
                    <tr key={r.id}>
                      <td>{r.title}</td>
                      <td>
                        {say(r.refusal!.eventLabel, locale)}
                        <div className="muted">{formatDateTime(r.refusal!.at, locale)}</div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {!all && refused.length > shownAtFirst && (
                <button type="button" className="link" onClick={() => setAll(true)}>
                  {w.replayShowAll(refused.length)}
                </button>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
