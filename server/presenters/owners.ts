import { functionNames, say, type Locale } from '../../engine';
import type { CaseOwners } from '../commands/owners';
import type { IUser } from '../db/entities';
import type { CaseOwnersViewT } from '../contract';
import { nameOf, type Names } from './users';

const colleague = (u: IUser) => ({ id: u.id, username: u.username, displayName: u.displayName, active: u.active });

/** Who is responsible for a case, by name, with the functions in the caller's language. */
export function presentOwners(o: CaseOwners, names: Names, locale: Locale): CaseOwnersViewT {
  return {
    owners: o.owners.map((w) => ({
      function: w.function as CaseOwnersViewT['owners'][number]['function'],
      functionLabel: say(functionNames[w.function as keyof typeof functionNames], locale, w.function),
      user: colleague(w.user),
      since: w.since.toISOString(),
      by: w.by,
      byName: nameOf(names, w.by, locale),
    })),
    slots: o.candidates.map((s) => ({
      function: s.function,
      label: say(functionNames[s.function], locale),
      candidates: s.users.map(colleague),
    })),
    mayChange: o.mayChange,
  };
}
