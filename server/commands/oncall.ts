import type { EntityManager } from '@mikro-orm/core';
import { defaultOnCall, onCallOn, problem, weekdays, type OnCall } from '../../engine';
import { Site, User } from '../db/entities';
import { fromProblems } from '../errors';
import type { Actor } from '../auth/caller';

/**
 * The on-call rota (report 4.7): which coördinator a student in the wijk reaches on which weekday,
 * and after how many minutes an unanswered call for help goes to everyone. Kept by the projectleider.
 */

export async function onCallOf(em: EntityManager, site: string): Promise<OnCall> {
  const s = await em.findOne(Site, { id: site }, { fields: ['id', 'onCall'] });
  return s?.onCall ?? defaultOnCall;
}

/** The site's active coördinatoren, by name: who may be on the rota. */
export function coordinatorsOf(em: EntityManager, site: string) {
  return em.find(
    User,
    { site, function: 'coordinator', active: true },
    { fields: ['username', 'displayName'], orderBy: { displayName: 'asc' } },
  );
}

/** The coördinator on call on a day, by username, when the rota names one. */
export async function onCallToday(em: EntityManager, site: string, day: string): Promise<string | undefined> {
  return onCallOn(await onCallOf(em, site), day);
}

/** A rota naming someone who is not an active coördinator of the site is refused (422), at the day. */
export async function saveOnCall(em: EntityManager, actor: Actor, onCall: OnCall): Promise<OnCall> {
  const known = new Set((await coordinatorsOf(em, actor.site)).map((u) => u.username));
  const problems = weekdays
    .filter((d) => onCall.rota[d] && !known.has(onCall.rota[d]!))
    .map((d) =>
      problem(
        `body.rota.${d}`,
        `'${onCall.rota[d]}' is geen coördinator van deze locatie`,
        `'${onCall.rota[d]}' is not a coördinator of this site`,
      ),
    );
  if (problems.length)
    throw fromProblems('INVALID_FORM', { nl: 'Dit rooster klopt niet', en: 'This rota does not add up' }, problems);
  const s = await em.findOneOrFail(Site, { id: actor.site });
  s.onCall = onCall;
  await em.flush();
  return onCall;
}
