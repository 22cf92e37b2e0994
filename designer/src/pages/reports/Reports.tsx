import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Outcomes, OutcomesQuery } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { queries } from '../../lib/query';
import { PageHead } from '../../components/PageHead';
import { Table } from '../../components/Table';
import { ErrorMessage } from '../../components/ErrorMessage';

const words = {
  nl: {
    title: 'Rapportage voor de stuurgroep',
    intro: 'Alle cijfers komen uit de dossiers en hun geschiedenis; niets is met de hand ingevuld.',
    from: 'Van (startdatum)',
    to: 'Tot en met',
    print: 'Afdrukken',
    key: 'Kerncijfers',
    started: 'Gestart',
    diplomas: "Diploma's",
    // A soft hyphen: the word is wider than a tile on a tablet.
    rate: 'Diploma\u00ADpercentage',
    target: 'doel',
    toDest: 'Met diploma naar werk of opleiding',
    without: 'Zonder diploma vertrokken',
    running: 'Nog bezig',
    cohorts: 'Per cohort (startmoment)',
    cohort: 'Cohort',
    groups: 'Per',
    flow: 'Doorstroom: waar staan dossiers nu, en hoe lang duurt een stap',
    step: 'Stap',
    open: 'Nu in deze stap',
    median: 'Mediaan (dagen)',
    spread: 'Spreiding (25–75%)',
    exits: 'Waar studenten zonder diploma vertrekken',
    reasons: 'Redenen van vertrek',
    count: 'Aantal',
    capacity: 'Capaciteit',
    places: 'plaatsen',
    under: 'Let op: de groep is kleiner dan het minimum van',
    care: 'Informele zorg',
    careGiven: (n: number) => `uit ${n} ${n === 1 ? 'vastgelegd bezoek' : 'vastgelegde bezoeken'}`,
    carePlanned: (n: number) => `${n} ${n === 1 ? 'dagdeel' : 'dagdelen'} volgens de planning`,
    hours: 'uur hulp geleverd',
    of: 'van',
    clients: 'klanten',
    csv: 'CSV',
    none: 'Nog geen studenten in deze periode.',
    noFlow: 'Nog geen dossiers.',
    noExits: 'Nog niemand zonder diploma vertrokken.',
    noReasons: 'Nog geen redenen vastgelegd in deze periode.',
    period: 'periode',
  },
  en: {
    title: 'Report for the steering group',
    intro: 'Every figure comes from the cases and their history; nothing is typed in.',
    from: 'From (start date)',
    to: 'Up to and including',
    print: 'Print',
    key: 'Key figures',
    started: 'Started',
    diplomas: 'Diplomas',
    rate: 'Diploma rate',
    target: 'target',
    toDest: 'With a diploma to work or education',
    without: 'Left without a diploma',
    running: 'Still running',
    cohorts: 'Per cohort (start moment)',
    cohort: 'Cohort',
    groups: 'Per',
    flow: 'Flow: where cases are now, and how long a step takes',
    step: 'Step',
    open: 'In this step now',
    median: 'Median (days)',
    spread: 'Spread (25–75%)',
    exits: 'Where students leave without a diploma',
    reasons: 'Reasons for leaving',
    count: 'Count',
    capacity: 'Capacity',
    places: 'places',
    under: 'Note: the group is smaller than the minimum of',
    care: 'Informal care',
    careGiven: (n: number) => `from ${n} recorded visit${n === 1 ? '' : 's'}`,
    carePlanned: (n: number) => `${n} half-day${n === 1 ? '' : 's'} planned`,
    hours: 'hours of help delivered',
    of: 'of',
    clients: 'clients',
    csv: 'CSV',
    none: 'No students in this period yet.',
    noFlow: 'No cases yet.',
    noExits: 'No one has left without a diploma yet.',
    noReasons: 'No reasons recorded in this period yet.',
    period: 'period',
  },
};

const pct = (r: number | undefined) => (r === undefined ? '–' : `${Math.round(r * 100)}%`);
const days = (d: number | undefined) => (d === undefined ? '–' : Math.round(d).toString());

