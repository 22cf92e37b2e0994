import { useEffect, useMemo, useState } from 'react';
import { diffDefinitions, indexStates, kind, say, stateLabel, type Definition } from '../../../engine';
import type { Locale } from '../../../engine/text';
import { api, errorText } from '../lib/api';
import type { MigrationResponseT, RunningViewT } from '../../../server/contract/workflows';
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
  onPublished: (version: number, definition: Definition) => void;
}) {
  const [running, setRunning] = useState<RunningViewT>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState<number>();
  const changes = useMemo(
    () => (editing ? diffDefinitions(withoutLayout(published.definition), withoutLayout(draft)) : []),
    [editing, published.definition, draft],
  );

  useEffect(() => {
    api.running(workflowKey).then(setRunning, (err) => setError(errorText(err)));
  }, [workflowKey, done]);

  const older = (running?.running ?? []).filter((r) => r.version < (done ?? published.version + 1));

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
          {running && (
            <p>
              {running.running.length === 0
                ? w.noRunning
                : running.running.map((r) => w.runningOld(r.cases, r.version)).join('; ')}
            </p>
          )}
          {errors > 0 && <p className="error">{w.publishBlocked}</p>}
          {!saved && errors === 0 && <p className="muted">{w.unsaved}…</p>}
          <button
            type="button"
            className="primary"
            disabled={errors > 0 || !saved || busy}
            onClick={async () => {
              setBusy(true);
              setError('');
              try {
                const r = await api.publish(workflowKey, revision);
                const fresh = await api.workflowVersion(workflowKey, r.version);
                setDone(r.version);
                onPublished(r.version, fresh.definition);
              } catch (err) {
                setError(errorText(err));
              } finally {
                setBusy(false);
              }
            }}
          >
            {w.publishNow(published.version + 1)}
          </button>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
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
  const [toDef, setToDef] = useState<Definition>();
  const [plan, setPlan] = useState<MigrationResponseT>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [moved, setMoved] = useState<number>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const dryRun = async (stateMap?: Record<string, string>) => {
    setBusy(true);
    try {
      const r = await api.migrate(workflowKey, { from, to, dryRun: true, ...(stateMap ? { stateMap } : {}) });
      setPlan(r);
      setChosen(new Set(r.cases.filter((c) => c.chosen).map((c) => c.id)));
      setError('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void api.workflowVersion(workflowKey, to).then((v) => setToDef(v.definition));
    void dryRun();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workflowKey, from, to]);

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
          {error}
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
                        void dryRun(e.target.value ? { ...rest, [path]: e.target.value } : rest);
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
                        onChange={(e) =>
                          setChosen((s) => {
                            const n = new Set(s);
                            if (e.target.checked) n.add(c.id);
                            else n.delete(c.id);
                            return n;
                          })
                        }
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
              onClick={async () => {
                setBusy(true);
                try {
                  const r = await api.migrate(workflowKey, {
                    from,
                    to,
                    dryRun: false,
                    stateMap: plan.stateMap,
                    cases: [...chosen],
                  });
                  setMoved(r.moved);
                } catch (err) {
                  setError(errorText(err));
                } finally {
                  setBusy(false);
                }
              }}
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
