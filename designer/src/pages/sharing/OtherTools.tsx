import { useState } from 'react';
import { api, ApiError, type WorkflowSummary } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { navigate } from '../../lib/router';

const words = {
  nl: {
    title: 'Uit een ander programma',
    intro:
      'Een proces getekend in Camunda Modeler of bpmn.io (BPMN 2.0), of een statechart uit een ander programma (SCXML). Eerst zie je wat er niet klopt of wat er anders is; pas daarna sla je het op als concept. Code (servicetaken, scripts, voorwaarden in code) wordt niet overgenomen.',
    choose: 'BPMN- of SCXML-bestand kiezen',
    into: 'In workflow',
    landsOn: 'Komt terecht bij',
    fromFile: 'de sleutel uit het bestand',
    isNew: 'Deze workflow is nieuw op deze locatie.',
    same: 'Geen verschillen met jullie eigen versie.',
    differences: (n: number) => `${n} verschil${n === 1 ? '' : 'len'} met jullie workflow`,
    complete: 'Het bestand is een export van een WijkLeerbedrijf: velden, formulieren en rapportage komen mee.',
    partial:
      'Velden, formulieren en rapportage komen van de workflow waar het proces terechtkomt; een nieuwe workflow krijgt een naamveld en de velden die de voorwaarden gebruiken.',
    warnings: 'Waarschuwingen',
    problems: 'Nog te doen voordat je kunt publiceren',
    hasDraft: 'Er is al een concept van deze workflow. Publiceer het of gooi het weg in de ontwerper.',
    store: 'Opslaan als concept',
    stored: (key: string, rev: number) => `Opgeslagen als concept van '${key}' (revisie ${rev}).`,
    open: 'Openen in de ontwerper',
    publish: 'Concept publiceren',
    published: (key: string, v: number) => `'${key}' is gepubliceerd als versie ${v}.`,
    kinds: { added: 'nieuw', removed: 'weg', changed: 'gewijzigd' },
  },
  en: {
    title: 'From another tool',
    intro:
      'A process drawn in Camunda Modeler or bpmn.io (BPMN 2.0), or a statechart from another tool (SCXML). First you see what is wrong or what differs; only then you store it as a draft. Code (service tasks, scripts, conditions in code) is not taken over.',
    choose: 'Choose BPMN or SCXML file',
    into: 'Into workflow',
    landsOn: 'Lands on',
    fromFile: 'the key in the file',
    isNew: 'This workflow is new at this site.',
    same: 'No differences from your own version.',
    differences: (n: number) => `${n} difference${n === 1 ? '' : 's'} from your workflow`,
    complete: "The file is a WijkLeerbedrijf's export: fields, forms and reports come along.",
    partial:
      'Fields, forms and reports come from the workflow the process lands on; a new workflow gets a name field and the fields its conditions use.',
    warnings: 'Warnings',
    problems: 'To do before it can be published',
    hasDraft: 'This workflow already has a draft. Publish or discard it in the designer.',
    store: 'Store as draft',
    stored: (key: string, rev: number) => `Stored as the draft of '${key}' (revision ${rev}).`,
    open: 'Open in the designer',
    publish: 'Publish draft',
    published: (key: string, v: number) => `'${key}' is published as version ${v}.`,
    kinds: { added: 'new', removed: 'gone', changed: 'changed' },
  },
};

type Listed = { path: string; message: string }[];

interface Preview {
  key: string;
  title?: string;
  isNew: boolean;
  complete?: boolean;
  hasDraft: boolean;
  changes: { kind: 'added' | 'removed' | 'changed'; path: string; text: string }[];
  warnings: Listed;
  problems: Listed;
}

/** SCXML names its root `scxml`; anything else in XML is taken for BPMN, which the server checks. */
const formatOf = (text: string) => (/<([\w.-]+:)?scxml[\s>]/.test(text) ? 'scxml' : 'bpmn');

/**
 * Reading in a process from Camunda Modeler, bpmn.io or another statechart tool: a dry run shows
 * the differences, warnings and what is still missing, then it is stored as a draft.
 */
