import { useId, useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { diffDefinitions, indexStates, kind, say, stateLabel, type Definition } from '../../../engine';
import type { Locale } from '../../../engine/text';
import { ErrorMessage } from '../components/ErrorMessage';
import { Link } from '../components/Link';
import { api } from '../lib/api';
import { keys } from '../lib/query';
import { navigate } from '../lib/router';
import { ChangeList } from './Compare';
import type { MigrationHandover } from './Migration';
import type { Impact, StepImpact } from './model/impact';
import type { DesignerWords } from './model/words';

/** Where the manager sends the cases of a step the draft lacks: a step of the draft, or "stay on their version". */
type Choices = Record<string, string>;
const stay = '';
const choiceKey = (s: Pick<StepImpact, 'version' | 'state'>) => `${s.version}:${s.state}`;

/**
 * Publishing: what changes against the published version and what it does to the running cases;
 * publishing itself asks first (the impact again, the steps whose cases need a place, a note).
 * Moving cases over is a page of its own, reachable here and from the version list at any time.
 */
export function PublishPanel({
  workflowKey,
  draft,
  published,
  impact,
  errors,
  saved,
  revision,
  editing,
  locale,
  w,
  onPublished,
}: {
  workflowKey: string;
  draft: Definition;
  published: { version: number; definition: Definition };
  impact?: Impact;
  errors: number;
  saved: boolean;
  /** The draft's revision; none while only the published version is being edited. */
  revision?: number;
  editing: boolean;
  locale: Locale;
  w: DesignerWords;
  onPublished: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<{ version: number; handover: MigrationHandover; older: number[] }>();
  const changes = useMemo(
    () => (editing ? diffDefinitions(published.definition, draft) : []),
    [editing, published.definition, draft],
  );
  const running = impact?.steps ?? [];
  const older = [...new Set(running.map((s) => s.version))].sort((a, b) => a - b);
  const noDraft = editing && revision === undefined;

  return (
    <section aria-label={w.publishTitle} className="publish">
      <h3>{w.publishTitle}</h3>
      {editing && !done && (
        <>
          <h4>
            {w.publishSummary} (v{published.version})
          </h4>
          {changes.length ? (
            <ChangeList changes={changes} locale={locale} w={w} />
          ) : (
            <p className="muted">{w.noChanges}</p>
          )}
          <ImpactList impact={impact} locale={locale} w={w} />
          {errors > 0 && <p className="error">{w.publishBlocked}</p>}
          {noDraft && <p className="muted">{w.noDraftYet}</p>}
          {!saved && errors === 0 && <p className="muted">{w.unsaved}…</p>}
          <button
            type="button"
            className="primary"
            aria-haspopup="dialog"
            disabled={errors > 0 || !saved || noDraft || !impact}
            onClick={() => setAsking(true)}
          >
            {w.publishNow(published.version + 1)}…
          </button>
        </>
      )}
      {done && (
        <p role="status" className="ok">
          {w.published(done.version)}
        </p>
      )}
      {(done || !editing) && (
        <>
          <h4>{w.migrate}</h4>
          {(done?.older ?? older).length === 0 ? (
            <p className="muted">{w.noRunning}</p>
          ) : (
            <ul className="plain">
              {(done?.older ?? older).map((v) => (
                <li key={v}>
                  <Link
                    to={`/processen/${workflowKey}/overzetten/${v}`}
                    onClick={(e) => {
                      // The choices made when publishing travel along to the migration.
                      if (!done || e.button !== 0 || e.metaKey || e.ctrlKey) return;
                      e.preventDefault();
                      navigate(`/processen/${workflowKey}/overzetten/${v}`, done.handover);
                    }}
                  >
                    {w.migrate}: v{v} → v{done?.version ?? published.version}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to={`/processen/${workflowKey}/versies`}>{w.versionsLink}</Link>
          </p>
        </>
      )}
      {asking && impact && (
        <PublishDialog
          workflowKey={workflowKey}
          draft={draft}
          next={published.version + 1}
          revision={revision}
          changes={changes}
          impact={impact}
          locale={locale}
          w={w}
          onCancel={() => setAsking(false)}
          onPublished={(version, handover) => {
            setAsking(false);
            setDone({ version, handover, older });
            onPublished();
          }}
        />
      )}
    </section>
  );
}

/** The running cases per step and what the draft does with them; a step that is gone is a problem to solve. */
function ImpactList({ impact, locale, w }: { impact?: Impact; locale: Locale; w: DesignerWords }) {
  if (!impact) return null;
  const perVersion = new Map<number, number>();
  for (const s of impact.steps) perVersion.set(s.version, (perVersion.get(s.version) ?? 0) + s.cases);
  return (
    <>
      <h4>{w.impactTitle}</h4>
      {perVersion.size > 0 && (
        <p>{[...perVersion.entries()].map(([version, cases]) => w.runningOld(cases, version)).join('; ')}</p>
      )}
      {impact.steps.length === 0 ? (
        <p className="muted">{w.impactNone}</p>
      ) : (
        <ul className="plain impact">
          {impact.steps.map((s) => (
            <li key={choiceKey(s)} className={`fate-${s.fate}`}>
              {w.impactLine(s.cases, s.label, s.version)}: {w.fate[s.fate]}
              {s.fate === 'moved' && s.toLabel && ` ('${say(s.toLabel, locale)}')`}
            </li>
          ))}
        </ul>
      )}
      {impact.start && (
        <p className="warning">{w.startMoved(say(impact.start.from, locale), say(impact.start.to, locale))}</p>
      )}
    </>
  );
}

function PublishDialog({
  workflowKey,
  draft,
  next,
  revision,
  changes,
  impact,
  locale,
  w,
  onCancel,
  onPublished,
}: {
  workflowKey: string;
  draft: Definition;
  next: number;
  revision?: number;
  changes: ReturnType<typeof diffDefinitions>;
  impact: Impact;
  locale: Locale;
  w: DesignerWords;
  onCancel: () => void;
  onPublished: (version: number, handover: MigrationHandover) => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [choices, setChoices] = useState<Choices>({});
  const gone = impact.steps.filter((s) => s.fate === 'gone');
  const open = gone.filter((s) => choices[choiceKey(s)] === undefined);
  const landing = [...indexStates(draft).byPath.values()].filter((e) => ['atomic', 'final'].includes(kind(e.config)));
  const publish = useMutation({
    mutationFn: () => api.publish(workflowKey, revision, note.trim()),
    onSuccess: async (r) => {
      // A new version, no draft, and the list's versions: asked again before the panel moves on.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.workflow.all(workflowKey) }),
        queryClient.invalidateQueries({ queryKey: keys.workflows }),
      ]);
      const stateMaps: Record<number, Record<string, string>> = {};
      for (const s of gone) {
        const to = choices[choiceKey(s)];
        if (to) stateMaps[s.version] = { ...stateMaps[s.version], [s.state]: to };
      }
      onPublished(r.version, { stateMaps });
    },
  });
  const language = locale === 'en' ? 'en' : 'nl';
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{w.publishConfirmTitle(next)}</h2>
        <h3>{w.publishSummary}</h3>
        {changes.length ? <ChangeList changes={changes} locale={locale} w={w} /> : <p>{w.noChanges}</p>}
        <ImpactList impact={impact} locale={locale} w={w} />
        {gone.length > 0 && (
          <fieldset className="field gone">
            <legend>{w.goneChoose}</legend>
            {gone.map((s) => (
              <div key={choiceKey(s)} className="field">
                <label htmlFor={`${id}-${choiceKey(s)}`}>{w.impactLine(s.cases, s.label, s.version)}</label>
                <select
                  id={`${id}-${choiceKey(s)}`}
                  value={choices[choiceKey(s)] ?? '?'}
                  onChange={(e) => setChoices((c) => ({ ...c, [choiceKey(s)]: e.target.value }))}
                >
                  <option value="?" disabled>
                    {w.choose}
                  </option>
                  <option value={stay}>{w.stayOld(s.version)}</option>
                  {landing.map((e) => (
                    <option key={e.path} value={e.path}>
                      {say(stateLabel(draft, e.path), language)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </fieldset>
        )}
        <div className="field">
          <label htmlFor={`${id}-note`}>{w.noteLabel}</label>
          <textarea
            id={`${id}-note`}
            rows={3}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        {open.length > 0 && <p className="muted">{w.needChoice}</p>}
        {!note.trim() && <p className="muted">{w.noteNeeded}</p>}
        <ErrorMessage error={publish.error} />
        <div className="button-row">
          <button
            type="button"
            className="primary"
            disabled={!note.trim() || open.length > 0 || publish.isPending}
            onClick={() => publish.mutate()}
          >
            {w.publishNow(next)}
          </button>
          <button type="button" onClick={onCancel} disabled={publish.isPending}>
            {w.cancel}
          </button>
        </div>
      </div>
    </div>
  );
}