function CsvLink({ table, period, label }: { table: string; period: OutcomesQuery; label: string }) {
  const q = new URLSearchParams({ table, ...Object.fromEntries(Object.entries(period).filter(([, v]) => v)) });
  return (
    <a className="csv no-print" href={`/api/metrics/outcomes.csv?${q}`} download>
      {label}
    </a>
  );
}

export function Reports() {
  const { locale } = useI18n();
  const w = words[locale];
  const [period, setPeriod] = useState<OutcomesQuery>({});
  const outcomes = useQuery({ ...queries.outcomes(period), placeholderData: keepPreviousData });
  const report = outcomes.data;

  const t = report?.totals;
  const groupTitle = report?.groupField ? `${w.groups} ${report.groupField.toLowerCase()}` : '';
  const figures = (rows: Outcomes['byCohort'], first: string) => (
    <Table className="report-table" columns={[first, w.started, w.diplomas, w.rate, w.toDest, w.without, w.running]}>
      {rows.map((g) => (
        <tr key={g.key}>
          <th scope="row">{g.label}</th>
          <td>{g.started}</td>
          <td>{g.diplomas}</td>
          <td>{pct(g.rate)}</td>
          <td>{g.toDestination}</td>
          <td>{g.without}</td>
          <td>{g.running}</td>
        </tr>
      ))}
    </Table>
  );

  return (
    <main className="page report">
      <PageHead title={w.title} intro={w.intro} print={w.print} />
      <div className="filters no-print" role="group" aria-label={w.period}>
        <label className="field">
          <span className="label">{w.from}</span>
          <input
            type="date"
            value={period.from ?? ''}
            onChange={(e) => setPeriod({ ...period, from: e.target.value || undefined })}
          />
        </label>
        <label className="field">
          <span className="label">{w.to}</span>
          <input
            type="date"
            value={period.to ?? ''}
            onChange={(e) => setPeriod({ ...period, to: e.target.value || undefined })}
          />
        </label>
      </div>
      <ErrorMessage error={outcomes.error} />
      {report && t && (
        <>
          <section aria-labelledby="key-title">
            <h2 id="key-title">{w.key}</h2>
            <div className="kpis" data-testid="kpis">
              <div className="kpi">
                <span className="kpi-value">{t.started}</span>
                <span>{w.started}</span>
              </div>
              <div className="kpi">
                <span className="kpi-value">{t.diplomas}</span>
                <span>{w.diplomas}</span>
              </div>
              <div
                className={`kpi ${t.rate !== undefined && report.target !== undefined ? (t.rate >= report.target ? 'good' : 'bad') : ''}`}
              >
                <span className="kpi-value" data-testid="rate">
                  {pct(t.rate)}
                </span>
                <span>
                  {w.rate} ({w.target} {pct(report.target)})
                </span>
              </div>
              <div className="kpi">
                <span className="kpi-value" data-testid="to-destination">
                  {t.toDestination}
                </span>
                <span>{w.toDest}</span>
              </div>
              <div className="kpi">
                <span className="kpi-value" data-testid="without">
                  {t.without}
                </span>
                <span>{w.without}</span>
              </div>
              <div className="kpi">
                <span className="kpi-value">{t.running}</span>
                <span>{w.running}</span>
              </div>
            </div>
          </section>

          {t.started === 0 ? (
            <p>{w.none}</p>
          ) : (
            <>
              <section className="card" aria-labelledby="cohort-title">
                <h2 id="cohort-title">
                  {w.cohorts} <CsvLink table="cohorts" period={period} label={w.csv} />
                </h2>
                <div className="chart" aria-hidden="true">
                  <ResponsiveContainer width="100%" height={260}>
                    <BarChart
                      data={report.byCohort.map((g) => ({
                        name: g.label,
                        [w.diplomas]: g.diplomas,
                        [w.without]: g.without,
                        [w.running]: g.running,
                      }))}
                    >
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="name" />
                      <YAxis allowDecimals={false} />
                      <Tooltip />
                      <Legend />
                      <Bar dataKey={w.diplomas} stackId="a" fill="#0b6e4f" isAnimationActive={false} />
                      <Bar dataKey={w.without} stackId="a" fill="#c2410c" isAnimationActive={false} />
                      <Bar dataKey={w.running} stackId="a" fill="#94a3b8" isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
                {figures(report.byCohort, w.cohort)}
              </section>

              {report.byGroup.length > 0 && (
                <section className="card" aria-labelledby="group-title">
                  <h2 id="group-title">
                    {groupTitle} <CsvLink table="groups" period={period} label={w.csv} />
                  </h2>
                  {figures(report.byGroup, report.groupField ?? '')}
                </section>
              )}
            </>
          )}

          <div className="columns">
            <section className="card" aria-labelledby="capacity-title">
              <h2 id="capacity-title">{w.capacity}</h2>
              {report.capacity.map((c) => (
                <div key={c.workflow} className="meter">
                  <div className="meter-head">
                    <strong>{c.title}</strong>
                    <span>
                      {c.now} {c.places ? `${w.of} ${c.places} ${w.places}` : ''}
                    </span>
                  </div>
                  {c.places && <progress max={c.places} value={Math.min(c.now, c.places)} aria-label={c.title} />}
                  {c.warning && (
                    <p className="error" role="status">
                      {w.under} {c.minimum}.
                    </p>
                  )}
                </div>
              ))}
            </section>
            <section className="card" aria-labelledby="care-title">
              <h2 id="care-title">{w.care}</h2>
              {report.care.map((c) => (
                <div key={c.from} className="meter">
                  <div className="meter-head">
                    <strong data-testid="care-hours">
                      {c.hours.toLocaleString(locale === 'en' ? 'en-GB' : 'nl-NL')} {w.hours}
                    </strong>
                    <span>
                      {w.of} {c.target?.toLocaleString(locale === 'en' ? 'en-GB' : 'nl-NL')} ({c.from} – {c.to},{' '}
                      {c.clients} {w.clients})
                    </span>
                  </div>
                  <p className="muted" data-testid="care-planned">
                    {w.careGiven(c.sessions)} · {w.carePlanned(c.plannedHalfDays)}
                  </p>
                  {c.target ? (
                    <progress max={c.target} value={Math.min(c.hours, c.target)} aria-label={w.care} />
                  ) : null}
                </div>
              ))}
            </section>
          </div>

          <section className="card" aria-labelledby="flow-title">
            <h2 id="flow-title">
              {w.flow} <CsvLink table="flow" period={period} label={w.csv} />
            </h2>
            {report.flow.length === 0 ? (
              <p className="muted">{w.noFlow}</p>
            ) : (
              <Table className="report-table" columns={[w.step, w.open, w.median, w.spread]}>
                {report.flow.map((f) => (
                  <tr key={`${f.workflow} ${f.state}`}>
                    <th scope="row">{f.label}</th>
                    <td>{f.open}</td>
                    <td>{days(f.medianDays)}</td>
                    <td>{f.p25Days === undefined ? '–' : `${days(f.p25Days)}–${days(f.p75Days)}`}</td>
                  </tr>
                ))}
              </Table>
            )}
          </section>

          <div className="columns">
            <section className="card" aria-labelledby="exits-title">
              <h2 id="exits-title">
                {w.exits} <CsvLink table="exits" period={period} label={w.csv} />
              </h2>
              {report.exits.length === 0 ? (
                <p className="muted">{w.noExits}</p>
              ) : (
                <Table className="report-table">
                  {report.exits.map((e) => (
                    <tr key={`${e.workflow} ${e.state}`}>
                      <th scope="row">{e.label}</th>
                      <td>{e.count}</td>
                    </tr>
                  ))}
                </Table>
              )}
            </section>
            <section className="card" aria-labelledby="reasons-title">
              <h2 id="reasons-title">{w.reasons}</h2>
              {t.reasons.length === 0 ? (
                <p className="muted">{w.noReasons}</p>
              ) : (
                <Table className="report-table">
                  {t.reasons.map((r) => (
                    <tr key={r.reason}>
                      <th scope="row">{r.reason}</th>
                      <td>{r.count}</td>
                    </tr>
                  ))}
                </Table>
              )}
            </section>
          </div>
        </>
      )}
    </main>
  );
}
