import type { EntityManager } from '@mikro-orm/core';
import { roles, type Role, type StaffFunction } from '../../engine';
import { Session, Site, User, type IUser } from '../db/entities';
import { appError, notFound } from '../errors';
import { decoyHash, hashPassword, newToken, tokenHash, verifyPassword } from '../auth/passwords';
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

export async function login(em: EntityManager, username: string, password: string, now: Date, idleMs = defaultIdleMs) {
  const user = await em.findOne(User, { username: loginName(username) });
  const ok = await verifyPassword(password, user?.passwordHash ?? decoyHash);
  if (!user || !ok)
    throw appError('INVALID_CREDENTIALS', 'Gebruikersnaam of wachtwoord klopt niet', 'Username or password is wrong');
  const token = newToken();
  const expiresAt = new Date(sessionEnd(now.getTime(), now.getTime(), idleMs));
  em.create(Session, { tokenHash: tokenHash(token), user, expiresAt, createdAt: now });
  await em.flush();
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
  site: string,
  input: {
    username: string;
    password: string;
    role: Role;
    function?: StaffFunction;
    displayName?: string;
    site?: string;
  },
): Promise<IUser> {
  if (input.site !== undefined && input.site !== site) {
    throw appError(
      'FORBIDDEN',
      'Je kunt alleen gebruikers voor je eigen locatie aanmaken',
      'You can only create users for your own site',
    );
  }
  if (!roles.includes(input.role)) throw appError('BAD_REQUEST', 'Onbekende rol', 'Unknown role');
  if (await em.count(User, { username: input.username })) {
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
  });
  await em.flush();
  return user;
}

/** Sets (or clears) the function of an account of the admin's own site. */
export async function setUserFunction(
  em: EntityManager,
  sessions: SessionMemory | null,
  site: string,
  id: number,
  fn: StaffFunction | null,
): Promise<IUser> {
  const user = await em.findOne(User, { id, site });
  if (!user) throw notFound({ nl: 'Gebruiker', en: 'User' });
  user.function = fn;
  await em.flush();
  // The function decides what the sessions of this account may see.
  sessions?.forgetSessions();
  return user;
}
