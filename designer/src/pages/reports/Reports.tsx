import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, type Outcomes, type OutcomesQuery } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { changed, queries } from '../../lib/query';
import { smallGroupMinimumRange, withheldText } from '../../../../engine/small-groups';
import type { Shown } from '../../../../engine/reports';
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
    lasting: 'Blijvende uitstroom (nazorg)',
    lastingIntro: (n: string) =>
      `Van de ${n} met diploma naar werk of opleiding: waar staan zij bij de nazorg? (De controle van de gemeente: niet terug in de kaartenbakken.)`,
    moment: 'Moment',
    checked: 'Nagevraagd',
    stillThere: 'Nog aan het werk of op school',
    returned: 'Terug in een uitkering',
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
    waiting: (n: string) => `Wachtlijst: ${n} wachtend`,
    waitingMedian: (d: string) => `mediaan ${d} dagen`,
    waitingDays: 'Dagen op de lijst, eerste eerst',
    placesLabel: (title: string) => `Plaatsen: ${title}`,
    placesSave: 'Plaatsen instellen',
    care: 'Informele zorg',
    careGiven: (n: number) => `uit ${n} ${n === 1 ? 'vastgelegd bezoek' : 'vastgelegde bezoeken'}`,
    carePlanned: (n: number) => `${n} ${n === 1 ? 'dagdeel' : 'dagdelen'} volgens de planning`,
    hours: 'uur hulp geleverd',
    of: 'van',
    clients: 'klanten',
    csv: 'CSV',
    reciprocity: 'Wederdienst (wederkerigheid)',
    reciprocityIntro: (title: string) =>
      `${title}: klanten geven de student iets terug, bijvoorbeeld Nederlands oefenen. Per jaar waarin de klantovereenkomst is getekend.`,
    year: 'Jaar',
    agreements: 'Overeenkomsten',
    agreed: 'Wederdienst afgesproken',
    gave: 'Wederdienst gegeven',
    total: 'Totaal',
    noAgreements: 'Nog geen klantovereenkomsten in deze periode.',
    none: 'Nog geen studenten in deze periode.',
    noFlow: 'Nog geen dossiers.',
    noExits: 'Nog niemand zonder diploma vertrokken.',
    noReasons: 'Nog geen redenen vastgelegd in deze periode.',
    period: 'periode',
    allYears:
      'Over alle jaren, per cohort: de stuurgroep kiest geen periode, zodat twee periodes van elkaar afgetrokken geen kleine groep laten zien.',
    withheld: (n: number) =>
      `Een groep van minder dan ${n} personen staat er als "< ${n}"; een "x" is weggelaten, zodat zo'n groep niet uit de andere cijfers terug te rekenen is.`,
    smallGroups: 'Kleine groepen voor de stuurgroep',
    smallGroupsIntro: (n: number) =>
      `De stuurgroep ziet een groep kleiner dan ${n} als "< ${n}", in deze pagina en in de CSV's.`,
    minimum: 'Kleinste groep die de stuurgroep als getal ziet',
    save: 'Opslaan',
    saved: 'Opgeslagen',
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
    lasting: 'Lasting outflow (follow-up)',
    lastingIntro: (n: string) =>
      `Of the ${n} with a diploma to work or education: where does the follow-up find them? (The municipality's check: not back on benefits.)`,
    moment: 'Moment',
    checked: 'Followed up',
    stillThere: 'Still in work or education',
    returned: 'Back on benefits',
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
    waiting: (n: string) => `Waiting list: ${n} waiting`,
    waitingMedian: (d: string) => `median ${d} days`,
    waitingDays: 'Days on the list, first first',
    placesLabel: (title: string) => `Places: ${title}`,
    placesSave: 'Set places',
    care: 'Informal care',
    careGiven: (n: number) => `from ${n} recorded visit${n === 1 ? '' : 's'}`,
    carePlanned: (n: number) => `${n} half-day${n === 1 ? '' : 's'} planned`,
    hours: 'hours of help delivered',
    of: 'of',
    clients: 'clients',
    csv: 'CSV',
    reciprocity: 'Service in return (reciprocity)',
    reciprocityIntro: (title: string) =>
      `${title}: clients give the student something back, for example practising Dutch. Per year the client agreement was signed.`,
    year: 'Year',
    agreements: 'Agreements',
    agreed: 'Service in return agreed',
    gave: 'Service in return given',
    total: 'Total',
    noAgreements: 'No client agreements in this period yet.',
    none: 'No students in this period yet.',
    noFlow: 'No cases yet.',
    noExits: 'No one has left without a diploma yet.',
    noReasons: 'No reasons recorded in this period yet.',
    period: 'period',
    allYears:
      'Over all years, per cohort: the steering group picks no period, so two periods subtracted from each other show no small group.',
    withheld: (n: number) =>
      `A group of fewer than ${n} people shows as "< ${n}"; an "x" is left out, so that such a group cannot be worked back out from the other figures.`,
    smallGroups: 'Small groups for the steering group',
    smallGroupsIntro: (n: number) =>
      `The steering group sees a group smaller than ${n} as "< ${n}", on this page and in the CSVs.`,
    minimum: 'Smallest group the steering group sees as a number',
    save: 'Save',
    saved: 'Saved',
  },
};

