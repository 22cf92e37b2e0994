import { randomInt } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '../auth/caller';
import { checkNewPassword, hashPassword, randomPassword, tokenHash } from '../auth/passwords';
import { AccountChange, Site, User, type IUser } from '../db/entities';
import { appError } from '../errors';
import type { DefinitionCache } from './definitions';
import { login } from './accounts';
import { runningStudent, type StudentOnly } from './presence';
import { usernamePattern } from '../contract';

/**
 * A student's own account (issue 22): whoever guides them (a docent or coördinator, or a
 * projectleider standing in) invites them from their dossier. The account is bound to that one
 * case; a one-time code, shown once on the inviter's screen and valid for a few days, lets the
 * student choose their password. No e-mail: the code is given in person. Only its hash is kept.
 */

export const invitationHours = 72;

/** Letters and digits that cannot be mistaken for one another when read aloud or copied from a screen. */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function newCode(): string {
  const chars = Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** A code as typed: spaces, dashes and case do not matter. */
function codeHash(code: string): string {
  const bare = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return tokenHash(`${bare.slice(0, 4)}-${bare.slice(4)}`);
}

/** Who invites a student: whoever guides them, or a role above staff. */
export const invitesStudents = (who: Actor) => who.role !== 'staff' || !!who.function;

const invitationOnly: StudentOnly = {
  path: 'params.id',
  notStudent: { nl: 'Alleen een student krijgt een eigen account', en: 'Only a student gets an account of their own' },
  ended: {
    nl: 'Dit traject is afgesloten; uitnodigen kan niet meer',
    en: 'This trajectory has ended; an invitation is no longer possible',
  },
};

/** A username free on the site, from the student's name: `sanne.de.vries`, else `sanne.de.vries-2`. */
async function freeUsername(em: EntityManager, site: string, name: string): Promise<string> {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '.')
      .replace(/^\.+|\.+$/g, '')
      .slice(0, 34) || 'student';
  const ok = new RegExp(usernamePattern);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (ok.test(candidate) && !(await em.count(User, { site, username: candidate }))) return candidate;
  }
}

/**
 * Invites the student of a running case: their account is made (bound to the case, with a
 * password nobody knows) or found, and a new code replaces any earlier one. Its password stays
 * until the code is used, so inviting again helps a student who forgot it without locking them out now.
 */
export async function inviteStudent(
  em: EntityManager,
  cache: DefinitionCache,
  actor: Actor,
  caseId: string,
  now: Date,
): Promise<{ user: IUser; code: string; expiresAt: Date }> {
  if (!invitesStudents(actor))
    throw appError(
      'FORBIDDEN',
      'Een student uitnodigen doet een docent of coördinator',
      'A student is invited by a teacher or coördinator',
    );
  const student = await runningStudent(em, cache, actor.site, caseId, invitationOnly);
  const code = newCode();
  const expiresAt = new Date(now.getTime() + invitationHours * 3_600_000);
  const user = await em.transactional(async (tem) => {
    let u = await tem.findOne(User, { site: actor.site, caseId, role: 'student' });
    if (!u) {
      u = tem.create(User, {
        site: tem.getReference(Site, actor.site),
        username: await freeUsername(tem, actor.site, student.title),
        displayName: student.title,
        role: 'student',
        passwordHash: await hashPassword(randomPassword()),
        caseId,
        createdAt: now,
      });
      tem.create(AccountChange, {
        site: actor.site,
        user: u,
        at: now,
        by: actor.username,
        what: 'created',
        to: 'student',
      });
    }
    u.inviteHash = codeHash(code);
    u.inviteExpiresAt = expiresAt;
    return u;
  });
  return { user, code, expiresAt };
}

const badCode = () =>
  appError(
    'INVALID_CREDENTIALS',
    'Deze code klopt niet of is verlopen; vraag een nieuwe',
    'This code is wrong or has expired; ask for a new one',
  );

/**
 * A code used: the student's password is set, the code spent (a conditional update, so it opens
 * the account once), and the student is logged in as with their password.
 */
export async function redeemInvitation(
  em: EntityManager,
  input: { code: string; password: string },
  now: Date,
  idleMs?: number,
) {
  const hash = codeHash(input.code);
  const user = await em.findOne(User, { inviteHash: hash, inviteExpiresAt: { $gt: now }, active: true });
  if (!user) throw badCode();
  checkNewPassword(input.password, { username: user.username, role: 'student' }, 'body.password');
  const spent = await em.nativeUpdate(
    User,
    { id: user.id, inviteHash: hash },
    { passwordHash: await hashPassword(input.password), inviteHash: null, inviteExpiresAt: null },
  );
  if (!spent) throw badCode();
  em.create(AccountChange, { site: user.site, user, at: now, by: user.username, what: 'password-changed' });
  await em.flush();
  return login(em.fork(), user.username, input.password, now, idleMs);
}

/** The one case a student's account sees: their own. */
export async function ownCaseId(em: EntityManager, userId: number): Promise<string> {
  const u = await em.findOne(User, { id: userId }, { fields: ['caseId'] });
  if (!u?.caseId)
    throw appError('NOT_FOUND', 'Er hoort geen dossier bij dit account', 'No case belongs to this account');
  return u.caseId;
}
