import type { EntityManager } from '@mikro-orm/core';
import {
  defaultSmallGroupMinimum,
  hiddenFields,
  isLimitedRole,
  outcomeReport,
  withoutSmallGroups,
  type AccountRole,
  type OutcomeReport,
  type ReportCase,
  type Shown,
  type StaffFunction,
} from '../../engine';
import { Case, HelpSession, HistoryRow, Site } from '../db/entities';
import { appError } from '../errors';
import { latestVersions, type DefinitionCache } from './definitions';
import { notVoided } from './cases';
import { sitePlaces } from './places';

/** A period that ends before it starts is the caller's mistake. */
function checkPeriod(period: { from?: string; to?: string }) {
  if (period.from && period.to && period.from > period.to) {
    throw appError('BAD_REQUEST', 'De begindatum ligt na de einddatum', 'The start date is after the end date', [
      { path: 'querystring.from', message: { nl: 'Moet vóór de einddatum liggen', en: 'Must be before the end date' } },
    ]);
  }
}

/** Who reads the report: staff, or a member of the stuurgroep. */
type Reader = { role: AccountRole; function?: StaffFunction | null; site: string };

/** The site's small-group minimum, and whether the reader's figures are withheld under it. */
export interface SmallGroups {
  minimum: number;
  applied: boolean;
}

/**
 * The stuurgroep sees one report over every year: two periods that overlap, subtracted, would
 * count the few people between their ends, each of them above the minimum.
 */
function checkReader(who: Reader, period: { from?: string; to?: string }) {
  if (who.role !== 'stuurgroep' || (!period.from && !period.to)) return;
  throw appError(
    'BAD_REQUEST',
    'De stuurgroep ziet de rapportage over alle jaren, per cohort; een periode kiezen kan niet',
    'The steering group sees the report over all years, per cohort; it cannot choose a period',
    [
      {
        path: period.from ? 'querystring.from' : 'querystring.to',
        message: { nl: 'Niet voor de stuurgroep', en: 'Not for the steering group' },
      },
    ],
  );
}

export async function smallGroupMinimum(em: EntityManager, site: string): Promise<number> {
  const s = await em.findOne(Site, { id: site }, { fields: ['smallGroupMinimum'] });
  return s?.smallGroupMinimum ?? defaultSmallGroupMinimum;
}

/** A manager sets the site's small-group minimum (within the contract's range). */
export async function setSmallGroupMinimum(em: EntityManager, site: string, minimum: number): Promise<number> {
  await em.nativeUpdate(Site, { id: site }, { smallGroupMinimum: minimum });
  return minimum;
}

/**
 * The report as the reader may see it: the stuurgroep's with every small group withheld
 * (engine/small-groups.ts says how), staff's whole.
 */
export async function readersOutcomes(
  em: EntityManager,
  cache: DefinitionCache,
  who: Reader,
  period: { from?: string; to?: string },
  now: Date,
): Promise<{ report: OutcomeReport<Shown>; smallGroups: SmallGroups }> {
  checkReader(who, period);
  const report = await siteOutcomes(em, cache, who, period, now);
  const minimum = await smallGroupMinimum(em, who.site);
  const applied = who.role === 'stuurgroep';
  return { report: applied ? withoutSmallGroups(report, minimum) : report, smallGroups: { minimum, applied } };
}

/**
 * The outcome report of a site, from its cases and their histories. Reads every case of the
 * workflows that declare how they are counted; fine for the few thousand cases of a site, and
 * the place to add a summary table if a host ever reports over many sites at once.
 */
export async function siteOutcomes(
  em: EntityManager,
  cache: DefinitionCache,
  who: Reader,
  period: { from?: string; to?: string },
  now: Date,
): Promise<OutcomeReport> {
  checkPeriod(period);
  const site = who.site;
  const cases = await em.find(
    Case,
    { site, $or: notVoided },
    {
      fields: ['id', 'workflow', 'workflowKey', 'state', 'outcome', 'snapshot', 'createdAt'],
      orderBy: { createdAt: 'asc' },
    },
  );
  const rows = await em.find(
    HistoryRow,
    { site },
    {
      fields: ['case', 'revision', 'at', 'fromState', 'toState'],
      orderBy: { case: 'asc', revision: 'asc', id: 'asc' },
    },
  );
  const history = new Map<string, ReportCase['history'][number][]>();
  for (const r of rows) {
    const list = history.get(r.case.id) ?? [];
    list.push({ at: r.at, from: r.fromState ?? null, to: r.toState });
    history.set(r.case.id, list);
  }
  const input: ReportCase[] = [];
  for (const c of cases) {
    const def = await cache.get(em, c.workflow.id);
    if (!def.reports) continue;
    // Counts by a personal field say nothing about one person; a reason for leaving, written in
    // words, does: it is counted as '–' for whoever may not see it.
    const reason = def.reports.reasonField;
    const { [reason ?? '']: _screened, ...rest } = c.snapshot.context.data;
    // The stuurgroep sees no personal field at all.
    const screened =
      reason && (isLimitedRole(who.role) || hiddenFields(def, { role: who.role, function: who.function }).has(reason));
    const data = screened ? rest : c.snapshot.context.data;
    input.push({
      def,
      data,
      state: c.state,
      outcome: c.outcome ?? null,
      createdAt: c.createdAt,
      history: history.get(c.id) ?? [],
    });
  }
  const current = (await latestVersions(em, site)).map((wv) => wv.definition);
  // Care given is what was recorded as done: the plan is only the figure beside it.
  const sessions = await em.find(
    HelpSession,
    { site, status: 'gedaan' },
    { fields: ['client', 'workflowKey', 'day', 'hours'], orderBy: { day: 'asc', id: 'asc' } },
  );
  const counted = new Set(cases.map((c) => c.id));
  const places = await sitePlaces(em, site);
  return outcomeReport(
    input,
    period,
    now,
    current,
    // A voided client's sessions go with it.
    sessions
      .filter((x) => counted.has(x.client.id))
      .map((x) => ({ workflow: x.workflowKey, client: x.client.id, day: x.day, hours: Number(x.hours) })),
    { places },
  );
}
