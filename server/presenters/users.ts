import {
  accountRoleNames,
  functionNames,
  say,
  systemActor,
  type Locale,
  type Message,
  type AccountRole,
  type StaffFunction,
} from '../../engine';
import type { Caller } from '../auth/caller';
import type { IAccountChange, IUser } from '../db/entities';
import type { AccountChangeViewT, AccountViewT, UserViewT } from '../contract';

/** The display names of a site's accounts, by username (commands/directory.ts). */
export type Names = ReadonlyMap<string, string>;

/** Who a record names, as people read it: the display name, or "Systeem" for what a timer did. */
export function nameOf(names: Names, username: string, locale: Locale): string {
  if (username === systemActor) return locale === 'en' ? 'System' : 'Systeem';
  return names.get(username) ?? username;
}

export function presentUser(u: IUser): UserViewT {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as AccountRole,
    ...(u.function ? { function: u.function as StaffFunction } : {}),
    site: u.site.id,
  };
}

/** An account as the admin manages it. */
export function presentAccount(u: IUser): AccountViewT {
  return {
    ...presentUser(u),
    active: u.active,
    ...(u.lastLoginAt ? { lastLoginAt: u.lastLoginAt.toISOString() } : {}),
    createdAt: u.createdAt.toISOString(),
  };
}

/** The caller as `/api/auth/me` shows them: their account, without the session. */
export function presentCaller({ sessionId: _session, ...user }: Caller): UserViewT {
  return user;
}

const none: Message = { nl: 'geen', en: 'none' };

/** A role or function as people call it; anything else (a name) as it is. */
function value(what: IAccountChange['what'], v: string | null | undefined): Message {
  if (!v) return none;
  if (what === 'role' || what === 'created') return accountRoleNames[v as AccountRole] ?? { nl: v, en: v };
  if (what === 'function') return functionNames[v as StaffFunction] ?? { nl: v, en: v };
  return { nl: v, en: v };
}

function changeText(c: IAccountChange): Message {
  const from = value(c.what, c.from);
  const to = value(c.what, c.to);
  switch (c.what as AccountChangeViewT['what']) {
    case 'created':
      return { nl: `Account aangemaakt als ${to.nl}`, en: `Account created as ${to.en}` };
    case 'role':
      return { nl: `Rol van ${from.nl} naar ${to.nl}`, en: `Role from ${from.en} to ${to.en}` };
    case 'function':
      return { nl: `Functie van ${from.nl} naar ${to.nl}`, en: `Function from ${from.en} to ${to.en}` };
    case 'name':
      return { nl: `Naam van '${from.nl}' naar '${to.nl}'`, en: `Name from '${from.en}' to '${to.en}'` };
    case 'password-reset':
      return { nl: 'Wachtwoord opnieuw ingesteld', en: 'Password reset' };
    case 'password-changed':
      return { nl: 'Eigen wachtwoord gewijzigd', en: 'Own password changed' };
    case 'deactivated':
      return { nl: 'Account uitgeschakeld', en: 'Account switched off' };
    case 'reactivated':
      return { nl: 'Account weer ingeschakeld', en: 'Account switched on again' };
  }
}

/** One change to an account, with who made it by name, in the caller's language. */
export function presentAccountChange(c: IAccountChange, names: Names, locale: Locale): AccountChangeViewT {
  return {
    at: c.at.toISOString(),
    account: c.user.username,
    accountName: c.user.displayName,
    by: c.by,
    byName: nameOf(names, c.by, locale),
    what: c.what as AccountChangeViewT['what'],
    ...(c.from ? { from: c.from } : {}),
    ...(c.to ? { to: c.to } : {}),
    text: say(changeText(c), locale),
  };
}
