import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { roleNames, type AccountRole, type Role } from '../../engine';
import { passwordMinLength, passwordMinLengthFor } from '../contract';
import { weakWords } from './weak-passwords';
import { appError, type Detail } from '../errors';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}
/**
 * OWASP's Password Storage Cheat Sheet gives N=2^17, r=8, p=1 and, as equally strong, trades of
 * memory for passes; N=2^15 with p=3 does the same work in 32 MiB instead of 128, so the four
 * threads that hash at once on a small server need 128 MiB, not half a gigabyte.
 */
export const scryptCost: ScryptCost = { N: 1 << 15, r: 8, p: 3 };
/** What new hashes are made with: OWASP's cost, unless the app was built with another (the tests' cheaper one). */
let cost: ScryptCost = scryptCost;
export function useScryptCost(c: ScryptCost = scryptCost): void {
  cost = c;
}
/** What hashes without their cost in them were made with, before the cost was written down. */
const firstCost: ScryptCost = { N: 1 << 15, r: 8, p: 1 };
const keyLength = 32;
const options = (c: ScryptCost) => ({ ...c, maxmem: 256 * c.N * c.r + 1024 * 1024 });

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, keyLength, options(cost));
  const { N, r, p } = cost;
  return `scrypt$N=${N},r=${r},p=${p}$${salt.toString('hex')}$${hash.toString('hex')}`;
}

/**
 * A hash in the first form, as accounts made before the cost was written down still hold it:
 * the tests make one to show it still logs in and is made anew.
 */
export async function hashInFirstForm(password: string, salt = randomBytes(16)): Promise<string> {
  const hash = await scryptAsync(password, salt, keyLength, options(firstCost));
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

/** A stored hash taken apart: `scrypt$N=…,r=…,p=…$salt$hash`, or the first form without the cost. */
function parse(stored: string): { cost: ScryptCost; salt: Buffer; hash: Buffer } | null {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt') return null;
  const [costText, saltHex, hashHex] = parts.length === 4 ? parts.slice(1) : [null, ...parts.slice(1)];
  if (!saltHex || !hashHex) return null;
  let cost = firstCost;
  if (costText) {
    const m = /^N=(\d+),r=(\d+),p=(\d+)$/.exec(costText);
    if (!m) return null;
    cost = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  }
  return { cost, salt: Buffer.from(saltHex, 'hex'), hash: Buffer.from(hashHex, 'hex') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await scryptAsync(password, parsed.salt, parsed.hash.length, options(parsed.cost));
  return timingSafeEqual(actual, parsed.hash);
}

/** Whether a hash that just verified was made at a lower cost than today's: hash it again at login. */
export function hashIsOutdated(stored: string): boolean {
  const made = parse(stored)?.cost;
  return !made || made.N !== cost.N || made.r !== cost.r || made.p !== cost.p;
}

/** A hash to compare against when the user does not exist, so timing does not reveal usernames. */
export const decoyHash = () =>
  `scrypt$N=${cost.N},r=${cost.r},p=${cost.p}$${'00'.repeat(16)}$${'00'.repeat(keyLength)}`;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}

const sequences = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiopasdfghjklzxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
];
const unleet: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '3': 'e',
  '1': 'i',
  '!': 'i',
  '0': 'o',
  '5': 's',
  $: 's',
  '7': 't',
};

/** What a password is at heart: lower case, accents off, digits and punctuation around it off, digits read as letters. */
function heart(password: string): string {
  const plain = password
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  const stripped = plain.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  return [...stripped].map((c) => unleet[c] ?? c).join('');
}

/** Whether a password is easily guessed: a common word, the account's or site's name, a pattern. */
function guessable(password: string, names: readonly string[]): boolean {
  const lower = password.toLowerCase();
  const core = heart(password);
  if (/^(.{1,3})\1+$/u.test(lower)) return true;
  if (!core) return true;
  const inSequence = (x: string) =>
    x.length >= 3 && sequences.some((q) => q.includes(x) || [...q].reverse().join('').includes(x));
  if (inSequence(lower) || inSequence(core)) return true;
  if (weakWords.has(core)) return true;
  const own = names.map(heart).filter((n) => n.length >= 2);
  return own.includes(core);
}

/**
 * The one check of a new password, wherever one is chosen (a new account, a new site's admin,
 * a reset, one's own change, the first admin's `WLB_ADMIN_PASSWORD`): long enough for the role,
 * and not one a guesser tries first. `path` names the field for the form.
 */
export function checkNewPassword(
  password: string,
  account: { username: string; role: AccountRole; site?: string },
  path: string,
): void {
  const problems: Detail[] = [];
  const min = passwordMinLengthFor(account.role);
  if ([...password].length < min)
    problems.push({
      path,
      message:
        min > passwordMinLength
          ? {
              nl: `Een wachtwoord van een ${roleNames[account.role as Role].nl} heeft minstens ${min} tekens`,
              en: `A password for this role (${roleNames[account.role as Role].en}) has at least ${min} characters`,
            }
          : { nl: `Een wachtwoord heeft minstens ${min} tekens`, en: `A password has at least ${min} characters` },
    });
  else if (guessable(password, [account.username, ...(account.site ? [account.site] : [])]))
    problems.push({
      path,
      message: {
        nl: 'Dit wachtwoord is te makkelijk te raden (een veelgebruikt woord, een naam of een reeks); kies een zin van een paar woorden',
        en: 'This password is too easy to guess (a common word, a name or a sequence); choose a phrase of a few words',
      },
    });
  if (problems.length)
    throw appError('BAD_REQUEST', 'Dit wachtwoord is niet goed genoeg', 'This password is not good enough', problems);
}
