import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { diffDefinitions, indexStates, kind, say, stateLabel, type Definition } from '../../../engine';
import type { Locale } from '../../../engine/text';
import { api, errorText } from '../lib/api';
import { keys } from '../lib/query';
import { migrationPlanQuery, runningQuery, versionQuery } from './queries';
import { ChangeList, withoutLayout } from './Compare';
import type { DesignerWords } from './model/words';

/**
 * Publishing: what changes, how many running cases stay behind on older versions, and then
 * moving those cases over, version by version.
 */
export function PublishPanel({
  workflowKey,
  draft,
  published,
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
  errors: number;
  saved: boolean;
  revision?: number;
  editing: boolean;
  locale: Locale;
  w: DesignerWords;
  onPublished: () => void;
}) {
  const queryClient = useQueryClient();
  const running = useQuery(runningQuery(workflowKey));
  const publish = useMutation({
    mutationFn: () => api.publish(workflowKey, revision),
    onSuccess: async () => {
      // A new version, no draft, and the list's versions: asked again before the panel moves on.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.workflow.all(workflowKey) }),
        queryClient.invalidateQueries({ queryKey: keys.workflows }),
      ]);
      onPublished();
    },
  });
  const done = publish.data?.version;
  const changes = useMemo(
    () => (editing ? diffDefinitions(withoutLayout(published.definition), withoutLayout(draft)) : []),
    [editing, published.definition, draft],
  );
  const older = (running.data?.running ?? []).filter((r) => r.version < (done ?? published.version + 1));
  const error = publish.error ?? running.error;

  return (
    <section aria-label={w.publishTitle} className="publish">
      <h3>{w.publishTitle}</h3>
      {editing && done === undefined && (
        <>
          <h4>
            {w.publishSummary} (v{published.version})
          </h4>
          {changes.length ? (
            <ChangeList changes={changes} locale={locale} w={w} />
          ) : (
            <p className="muted">{w.noChanges}</p>
          )}
          {running.data && (
            <p>
              {running.data.running.length === 0
                ? w.noRunning
                : running.data.running.map((r) => w.runningOld(r.cases, r.version)).join('; ')}
            </p>
          )}
          {errors > 0 && <p className="error">{w.publishBlocked}</p>}
          {!saved && errors === 0 && <p className="muted">{w.unsaved}…</p>}
          <button
            type="button"
            className="primary"
            disabled={errors > 0 || !saved || publish.isPending}
            onClick={() => publish.mutate()}
          >
            {w.publishNow(published.version + 1)}
          </button>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
      {done !== undefined && (
        <p role="status" className="ok">
          {w.published(done)}
        </p>
      )}
      {(done !== undefined || !editing) && (
        <>
          <h4>{w.migrate}</h4>
          {older.length === 0 ? (
            <p className="muted">{w.noRunning}</p>
          ) : (
            older.map((r) => (
              <Migration
                key={r.version}
                workflowKey={workflowKey}
                from={r.version}
                to={done ?? published.version}
                locale={locale}
                w={w}
              />
            ))
          )}
        </>
      )}
    </section>
  );
}

function Migration({
  workflowKey,
  from,
  to,
  locale,
  w,
}: {
  workflowKey: string;
  from: number;
  to: number;
  locale: Locale;
  w: DesignerWords;
}) {
  const queryClient = useQueryClient();
  // Without a mapping of its own, the server suggests one; each change asks for a new dry run.
  const [stateMap, setStateMap] = useState<Record<string, string>>();
  // The cases ticked or unticked by hand; the others as the dry run suggests.
  const [picked, setPicked] = useState<Record<string, boolean>>({});
  const toDef = useQuery(versionQuery(workflowKey, to)).data?.definition;
  const dryRun = useQuery({
    ...migrationPlanQuery(workflowKey, { from, to, stateMap }),
    placeholderData: keepPreviousData,
  });
  const plan = dryRun.data;
  const chosen = new Set(plan?.cases.filter((c) => picked[c.id] ?? c.chosen).map((c) => c.id));
  const migrate = useMutation({
    mutationFn: (body: { stateMap: Record<string, string>; cases: string[] }) =>
      api.migrate(workflowKey, { from, to, dryRun: false, ...body }),
    // Cases moved to another version: what the workflow's panels show is stale. The result stays
    // in view; the next opening asks again.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.workflow.all(workflowKey), refetchType: 'none' }),
  });
  const moved = migrate.data?.moved;
  const busy = dryRun.isFetching || migrate.isPending;
  const error = migrate.error ?? dryRun.error;

  const landing = toDef
    ? [...indexStates(toDef).byPath.values()].filter((e) => ['atomic', 'final'].includes(kind(e.config)))
    : [];
  const fromSteps = plan ? [...new Map(plan.cases.map((c) => [c.from, c.fromLabel])).entries()] : [];

  return (
    <div className="migration" aria-label={`v${from} → v${to}`} role="group">
      <h5>
        v{from} → v{to}
      </h5>
      <p className="muted">{w.migrateIntro}</p>
      {error && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
      {plan && toDef && (
        <>
          <table className="table compact">
            <thead>
              <tr>
                <th>{w.fromStep}</th>
                <th>{w.toStep}</th>
              </tr>
            </thead>
            <tbody>
              {fromSteps.map(([path, label]) => (
                <tr key={path}>
                  <td>{label}</td>
                  <td>
                    <select
                      aria-label={`${w.toStep}: ${label}`}
                      value={plan.stateMap[path] ?? ''}
                      disabled={busy || moved !== undefined}
                      onChange={(e) => {
                        const { [path]: _old, ...rest } = plan.stateMap;
                        setStateMap(e.target.value ? { ...rest, [path]: e.target.value } : rest);
                        setPicked({});
                      }}
                    >
                      <option value="">{w.unmapped}</option>
                      {landing.map((e) => (
                        <option key={e.path} value={e.path}>
                          {say(stateLabel(toDef, e.path), locale)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="table compact">
            <tbody>
              {plan.cases.map((c) => {
                const blocked = c.problems.some((p) => p.severity === 'error');
                return (
                  <tr key={c.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={c.title}
                        checked={chosen.has(c.id)}
                        disabled={blocked || moved !== undefined}
                        onChange={(e) => setPicked((p) => ({ ...p, [c.id]: e.target.checked }))}
                      />
                    </td>
                    <td>{c.title}</td>
                    <td>
                      {c.fromLabel} → {c.toLabel ?? w.unmapped}
                    </td>
                    <td>
                      {c.problems.map((p, i) => (
                        <div key={i} className={p.severity === 'error' ? 'error' : 'muted'}>
                          {p.message}
                        </div>
                      ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {moved === undefined ? (
            <button
              type="button"
              disabled={busy || chosen.size === 0}
              onClick={() => migrate.mutate({ stateMap: plan.stateMap, cases: [...chosen] })}
            >
              {w.apply} ({chosen.size})
            </button>
          ) : (
            <p role="status" className="ok">
              {w.moved(moved)}
            </p>
          )}
        </>
      )}
    </div>
  );
}
