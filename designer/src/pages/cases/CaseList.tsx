import { useEffect, useState } from 'react';
import { api, ApiError, type WorkflowSummary } from '../../lib/api';
import type { CaseListT } from '../../../../server/contract';
import { formatDateTime, useI18n } from '../../lib/i18n';
import { navigate } from '../../lib/router';
import { PageHead } from '../../components/PageHead';
import { SchemaForm, splitDetails, type FieldErrors, type FormSchema } from '../../components/FormFields';

const pageSize = 25;

export function CaseList() {
  const { t, locale } = useI18n();
  const [workflows, setWorkflows] = useState<WorkflowSummary[]>([]);
  const [filter, setFilter] = useState({ workflow: '', q: '', offset: 0 });
  const [list, setList] = useState<CaseListT>();
  const [error, setError] = useState<string>();
  const [creating, setCreating] = useState<WorkflowSummary>();

  useEffect(() => {
    api.workflows().then(
      (r) => setWorkflows(r.items),
      (e) => setError(String(e.message)),
    );
  }, [locale]);

  useEffect(() => {
    const timer = setTimeout(
      () => {
        api.cases({ ...filter, limit: pageSize }).then(setList, (e) => setError(String(e.message)));
      },
      filter.q ? 250 : 0,
    );
    return () => clearTimeout(timer);
  }, [filter, locale]);

  return (
    <main className="page">
      <PageHead title={t.cases}>
        <div className="new-case" role="group" aria-label={t.newCase}>
          {workflows.map((w) => (
            <button key={w.key} className="primary" onClick={() => setCreating(w)}>
              + {w.title}
            </button>
          ))}
        </div>
      </PageHead>
      {creating && <NewCase workflow={creating} onClose={() => setCreating(undefined)} />}
      <div className="filters">
        <label className="visually-hidden" htmlFor="search">
          {t.search}
        </label>
        <input
          id="search"
          type="search"
          placeholder={t.search}
          value={filter.q}
          onChange={(e) => setFilter({ ...filter, q: e.target.value, offset: 0 })}
        />
        <label className="visually-hidden" htmlFor="wf-filter">
          {t.process}
        </label>
        <select
          id="wf-filter"
          value={filter.workflow}
          onChange={(e) => setFilter({ ...filter, workflow: e.target.value, offset: 0 })}
        >
          <option value="">{t.allWorkflows}</option>
          {workflows.map((w) => (
            <option key={w.key} value={w.key}>
              {w.title}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!list ? (
        <p>{t.loading}</p>
      ) : list.items.length === 0 ? (
        <p>{t.noCases}</p>
      ) : (
        <>
          <table className="cases">
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.process}</th>
                <th scope="col">{t.step}</th>
                <th scope="col">{t.updated}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <tr key={c.id} onClick={() => navigate(`/cases/${c.id}`)}>
                  <td>
                    <a
                      href={`/cases/${c.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/cases/${c.id}`);
                      }}
                    >
                      {c.title}
                    </a>
                  </td>
                  <td>{c.workflow.title}</td>
                  <td>
                    {c.stateLabel}
                    {c.done && <span className="badge">{t.done}</span>}
                  </td>
                  <td>{formatDateTime(c.updatedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager" aria-label="pagina's">
            <button
              disabled={filter.offset === 0}
              onClick={() => setFilter({ ...filter, offset: Math.max(0, filter.offset - pageSize) })}
            >
              {t.previous}
            </button>
            <span>
              {list.offset + 1}–{list.offset + list.items.length} {t.of} {list.total}
            </span>
            <button
              disabled={list.offset + list.items.length >= list.total}
              onClick={() => setFilter({ ...filter, offset: filter.offset + pageSize })}
            >
              {t.next}
            </button>
          </nav>
        </>
      )}
    </main>
  );
}

function NewCase({ workflow, onClose }: { workflow: WorkflowSummary; onClose: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [other, setOther] = useState<string[]>([]);

  async function create(values: Record<string, unknown>) {
    setBusy(true);
    try {
      const c = await api.createCase(workflow.key, values);
      navigate(`/cases/${c.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        const split = splitDetails(err.details);
        setErrors(split.fields);
        setOther(split.other.length || Object.keys(split.fields).length ? split.other : [err.message]);
      } else setOther([String(err)]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="new-case-title">
      <h2 id="new-case-title">
        {t.newCase}: {workflow.title}
      </h2>
      {other.map((m) => (
        <p key={m} className="error" role="alert">
          {m}
        </p>
      ))}
      <SchemaForm
        schema={workflow.startForm as FormSchema}
        submitLabel={t.create}
        busy={busy}
        errors={errors}
        onSubmit={create}
        onCancel={onClose}
      />
    </section>
  );
}
