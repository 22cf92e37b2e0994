import type { Locale } from '../../../engine/text';
import type { StaffFunction } from '../../../engine/definition';

/** The functions in the team as people call them (report 3.3). */
export const functionNames: Record<Locale, Record<StaffFunction, string>> = {
  nl: { docent: 'Docent', coordinator: 'Coördinator' },
  en: { docent: 'Teacher', coordinator: 'Coordinator' },
};
