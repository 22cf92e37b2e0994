import type { Locale, Message } from '../../../engine/text';
import type { StaffFunction } from '../../../engine/definition';
import {
  accountRoleNames as roles,
  functionNames as functions,
  personTitle,
  type AccountRole,
} from '../../../engine/people';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Names by key in one language, as the engine says them (report 3.3), as labels: a capital first. */
function inLanguage<K extends string>(names: Record<K, Message>, locale: Locale): Record<K, string> {
  return Object.fromEntries(Object.entries<Message>(names).map(([k, m]) => [k, capital(m[locale])])) as Record<
    K,
    string
  >;
}

/** The functions in the team as people call them, as a label (a capital first). */
export const functionNames: Record<Locale, Record<StaffFunction, string>> = {
  nl: inLanguage(functions, 'nl'),
  en: inLanguage(functions, 'en'),
};

/** The roles as people call them, as a label. */
export const roleNames: Record<Locale, Record<AccountRole, string>> = {
  nl: inLanguage(roles, 'nl'),
  en: inLanguage(roles, 'en'),
};

/** Who someone is in the team, in a word: their function, or else their role ("Docent", "Beheerder"). */
export function teamTitle(who: { role: AccountRole; function?: StaffFunction | null }, locale: Locale): string {
  return capital(personTitle(who)[locale]);
}