/** The figures of the report in words: a number, a rate or days, or how it is withheld. */
function formats(minimum: number) {
  // "< 5" stays on one line in a narrow column.
  const as = (v: Shown | undefined, f: (n: number) => string) =>
    v === undefined ? '–' : (withheldText(v, minimum)?.replace(' ', '\u00A0') ?? f(v as number));
  return {
    count: (v: Shown) => as(v, String),
    pct: (r: Shown | undefined) => as(r, (n) => `${Math.round(n * 100)}%`),
    days: (d: Shown | undefined) => as(d, (n) => Math.round(n).toString()),
    /** What a chart or a meter may draw: nothing for a withheld figure. */
    value: (v: Shown) => (typeof v === 'number' ? v : null),
  };
}

function CsvLink({ table, period, label }: { table: string; period: OutcomesQuery; label: string }) {
  const q = new URLSearchParams({ table, ...Object.fromEntries(Object.entries(period).filter(([, v]) => v)) });
  return (
    <a className="csv no-print" href={`/api/metrics/outcomes.csv?${q}`} download>
      {label}
    </a>
  );
}

/** The projectleider sets the smallest group the stuurgroep sees as a number. */
function SmallGroupsSetting({ minimum, w }: { minimum: number; w: (typeof words)['nl'] }) {
  const [value, setValue] = useState(String(minimum));
  const save = useMutation({ mutationFn: api.setSmallGroups, onSuccess: () => void changed.smallGroups() });
  return (
    <section className="card no-print" aria-labelledby="small-groups-title">
      <h2 id="small-groups-title">{w.smallGroups}</h2>
      <p className="muted">{w.smallGroupsIntro(minimum)}</p>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(Number(value));
        }}
      >
        <label className="field">
          <span className="label">{w.minimum}</span>
          <input
            type="number"
            min={smallGroupMinimumRange.minimum}
            max={smallGroupMinimumRange.maximum}
            required
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <button type="submit" disabled={save.isPending}>
          {w.save}
        </button>
        {save.isSuccess && (
          <span role="status" className="ok">
            {w.saved}
          </span>
        )}
      </form>
      <ErrorMessage error={save.error} />
    </section>
  );
}

/** The projectleider sets how many places a workflow has at once (the report's 22 and 80 by default). */
function PlacesSetting(props: { workflow: string; title: string; places: number; w: (typeof words)['nl'] }) {
  const [value, setValue] = useState(String(props.places));
  const save = useMutation({
    mutationFn: (places: number) => api.setPlaces(props.workflow, places),
    onSuccess: () => void changed.places(),
  });
  return (
    <form
      className="filters no-print"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(Number(value));
      }}
    >
      <label className="field">
        <span className="label">{props.w.placesLabel(props.title)}</span>
        <input type="number" min={1} max={1000} required value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button type="submit" disabled={save.isPending} aria-label={`${props.w.placesSave}: ${props.title}`}>
        {props.w.placesSave}
      </button>
      <ErrorMessage error={save.error} />
    </form>
  );
}

