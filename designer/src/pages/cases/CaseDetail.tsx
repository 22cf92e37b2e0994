import { useCallback, useEffect, useState } from 'react';
import type { Definition, Field } from '../../../../engine/definition';
import { api, ApiError, type CaseView, type HistoryEntry, type Links } from '../../lib/api';
import { formatDateTime, useI18n } from '../../lib/i18n';
import { navigate } from '../../lib/router';
import { SchemaForm, splitDetails, type FieldErrors, type FormSchema } from '../../components/FormFields';

const definitions = new Map<string, Promise<Definition>>();
function definitionOf(key: string, version: number) {
  const id = `${key}@${version}`;
  if (!definitions.has(id))
    definitions.set(
      id,
      api.workflowVersion(key, version).then((r) => r.definition),
    );
  return definitions.get(id)!;
}

function showValue(field: Field | undefined, v: unknown, locale: 'nl' | 'en', yesNo: [string, string]): string {
  if (Array.isArray(v)) return v.map((x) => showValue(field, x, locale, yesNo)).join(', ');
  if (typeof v === 'boolean') return v ? yesNo[0] : yesNo[1];
  const o = field?.options?.find((x) => x.value === v);
  if (o) return (locale === 'en' && o.label.en) || o.label.nl;
  if (field?.type === 'date' && typeof v === 'string')
    return new Date(v).toLocaleDateString(locale === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long' });
  return String(v);
}

export function CaseDetail({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const [c, setCase] = useState<CaseView>();
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [links, setLinks] = useState<Links>();
  const [def, setDef] = useState<Definition>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  // A worklist item links to the dossier with the action to take already open.
  const [active, setActive] = useState<string | undefined>(
    () => new URLSearchParams(location.search).get('actie') ?? undefined,
  );
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const load = useCallback(async () => {
    try {
      const [fresh, h, l] = await Promise.all([api.getCase(id), api.history(id), api.links(id)]);
      setCase(fresh);
      setHistory(h.items);
      setLinks(l);
      setDef(await definitionOf(fresh.workflow.key, fresh.workflow.version));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load, locale]);

  async function sign(item: string, signed: boolean) {
    if (!c) return;
    setBusy(true);
    setNotice(undefined);
    try {
      const next = await api.sign(c.id, item, signed, c.revision);
      const h = await api.history(id);
      setCase(next);
      setHistory(h.items);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'STALE_REVISION') {
        setNotice(t.stale);
        await load();
      } else setNotice(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  async function send(type: string, values: Record<string, unknown>) {
    if (!c) return;
    setBusy(true);
    setNotice(undefined);
    try {
      const next = await api.sendEvent(c.id, type, values, c.revision);
      // Shown together, so the step and its history row never disagree on screen.
      const [h, l] = await Promise.all([api.history(id), api.links(id)]);
      setCase(next);
      setHistory(h.items);
      setLinks(l);
      setActive(undefined);
      setFieldErrors({});
    } catch (err) {
      if (err instanceof ApiError && err.code === 'STALE_REVISION') {
        setActive(undefined);
        setNotice(t.stale);
        await load();
      } else if (err instanceof ApiError) {
        const split = splitDetails(err.details);
        setFieldErrors(split.fields);
        setNotice(
          Object.keys(split.fields).length
            ? err.message
            : [err.message, ...split.other.filter((m) => m !== err.message)].join(' '),
        );
      } else setNotice(String(err));
    } finally {
      setBusy(false);
    }
  }

  const back = (
    <a
      href="/"
      className="back"
      onClick={(e) => {
        e.preventDefault();
        navigate('/');
      }}
    >
      ← {t.back}
    </a>
  );
  if (error)
    return (
      <main className="page">
        {back}
        <p className="error" role="alert">
          {error}
        </p>
      </main>
    );
  if (!c)
    return (
      <main className="page">
        {back}
        <p>{t.loading}</p>
      </main>
    );

  const event = c.availableEvents.find((e) => e.type === active);
  const fieldName = (k: string) =>
    def?.fields[k] ? (locale === 'en' && def.fields[k].label.en) || def.fields[k].label.nl : k;
  const yesNo: [string, string] = [t.yes, t.no];
  return (
    <main className="page">
      {back}
      <header className="case-head">
        <h1>{c.title}</h1>
        <p className="muted">
          {c.workflow.title} · v{c.workflow.version}
        </p>
        <p className="state" aria-live="polite">
          <span className="state-label" data-testid="state">
            {c.stateLabel}
          </span>
          {c.outcome && (
            <span className="badge">
              {t.outcome}: {c.outcome}
            </span>
          )}
          {!c.done && (
            <span className="muted">
              {' '}
              · {t.since} {formatDateTime(c.stepEnteredAt, locale)}
            </span>
          )}
        </p>
      </header>

      {(c.progress.plannedEnd || c.progress.total > 0) && !c.done && <ProgressBar p={c.progress} />}

      <div className="columns">
        <section className="card" aria-labelledby="actions-title">
          <h2 id="actions-title">{t.actions}</h2>
          {notice && (
            <p className="error" role="alert">
              {notice}
            </p>
          )}
          {c.availableEvents.length === 0 && <p>{t.noActions}</p>}
          <ul className="actions">
            {c.availableEvents.map((e) => (
              <li key={e.type}>
                <button
                  className={active === e.type ? 'primary' : ''}
                  disabled={!e.allowed || busy}
                  aria-expanded={active === e.type}
                  aria-describedby={e.reason ? `reason-${e.type}` : undefined}
                  onClick={() => {
                    setNotice(undefined);
                    setFieldErrors({});
                    if (Object.keys((e.form as FormSchema).properties).length === 0) void send(e.type, {});
                    else setActive(active === e.type ? undefined : e.type);
                  }}
                >
                  {e.label}
                </button>
                {e.reason && (
                  <p id={`reason-${e.type}`} className="reason">
                    <span className="visually-hidden">{t.notAllowed}: </span>
                    {e.reason}
                  </p>
                )}
                {event && event.type === e.type && (
                  <SchemaForm
                    key={`${c.revision}-${e.type}`}
                    schema={e.form as FormSchema}
                    submitLabel={e.label}
                    busy={busy}
                    errors={fieldErrors}
                    onSubmit={(values) => void send(e.type, values)}
                    onCancel={() => setActive(undefined)}
                  />
                )}
              </li>
            ))}
          </ul>
        </section>

        <div className="side">
          {links && (links.references.length > 0 || links.referencedBy.length > 0) && <LinksPanel links={links} />}
          {c.checklist.length > 0 && (
            <ChecklistPanel
              items={c.checklist}
              busy={busy || c.done}
              onSign={(item, signed) => void sign(item, signed)}
            />
          )}

          <section className="card" aria-labelledby="data-title">
            <h2 id="data-title">{t.data}</h2>
            <dl className="data">
              {Object.entries(c.data).map(([k, v]) => (
                <div key={k}>
                  <dt>{fieldName(k)}</dt>
                  <dd>
                    {links?.references.find((r) => r.field === k)?.case.title ??
                      showValue(def?.fields[k], v, locale, yesNo)}
                  </dd>
                </div>
              ))}
              {c.hidden?.map((k) => (
                <div key={k}>
                  <dt>{fieldName(k)}</dt>
                  <dd className="screened">{t.screened}</dd>
                </div>
              ))}
            </dl>
          </section>
        </div>
      </div>

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t.history}</h2>
        <ol className="timeline" data-testid="history">
          {[...history].reverse().map((h) => (
            <li key={h.revision}>
              <div className="when">{formatDateTime(h.at, locale)}</div>
              <div>
                <strong>{h.eventLabel}</strong> {t.by} {h.actor}
                <div className="muted">
                  {h.fromLabel && h.from !== h.to ? `${h.fromLabel} → ${h.toLabel}` : h.toLabel}
                </div>
                {Object.keys(h.data).length + (h.hidden?.length ?? 0) > 0 && !h.event.startsWith('checklist.') && (
                  <ul className="values">
                    {Object.entries(h.data).map(([k, v]) => (
                      <li key={k}>
                        {fieldName(k)}:{' '}
                        {links?.references.find((r) => r.case.id === v)?.case.title ??
                          showValue(def?.fields[k], v, locale, yesNo)}
                      </li>
                    ))}
                    {h.hidden?.map((k) => (
                      <li key={k}>
                        {fieldName(k)}: <span className="screened">{t.screened}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}

type Item = CaseView['checklist'][number];

/** The aftekenlijst: this step's items up front, the whole list by step below. */
function ChecklistPanel({
  items,
  busy,
  onSign,
}: {
  items: Item[];
  busy: boolean;
  onSign: (item: string, signed: boolean) => void;
}) {
  const { t, locale } = useI18n();
  const current = items.filter((i) => i.current);
  const byStep = new Map<string, Item[]>();
  for (const i of items) byStep.set(i.stepLabel, [...(byStep.get(i.stepLabel) ?? []), i]);
  const counted = items.filter((i) => i.relevant);
  const done = counted.filter((i) => i.signed).length;
  const row = (i: Item) => (
    <li key={i.id} className={`${i.signed ? 'signed' : ''}${i.relevant ? '' : ' other-route'}`}>
      <label className="check">
        <input type="checkbox" checked={!!i.signed} disabled={busy} onChange={(e) => onSign(i.id, e.target.checked)} />
        <span>{i.label}</span>
      </label>
      {i.signed && (
        <span className="muted signature">
          {t.signedBy} {i.signed.by} {t.on} {formatDateTime(i.signed.at, locale)}
        </span>
      )}
    </li>
  );
  return (
    <section className="card checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title">
        {t.checklist}{' '}
        <span className="muted">
          ({done}/{counted.length} {t.signedCount})
        </span>
      </h2>
      {current.length > 0 && (
        <>
          <h3>{t.checklistNow}</h3>
          <ul data-testid="checklist-now">{current.map(row)}</ul>
        </>
      )}
      <details>
        <summary>{t.checklistAll}</summary>
        {[...byStep.entries()].map(([step, list]) => (
          <div key={step}>
            <h3>{step}</h3>
            <ul>{list.map(row)}</ul>
          </div>
        ))}
      </details>
    </section>
  );
}

const days = [
  ['ma', 'maandag', 'Monday'],
  ['di', 'dinsdag', 'Tuesday'],
  ['wo', 'woensdag', 'Wednesday'],
  ['do', 'donderdag', 'Thursday'],
  ['vr', 'vrijdag', 'Friday'],
] as const;

/** Who this case is linked to: a client's student, or a student's clients in a week of half-days. */
function LinksPanel({ links }: { links: Links }) {
  const { locale } = useI18n();
  const open = (id: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    navigate(`/cases/${id}`);
  };
  const byHalfDay = new Map<string, string[]>();
  for (const r of links.referencedBy)
    for (const v of r.overlapValues) byHalfDay.set(v, [...(byHalfDay.get(v) ?? []), r.title]);
  return (
    <section className="card" aria-labelledby="links-title">
      <h2 id="links-title">{locale === 'nl' ? 'Gekoppeld' : 'Linked'}</h2>
      {links.references.map((r) => (
        <p key={r.field}>
          {r.label}:{' '}
          <a href={`/cases/${r.case.id}`} onClick={open(r.case.id)}>
            {r.case.title}
          </a>{' '}
          <span className="muted">({r.case.stateLabel})</span>
          {r.overlap.length > 0 && <span className="muted"> · {r.overlap.join(', ')}</span>}
        </p>
      ))}
      {links.referencedBy.length > 0 && (
        <>
          <ul className="linked">
            {links.referencedBy.map((r) => (
              <li key={r.id}>
                <a href={`/cases/${r.id}`} onClick={open(r.id)}>
                  {r.title}
                </a>{' '}
                <span className="muted">
                  ({r.stateLabel}) · {r.overlap.join(', ')}
                </span>
              </li>
            ))}
          </ul>
          <table className="week" data-testid="week">
            <caption className="visually-hidden">
              {locale === 'nl' ? 'Dagdelen deze week' : 'Half-days this week'}
            </caption>
            <thead>
              <tr>
                <th />
                <th scope="col">{locale === 'nl' ? 'ochtend' : 'morning'}</th>
                <th scope="col">{locale === 'nl' ? 'middag' : 'afternoon'}</th>
              </tr>
            </thead>
            <tbody>
              {days.map(([code, nl, en]) => (
                <tr key={code}>
                  <th scope="row">{locale === 'nl' ? nl : en}</th>
                  {['ochtend', 'middag'].map((part) => (
                    <td key={part}>{byHalfDay.get(`${code}-${part}`)?.join(', ') ?? '–'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** Where the student stands: the signed share of the sign-off list against the time gone by. */
function ProgressBar({ p }: { p: CaseView['progress'] }) {
  const { locale } = useI18n();
  const nl = locale === 'nl';
  const date = (d: string) =>
    new Date(`${d}T12:00:00Z`).toLocaleDateString(nl ? 'nl-NL' : 'en-GB', { dateStyle: 'long' });
  return (
    <section
      className={`progress card${p.behind ? ' behind' : ''}`}
      aria-label={nl ? 'Voortgang' : 'Progress'}
      data-testid="progress"
    >
      <div>
        <strong>
          {p.signed} {nl ? 'van' : 'of'} {p.total} {nl ? 'afgetekend' : 'signed'}
        </strong>
        {p.plannedEnd && (
          <span className="muted">
            {' '}
            · {nl ? 'gepland einde' : 'planned end'} {date(p.plannedEnd)}
          </span>
        )}
        {p.behind && <span className="flag">{nl ? 'Loopt achter op schema' : 'Behind schedule'}</span>}
      </div>
      <div className="bars" aria-hidden="true">
        <div className="bar signed" style={{ width: `${p.total ? (100 * p.signed) / p.total : 0}%` }} />
        {p.elapsed !== undefined && <div className="bar elapsed" style={{ width: `${100 * p.elapsed}%` }} />}
      </div>
    </section>
  );
}
