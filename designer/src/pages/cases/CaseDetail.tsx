import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Field, StaffFunction } from '../../../../engine/definition';
import {
  checklistSignEvent,
  checklistUnsignEvent,
  correctionEvent,
  deadlinePassedEvent,
  freeTextEvents,
  groupActivityCorrectedEvent,
  groupActivityEvent,
  ownerEvent,
  timerHeldEvent,
  voidEvent,
} from '../../../../engine/history';
import { api, ApiError, type CaseView, type Links } from '../../lib/api';
import { formatDateTime, useI18n } from '../../lib/i18n';
import { changed, keys, queries } from '../../lib/query';
import { Link } from '../../components/Link';
import { functionNames } from '../../lib/team';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Confirm } from '../../components/ConfirmButton';
import { atField, fieldErrors, SchemaForm } from '../../components/FormFields';
import { CaseTime } from './CaseTime';
import { SignalCard } from './SignalCard';
import { InviteCard } from './InviteCard';
import { AccessPanel, DataCare } from './DataCare';

function showValue(field: Field | undefined, v: unknown, locale: 'nl' | 'en', yesNo: [string, string]): string {
  if (Array.isArray(v)) return v.map((x) => showValue(field, x, locale, yesNo)).join(', ');
  if (typeof v === 'boolean') return v ? yesNo[0] : yesNo[1];
  const o = field?.options?.find((x) => x.value === v);
  if (o) return (locale === 'en' && o.label.en) || o.label.nl;
  if (field?.type === 'date' && typeof v === 'string')
    return new Date(v).toLocaleDateString(locale === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long' });
  return String(v);
}

// History rows whose label says it all: their data is the record's own (a sign-off, a note or a
// signal with its text, an owner, what the scheduler recorded about time), not the case's fields.
const recordOnly = new Set([
  checklistSignEvent,
  checklistUnsignEvent,
  ...freeTextEvents,
  ownerEvent,
  deadlinePassedEvent,
  timerHeldEvent,
  correctionEvent,
  voidEvent,
  groupActivityEvent,
  groupActivityCorrectedEvent,
]);

const isStale = (err: unknown) => err instanceof ApiError && err.code === 'STALE_REVISION';

export function CaseDetail({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const caseQuery = useQuery(queries.case(id));
  const historyQuery = useQuery(queries.history(id));
  const linksQuery = useQuery(queries.links(id));
  const me = useQuery(queries.me()).data;
  const role = me?.role;
  const manager = role === 'manager' || role === 'admin';
  const c = caseQuery.data;
  const defQuery = useQuery(queries.workflowVersion(c?.workflow));
  const def = defQuery.data?.definition;
  const history = historyQuery.data;
  const links = linksQuery.data;
  // A worklist item links to the dossier with the action to take already open.
  const [active, setActive] = useState<string | undefined>(
    () => new URLSearchParams(location.search).get('actie') ?? undefined,
  );

  /** The step, its history row and the links are shown together, so they never disagree on screen. */
  async function show(next: CaseView, withLinks: boolean) {
    const [h, l] = await Promise.all([api.history(id), withLinks ? api.links(id) : undefined]);
    queryClient.setQueryData(keys.history(id), h);
    if (l) queryClient.setQueryData(keys.links(id), l);
    queryClient.setQueryData(keys.case(id), next);
  }
  // Someone else changed the case first: the latest is loaded and the person is told.
  const onStale = (err: unknown) => {
    if (!isStale(err)) return;
    setActive(undefined);
    void changed.caseMoved(id);
  };
  const send = useMutation({
    mutationFn: (e: { type: string; values: Record<string, unknown>; revision: number }) =>
      api.sendEvent(id, e.type, e.values, e.revision),
    onSuccess: async (next) => {
      await show(next, true);
      setActive(undefined);
      void changed.caseMoved(id, { fresh: true });
    },
    onError: onStale,
  });
  const sign = useMutation({
    mutationFn: (s: { item: string; signed: boolean; revision: number }) => api.sign(id, s.item, s.signed, s.revision),
    onSuccess: async (next) => {
      await show(next, false);
      void changed.caseSigned(id, { fresh: true });
    },
    onError: onStale,
  });
  // An action that closes the dossier is asked about first, with the values its form was given.
  const [ending, setEnding] = useState<{ type: string; values: Record<string, unknown> }>();
  const busy = send.isPending || sign.isPending;
  const failed = send.error ?? sign.error;
  const clear = () => {
    send.reset();
    sign.reset();
  };

  const back = (
    <Link to="/" className="back">
      ← {t.back}
    </Link>
  );
  const loadError = caseQuery.error ?? historyQuery.error ?? linksQuery.error ?? defQuery.error;
  if (loadError)
    return (
      <main className="page">
        {back}
        <ErrorMessage error={loadError} />
      </main>
    );
  // The dossier is shown whole: its data named by the definition, with its history and links.
  if (!c || !def || !history || !links)
    return (
      <main className="page">
        {back}
        <p>{t.loading}</p>
      </main>
    );

  const event = c.availableEvents.find((e) => e.type === active);
  // What is not this person's to do (their role or function) is not offered; the server refuses it too.
  const offered = c.availableEvents.filter((e) => e.blocked !== 'role' && e.blocked !== 'function');
  const fieldName = (k: string) =>
    def.fields[k] ? (locale === 'en' && def.fields[k].label.en) || def.fields[k].label.nl : k;
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
          {/* The outcome in words, when the step's name does not say it already. */}
          {c.outcome && (c.outcomeLabel ?? c.outcome) !== c.stateLabel && (
            <span className="badge">
              {t.outcome}: {c.outcomeLabel ?? c.outcome}
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

      {c.voided && (
        <p className="voided-banner" role="status">
          {locale === 'nl'
            ? 'Vervallen: deze casus is bij vergissing aangemaakt. Hij staat niet in lijsten en rapportage en wordt niet meer gewijzigd.'
            : 'Voided: this case was created by mistake. It is out of lists and reports and takes no changes.'}
        </p>
      )}
      {(c.progress.plannedEnd || c.progress.total > 0) && !c.done && <ProgressBar p={c.progress} />}
      <CaseTime timers={c.timers} deadlines={c.deadlines} />

      <div className="columns">
        <section className="card" aria-labelledby="actions-title">
          <h2 id="actions-title">{t.actions}</h2>
          {isStale(failed) ? (
            <p className="error" role="alert">
              {t.stale}
            </p>
          ) : (
            <ErrorMessage error={failed} omit={atField()} />
          )}
          {offered.length === 0 && <p>{c.done ? t.noActions : t.nothingForYou}</p>}
          <ul className="actions">
            {offered.map((e) => {
              const hasForm = Object.keys(e.form.properties).length > 0;
              const go = (values: Record<string, unknown>) =>
                e.ends
                  ? setEnding({ type: e.type, values })
                  : send.mutate({ type: e.type, values, revision: c.revision });
              return (
                <li key={e.type} className={e.ends ? 'ends' : undefined}>
                  <button
                    className={`${active === e.type ? 'primary' : ''}${e.ends ? ' danger' : ''}`}
                    disabled={!e.allowed || busy}
                    aria-expanded={hasForm ? active === e.type : undefined}
                    aria-describedby={
                      [e.reason && `reason-${e.type}`, e.ends && `ends-${e.type}`].filter(Boolean).join(' ') ||
                      undefined
                    }
                    onClick={() => {
                      clear();
                      setEnding(undefined);
                      if (!hasForm) go({});
                      else setActive(active === e.type ? undefined : e.type);
                    }}
                  >
                    {e.label}
                  </button>
                  {e.ends && (
                    <p id={`ends-${e.type}`} className="reason ends-note">
                      {t.endsCase}
                    </p>
                  )}
                  {e.reason && (
                    <p id={`reason-${e.type}`} className="reason">
                      <span className="visually-hidden">{t.notAllowed}: </span>
                      {e.reason}
                    </p>
                  )}
                  {event && event.type === e.type && (
                    <SchemaForm
                      key={`${c.revision}-${e.type}`}
                      schema={e.form}
                      submitLabel={e.label}
                      busy={busy}
                      errors={fieldErrors(send.error)}
                      onSubmit={go}
                      onCancel={() => {
                        setEnding(undefined);
                        setActive(undefined);
                      }}
                    />
                  )}
                  {ending?.type === e.type && (
                    <Confirm
                      label={e.label}
                      question={t.endsQuestion}
                      confirm={`${t.yes}, ${e.label.charAt(0).toLowerCase()}${e.label.slice(1)}`}
                      disabled={busy}
                      onConfirm={() => {
                        setEnding(undefined);
                        send.mutate({ type: e.type, values: ending.values, revision: c.revision });
                      }}
                      onCancel={() => setEnding(undefined)}
                    />
                  )}
                </li>
              );
            })}
          </ul>
        </section>

        <div className="side">
          {def.subject === 'student' && !c.done && <SignalCard caseId={id} />}
          {def.subject === 'student' && !c.done && (manager || !!me?.function) && <InviteCard caseId={id} />}
          <OwnersPanel id={id} />
          {(links.references.length > 0 || links.referencedBy.length > 0) && <LinksPanel links={links} />}
          {c.checklist.length > 0 && (
            <ChecklistPanel
              items={c.checklist}
              busy={busy || c.done}
              onSign={(item, signed) => {
                clear();
                sign.mutate({ item, signed, revision: c.revision });
              }}
            />
          )}

          <section className="card" aria-labelledby="data-title">
            <h2 id="data-title">{t.data}</h2>
            <dl className="data">
              {Object.entries(c.data).map(([k, v]) => (
                <div key={k}>
                  <dt>{fieldName(k)}</dt>
                  <dd>
                    {links.references.find((r) => r.field === k)?.case.title ??
                      showValue(def.fields[k], v, locale, yesNo)}
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
            <DataCare
              c={c}
              def={def}
              manager={manager}
              onChanged={async (next) => {
                await show(next, false);
                void changed.caseMoved(id, { fresh: true });
              }}
            />
          </section>
          {manager && <AccessPanel id={id} />}
        </div>
      </div>

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t.history}</h2>
        <ol className="timeline" data-testid="history">
          {[...history].reverse().map((h) => (
            <li key={h.revision}>
              <div className="when">{formatDateTime(h.at, locale)}</div>
              <div>
                <strong>{h.eventLabel}</strong> {t.by} <span title={h.actor}>{h.actorName}</span>
                <div className="muted">
                  {h.fromLabel && h.from !== h.to ? `${h.fromLabel} → ${h.toLabel}` : h.toLabel}
                </div>
                {freeTextEvents.has(h.event) &&
                  (typeof h.data.text === 'string' ? (
                    <p className="note-text">{h.data.text}</p>
                  ) : (
                    h.hidden?.includes('text') && <p className="screened">{t.screened}</p>
                  ))}
                {(h.event === groupActivityEvent || h.event === groupActivityCorrectedEvent) && (
                  <>
                    {typeof h.data.evaluation === 'string' && <p className="note-text">{h.data.evaluation}</p>}
                    {typeof h.data.reason === 'string' && (
                      <ul className="values">
                        <li>
                          {locale === 'nl' ? 'Reden' : 'Reason'}: {h.data.reason}
                        </li>
                      </ul>
                    )}
                  </>
                )}
                {(h.event === correctionEvent || h.event === voidEvent) && (
                  <ul className="values">
                    {h.event === correctionEvent && (
                      <li>
                        {fieldName(String(h.data.field))}:{' '}
                        {h.hidden?.includes(String(h.data.field)) ? (
                          <span className="screened">{t.screened}</span>
                        ) : (
                          `${h.data.from === undefined ? '–' : showValue(def.fields[String(h.data.field)], h.data.from, locale, yesNo)} → ${h.data.to === undefined ? '–' : showValue(def.fields[String(h.data.field)], h.data.to, locale, yesNo)}`
                        )}
                      </li>
                    )}
                    <li>
                      {locale === 'nl' ? 'Reden' : 'Reason'}:{' '}
                      {h.hidden?.includes('reason') ? (
                        <span className="screened">{t.screened}</span>
                      ) : (
                        String(h.data.reason)
                      )}
                    </li>
                  </ul>
                )}
                {Object.keys(h.data).length + (h.hidden?.length ?? 0) > 0 && !recordOnly.has(h.event) && (
                  <ul className="values">
                    {Object.entries(h.data).map(([k, v]) => (
                      <li key={k}>
                        {fieldName(k)}:{' '}
                        {links.references.find((r) => r.case.id === v)?.case.title ??
                          showValue(def.fields[k], v, locale, yesNo)}
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

/** Who is responsible for the case, one per function, and (for whoever works with the person) a choice. */
function OwnersPanel({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const owners = useQuery(queries.owners(id));
  const set = useMutation({
    mutationFn: (o: { fn: StaffFunction; user: number | null }) => api.setOwner(id, o.fn, o.user),
    onSuccess: (next) => {
      queryClient.setQueryData(keys.owners(id), next);
      void changed.caseOwned(id);
    },
  });
  const o = owners.data;
  if (owners.error) return <ErrorMessage error={owners.error} />;
  if (!o || o.slots.length === 0) return null;
  return (
    <section className="card owners" aria-labelledby="owners-title" data-testid="owners">
      <h2 id="owners-title">{t.responsible}</h2>
      <ErrorMessage error={set.error} />
      <dl className="data">
        {o.slots.map((slot) => {
          const current = o.owners.find((w) => w.function === slot.function);
          // Someone switched off stays named here, but is no longer offered.
          const choices = current && !current.user.active ? [current.user, ...slot.candidates] : slot.candidates;
          return (
            <div key={slot.function}>
              <dt>{functionNames[locale][slot.function]}</dt>
              <dd>
                {o.mayChange ? (
                  <select
                    aria-label={`${t.responsible}: ${functionNames[locale][slot.function]}`}
                    value={current?.user.id ?? ''}
                    disabled={set.isPending}
                    onChange={(e) =>
                      set.mutate({ fn: slot.function, user: e.target.value ? Number(e.target.value) : null })
                    }
                  >
                    <option value="">{t.nobodyYet}</option>
                    {choices.map((u) => (
                      <option key={u.id} value={u.id} disabled={!u.active}>
                        {u.displayName}
                        {u.active ? '' : ` (${t.switchedOff})`}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span title={current?.user.username}>{current?.user.displayName ?? t.nobodyYet}</span>
                )}
                {current && (
                  <div className="muted">
                    {t.ownerSince} {formatDateTime(current.since, locale)}, {t.by} {current.byName}
                  </div>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
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
        <input
          type="checkbox"
          checked={!!i.signed}
          disabled={busy || !i.maySign}
          aria-describedby={i.signers ? `signers-${i.id}` : undefined}
          onChange={(e) => onSign(i.id, e.target.checked)}
        />
        <span>{i.label}</span>
      </label>
      {i.signed && (
        <span className="muted signature">
          {t.signedBy} <span title={i.signed.by}>{i.signed.byName}</span> {t.on} {formatDateTime(i.signed.at, locale)}
        </span>
      )}
      {!i.maySign && i.signers && (
        <span id={`signers-${i.id}`} className="muted signers">
          {t.signers}: {i.signers}
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
  const byHalfDay = new Map<string, string[]>();
  for (const r of links.referencedBy)
    for (const v of r.overlapValues) byHalfDay.set(v, [...(byHalfDay.get(v) ?? []), r.title]);
  return (
    <section className="card" aria-labelledby="links-title">
      <h2 id="links-title">{locale === 'nl' ? 'Gekoppeld' : 'Linked'}</h2>
      {links.references.map((r) => (
        <p key={r.field}>
          {r.label}: <Link to={`/cases/${r.case.id}`}>{r.case.title}</Link>{' '}
          <span className="muted">({r.case.stateLabel})</span>
          {r.overlap.length > 0 && <span className="muted"> · {r.overlap.join(', ')}</span>}
        </p>
      ))}
      {links.referencedBy.length > 0 && (
        <>
          <ul className="linked">
            {links.referencedBy.map((r) => (
              <li key={r.id}>
                <Link to={`/cases/${r.id}`}>{r.title}</Link>{' '}
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
            {p.leaveDays ? (nl ? ` (${p.leaveDays} dagen verlof)` : ` (${p.leaveDays} days of leave)`) : ''}
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
