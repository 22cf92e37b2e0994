import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { indexStates, kind, say, stateLabel } from '../../../engine';
import type { Locale } from '../../../engine/text';
import { ErrorMessage } from '../components/ErrorMessage';
import { Link } from '../components/Link';
import { PageHead } from '../components/PageHead';
import { api } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { changed, keys } from '../lib/query';
import type { DesignerWords } from './model/words';
import { migrationPlanQuery, versionQuery, versionsQuery } from './queries';
import { designerWords } from './model/words';

/** What publishing handed over: the manager's choice for the steps the new version lacks, per old version. */
export interface MigrationHandover {
  stateMaps?: Record<number, Record<string, string>>;
}

/**
 * Moving running cases to another version, at any time and full width: the version to move from
 * and to, where each old step lands, every case with where it would land and why it cannot, a
 * tick per case (or per step), and one transaction for the ticked ones.
 */
export function MigrationPage({ workflowKey, from }: { workflowKey: string; from?: number }) {
  const { locale } = useI18n();
  const w = designerWords[locale];
  const versions = useQuery(versionsQuery(workflowKey));
  const items = versions.data?.items ?? [];
  const latest = items[0]?.version;
  const [to, setTo] = useState<number>();
  const target = to ?? latest;
  const sources = items.filter((v) => v.running > 0 && v.version !== target);
  const [picked, setPicked] = useState(from);
  const source = sources.some((v) => v.version === picked) ? picked : sources[0]?.version;
  const handover = (history.state as MigrationHandover | null)?.stateMaps;

  return (
    <main className="page wide migration-page">
      <PageHead title={w.migrate} intro={w.migrateIntro}>
        <Link to={`/processen/${workflowKey}/versies`}>{w.backToVersions}</Link>
      </PageHead>
      <ErrorMessage error={versions.error} />
      {versions.isPending && <p>{w.loading}</p>}
      {target !== undefined && (
        <div className="inline-form migration-choice">
          <label htmlFor="migrate-from">{w.migrateFrom}</label>
          <select
            id="migrate-from"
            value={source ?? ''}
            disabled={!sources.length}
            onChange={(e) => setPicked(Number(e.target.value))}
          >
            {sources.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} ({w.caseCount(v.running)})
              </option>
            ))}
          </select>
          <label htmlFor="migrate-to">{w.migrateTo}</label>
          <select id="migrate-to" value={target} onChange={(e) => setTo(Number(e.target.value))}>
            {items.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
                {v.version === latest ? ` (${w.newest})` : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      {target !== undefined && source === undefined && <p className="muted">{w.noneToMove}</p>}
      {target !== undefined && source !== undefined && (
        <MigrationPlan
          key={`${source}>${target}`}
          workflowKey={workflowKey}
          from={source}
          to={target}
          initialMap={handover?.[source]}
          locale={locale}
          w={w}
        />
      )}
    </main>
  );
}

function MigrationPlan({
  workflowKey,
  from,
  to,
  initialMap,
  locale,
  w,
}: {
  workflowKey: string;
  from: number;
  to: number;
  initialMap?: Record<string, string>;
  locale: Locale;
  w: DesignerWords;
}) {
  // Without a mapping of its own, the server suggests one; each change asks for a new dry run.
  const [stateMap, setStateMap] = useState<Record<string, string> | undefined>(initialMap);
  // The cases ticked or unticked by hand; the others as the dry run suggests.
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const queryClient = useQueryClient();
  const toDef = useQuery(versionQuery(workflowKey, to)).data?.definition;
  const dryRun = useQuery({
    ...migrationPlanQuery(workflowKey, { from, to, stateMap }),
    placeholderData: keepPreviousData,
  });
  const plan = dryRun.data;
  const migrate = useMutation({
    mutationFn: (body: { stateMap: Record<string, string>; cases: string[] }) =>
      api.migrate(workflowKey, { from, to, dryRun: false, ...body }),
    // Cases moved to another version: the lists, the worklist and the workflow's counts are stale.
    // The result stays in view (nothing on this page is asked again); the next opening asks anew.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.workflow.all(workflowKey), refetchType: 'none' }),
        queryClient.invalidateQueries({ queryKey: keys.workflows }),
        changed.caseMoved(),
      ]),
  });
  const moved = migrate.data?.moved;
  const busy = dryRun.isFetching || migrate.isPending;
  const done = moved !== undefined;
  const cases = plan?.cases ?? [];
  const blocked = (c: (typeof cases)[number]) => c.problems.some((p) => p.severity === 'error');
  const isTicked = (c: (typeof cases)[number]) => !blocked(c) && (ticked[c.id] ?? c.chosen);
  const chosen = cases.filter(isTicked).map((c) => c.id);
  const landing = toDef
    ? [...indexStates(toDef).byPath.values()].filter((e) => ['atomic', 'final'].includes(kind(e.config)))
    : [];
  const steps = [...new Map(cases.map((c) => [c.from, c.fromLabel])).entries()];

  return (
    <section className="migration" aria-label={`v${from} → v${to}`} role="group">
      <h2>
        v{from} → v{to}
      </h2>
      <ErrorMessage error={migrate.error ?? dryRun.error} />
      {plan && toDef && (
        <div className="migration-columns">
          <div>
            <h3>{w.mappingTitle}</h3>
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">{w.fromStep}</th>
                  <th scope="col">{w.toStep}</th>
                </tr>
              </thead>
              <tbody>
                {steps.map(([path, label]) => (
                  <tr key={path}>
                    <td>
                      {label} <span className="muted">({cases.filter((c) => c.from === path).length})</span>
                    </td>
                    <td>
                      <select
                        aria-label={`${w.toStep}: ${label}`}
                        value={plan.stateMap[path] ?? ''}
                        disabled={busy || done}
                        onChange={(e) => {
                          const { [path]: _old, ...rest } = plan.stateMap;
                          setStateMap(e.target.value ? { ...rest, [path]: e.target.value } : rest);
                          setTicked({});
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
          </div>
          <div>
            <h3>{w.casesTitle}</h3>
            <table className="table compact migration-cases">
              <tbody>
                {steps.map(([path, label]) => {
                  const here = cases.filter((c) => c.from === path);
                  const open = here.filter((c) => !blocked(c));
                  const all = open.length > 0 && open.every(isTicked);
                  return [
                    <tr key={path} className="step-row">
                      <th colSpan={4} scope="rowgroup">
                        <label className="inline">
                          <input
                            type="checkbox"
                            aria-label={w.allInStep(label, here.length)}
                            checked={all}
                            disabled={!open.length || done}
                            onChange={(e) =>
                              setTicked((t) => ({
                                ...t,
                                ...Object.fromEntries(open.map((c) => [c.id, e.target.checked])),
                              }))
                            }
                          />
                          {label} ({here.length})
                        </label>
                      </th>
                    </tr>,
                    ...here.map((c) => (
                      <tr key={c.id}>
                        <td>
                          <input
                            type="checkbox"
                            aria-label={c.title}
                            checked={isTicked(c)}
                            disabled={blocked(c) || done}
                            onChange={(e) => setTicked((t) => ({ ...t, [c.id]: e.target.checked }))}
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
                    )),
                  ];
                })}
              </tbody>
            </table>
            {!done ? (
              <button
                type="button"
                className="primary"
                disabled={busy || chosen.length === 0}
                onClick={() => migrate.mutate({ stateMap: plan.stateMap, cases: chosen })}
              >
                {w.apply} ({chosen.length})
              </button>
            ) : (
              <p role="status" className="ok">
                {w.moved(moved)}
              </p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
