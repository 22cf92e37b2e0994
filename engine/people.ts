import { roles, type Role, type StaffFunction, type TransitionConfig, type ChecklistItem } from './definition';
import type { Message } from './text';
import { roleAllows } from './roles';

/** Who is looking or acting: a role for permissions, and (for staff) a function in the team. */
export interface Viewer {
  role: Role;
  function?: StaffFunction | null;
}

/**
 * Roles and functions as the people of a WijkLeerbedrijf call them (report 3.3): the keys
 * (`manager`, `coordinator`) are never shown. Lower case, as they stand inside a sentence.
 */
export const roleNames: Record<Role, Message> = {
  staff: { nl: 'medewerker', en: 'staff member' },
  manager: { nl: 'projectleider', en: 'project lead' },
  admin: { nl: 'beheerder', en: 'administrator' },
};

/**
 * Accounts that are not staff: the student sees their own case, the stuurgroep the report. Outside
 * the staff hierarchy (no staff work, no staff route) unless a route names them.
 */
export const limitedRoles = ['student', 'stuurgroep'] as const;
export type LimitedRole = (typeof limitedRoles)[number];
export type AccountRole = Role | LimitedRole;

export function isLimitedRole(role: string): role is LimitedRole {
  return (limitedRoles as readonly string[]).includes(role);
}

/** The roles an admin gives an account in the users page; a student's account comes by invitation. */
export const assignableRoles = [...roles, 'stuurgroep'] as const satisfies readonly AccountRole[];
export type AssignableRole = (typeof assignableRoles)[number];

export const accountRoleNames: Record<AccountRole, Message> = {
  ...roleNames,
  student: { nl: 'student', en: 'student' },
  stuurgroep: { nl: 'lid van de stuurgroep', en: 'steering group member' },
};

export const functionNames: Record<StaffFunction, Message> = {
  docent: { nl: 'docent', en: 'teacher' },
  coordinator: { nl: 'coördinator', en: 'coordinator' },
};

/** "a, b of c" / "a, b or c". */
export function oneOf(names: readonly Message[], none: Message = { nl: 'niemand', en: 'nobody' }): Message {
  const join = (words: string[], or: string) =>
    words.length > 1 ? `${words.slice(0, -1).join(', ')} ${or} ${words.at(-1)}` : (words[0] ?? '');
  if (!names.length) return none;
  return {
    nl: join(
      names.map((n) => n.nl),
      'of',
    ),
    en: join(
      names.map((n) => n.en),
      'or',
    ),
  };
}

/** The roles a `roles` list lets through: the lowest named and every higher one. */
export function rolesFrom(allowed: readonly Role[]): Role[] {
  return roles.filter((r) => roleAllows(allowed, r));
}

/** Who someone is in the team, in words: their function if they have one, else their role. */
export function personTitle(who: { role: AccountRole; function?: StaffFunction | null }): Message {
  return who.function ? functionNames[who.function] : accountRoleNames[who.role];
}

/** A role above staff (the projectleider, the beheerder) may do the work of every function. */
const leads = (who: Viewer) => roleAllows(['manager'], who.role);

/** What an action or a sign-off item says about who may do it. */
type Work = Pick<NonNullable<TransitionConfig['meta']>, 'roles' | 'restrictedTo'> | ChecklistItem;

export interface WorkRefusal {
  code: 'ROLE_NOT_ALLOWED' | 'FUNCTION_NOT_ALLOWED';
  message: Message;
  /** Who may, in words ("docent of projectleider"). */
  who: Message;
}

/**
 * Whose work an action or item is, for the worklist: its `functions`, or else the functions that
 * alone may do it. Empty: everyone's.
 */
export function whoseWork(work: Work | undefined): readonly StaffFunction[] {
  if (!work) return [];
  return ('functions' in work ? work.functions : undefined) ?? work.restrictedTo ?? [];
}

/**
 * Why this person may not take an action (`do`) or sign an item (`sign`), or nothing when they
 * may. The role comes first (`roles`, a higher role may what a lower may); then the functions
 * that alone may (`restrictedTo`), which bind staff only: the projectleider leads both. A
 * signature attests a professional's judgement, so staff without a function sign nothing.
 */
export function refusalFor(work: Work | undefined, who: Viewer, act: 'do' | 'sign'): WorkRefusal | undefined {
  const verb = act === 'sign' ? { nl: 'aftekenen', en: 'sign this' } : { nl: 'doen', en: 'do this' };
  if (!roleAllows(work?.roles, who.role)) {
    const names = oneOf(rolesFrom(work!.roles!).map((r) => roleNames[r]));
    return {
      code: 'ROLE_NOT_ALLOWED',
      message: { nl: `Alleen een ${names.nl} mag dit ${verb.nl}`, en: `Only a ${names.en} may ${verb.en}` },
      who: names,
    };
  }
  if (leads(who)) return undefined;
  const only = work?.restrictedTo ?? [];
  const you = who.function
    ? { nl: `je bent ${functionNames[who.function].nl}`, en: `you are a ${functionNames[who.function].en}` }
    : { nl: 'je account heeft geen functie', en: 'your account has no function' };
  if (only.length && !(who.function && only.includes(who.function))) {
    const names = oneOf([...only.map((f) => functionNames[f]), roleNames.manager]);
    return {
      code: 'FUNCTION_NOT_ALLOWED',
      message: {
        nl: `Alleen een ${names.nl} mag dit ${verb.nl} (${you.nl})`,
        en: `Only a ${names.en} may ${verb.en} (${you.en})`,
      },
      who: names,
    };
  }
  if (act === 'sign' && !who.function) {
    const names = oneOf([...Object.values(functionNames), roleNames.manager]);
    return {
      code: 'FUNCTION_NOT_ALLOWED',
      message: {
        nl: `Aftekenen doet een ${names.nl} (${you.nl})`,
        en: `Signing is for a ${names.en} (${you.en})`,
      },
      who: names,
    };
  }
  return undefined;
}
