import type { Definition, FormField, Privacy, StaffFunction } from './definition';
import type { Message } from './text';
import { roleAllows } from './roles';
import { functionNames, oneOf, roleNames, type Viewer } from './people';

export type { Viewer } from './people';

/**
 * Personal data (AVG) is shown by default only to those who work with it every day: the
 * coördinator is the contact person of every student and resident and runs intakes and home
 * visits (report 3.3), the projectleider leads the coördinatoren. Anyone else sees it only where
 * a definition says so (the student trajectory adds the docent). Data protection by default
 * (AVG art. 25): a staff member without a function sees none until given one.
 */
export const defaultPrivacy: Required<Omit<Privacy, 'retentionMonths'>> = {
  functions: ['coordinator'],
  roles: ['manager'],
};

/**
 * Months after its end that a case keeps its personal fields, when the definition does not say:
 * two years, long enough for a diploma's questions, a returning student or a complaint.
 */
export const defaultRetentionMonths = 24;

export function retentionMonths(def: Definition): number {
  return def.privacy?.retentionMonths ?? defaultRetentionMonths;
}

function privacyOf(def: Definition): Required<Omit<Privacy, 'retentionMonths'>> {
  return {
    functions: def.privacy?.functions ?? defaultPrivacy.functions,
    roles: def.privacy?.roles ?? defaultPrivacy.roles,
  };
}

/**
 * The functions that can be responsible for a case of this workflow (one person each): those
 * that see its personal data. Whoever owns a case works with the person; an owner who saw only
 * "afgeschermd" could not. For a student the docent and the coördinator, for a client the coördinator.
 */
export function responsibleFunctions(def: Definition): StaffFunction[] {
  return [...privacyOf(def).functions];
}

/** Whether the viewer may see this workflow's personal fields. */
export function seesPersonal(def: Definition, who: Viewer): boolean {
  const p = privacyOf(def);
  if (who.function && p.functions.includes(who.function)) return true;
  // An empty list grants no role (roleAllows reads an empty list as "everyone").
  return p.roles.length > 0 && roleAllows(p.roles, who.role);
}

/** The personal fields the viewer may not see; none when they may see them all. */
export function hiddenFields(def: Definition, who: Viewer): Set<string> {
  if (seesPersonal(def, who)) return new Set();
  return new Set(
    Object.entries(def.fields)
      .filter(([, f]) => f.personal)
      .map(([name]) => name),
  );
}

/** Who may see the personal fields, in words: "coördinator of projectleider". */
export function privacyAudience(def: Definition): Message {
  const p = privacyOf(def);
  return oneOf([...p.functions.map((f) => functionNames[f]), ...p.roles.map((r) => roleNames[r])]);
}

const screened = new WeakMap<readonly FormField[], readonly FormField[]>();

/** A form without its optional personal fields: what someone who may not see them can fill in. */
function withoutPersonal(def: Definition, form: readonly FormField[]): readonly FormField[] {
  let out = screened.get(form);
  if (!out) screened.set(form, (out = form.filter((f) => f.required || !def.fields[f.field]?.personal)));
  return out;
}

/**
 * What of a form the viewer may fill in. A form that requires a personal field they may not see
 * is refused (`refusal`): writing a value one may not read back overwrites what one cannot check.
 * Optional personal fields are left out of the form (`form`), and sending them anyway is refused.
 */
export function formAccess(
  def: Definition,
  form: readonly FormField[] = [],
  who: Viewer,
): { form: readonly FormField[]; refusal?: { message: Message; fields: string[] } } {
  const hidden = hiddenFields(def, who);
  if (!hidden.size) return { form };
  const required = form.filter((f) => f.required && hidden.has(f.field)).map((f) => f.field);
  return { form: withoutPersonal(def, form), ...(required.length ? { refusal: refusal(def, required) } : {}) };
}

/** Why personal fields may not be written by this person, naming them and who may. */
export function refusal(def: Definition, fields: string[]): { message: Message; fields: string[] } {
  const names = {
    nl: fields.map((f) => def.fields[f].label.nl).join(', '),
    en: fields.map((f) => def.fields[f].label.en || def.fields[f].label.nl).join(', '),
  };
  const audience = privacyAudience(def);
  return {
    fields,
    message: {
      nl: `Dit formulier vraagt afgeschermde persoonsgegevens (${names.nl}); alleen ${audience.nl} mag die zien`,
      en: `This form asks for screened personal data (${names.en}); only ${audience.en} may see it`,
    },
  };
}

/** Whether work declared for `functions` is the viewer's when they look as `fn` (no list: everyone's). */
export function forFunction(functions: readonly StaffFunction[] | undefined, fn: StaffFunction | undefined): boolean {
  return !fn || !functions?.length || functions.includes(fn);
}
