import type { EntityManager } from '@mikro-orm/core';
import {
  assignableRoles,
  isLimitedRole,
  type AccountRole,
  type AssignableRole,
  type Role,
  type StaffFunction,
} from '../../engine';
import { AccountChange, Session, Site, User, type IAccountChange, type IUser } from '../db/entities';
import { appError, notFound } from '../errors';
import {
  checkNewPassword,
  decoyHash,
  hashPassword,
  newToken,
  randomPassword,
  tokenHash,
  verifyPassword,
  hashIsOutdated,
} from '../auth/passwords';
import type { Actor } from '../auth/caller';
import type { accountChangeKinds, UpdateUserBodyT } from '../contract';
import { loginName } from '../auth/login-name';
import { defaultIdleMs, sessionEnd } from '../db/sessions';

export { sessionHours } from '../db/sessions';

/**
 * Whatever remembers sessions for a moment (every case store does, for a second): told to
 * forget them all when a session ends or an account changes, so the change counts at once here.
 */
export interface SessionMemory {
  forgetSessions(): void;
}

type ChangeKind = (typeof accountChangeKinds)[number];

/** Who changes an account: an admin of its site, or its owner (their own password). */
type Changer = Pick<Actor, 'username' | 'site'> & { id: number };

function record(
  em: EntityManager,
  user: IUser,
  by: Changer,
  at: Date,
  what: ChangeKind,
  from?: string | null,
  to?: string | null,
) {
  em.create(AccountChange, { site: user.site, user, at, by: by.username, what, from: from ?? null, to: to ?? null });
}

const invalid = () =>
  appError('INVALID_CREDENTIALS', 'Gebruikersnaam of wachtwoord klopt niet', 'Username or password is wrong');

const siteNeeded = (name: string) =>
  appError(
    'INVALID_CREDENTIALS',
    `Deze naam wordt op meer dan één locatie gebruikt: log in als ${name}@locatie, bijvoorbeeld ${name}@venray`,
    `This name is used at more than one site: log in as ${name}@site, for example ${name}@venray`,
  );

/**
 * A login: the password checked, then the last login set and the session made in one
 * transaction, only while the account is active. A deactivation commits before or after it,
 * never between: on PostgreSQL the conditional update waits for the account's row.
 */
export async function login(em: EntityManager, username: string, password: string, now: Date, idleMs = defaultIdleMs) {
  const named = loginName(username);
  const found = await em.find(
    User,
    named.site ? { username: named.username, site: named.site } : { username: named.username },
    { limit: 2 },
  );
  // Trying the password on every site's account would multiply a guess's cost by the sites.
  const user = found.length === 1 ? found[0] : undefined;
  const ok = await verifyPassword(password, user?.passwordHash ?? decoyHash());
  if (found.length > 1) throw siteNeeded(named.username);
  if (!user || !ok) throw invalid();
  // Only here is the password known again: a hash from before today's cost is made anew.
  const rehashed = hashIsOutdated(user.passwordHash) ? await hashPassword(password) : null;
  const token = newToken();
  const expiresAt = new Date(sessionEnd(now.getTime(), now.getTime(), idleMs));
  await em.transactional(async (tem) => {
    const active = await tem.nativeUpdate(
      User,
      { id: user.id, active: true },
      { lastLoginAt: now, ...(rehashed ? { passwordHash: rehashed } : {}) },
    );
    // Only someone who knows the password learns that the account was switched off.
    if (!active)
      throw appError(
        'INVALID_CREDENTIALS',
        'Dit account is uitgeschakeld; vraag de beheerder',
        'This account is switched off; ask the administrator',
      );
    tem.create(Session, { tokenHash: tokenHash(token), user: user.id, expiresAt, createdAt: now });
  });
  user.lastLoginAt = now;
  return { token, user, expiresAt };
}

export async function logout(em: EntityManager, sessions: SessionMemory | null, sessionId: number) {
  await em.nativeDelete(Session, { id: sessionId });
  sessions?.forgetSessions();
}

/** The accounts of a site, by username. */
export function listUsers(em: EntityManager, site: string): Promise<IUser[]> {
  return em.find(User, { site }, { orderBy: { username: 'asc' } });
}

/** A new account of the admin's own site; naming another site is refused. */
export async function createUser(
  em: EntityManager,
  admin: Changer,
  input: {
    username: string;
    password: string;
    role: AssignableRole;
    function?: StaffFunction;
    displayName?: string;
    site?: string;
  },
  now: Date,
): Promise<IUser> {
  const site = admin.site;
  if (input.site !== undefined && input.site !== site) {
    throw appError(
      'FORBIDDEN',
      'Je kunt alleen gebruikers voor je eigen locatie aanmaken',
      'You can only create users for your own site',
    );
  }
  if (!(assignableRoles as readonly string[]).includes(input.role))
    throw appError('BAD_REQUEST', 'Onbekende rol', 'Unknown role');
  if (input.function && isLimitedRole(input.role)) throw noFunction();
  checkNewPassword(input.password, { ...input, site: admin.site }, 'body.password');
  if (await em.count(User, { site, username: input.username })) {
    throw appError(
      'CONFLICT',
      `Gebruikersnaam '${input.username}' bestaat al`,
      `Username '${input.username}' is taken`,
      [{ path: 'username', message: { nl: 'Deze naam bestaat al', en: 'This name is taken' } }],
    );
  }
  const user = em.create(User, {
    site: em.getReference(Site, site),
    username: input.username,
    displayName: input.displayName ?? input.username,
    role: input.role,
    function: input.function ?? null,
    passwordHash: await hashPassword(input.password),
    createdAt: now,
  });
  record(em, user, admin, now, 'created', null, input.role);
  await em.flush();
  return user;
}

