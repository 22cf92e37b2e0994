import type { Message } from './text';

/**
 * Group activities (report chapter 6, a wish of the students and professionals: "organiseren van
 * groepsactiviteiten, naar voorbeeld van de eerder georganiseerde excursies naar musea en de
 * Tweede Kamer"). Recorded after it took place, with who took part and a short evaluation; each
 * participant's history gets a row (`groupActivityEvent` in ./history.ts).
 */
export const groupActivityKinds = {
  excursie: { nl: 'Excursie', en: 'Excursion' },
  groepsactiviteit: { nl: 'Groepsactiviteit', en: 'Group activity' },
} as const satisfies Record<string, Message>;

export type GroupActivityKind = keyof typeof groupActivityKinds;

export const groupActivityKindNames = Object.keys(groupActivityKinds) as GroupActivityKind[];

/** At most this many students take part in one activity: a site has about 22 at once (report 3.1). */
export const maxParticipants = 40;