export function OtherTools({ workflows, onStored }: { workflows: WorkflowSummary[]; onStored: (key: string) => void }) {
  const { locale } = useI18n();
  const w = words[locale];
  const [file, setFile] = useState<{ name: string; text: string; format: 'bpmn' | 'scxml' }>();
  const [key, setKey] = useState('');
  const [preview, setPreview] = useState<Preview>();
  const [refusal, setRefusal] = useState<{ message: string; details: Listed }>();
  /** What was stored; `publishable` while a new workflow waits for its first version (the designer opens it then). */
  const [stored, setStored] = useState<{ key: string; message: string; publishable: boolean }>();
  const [busy, setBusy] = useState(false);

  async function check(next: { name: string; text: string; format: 'bpmn' | 'scxml' }, into: string) {
    setPreview(undefined);
    setRefusal(undefined);
    setStored(undefined);
    try {
      if (next.format === 'bpmn') {
        const r = await api.importBpmn(next.text, true, into || undefined);
        setPreview({ ...r, isNew: r.latestVersion === null && !r.hasDraft });
      } else {
        const r = await api.importScxml(into, next.text, true);
        setPreview({ key: into, isNew: false, hasDraft: false, ...r });
      }
    } catch (err) {
      fail(err);
    }
  }

  const fail = (err: unknown) =>
    setRefusal(
      err instanceof ApiError ? { message: err.message, details: err.details } : { message: String(err), details: [] },
    );

  async function choose(chosen: File) {
    const text = await chosen.text();
    const next = { name: chosen.name, text, format: formatOf(text) } as const;
    // An SCXML machine goes into a workflow: the one it names, else the first.
    const named = /<([\w.-]+:)?scxml[^>]*\sname="([^"]+)"/.exec(text)?.[2];
    const into =
      next.format === 'scxml' ? (workflows.find((wf) => wf.key === named)?.key ?? workflows[0]?.key ?? '') : '';
    setFile(next);
    setKey(into);
    await check(next, into);
  }

  async function store() {
    if (!file || !preview) return;
    setBusy(true);
    try {
      const draft =
        file.format === 'bpmn'
          ? (await api.importBpmn(file.text, false, key || undefined)).draft!
          : (await api.importScxml(preview.key, file.text, false)).draft!;
      setStored({ key: draft.key, message: w.stored(draft.key, draft.revision), publishable: preview.isNew });
      onStored(draft.key);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    if (!stored) return;
    setBusy(true);
    try {
      const r = await api.publish(stored.key);
      setStored({ key: r.key, message: w.published(r.key, r.version), publishable: false });
      onStored(r.key);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  const listed = (items: Listed) => (
    <ul>
      {items.map((d, i) => (
        <li key={i}>
          <code>{d.path}</code>: {d.message}
        </li>
      ))}
    </ul>
  );

  return (
    <section className="card" aria-labelledby="tools-title">
      <h2 id="tools-title">{w.title}</h2>
      <p className="muted">{w.intro}</p>
      <label className="field">
        <span className="label">{w.choose}</span>
        <input
          type="file"
          accept=".bpmn,.scxml,.xml,application/xml"
          onChange={(e) => e.target.files?.[0] && void choose(e.target.files[0])}
        />
      </label>
      {file && (
        <label className="field">
          <span className="label">{file.format === 'scxml' ? w.into : w.landsOn}</span>
          <select
            value={key}
            onChange={(e) => {
              setKey(e.target.value);
              void check(file, e.target.value);
            }}
          >
            {file.format === 'bpmn' && <option value="">{w.fromFile}</option>}
            {workflows.map((wf) => (
              <option key={wf.key} value={wf.key}>
                {wf.title} ({wf.key})
              </option>
            ))}
          </select>
        </label>
      )}

      {refusal && (
        <div role="alert" data-testid="tools-refusal">
          <p>
            <strong>{refusal.message}</strong>
          </p>
          {refusal.details.length > 0 && listed(refusal.details)}
        </div>
      )}

      {preview && (
        <div data-testid="tools-preview">
          <h3>
            {preview.title ?? preview.key} <span className="muted">({preview.key})</span>
          </h3>
          {preview.complete !== undefined && <p className="muted">{preview.complete ? w.complete : w.partial}</p>}
          {preview.isNew ? (
            <p>{w.isNew}</p>
          ) : preview.changes.length === 0 ? (
            <p>{w.same}</p>
          ) : (
            <>
              <h4>{w.differences(preview.changes.length)}</h4>
              <ul className="changes" data-testid="tools-changes">
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
              {listed(preview.warnings)}
            </>
          )}
          {preview.problems.length > 0 && (
            <>
              <h4>{w.problems}</h4>
              {listed(preview.problems)}
            </>
          )}
          {preview.hasDraft && <p role="note">{w.hasDraft}</p>}
          <div className="form-buttons">
            <button className="primary" disabled={busy || preview.hasDraft || !!stored} onClick={() => void store()}>
              {w.store}
            </button>
          </div>
        </div>
      )}

      {stored && (
        <div role="status" data-testid="tools-result">
          <p>{stored.message}</p>
          {stored.publishable ? (
            <button disabled={busy} onClick={() => void publish()}>
              {w.publish}
            </button>
          ) : (
            <a
              href={`/processen/${encodeURIComponent(stored.key)}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/processen/${encodeURIComponent(stored.key)}`);
              }}
            >
              {w.open}
            </a>
          )}
        </div>
      )}
      {file && <p className="muted">{file.name}</p>}
    </section>
  );
}