/** A function says what a staff member does in the team; a member of the stuurgroep does no staff work. */
const noFunction = () =>
  appError('BAD_REQUEST', 'Een lid van de stuurgroep heeft geen functie', 'A steering group member has no function', [
    { path: 'body.function', message: { nl: 'Alleen voor medewerkers', en: 'For staff only' } },
  ]);

async function accountOf(em: EntityManager, site: string, id: number): Promise<IUser> {
  const user = await em.findOne(User, { id, site });
  if (!user) throw notFound({ nl: 'Gebruiker', en: 'User' });
  return user;
}

/** Ends every session of an account (all but `keep`), on the database and in the session memory. */
async function endSessions(em: EntityManager, sessions: SessionMemory | null, user: IUser, keep?: number) {
  await em.nativeDelete(Session, { user: user.id, ...(keep !== undefined ? { id: { $ne: keep } } : {}) });
  sessions?.forgetSessions();
}

/**
 * Changes an account of the admin's site: role, function, name, and whether it may log in. Each
 * change is a row of its own in the account record. Switching an account off ends its sessions
 * at once; its name stays in every history it is in. An admin changes neither their own role nor
 * their own access: another admin does, so a site is never left without one by mistake.
 */
export async function updateUser(
  em: EntityManager,
  sessions: SessionMemory | null,
  admin: Changer,
  id: number,
  change: UpdateUserBodyT,
  now: Date,
): Promise<IUser> {
  const user = await em.transactional(async (tem) => {
    const u = await accountOf(tem, admin.site, id);
    if (u.id === admin.id && ((change.role && change.role !== u.role) || change.active === false))
      throw appError(
        'FORBIDDEN',
        'Je eigen rol wijzigen of je eigen account uitschakelen doet een andere beheerder',
        'Another administrator changes your own role or switches your own account off',
      );
    // A student's account is bound to their own case: with a staff role, that student would read every dossier.
    if (change.role !== undefined && change.role !== u.role && u.role === 'student')
      throw appError(
        'INVALID_FORM',
        'Een studentaccount blijft een studentaccount; maak voor een medewerker een eigen account',
        "A student's account stays a student's; make a staff member an account of their own",
        [
          {
            path: 'body.role',
            message: { nl: 'Niet te wijzigen voor een student', en: 'Not to be changed for a student' },
          },
        ],
      );
    if (change.role !== undefined && change.role !== u.role) {
      record(tem, u, admin, now, 'role', u.role, change.role);
      u.role = change.role;
      // Their staff function goes with the staff role, said in the record as its own change.
      if (isLimitedRole(u.role) && u.function && change.function === undefined) change = { ...change, function: null };
    }
    if (change.function && isLimitedRole(u.role)) throw noFunction();
    if (change.function !== undefined && change.function !== u.function) {
      record(tem, u, admin, now, 'function', u.function, change.function);
      u.function = change.function;
    }
    const name = change.displayName?.trim();
    if (name && name !== u.displayName) {
      record(tem, u, admin, now, 'name', u.displayName, name);
      u.displayName = name;
    }
    if (change.active !== undefined && change.active !== u.active) {
      record(tem, u, admin, now, change.active ? 'reactivated' : 'deactivated');
      u.active = change.active;
      // Flushed first: a login that runs now finds the account off, or its session is ended below.
      await tem.flush();
      if (!change.active) await tem.nativeDelete(Session, { user: u.id });
    }
    return u;
  });
  // Role, function and name are read with every session: the next request sees the change.
  sessions?.forgetSessions();
  return user;
}

/**
 * A new password for an account, made here and answered once (only its hash is kept); the
 * account's sessions end, since whoever knew the old one may be logged in.
 */
export async function resetPassword(
  em: EntityManager,
  sessions: SessionMemory | null,
  admin: Changer,
  id: number,
  now: Date,
): Promise<{ user: IUser; password: string }> {
  const password = randomPassword();
  const user = await em.transactional(async (tem) => {
    const u = await accountOf(tem, admin.site, id);
    checkNewPassword(password, { username: u.username, role: u.role as Role }, 'password');
    u.passwordHash = await hashPassword(password);
    record(tem, u, admin, now, 'password-reset');
    return u;
  });
  await endSessions(em, sessions, user);
  return { user, password };
}

/** One's own new password, given the current one; one's other sessions end, this one stays. */
export async function changeOwnPassword(
  em: EntityManager,
  sessions: SessionMemory | null,
  caller: Changer & { sessionId: number },
  input: { current: string; password: string },
  now: Date,
): Promise<void> {
  const user = await accountOf(em, caller.site, caller.id);
  if (!(await verifyPassword(input.current, user.passwordHash)))
    throw appError('BAD_REQUEST', 'Je huidige wachtwoord klopt niet', 'Your current password is wrong', [
      { path: 'body.current', message: { nl: 'Klopt niet', en: 'Wrong' } },
    ]);
  checkNewPassword(
    input.password,
    { username: user.username, role: user.role as AccountRole, site: caller.site },
    'body.password',
  );
  user.passwordHash = await hashPassword(input.password);
  record(em, user, caller, now, 'password-changed');
  await em.flush();
  await endSessions(em, sessions, user, caller.sessionId);
}

/** The account record of a site (or of one account), newest first. */
export function accountChanges(
  em: EntityManager,
  site: string,
  query: { user?: number; limit: number },
): Promise<IAccountChange[]> {
  return em.find(
    AccountChange,
    { site, ...(query.user ? { user: query.user } : {}) },
    { orderBy: { at: 'desc', id: 'desc' }, limit: query.limit, populate: ['user'] },
  );
}
