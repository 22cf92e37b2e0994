import { OptimisticLockError, type EntityManager } from '@mikro-orm/core';
import {
  ownerEvent,
  privacyAudience,
  responsibleFunctions,
  seesPersonal,
  type Definition,
  type StaffFunction,
} from '../../engine';
import { Case, CaseOwner, HistoryRow, User, type ICase, type ICaseOwner, type IUser } from '../db/entities';
import { appError, staleRevision } from '../errors';
import type { Actor } from '../auth/caller';
import type { DefinitionCache } from './definitions';
import { lockCaseRow } from '../db/orm-store';
import { findCase } from './cases';

/** The people responsible for one case, who could be, and whether the caller may change them. */
export interface CaseOwners {
  c: ICase;
  def: Definition;
  owners: ICaseOwner[];
  /** Per function a case of this workflow can have someone for: the site's active accounts with it. */
  candidates: { function: StaffFunction; users: IUser[] }[];
  mayChange: boolean;
}

/** Who may choose the people responsible: whoever works with the person (sees their data), while the case runs. */
function mayChange(def: Definition, c: ICase, who: Actor): boolean {
  return c.snapshot.status === 'active' && seesPersonal(def, who);
}

export async function caseOwners(
  em: EntityManager,
  cache: DefinitionCache,
  who: Actor,
  id: string,
): Promise<CaseOwners> {
  const c = await findCase(em, who.site, id);
  const def = await cache.get(em, c.workflow.id);
  const fns = responsibleFunctions(def);
  const [owners, users] = await Promise.all([
    em.find(CaseOwner, { case: c.id, site: who.site }, { populate: ['user'], orderBy: { function: 'asc' } }),
    fns.length
      ? em.find(User, { site: who.site, active: true, function: { $in: fns } }, { orderBy: { displayName: 'asc' } })
      : [],
  ]);
  return {
    c,
    def,
    owners: owners.filter((o) => fns.includes(o.function as StaffFunction)),
    candidates: fns.map((f) => ({ function: f, users: users.filter((u) => u.function === f) })),
    mayChange: mayChange(def, c, who),
  };
}

/**
 * Makes someone (or no one) the responsible person of a function for a case: the owner row and a
 * history row naming the change, in one transaction on the case's row (its revision moves, as
 * with a note). Choosing the one who is already responsible changes nothing.
 */
export async function setOwner(
  em: EntityManager,
  cache: DefinitionCache,
  who: Actor,
  id: string,
  fn: StaffFunction,
  userId: number | null,
  now: Date,
): Promise<void> {
  try {
    await em.fork().transactional(async (tem) => {
      await lockCaseRow(tem, who.site, id);
      const c = await findCase(tem, who.site, id);
      const def = await cache.get(tem, c.workflow.id);
      if (!responsibleFunctions(def).includes(fn))
        throw appError(
          'BAD_REQUEST',
          `Een dossier van '${def.title.nl}' heeft geen verantwoordelijke van deze functie`,
          `A case of '${def.title.en || def.title.nl}' has no responsible person of this function`,
          [{ path: 'params.function', message: { nl: 'Niet voor dit proces', en: 'Not for this process' } }],
        );
      if (c.snapshot.status !== 'active')
        throw appError('CASE_CLOSED', 'Deze casus is afgesloten', 'This case is closed');
      if (!seesPersonal(def, who)) {
        const audience = privacyAudience(def);
        throw appError(
          'FUNCTION_NOT_ALLOWED',
          `Alleen een ${audience.nl} kiest wie verantwoordelijk is`,
          `Only a ${audience.en} chooses who is responsible`,
        );
      }
      const user =
        userId === null ? null : await tem.findOne(User, { id: userId, site: who.site, active: true, function: fn });
      if (userId !== null && !user)
        throw appError(
          'BAD_REQUEST',
          'Kies een actieve collega met deze functie',
          'Choose an active colleague with this function',
          [{ path: 'body.user', message: { nl: 'Niet gevonden', en: 'Not found' } }],
        );
      const current = await tem.findOne(CaseOwner, { case: c.id, function: fn }, { populate: ['user'] });
      if ((current?.user.id ?? null) === (user?.id ?? null)) return;
      const previous = current?.user.username ?? null;
      if (current && user) {
        current.user = user;
        current.since = now;
        current.by = who.username;
      } else if (current) tem.remove(current);
      else if (user) tem.create(CaseOwner, { site: c.site, case: c, user, function: fn, since: now, by: who.username });
      // The case itself does not change, only its revision: counted here, as a note's is.
      const revision = c.revision + 1;
      if (!(await tem.nativeUpdate(Case, { id: c.id, revision: c.revision }, { revision, updatedAt: now })))
        throw staleRevision();
      tem.create(HistoryRow, {
        case: c,
        site: c.site,
        revision,
        at: now,
        actor: who.username,
        event: ownerEvent,
        fromState: c.state,
        toState: c.state,
        data: { function: fn, user: user?.username ?? null, previous },
      });
    });
  } catch (err) {
    // The row lock makes this rare: another change of the case got in between reading and writing.
    if (err instanceof OptimisticLockError) throw staleRevision();
    throw err;
  }
}