/** The report; the stuurgroep reads it over all years, with its small groups withheld by the server. */
export function Reports({ stuurgroep = false }: { stuurgroep?: boolean }) {
  const { locale } = useI18n();
  const w = words[locale];
  const [period, setPeriod] = useState<OutcomesQuery>({});
  const outcomes = useQuery({ ...queries.outcomes(period), placeholderData: keepPreviousData });
  const report = outcomes.data;
  const { count, pct, days, value } = formats(report?.smallGroups.minimum ?? 0);
  const number = (v: Shown, options?: Intl.NumberFormatOptions) =>
    typeof v === 'number' ? v.toLocaleString(locale === 'en' ? 'en-GB' : 'nl-NL', options) : count(v);

  const t = report?.totals;
  const groupTitle = report?.groupField ? `${w.groups} ${report.groupField.toLowerCase()}` : '';
  const figures = (rows: Outcomes['byCohort'], first: string) => (
    <Table className="report-table" columns={[first, w.started, w.diplomas, w.rate, w.toDest, w.without, w.running]}>
      {rows.map((g) => (
        <tr key={g.key}>
          <th scope="row">{g.label}</th>
          <td>{count(g.started)}</td>
          <td>{count(g.diplomas)}</td>
          <td>{pct(g.rate)}</td>
          <td>{count(g.toDestination)}</td>
          <td>{count(g.without)}</td>
          <td>{count(g.running)}</td>
        </tr>
      ))}
    </Table>
  );

  return (
    <main className="page report">
      <PageHead title={w.title} intro={w.intro} print={w.print} />
      {stuurgroep ? (
        <p className="muted">{w.allYears}</p>
      ) : (
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
      )}
      <ErrorMessage error={outcomes.error} />
      {report?.smallGroups.applied && (
        <p className="notice" data-testid="withheld-note">
          {w.withheld(report.smallGroups.minimum)}
        </p>
      )}
      {report && !stuurgroep && (
        <SmallGroupsSetting key={report.smallGroups.minimum} minimum={report.smallGroups.minimum} w={w} />
      )}
      {report && t && (
        <>
          <section aria-labelledby="key-title">
            <h2 id="key-title">{w.key}</h2>
            <div className="kpis" data-testid="kpis">
              <div className="kpi">
                <span className="kpi-value" data-testid="started">
                  {count(t.started)}
                </span>
                <span>{w.started}</span>
              </div>
              <div className="kpi">
                <span className="kpi-value" data-testid="diplomas">
                  {count(t.diplomas)}
                </span>
                <span>{w.diplomas}</span>
              </div>
              <div
                className={`kpi ${typeof t.rate === 'number' && report.target !== undefined ? (t.rate >= report.target ? 'good' : 'bad') : ''}`}
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
                  {count(t.toDestination)}
                </span>
                <span>{w.toDest}</span>
              </div>
              <div className="kpi">
                <span className="kpi-value" data-testid="without">
                  {count(t.without)}
                </span>
                <span>{w.without}</span>
              </div>
              <div className="kpi">
                <span className="kpi-value" data-testid="running">
                  {count(t.running)}
                </span>
                <span>{w.running}</span>
              </div>
            </div>
          </section>

          {report.followUpMoments.length > 0 && t.started !== 0 && (
            <section className="card" aria-labelledby="lasting-title">
              <h2 id="lasting-title">
                {w.lasting} <CsvLink table="followUp" period={period} label={w.csv} />
              </h2>
              <p className="muted">{w.lastingIntro(count(t.toDestination))}</p>
              <Table className="report-table" columns={[w.moment, w.checked, w.stillThere, w.returned]}>
                {report.followUpMoments.map((m) => (
                  <tr key={m.key} data-testid={`follow-up-${m.key}`}>
                    <th scope="row">{m.label}</th>
                    <td>{count(t.followUp[m.key].checked)}</td>
                    <td>{count(t.followUp[m.key].lasting)}</td>
                    <td>{count(t.followUp[m.key].returned)}</td>
                  </tr>
                ))}
              </Table>
            </section>
          )}

          {t.started === 0 ? (
            <p>{w.none}</p>
          ) : (
            <>
              <section className="card" aria-labelledby="cohort-title">
                <h2 id="cohort-title">
                  {w.cohorts} <CsvLink table="cohorts" period={period} label={w.csv} />
                </h2>
                {/* Bars with their withheld parts left out would draw a small group as missing: the table says it. */}
                {!report.smallGroups.applied && (
                  <div className="chart" aria-hidden="true">
                    <ResponsiveContainer width="100%" height={260}>
                      <BarChart
                        data={report.byCohort.map((g) => ({
                          name: g.label,
                          [w.diplomas]: value(g.diplomas),
                          [w.without]: value(g.without),
                          [w.running]: value(g.running),
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
                )}
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
                      {count(c.now)} {c.places ? `${w.of} ${c.places} ${w.places}` : ''}
                    </span>
                  </div>
                  {c.places && typeof c.now === 'number' && (
                    <progress max={c.places} value={Math.min(c.now, c.places)} aria-label={c.title} />
                  )}
                  {c.warning && (
                    <p className="error" role="status">
                      {w.under} {c.minimum}.
                    </p>
                  )}
                  {report.waiting
                    .filter((x) => x.workflow === c.workflow)
                    .map((x) => (
                      <p key={x.workflow} data-testid={`waiting-${x.workflow}`}>
                        {w.waiting(count(x.count))}
                        {x.medianDays !== undefined && ` (${w.waitingMedian(days(x.medianDays))})`}
                        {x.days.length > 0 && (
                          <span className="muted" title={w.waitingDays}>
                            {' '}
                            · {x.days.join(', ')}
                          </span>
                        )}
                      </p>
                    ))}
                  {!stuurgroep && c.places !== undefined && (
                    <PlacesSetting
                      key={`${c.workflow}-${c.places}`}
                      workflow={c.workflow}
                      title={c.title}
                      places={c.places}
                      w={w}
                    />
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
                      {number(c.hours)} {w.hours}
                    </strong>
                    <span>
                      {w.of} {c.target?.toLocaleString(locale === 'en' ? 'en-GB' : 'nl-NL')} ({c.from} – {c.to},{' '}
                      {count(c.clients)} {w.clients})
                    </span>
                  </div>
                  <p className="muted" data-testid="care-planned">
                    {typeof c.sessions === 'number' ? w.careGiven(c.sessions) : count(c.sessions)} ·{' '}
                    {typeof c.plannedHalfDays === 'number'
                      ? w.carePlanned(c.plannedHalfDays)
                      : count(c.plannedHalfDays)}
                  </p>
                  {c.target && typeof c.hours === 'number' ? (
                    <progress max={c.target} value={Math.min(c.hours, c.target)} aria-label={w.care} />
                  ) : null}
                </div>
              ))}
            </section>
          </div>

          {report.reciprocity.map((x) => (
            <section
              key={x.workflow}
              className="card"
              aria-labelledby={`reciprocity-${x.workflow}`}
              data-testid={`reciprocity-${x.workflow}`}
            >
              <h2 id={`reciprocity-${x.workflow}`}>
                {w.reciprocity} <CsvLink table="reciprocity" period={period} label={w.csv} />
              </h2>
              <p className="muted">{w.reciprocityIntro(x.title)}</p>
              {x.agreements === 0 ? (
                <p className="muted">{w.noAgreements}</p>
              ) : (
                <div className="columns tables">
                  <Table className="report-table" columns={[w.year, w.agreements, w.agreed, w.gave]}>
                    {[...x.byYear.map((y) => ({ ...y, label: y.year })), { ...x, label: w.total }].map((y) => (
                      <tr key={y.label}>
                        <th scope="row">{y.label}</th>
                        <td>{count(y.agreements)}</td>
                        <td>{count(y.agreed)}</td>
                        <td>{count(y.gave)}</td>
                      </tr>
                    ))}
                  </Table>
                  {x.kindField && (
                    <Table className="report-table" columns={[x.kindField, w.count]}>
                      {x.kinds.map((k) => (
                        <tr key={k.kind}>
                          <th scope="row">{k.label}</th>
                          <td>{count(k.count)}</td>
                        </tr>
                      ))}
                    </Table>
                  )}
                </div>
              )}
            </section>
          ))}

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
                    <td>{count(f.open)}</td>
                    <td>{days(f.medianDays)}</td>
                    <td>
                      {f.p25Days === undefined
                        ? '–'
                        : typeof f.p25Days === 'number'
                          ? `${days(f.p25Days)}–${days(f.p75Days)}`
                          : days(f.p25Days)}
                    </td>
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
                      <td>{count(e.count)}</td>
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
                      <td>{count(r.count)}</td>
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
