import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { formatDateTime, useI18n } from '../../lib/i18n';
import { changed, queries } from '../../lib/query';
import { PageHead } from '../../components/PageHead';
import { Table } from '../../components/Table';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DiscardDraft } from '../../components/DiscardDraft';
import { OtherTools } from './OtherTools';
import type { MergeItemViewT } from '../../../../server/contract';

const words = {
  nl: {
    title: 'Delen',
    intro:
      'Een werkwijze uitwisselen met een ander WijkLeerbedrijf: exporteren als pakketbestand, of een pakket inlezen als concept.',
    exportTitle: 'Exporteren',
    exportIntro: 'Het pakket bevat de laatste gepubliceerde versie, waar die vandaan komt en een controlesom.',
    version: 'versie',
    download: 'Pakket downloaden',
    scxml: 'SCXML',
    bpmn: 'BPMN',
    importTitle: 'Importeren',
    importIntro:
      'Kies een pakketbestand. Eerst zie je wat er niet klopt of wat er anders is; pas daarna sla je het op als concept. Een gepubliceerde versie wordt nooit overschreven.',
    choose: 'Pakket kiezen',
    from: 'Van',
    exportedAt: 'geëxporteerd op',
    basedOn: 'afgeleid van',
    isNew: 'Deze workflow is nieuw op deze locatie.',
    same: 'Geen verschillen met jullie eigen versie.',
    differences: (n: number, v: number | null) =>
      `${n} verschil${n === 1 ? '' : 'len'} met jullie ${v ? `versie ${v}` : 'concept'}`,
    warnings: 'Waarschuwingen',
    hasDraft:
      'Er is al een concept van deze workflow. Publiceer het of gooi het weg voordat je een pakket inleest, of voeg samen hieronder.',
    store: 'Opslaan als concept',
    stored: (key: string, rev: number) => `Opgeslagen als concept van '${key}' (revisie ${rev}).`,
    problems: 'Het concept heeft nog problemen',
    publish: 'Concept publiceren',
    published: (key: string, v: number) => `'${key}' is gepubliceerd als versie ${v}.`,
    mergeTitle: 'Nieuwe versie van de bron',
    mergeIntro: (site: string, v: number) =>
      `Jullie workflow is afgeleid van ${site}, versie ${v}. Hieronder staan de wijzigingen van de bron en jullie eigen wijzigingen naast elkaar; kies per regel wat je houdt.`,
    upstream: 'Wijziging bij de bron',
    local: 'Eigen wijziging',
    choice: 'Houden',
    takeUpstream: 'Bron',
    keepLocal: 'Eigen',
    conflict: 'Beide gewijzigd',
    none: '—',
    merge: 'Samenvoegen tot concept',
    kinds: { added: 'nieuw', removed: 'weg', changed: 'gewijzigd' },
  },
  en: {
    title: 'Share',
    intro:
      'Exchange a way of working with another WijkLeerbedrijf: export as a package file, or read a package in as a draft.',
    exportTitle: 'Export',
    exportIntro: 'The package holds the latest published version, where it came from and a checksum.',
    version: 'version',
    download: 'Download package',
    scxml: 'SCXML',
    bpmn: 'BPMN',
    importTitle: 'Import',
    importIntro:
      'Choose a package file. First you see what is wrong or what differs; only then you store it as a draft. A published version is never overwritten.',
    choose: 'Choose package',
    from: 'From',
    exportedAt: 'exported on',
    basedOn: 'derived from',
    isNew: 'This workflow is new at this site.',
    same: 'No differences from your own version.',
    differences: (n: number, v: number | null) =>
      `${n} difference${n === 1 ? '' : 's'} from your ${v ? `version ${v}` : 'draft'}`,
    warnings: 'Warnings',
    hasDraft: 'This workflow already has a draft. Publish or discard it before reading in a package, or merge below.',
    store: 'Store as draft',
    stored: (key: string, rev: number) => `Stored as the draft of '${key}' (revision ${rev}).`,
    problems: 'The draft still has problems',
    publish: 'Publish draft',
    published: (key: string, v: number) => `'${key}' is published as version ${v}.`,
    mergeTitle: 'A newer version of the upstream',
    mergeIntro: (site: string, v: number) =>
      `Your workflow derives from ${site}, version ${v}. Below are the upstream's changes and your own side by side; choose per line what to keep.`,
    upstream: 'Change upstream',
    local: 'Own change',
    choice: 'Keep',
    takeUpstream: 'Upstream',
    keepLocal: 'Own',
    conflict: 'Both changed',
    none: '—',
    merge: 'Merge into a draft',
    kinds: { added: 'new', removed: 'gone', changed: 'changed' },
  },
};

