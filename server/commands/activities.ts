import type { EntityManager } from '@mikro-orm/core';
import { groupActivityCorrectedEvent, groupActivityEvent, type Definition, type PlanCase } from '../../engine';
import type { Actor } from '../auth/caller';
import { Case, GroupActivity, Site, type IGroupActivity } from '../db/entities';
import { AppError, appError, notFound } from '../errors';
import type { GroupActivityBodyT, GroupActivityCorrectionT } from '../contract';
import { recordOnCase, type Store } from './cases';
import type { DefinitionCache } from './definitions';
import { siteCases } from './planning';
import { dayOf, running, runningStudent, type StudentOnly } from './presence';

const participantOnly = (i: number): StudentOnly => ({
  path: `body.participants.${i}`,
  notStudent: { nl: 'Aan een groepsactiviteit doen studenten mee', en: 'Students take part in a group activity' },
  ended: {
    nl: 'Dit traject is afgesloten; kies een student die nu meedoet',
    en: 'This trajectory has ended; choose a student who takes part now',
  },
});

function tookPlace(input: GroupActivityBodyT, now: () => Date) {
  if (input.date > dayOf(now()))
    throw appError(
      'INVALID_FORM',
      'Een groepsactiviteit wordt vastgelegd als die geweest is',
      'A group activity is recorded once it took place',
      [{ path: 'body.date', message: { nl: 'Kies vandaag of een eerdere dag', en: 'Choose today or an earlier day' } }],
    );
}

const told = (a: IGroupActivity) => ({ activity: a.id, kind: a.kind, title: a.title, date: a.date });

/**
 * Records a group activity that took place, and a row of it in each participant's history, so
 * the student's dossier tells it. Every participant is checked first (a running student of the
 * site); a participant whose trajectory ended in the moment between is left out of the record
 * rather than failing the others, so the record names exactly the histories that show it.
 */
export async function recordGroupActivity(
  store: Store,
  actor: Actor,
  input: GroupActivityBodyT,
  now: () => Date,
): Promise<IGroupActivity> {
  tookPlace(input, now);
  for (const [i, id] of input.participants.entries())
    await runningStudent(store.em, store.cache, actor.site, id, participantOnly(i));
  const em = store.em.fork();
  const activity = em.create(GroupActivity, {
    site: em.getReference(Site, actor.site),
    kind: input.kind,
    title: input.title.trim(),
    date: input.date,
    evaluation: input.evaluation.trim(),
    participants: input.participants,
    by: actor.username,
    at: now(),
  });
  await em.flush();
  const row = { ...told(activity), evaluation: activity.evaluation };
  const recorded: string[] = [];
  let failure: unknown;
  for (const id of input.participants) {
    try {
      await recordOnCase(store, actor, id, groupActivityEvent, row, now);
      recorded.push(id);
    } catch (err) {
      failure ??= err;
    }
  }
  if (!recorded.length) {
    await em.nativeDelete(GroupActivity, { id: activity.id });
    throw failure;
  }
  if (recorded.length !== input.participants.length) {
    activity.participants = recorded;
    await em.flush();
  }
  return activity;
}

/**
 * Corrects a group activity's record (a student named by mistake, one forgotten, a wrong day):
 * the record becomes what it should have been, and each history concerned gets its row: a
 * student added the activity, a student removed that they did not take part, the others the
 * record as it is now, each with the reason. Nothing changed: nothing written.
 */
export async function correctGroupActivity(
  store: Store,
  actor: Actor,
  id: number,
  input: GroupActivityCorrectionT,
  now: () => Date,
): Promise<IGroupActivity> {
  const em = store.em.fork();
  const activity = await em.findOne(GroupActivity, { id, site: actor.site });
  if (!activity) throw notFound({ nl: 'Deze activiteit', en: 'This activity' });
  tookPlace(input, now);
  const before = new Set(activity.participants);
  const added = input.participants.filter((p) => !before.has(p));
  const removed = activity.participants.filter((p) => !input.participants.includes(p));
  for (const [i, p] of input.participants.entries())
    if (added.includes(p)) await runningStudent(store.em, store.cache, actor.site, p, participantOnly(i));
  const content = {
    kind: input.kind,
    title: input.title.trim(),
    date: input.date,
    evaluation: input.evaluation.trim(),
  };
  const changed = (Object.keys(content) as (keyof typeof content)[]).some((k) => content[k] !== activity[k]);
  if (!changed && !added.length && !removed.length) return activity;
  Object.assign(activity, content, { participants: input.participants });
  await em.flush();
  const reason = input.reason.trim();
  const record = { ...told(activity), evaluation: activity.evaluation };
  // A case voided since has no dossier to tell it; any other failure is the request's.
  const tell = (p: string, event: string, data: Record<string, unknown>) =>
    recordOnCase(store, actor, p, event, data, now).catch((err: unknown) => {
      if (!(err instanceof AppError && err.code === 'CASE_VOIDED')) throw err;
    });
  for (const p of removed) await tell(p, groupActivityCorrectedEvent, { ...told(activity), removed: true, reason });
  for (const p of input.participants)
    if (added.includes(p)) await tell(p, groupActivityEvent, record);
    else if (changed) await tell(p, groupActivityCorrectedEvent, { ...record, reason });
  return activity;
}

/**
 * The activities a student took part in, latest first. A site records a few a month, so its own
 * are read rather than queried inside the JSON list, the same on both databases.
 */
export async function activitiesOf(em: EntityManager, site: string, caseId: string): Promise<IGroupActivity[]> {
  const all = await em.find(GroupActivity, { site }, { orderBy: { date: 'desc', id: 'desc' } });
  return all.filter((a) => a.participants.includes(caseId));
}

export interface ActivityCase {
  id: string;
  title: string;
  def: Definition;
}

/** The site's activities, latest first, with their participants' cases for their names. */
export async function groupActivities(
  em: EntityManager,
  cache: DefinitionCache,
  site: string,
  limit = 100,
): Promise<{ activities: IGroupActivity[]; cases: Map<string, ActivityCase> }> {
  const activities = await em.find(GroupActivity, { site }, { orderBy: { date: 'desc', id: 'desc' }, limit });
  return { activities, cases: await participantCases(em, cache, site, activities) };
}

/** The cases of the activities' participants, for their names. */
export async function participantCases(
  em: EntityManager,
  cache: DefinitionCache,
  site: string,
  activities: IGroupActivity[],
): Promise<Map<string, ActivityCase>> {
  const ids = [...new Set(activities.flatMap((a) => a.participants))];
  const rows = ids.length
    ? await em.find(Case, { site, id: { $in: ids } }, { fields: ['id', 'title', 'workflow'] })
    : [];
  const cases = new Map<string, ActivityCase>();
  for (const c of rows) cases.set(c.id, { id: c.id, title: c.title, def: await cache.get(em, c.workflow.id) });
  return cases;
}

/** The students who can take part now: the site's running students. */
export async function possibleParticipants(
  em: EntityManager,
  cache: DefinitionCache,
  site: string,
): Promise<PlanCase[]> {
  return (await siteCases(em, cache, site)).students.filter(running);
}
