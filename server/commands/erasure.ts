import type { EntityManager } from '@mikro-orm/core';
import {
  groupActivityCorrectedEvent,
  groupActivityEvent,
  pseudonymOf,
  pseudonymisedEvent,
  pseudonymiseData,
  pseudonymiseHistoryData,
  withoutPersonOf,
  type Definition,
} from '../../engine';
import { Attendance, Case, GroupActivity, HistoryRow, type ICase } from '../db/entities';
import { lockCaseRow } from '../db/orm-store';
import { caseNotFound } from '../errors';
import type { DefinitionCache } from './definitions';
import { storeChange } from './history';

/** Why a case's personal fields were pseudonymised: a person's request, or the retention period. */
export type ErasureCause = 'verzoek' | 'bewaartermijn';

/**
 * Replaces a case's personal fields by its pseudonym, in its data, in every history row, in
 * its presence notes and in the evaluations of group activities it took part in, and appends one history row that says so; once only (`pseudonymisedAt`).
 * Everything the reports count (steps, outcomes, dates of moves, choices, hours) stays.
 *
 * Written like the scheduler's firings, in one MikroORM transaction that holds the case's row
 * lock: it rewrites earlier history rows, which the case store's port (one change, one appended
 * row) does not do. The revision it bumps makes the fast stores forget what they remember.
 * Answers null when the case was already pseudonymised.
 */
export async function pseudonymiseCase(
  em: EntityManager,
  cache: DefinitionCache,
  site: string,
  id: string,
  actor: string,
  cause: ErasureCause,
  now: Date,
): Promise<{ c: ICase; def: Definition } | null> {
  return em.fork().transactional(async (tem) => {
    await lockCaseRow(tem, site, id);
    const c = await tem.findOne(Case, { id, site });
    if (!c) throw caseNotFound();
    if (c.pseudonymisedAt) return null;
    const def = await cache.get(tem, c.workflow.id);
    const pseudonym = pseudonymOf(c.id);
    const told = new Set([groupActivityEvent, groupActivityCorrectedEvent]);
    // The activities their history tells, also those a correction took them off the list of.
    const theirs = new Set<unknown>();
    for (const row of await tem.find(HistoryRow, { case: c.id })) {
      if (told.has(row.event)) theirs.add(row.data.activity);
      row.data = pseudonymiseHistoryData(def, row, pseudonym);
    }
    await tem.nativeUpdate(Attendance, { case: c.id, note: { $ne: null } }, { note: null });
    // A group's evaluation is about the others too: only this person's words go, in the record
    // and in each other participant's row that tells it. A site records a few activities a
    // month, so its own are read, not queried inside JSON.
    const activities = (await tem.find(GroupActivity, { site })).filter((a) => theirs.has(a.id));
    const scrub = (text: unknown) => withoutPersonOf(def, c.snapshot.context.data, String(text), pseudonym);
    for (const a of activities) a.evaluation = scrub(a.evaluation);
    const ids = new Set(activities.map((a) => a.id));
    for (const row of await tem.find(HistoryRow, { site, event: { $in: [...told] }, case: { $ne: c.id } }))
      if (ids.has(row.data.activity as number) && 'evaluation' in row.data)
        row.data = { ...row.data, evaluation: scrub(row.data.evaluation) };
    const data = pseudonymiseData(def, c.snapshot.context.data, pseudonym);
    const snapshot = { ...c.snapshot, context: { ...c.snapshot.context, data } };
    const outcome = c.outcome ?? null;
    storeChange(tem, c, def, snapshot, now, { actor, event: pseudonymisedEvent, from: c.state, data: { cause } });
    // Nothing moves: the outcome stays as it was (a voided case keeps its mark).
    c.outcome = outcome;
    c.pseudonymisedAt = now;
    return { c, def };
  });
}
