import type { Message } from './text';
import type { SiteSchedule } from './schedule';

/**
 * A signal: staff record that a student is not doing well ("niet naar huis voordat het besproken
 * is", report 4.7). It is work for the coördinatoren that same day, closed with a short note; one
 * still open when the site's day ends is late. Both steps are history rows of the student's case
 * (`signalEvent`, `signalClosedEvent` in ./history.ts), so the dossier tells what happened.
 */
export const signalKinds = {
  'niet-lekker': { nl: 'Voelt zich niet goed', en: 'Not feeling well' },
  /** The student asks for a coördinator themselves, from their own view (report 4.7). */
  'hulp-nodig': { nl: 'Hulp nodig', en: 'Needs help' },
} as const satisfies Record<string, Message>;

export type SignalKind = keyof typeof signalKinds;

export const signalKindNames = Object.keys(signalKinds) as SignalKind[];

/**
 * Whether a signal made on `day` (the site's calendar day, yyyy-mm-dd) is late: a later day has
 * begun, or the day's last moment (the end of the day, when the students go home) has come.
 * `today` and `time` are the site's local day and HH:MM now.
 */
export function signalLate(schedule: SiteSchedule, day: string, today: string, time: string): boolean {
  if (today > day) return true;
  const end = schedule.moments[schedule.moments.length - 1];
  return today === day && time >= end.at;
}

/** The kind a student gives themselves: it waits for a coördinator to answer it, and escalates when none does. */
export const helpKind: SignalKind = 'hulp-nodig';

/**
 * What a student asks for (report 4.7: "een van de twee coördinatoren kan meteen komen"): that a
 * coördinator comes to them, or calls them.
 */
export const helpModes = {
  'kom-nu': { nl: 'Kom nu', en: 'Come now' },
  'bel-me': { nl: 'Bel me', en: 'Call me' },
} as const satisfies Record<string, Message>;
export type HelpMode = keyof typeof helpModes;
export const helpModeNames = Object.keys(helpModes) as HelpMode[];

/** The answer the student reads once a coördinator acknowledged: "Ahmed komt eraan", "Ahmed belt je". */
export function helpAnswer(mode: HelpMode, name: string): Message {
  return mode === 'bel-me'
    ? { nl: `${name} belt je`, en: `${name} will call you` }
    : { nl: `${name} komt eraan`, en: `${name} is on the way` };
}

/** Minutes a call for help may wait for an answer before it goes to everyone, when the site sets none. */
export const defaultEscalationMinutes = 10;

/** Whether a call for help made at `at` and still unanswered at `now` has waited too long. */
export function escalationDue(at: Date, now: Date, minutes: number): boolean {
  return now.getTime() - at.getTime() >= minutes * 60_000;
}
