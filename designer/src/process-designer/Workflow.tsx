import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { diffDefinitions, say } from '../../../engine';
import { DiscardDraft } from '../components/DiscardDraft';
import { ErrorMessage } from '../components/ErrorMessage';
import { Link } from '../components/Link';
import { PageHead } from '../components/PageHead';
import { Table } from '../components/Table';
import { api, type Draft } from '../lib/api';
import { formatDateTime, useI18n } from '../lib/i18n';
import { changed } from '../lib/query';
import { ChangeList } from './Compare';
import type { DesignerWords } from './model/words';
import { designerWords } from './model/words';
import { draftQuery, latestQuery, unversioned, versionQuery, versionsQuery } from './queries';

/**
 * One workflow's page, for the projectleider coming back to it any day: every published version
 * (who, when, why, what still runs on it), the draft (open it, throw it away, compare it with any
 * version), moving running cases at any time, and a version set back as the draft.
 */
export function WorkflowPage({ workflowKey }: { workflowKey: string }) {
  const { locale } = useI18n();
  const w = designerWords[locale];
  const latest = useQuery(latestQuery(workflowKey));
  const versions = useQuery(versionsQuery(workflowKey));
  const draft = useQuery(draftQuery(workflowKey));
  const items = versions.data?.items ?? [];
  const newest = items[0]?.version;
  const older = items.filter((v) => v.running > 0 && v.version !== newest);
  const title = latest.data ? say(latest.data.definition.title, locale) : workflowKey;

  return (
    <main className="page wide workflow-page">
      <PageHead title={title} intro={w.workflowIntro}>
        <div className="button-row">
          <Link to={`/processen/${workflowKey}`} className="button-link">
            {w.openDesigner}
          </Link>
          {older.length > 0 && (
            <Link to={`/processen/${workflowKey}/overzetten`} className="button-link">
              {w.migrate}
            </Link>
          )}
        </div>
      </PageHead>
      <ErrorMessage error={latest.error ?? versions.error ?? draft.error} />
      <section aria-labelledby="draft-title" className="card">
        <h2 id="draft-title">{w.draftTitle}</h2>
        {draft.isPending ? (
          <p>{w.loading}</p>
        ) : draft.data ? (
          <DraftCard key={draft.data.revision} workflowKey={workflowKey} draft={draft.data} versions={items} w={w} />
        ) : (
          <p className="muted">{w.noDraft}</p>
        )}
      </section>
      <section aria-labelledby="versions-title">
        <h2 id="versions-title">{w.versionsTitle}</h2>
        {versions.isPending ? (
          <p>{w.loading}</p>
        ) : (
          <Table
            className="table versions"
            columns={[w.versionCol, w.publishedAtCol, w.publishedByCol, w.noteCol, w.runningCol, '']}
          >
            {items.map((v) => (
              <tr key={v.version}>
                <th scope="row">
                  v{v.version} {v.version === newest && <span className="badge">{w.newest}</span>}
                </th>
                <td>{formatDateTime(v.publishedAt, locale)}</td>
                <td>{v.publishedBy ?? '—'}</td>
                <td className="note">{v.note ?? '—'}</td>
                <td>
                  {v.running === 0 ? (
                    '—'
                  ) : (
                    <details>
                      <summary>{w.caseCount(v.running)}</summary>
                      <ul className="plain">
                        {v.steps.map((s) => (
                          <li key={s.state}>
                            {s.label}: {s.cases}
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
                <td>
                  <div className="button-row">
                    {v.running > 0 && v.version !== newest && (
                      <Link to={`/processen/${workflowKey}/overzetten/${v.version}`}>{w.moveCases}</Link>
                    )}
                    <Restore
                      workflowKey={workflowKey}
                      version={v.version}
                      blocked={!!draft.data || draft.isPending}
                      w={w}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </main>
  );
}

/** The draft: who saved it when, where it came from, its errors; open, compare with a version, or discard. */
function DraftCard({
  workflowKey,
  draft,
  versions,
  w,
}: {
  workflowKey: string;
  draft: Draft;
  versions: { version: number }[];
  w: DesignerWords;
}) {
  const { locale } = useI18n();
  const [against, setAgainst] = useState(draft.basedOn ?? versions[0]?.version);
  const other = useQuery({ ...versionQuery(workflowKey, against ?? 0), enabled: against !== undefined });
  const changes = other.data ? diffDefinitions(other.data.definition, draft.definition) : undefined;
  const errors = draft.problems.filter((p) => p.severity === 'error').length;
  return (
    <>
      <p>
        {w.draftInfo(draft.revision, draft.updatedByName, formatDateTime(draft.updatedAt, locale))}
        {draft.basedOn !== undefined && `, ${w.draftBasedOn(draft.basedOn)}`}
        {draft.upstream &&
          `, ${w.draftFromPackage(draft.upstream.site, draft.upstream.key, draft.upstream.version)}`}.{' '}
        <span className={errors ? 'error' : 'muted'}>{w.draftErrors(errors)}</span>
      </p>
      <div className="button-row">
        <Link to={`/processen/${workflowKey}`} className="button-link">
          {w.openDesigner}
        </Link>
        <DiscardDraft workflowKey={workflowKey} />
      </div>
      <div className="inline-form">
        <label htmlFor="draft-against">{w.compareDraftWith}</label>
        <select id="draft-against" value={against ?? ''} onChange={(e) => setAgainst(Number(e.target.value))}>
          {versions.map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={other.error} />
      {changes &&
        (changes.length ? (
          <ChangeList changes={changes} locale={locale} w={w} />
        ) : (
          <p className="muted">{w.noChanges}</p>
        ))}
    </>
  );
}

/** An older version back as the draft (a rollback is publishing it again); only while there is no draft. */
function Restore({
  workflowKey,
  version,
  blocked,
  w,
}: {
  workflowKey: string;
  version: number;
  blocked: boolean;
  w: DesignerWords;
}) {
  const queryClient = useQueryClient();
  const restore = useMutation({
    mutationFn: async () => {
      const { definition } = await queryClient.fetchQuery(versionQuery(workflowKey, version));
      // Revision 0: only while no draft exists, so nobody's draft is replaced by the old version.
      return api.saveDraft(workflowKey, unversioned(definition), 0);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(draftQuery(workflowKey).queryKey, saved);
      return changed.workflow(workflowKey);
    },
  });
  if (restore.isSuccess)
    return (
      <span role="status" className="ok">
        {w.restored(version)}
      </span>
    );
  return (
    <>
      <button
        type="button"
        disabled={blocked || restore.isPending}
        title={blocked ? w.restoreBlocked : undefined}
        onClick={() => restore.mutate()}
      >
        {w.restore}
      </button>
      <ErrorMessage error={restore.error} />
    </>
  );
}
