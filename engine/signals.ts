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
