import { fromWall, type SiteCalendar } from './calendar';
import type { DayPart } from './halfdays';
import { partStarts, type Moment } from './schedule';

/**
 * Who to phone (report 4.1: "als iemand er niet is, wordt er meteen gebeld"): at each of the
 * day's moments a student is seen (on time or late), called in (`afgemeld`, which excuses the
 * rest of the day) or not there. A student recorded as absent is phoned; so is, once the moment's
 * call time has passed today, every student expected at the site whom nobody has recorded yet.
 * Computed when the list is read, from the records and the clock: nothing has to run at 09:30
 * for the list to be right at 09:31, and reading it twice changes nothing.
 */
export const presenceStatuses = ['aanwezig', 'te-laat', 'afgemeld', 'afwezig'] as const;
export type PresenceStatus = (typeof presenceStatuses)[number];

/** Reached ends the calls about a moment; the other outcomes keep the student on the list. */
export const callOutcomes = ['bereikt', 'niet-bereikt', 'ingesproken'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

export interface Check {
  student: string;
  moment: string;
  status: PresenceStatus;
}

export interface Call {
  student: string;
  moment: string;
  outcome: CallOutcome;
  /** An undone call (tapped by mistake) counts for nothing. */
  undone: boolean;
}

export interface ToCall {
  student: string;
  moment: string;
  /** Recorded as absent, or not seen by the moment's call time. */
  why: 'afwezig' | 'niet-gezien';
}

/** The instant a moment's call time is reached on a local date. */
export function callTime(date: string, moment: Pick<Moment, 'callAfter'>, calendar?: SiteCalendar): number {
  return fromWall(Date.parse(`${date}T${moment.callAfter}:00Z`), calendar);
}

/**
 * The students to phone on a day, each once: at the first moment they were missed and nobody
 * reached them. `today` is the site's date now: the list of another day holds only the absences
 * that were recorded (nobody phones about yesterday's unrecorded morning).
 */
export function callList(input: {
  day: string;
  today: string;
  now: Date;
  moments: readonly Moment[];
  students: readonly { id: string; expected: boolean }[];
  checks: readonly Check[];
  calls: readonly Call[];
  calendar?: SiteCalendar;
}): ToCall[] {
  const out: ToCall[] = [];
  for (const s of input.students) {
    for (const m of input.moments) {
      const mine = input.checks.filter((c) => c.student === s.id);
      const upTo = input.moments.slice(0, input.moments.indexOf(m) + 1).map((x) => x.key);
      if (mine.some((c) => c.status === 'afgemeld' && upTo.includes(c.moment))) break;
      const here = mine.find((c) => c.moment === m.key);
      const why =
        here?.status === 'afwezig'
          ? 'afwezig'
          : !here &&
              s.expected &&
              input.day === input.today &&
              input.now.getTime() >= callTime(input.day, m, input.calendar)
            ? 'niet-gezien'
            : undefined;
      if (!why) continue;
      const reached = input.calls.some(
        (c) => c.student === s.id && c.moment === m.key && c.outcome === 'bereikt' && !c.undone,
      );
      if (reached) continue;
      out.push({ student: s.id, moment: m.key, why });
      break;
    }
  }
  return out;
}

/**
 * The parts of the day a student is away for, so their residents wait in vain: the morning when
 * they were absent or called in at its first moment; the afternoon when they were absent or called
 * in when it began, or were away earlier and nobody has seen them since.
 */
export function missedParts(moments: readonly Moment[], checks: readonly Check[], student: string): DayPart[] {
  const mine = checks.filter((c) => c.student === student);
  const at = (key: string | undefined) => mine.find((c) => c.moment === key);
  const away = (c: Check | undefined) => c?.status === 'afwezig' || c?.status === 'afgemeld';
  const starts = partStarts(moments);
  const out: DayPart[] = [];
  if (away(at(starts.ochtend))) out.push('ochtend');
  if (starts.middag) {
    const before = moments
      .slice(
        0,
        moments.findIndex((m) => m.key === starts.middag),
      )
      .map((m) => m.key);
    const then = at(starts.middag);
    if (away(then) || (!then && mine.some((c) => before.includes(c.moment) && away(c)))) out.push('middag');
  }
  return out;
}
