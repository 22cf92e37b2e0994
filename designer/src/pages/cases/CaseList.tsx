import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, type WorkflowSummary } from '../../lib/api';
import { formatDateTime, useI18n } from '../../lib/i18n';
import { changed, queries } from '../../lib/query';
import { useDebounced } from '../../lib/debounce';
import { navigate } from '../../lib/router';
import { PageHead } from '../../components/PageHead';
import { Link } from '../../components/Link';
import { Table } from '../../components/Table';
import { ErrorMessage } from '../../components/ErrorMessage';
import { atField, fieldErrors, SchemaForm } from '../../components/FormFields';

const pageSize = 25;

export function CaseList() {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState({ workflow: '', q: '', offset: 0, mine: false });
  const [creating, setCreating] = useState<WorkflowSummary>();
  const workflows = useQuery(queries.workflows());
  // Typing asks once it pauses; a cleared search asks at once.
  const q = useDebounced(filter.q, filter.q ? 250 : 0);
  const list = useQuery({
    ...queries.cases({ ...filter, q, mine: filter.mine || undefined, limit: pageSize }),
    placeholderData: keepPreviousData,
  });
  const error = workflows.error ?? list.error;

  return (
    <main className="page">
      <PageHead title={t.cases}>
        <div className="new-case" role="group" aria-label={t.newCase}>
          {workflows.data?.map((w) => (
            <button key={w.key} className="primary" onClick={() => setCreating(w)}>
              + {w.title}
            </button>
          ))}
        </div>
      </PageHead>
      {creating && <NewCase key={creating.key} workflow={creating} onClose={() => setCreating(undefined)} />}
      <div className="filters">
        <div className="segmented" role="group" aria-label={t.whose}>
          {(
            [
              [false, t.allCases],
              [true, t.myCases],
            ] as const
          ).map(([mine, label]) => (
            <button
              key={label}
              aria-pressed={filter.mine === mine}
              className={filter.mine === mine ? 'primary' : ''}
              onClick={() => setFilter({ ...filter, mine, offset: 0 })}
            >
              {label}
            </button>
          ))}
        </div>
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
          {workflows.data?.map((w) => (
            <option key={w.key} value={w.key}>
              {w.title}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={error} />
      {!list.data ? (
        !error && <p>{t.loading}</p>
      ) : list.data.items.length === 0 ? (
        <p>{filter.mine ? t.noMyCases : t.noCases}</p>
      ) : (
        <>
          <Table className="cases" columns={[t.name, t.process, t.step, t.updated]}>
            {list.data.items.map((c) => (
              // The whole row opens the dossier; a click on its link has done so already.
              <tr key={c.id} onClick={(e) => !e.defaultPrevented && navigate(`/cases/${c.id}`)}>
                <td>
                  <Link to={`/cases/${c.id}`}>{c.title}</Link>
                </td>
                <td>{c.workflow.title}</td>
                <td>
                  {c.stateLabel}
                  {c.done && <span className="badge">{t.done}</span>}
                </td>
                <td>{formatDateTime(c.updatedAt, locale)}</td>
              </tr>
            ))}
          </Table>
          <nav className="pager" aria-label="pagina's">
            <button
              disabled={filter.offset === 0}
              onClick={() => setFilter({ ...filter, offset: Math.max(0, filter.offset - pageSize) })}
            >
              {t.previous}
            </button>
            <span>
              {list.data.offset + 1}–{list.data.offset + list.data.items.length} {t.of} {list.data.total}
            </span>
            <button
              disabled={list.data.offset + list.data.items.length >= list.data.total}
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
  const create = useMutation({
    mutationFn: (values: Record<string, unknown>) => api.createCase(workflow.key, values),
    onSuccess: (c) => {
      void changed.caseMoved();
      navigate(`/cases/${c.id}`);
    },
  });

  return (
    <section className="card" aria-labelledby="new-case-title">
      <h2 id="new-case-title">
        {t.newCase}: {workflow.title}
      </h2>
      <ErrorMessage error={create.error} omit={atField()} />
      <SchemaForm
        schema={workflow.startForm}
        submitLabel={t.create}
        busy={create.isPending}
        errors={fieldErrors(create.error)}
        onSubmit={(values) => create.mutate(values)}
        onCancel={onClose}
      />
    </section>
  );
}