type Problems = { path: string; message: string }[];
/** What storing, merging or publishing did, as the page says it. */
type Result = { key: string; message: string; problems: Problems };
type Action = { kind: 'store' } | { kind: 'merge' } | { kind: 'publish'; key: string };

/** The manager's page for exchanging workflows between sites: export, import, three-way merge. */
export function Sharing() {
  const { locale } = useI18n();
  const w = words[locale];
  const workflows = useQuery(queries.workflows());
  const [file, setFile] = useState<{ name: string; text: string }>();
  const [choices, setChoices] = useState<Record<string, 'upstream' | 'local'>>({});
  // Reading a package in is asked first as a dry run: what is wrong, what differs.
  const inspect = useMutation({ mutationFn: (text: string) => api.importPackage(text, true) });
  const preview = inspect.data;
  const act = useMutation({
    mutationFn: async (action: Action): Promise<Result> => {
      switch (action.kind) {
        case 'store': {
          const r = await api.importPackage(file!.text, false);
          return {
            key: r.key,
            message: w.stored(r.key, r.draft!.revision),
            problems: r.draft!.problems.filter((p) => p.severity === 'error'),
          };
        }
        case 'merge': {
          const r = await api.mergePackage(preview!.key, file!.text, choices);
          return {
            key: r.draft.key,
            message: w.stored(r.draft.key, r.draft.revision),
            problems: r.draft.problems.filter((p) => p.severity === 'error'),
          };
        }
        case 'publish': {
          const r = await api.publish(action.key);
          return { key: r.key, message: w.published(r.key, r.version), problems: [] };
        }
      }
    },
    onSuccess: (r, action) => {
      if (action.kind === 'publish') {
        inspect.reset();
        setFile(undefined);
      }
      return changed.workflow(r.key);
    },
  });
  const result = act.data;
  const busy = act.isPending;
  // Each starts by clearing the other: at most one of them has failed.
  const refusal = inspect.error ?? act.error;

  async function check(chosen: File) {
    inspect.reset();
    act.reset();
    setChoices({});
    const text = await chosen.text();
    setFile({ name: chosen.name, text });
    inspect.mutate(text);
  }

  const side = (item: MergeItemViewT) => choices[item.path] ?? item.default;

  return (
    <main className="page sharing">
      <PageHead title={w.title} intro={w.intro} />

      <section className="card" aria-labelledby="export-title">
        <h2 id="export-title">{w.exportTitle}</h2>
        <p className="muted">{w.exportIntro}</p>
        <ErrorMessage error={workflows.error} />
        <Table className="report-table" data-testid="export">
          {workflows.data?.map((wf) => (
            <tr key={wf.key}>
              <th scope="row">{wf.title}</th>
              <td>
                {wf.key}, {w.version} {wf.latestVersion}
              </td>
              <td>
                <a href={`/api/workflows/${encodeURIComponent(wf.key)}/export`} download>
                  {w.download}
                </a>{' '}
                ·{' '}
                <a href={`/api/workflows/${encodeURIComponent(wf.key)}/scxml`} download>
                  {w.scxml}
                </a>{' '}
                ·{' '}
                <a href={`/api/workflows/${encodeURIComponent(wf.key)}/bpmn`} download>
                  {w.bpmn}
                </a>
              </td>
            </tr>
          ))}
        </Table>
      </section>

      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">{w.importTitle}</h2>
        <p className="muted">{w.importIntro}</p>
        <label className="field">
          <span className="label">{w.choose}</span>
          <input
            type="file"
            accept=".json,application/json"
            onChange={(e) => e.target.files?.[0] && void check(e.target.files[0])}
          />
        </label>

        <ErrorMessage error={refusal} data-testid="refusal" />

        {preview && (
          <div data-testid="preview">
            <h3>
              {preview.title} <span className="muted">({preview.key})</span>
            </h3>
            <p className="muted">
              {w.from} {preview.provenance.site}, {preview.provenance.key} {w.version} {preview.provenance.version},{' '}
              {w.exportedAt} {formatDateTime(preview.provenance.exportedAt, locale)}
              {preview.provenance.basedOn &&
                `; ${w.basedOn} ${preview.provenance.basedOn.site}, ${preview.provenance.basedOn.key} ${w.version} ${preview.provenance.basedOn.version}`}
            </p>
            {preview.merge ? null : preview.latestVersion === null && !preview.hasDraft ? (
              <p>{w.isNew}</p>
            ) : preview.changes.length === 0 ? (
              <p>{w.same}</p>
            ) : (
              <>
                <h4>{w.differences(preview.changes.length, preview.latestVersion)}</h4>
                <ul className="changes" data-testid="changes">
                  {preview.changes.map((c) => (
                    <li key={c.path}>
                      <span className="badge">{w.kinds[c.kind]}</span> {c.text}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {preview.warnings.length > 0 && (
              <>
                <h4>{w.warnings}</h4>
                <ul>
                  {preview.warnings.map((p, i) => (
                    <li key={i}>{p.message}</li>
                  ))}
                </ul>
              </>
            )}

            {preview.merge ? (
              <section aria-labelledby="merge-title" data-testid="merge">
                <h3 id="merge-title">{w.mergeTitle}</h3>
                <p className="muted">{w.mergeIntro(preview.merge.base.site, preview.merge.base.version)}</p>
                <Table className="report-table merge-table" columns={[w.upstream, w.local, w.choice]}>
                  {preview.merge.items.map((item) => (
                    <tr key={item.path} className={item.conflict ? 'conflict' : undefined}>
                      <td>{item.upstream?.text ?? w.none}</td>
                      <td>
                        {item.local?.text ?? w.none}
                        {item.conflict && <span className="badge">{w.conflict}</span>}
                      </td>
                      <td>
                        <div
                          className="segmented"
                          role="radiogroup"
                          aria-label={`${w.choice}: ${item.upstream?.text ?? item.local?.text ?? item.path}`}
                        >
                          {(['upstream', 'local'] as const).map((s) => (
                            <label key={s}>
                              <input
                                type="radio"
                                name={item.path}
                                checked={side(item) === s}
                                onChange={() => setChoices({ ...choices, [item.path]: s })}
                              />
                              {s === 'upstream' ? w.takeUpstream : w.keepLocal}
                            </label>
                          ))}
                        </div>
                      </td>
                    </tr>
                  ))}
                </Table>
                <div className="form-buttons">
                  <button className="primary" disabled={busy} onClick={() => act.mutate({ kind: 'merge' })}>
                    {w.merge}
                  </button>
                </div>
              </section>
            ) : (
              <>
                {preview.hasDraft && (
                  <>
                    <p role="note">{w.hasDraft}</p>
                    <DiscardDraft workflowKey={preview.key} onDiscarded={() => file && inspect.mutate(file.text)} />
                  </>
                )}
                <div className="form-buttons">
                  <button
                    className="primary"
                    disabled={busy || preview.hasDraft || !!result}
                    onClick={() => act.mutate({ kind: 'store' })}
                  >
                    {w.store}
                  </button>
                </div>
              </>
            )}
          </div>
        )}

        {result && (
          <div role="status" data-testid="result">
            <p>{result.message}</p>
            {result.problems.length > 0 ? (
              <>
                <h4>{w.problems}</h4>
                <ul>
                  {result.problems.map((p, i) => (
                    <li key={i}>
                      <code>{p.path}</code>: {p.message}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              preview && (
                <button disabled={busy} onClick={() => act.mutate({ kind: 'publish', key: result.key })}>
                  {w.publish}
                </button>
              )
            )}
          </div>
        )}
        {file && <p className="muted">{file.name}</p>}
      </section>

      <OtherTools workflows={workflows.data ?? []} onStored={(key) => void changed.workflow(key)} />
    </main>
  );
}
