import type { EntityManager } from '@mikro-orm/core';
import { hiddenFields, outcomeReport, type OutcomeReport, type ReportCase, type Viewer } from '../../engine';
import { Case, HelpSession, HistoryRow } from '../db/entities';
import { appError } from '../errors';
import { latestVersions, type DefinitionCache } from './definitions';
import { notVoided } from './cases';

/** A period that ends before it starts is the caller's mistake. */
function checkPeriod(period: { from?: string; to?: string }) {
  if (period.from && period.to && period.from > period.to) {
    throw appError('BAD_REQUEST', 'De begindatum ligt na de einddatum', 'The start date is after the end date', [
      { path: 'querystring.from', message: { nl: 'Moet vóór de einddatum liggen', en: 'Must be before the end date' } },
    ]);
  }
}

/**
 * The outcome report of a site, from its cases and their histories. Reads every case of the
 * workflows that declare how they are counted; fine for the few thousand cases of a site, and
 * the place to add a summary table if a host ever reports over many sites at once.
 */
export async function siteOutcomes(
  em: EntityManager,
  cache: DefinitionCache,
  who: Viewer & { site: string },
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
    const data = reason && hiddenFields(def, who).has(reason) ? rest : c.snapshot.context.data;
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
  return outcomeReport(
    input,
    period,
    now,
    current,
    // A voided client's sessions go with it.
    sessions
      .filter((x) => counted.has(x.client.id))
      .map((x) => ({ workflow: x.workflowKey, client: x.client.id, day: x.day, hours: Number(x.hours) })),
  );
}
