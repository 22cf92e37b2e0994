import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { AccountRole } from '../../engine';
import { passwordMinLength } from '../contract';
import { appError, type Detail } from '../errors';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
// N=2^15, r=8: about 30 ms here, memory 32 MiB; maxmem must allow it.
const params = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const keyLength = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, keyLength, params);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = await scryptAsync(password, Buffer.from(saltHex, 'hex'), expected.length, params);
  return timingSafeEqual(actual, expected);
}

/** A hash to compare against when the user does not exist, so timing does not reveal usernames. */
export const decoyHash = `scrypt$${'00'.repeat(16)}$${'00'.repeat(keyLength)}`;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * The one check of a new password, wherever one is chosen (a new account, a new site's admin,
 * a reset, one's own change): the policy grows here. `path` names the field for the form.
 */
export function checkNewPassword(
  password: string,
  _account: { username: string; role: AccountRole },
  path: string,
): void {
  const problems: Detail[] = [];
  if ([...password].length < passwordMinLength)
    problems.push({
      path,
      message: {
        nl: `Een wachtwoord heeft minstens ${passwordMinLength} tekens`,
        en: `A password has at least ${passwordMinLength} characters`,
      },
    });
  if (problems.length)
    throw appError('BAD_REQUEST', 'Dit wachtwoord is niet goed genoeg', 'This password is not good enough', problems);
}
