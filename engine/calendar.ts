import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { problem, type Problem } from './problem';
import { TextSchema } from './text';

/**
 * A site's calendar: its time zone and the periods it is closed (school holidays, the weeks
 * around Christmas). It is data the caller passes in, like the clock: the engine never reads it
 * from anywhere. Days, weeks and months are counted on this calendar's wall clock, so "10w" ends
 * at the same local time of day across a change to or from summer time.
 */
export const datePattern = '^\\d{4}-\\d{2}-\\d{2}$';

export const ClosedPeriodSchema = Type.Object(
  {
    /** First and last closed day, both included, as local dates (yyyy-mm-dd). */
    from: Type.String({ pattern: datePattern }),
    to: Type.String({ pattern: datePattern }),
    label: Type.Optional(TextSchema),
  },
  { additionalProperties: false },
);
export type ClosedPeriod = Static<typeof ClosedPeriodSchema>;

export const SiteCalendarSchema = Type.Object(
  {
    /** An IANA time zone; Europe/Amsterdam when absent. */
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    closed: Type.Optional(Type.Array(ClosedPeriodSchema, { maxItems: 500 })),
  },
  { additionalProperties: false },
);
export type SiteCalendar = Static<typeof SiteCalendarSchema>;

export const defaultTimeZone = 'Europe/Amsterdam';

export const day = 86_400_000;

/** The latest and earliest moment the engine computes with: a Date stays valid far beyond it. */
const limitMs = Date.UTC(9999, 11, 31);
const earliestMs = Date.UTC(1000, 0, 1);

/** Whether a yyyy-mm-dd text names a day that exists (no 30 February). */
export function isDate(text: unknown): text is string {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `Intl` knows this time zone (the server checks a calendar before storing it). */
export function knownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function zoneOf(calendar: SiteCalendar | undefined): string {
  const tz = calendar?.timeZone ?? defaultTimeZone;
  return knownTimeZone(tz) ? tz : defaultTimeZone;
}

const offsets = new Map<string, Map<number, number>>();

/**
 * How far the zone's wall clock is ahead of UTC at this instant, in ms. Zones change their
 * offset on a quarter hour, so the answer is cached per quarter hour.
 */
function offsetAt(ms: number, timeZone: string): number {
  const quarter = Math.floor(ms / 900_000);
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const known = zone.get(quarter);
  if (known !== undefined) return known;
  const at = quarter * 900_000;
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(at))
      .map((x) => [x.type, x.value]),
  );
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  const offset = wall - at;
  if (zone.size > 20_000) zone.clear();
  zone.set(quarter, offset);
  return offset;
}

/**
 * A wall-clock time is the zone's local date and time written as if it were UTC: arithmetic on
 * days and months is plain there, and converting back finds the real instant.
 */
export function toWall(ms: number, calendar?: SiteCalendar): number {
  return ms + offsetAt(ms, zoneOf(calendar));
}

/**
 * The instant a wall-clock time names. A time that occurs twice (the hour put back in autumn)
 * is its first occurrence; one that does not exist (the hour skipped in spring) moves on by the
 * skipped hour, as a clock on the wall would.
 */
export function fromWall(wall: number, calendar?: SiteCalendar): number {
  const tz = zoneOf(calendar);
  const before = wall - offsetAt(wall - day, tz);
  const after = wall - offsetAt(wall + day, tz);
  const fits = (t: number) => t + offsetAt(t, tz) === wall;
  if (fits(before) && fits(after)) return Math.min(before, after);
  if (fits(after)) return after;
  return before;
}

/** The local date (yyyy-mm-dd) of an instant. */
export function localDate(ms: number, calendar?: SiteCalendar): string {
  return new Date(toWall(ms, calendar)).toISOString().slice(0, 10);
}

/** The instant a local date begins (00:00 on the site's clock). */
export function startOfDate(date: string, calendar?: SiteCalendar): number {
  return fromWall(Date.parse(`${date}T00:00:00Z`), calendar);
}

/** Keeps a computed moment inside the years a Date and a person can use. */
export function clampMs(ms: number): number {
  return Math.min(limitMs, Math.max(earliestMs, ms));
}

/** Closed periods as sorted, merged wall-clock intervals [start, end). */
function closedIntervals(calendar: SiteCalendar | undefined): [number, number][] {
  const list = (calendar?.closed ?? [])
    .filter((p) => isDate(p.from) && isDate(p.to) && p.from <= p.to)
    .map((p) => [Date.parse(`${p.from}T00:00:00Z`), Date.parse(`${p.to}T00:00:00Z`) + day] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of list) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/**
 * Moves a wall-clock time on (or back, for a negative amount) by an amount of open time: the
 * clock stands still in closed periods. Starting inside one, it starts at its end.
 */
export function advanceOpen(wall: number, amount: number, calendar?: SiteCalendar): number {
  const closed = closedIntervals(calendar);
  if (!closed.length) return wall + amount;
  let t = wall;
  let rest = Math.abs(amount);
  if (amount >= 0) {
    for (const [s, e] of closed) {
      if (e <= t) continue;
      if (s <= t) {
        t = e;
        continue;
      }
      if (rest <= s - t) return t + rest;
      rest -= s - t;
      t = e;
    }
    return t + rest;
  }
  for (const [s, e] of [...closed].reverse()) {
    if (s >= t) continue;
    if (e >= t) {
      t = s;
      continue;
    }
    if (rest <= t - e) return t - rest;
    rest -= t - e;
    t = s;
  }
  return t - rest;
}

/** The open time between two wall-clock times (closed periods left out); never negative. */
export function openBetween(fromWall: number, toWall: number, calendar?: SiteCalendar): number {
  if (toWall <= fromWall) return 0;
  let total = toWall - fromWall;
  for (const [s, e] of closedIntervals(calendar)) total -= Math.max(0, Math.min(e, toWall) - Math.max(s, fromWall));
  return Math.max(0, total);
}

/**
 * Whether the site is closed on a local date (yyyy-mm-dd): the closed period that holds it, by its
 * label ("Herfstvakantie"), or "gesloten" when it has none; undefined on an open day.
 */
export function closedOn(date: string, calendar?: SiteCalendar): { nl: string; en: string } | undefined {
  const p = calendar?.closed?.find((c) => isDate(c.from) && isDate(c.to) && c.from <= date && date <= c.to);
  if (!p) return undefined;
  return p.label ? { nl: p.label.nl, en: p.label.en || p.label.nl } : { nl: 'gesloten', en: 'closed' };
}

const monthNames = {
  nl: [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** "9 februari 2027" / "9 February 2027", on the site's calendar; with the time of day when asked. */
export function formatDate(ms: number, lang: 'nl' | 'en', calendar?: SiteCalendar, withTime = false): string {
  const w = new Date(toWall(ms, calendar));
  const date = `${w.getUTCDate()} ${monthNames[lang][w.getUTCMonth()]} ${w.getUTCFullYear()}`;
  if (!withTime) return date;
  const time = `${String(w.getUTCHours()).padStart(2, '0')}:${String(w.getUTCMinutes()).padStart(2, '0')}`;
  return lang === 'nl' ? `${date} om ${time}` : `${date} at ${time}`;
}

/** "1 september" / "1 September" for a month and day (mm-dd). */
export function formatMonthDay(monthDay: string, lang: 'nl' | 'en'): string {
  const [m, d] = monthDay.split('-').map(Number);
  return `${d} ${monthNames[lang][m - 1] ?? monthDay}`;
}

/** Every problem of a site calendar, with a path and a message in both languages. */
export function calendarProblems(input: unknown): Problem[] {
  if (!Value.Check(SiteCalendarSchema, input)) {
    const out: Problem[] = [];
    for (const e of Value.Errors(SiteCalendarSchema, input)) {
      const path = e.path.split('/').slice(1).join('.') || '(root)';
      if (!out.some((p) => p.path === path))
        out.push(problem(path, `Ongeldige waarde: ${e.message}`, `Invalid value: ${e.message}`));
      if (out.length >= 50) break;
    }
    return out;
  }
  const cal = input as SiteCalendar;
  const out: Problem[] = [];
  if (cal.timeZone && !knownTimeZone(cal.timeZone))
    out.push(problem('timeZone', `Onbekende tijdzone '${cal.timeZone}'`, `Unknown time zone '${cal.timeZone}'`));
  cal.closed?.forEach((p, i) => {
    for (const key of ['from', 'to'] as const)
      if (!isDate(p[key]))
        out.push(
          problem(`closed.${i}.${key}`, `'${p[key]}' is geen bestaande datum`, `'${p[key]}' is not a real date`),
        );
    if (isDate(p.from) && isDate(p.to) && p.from > p.to)
      out.push(
        problem(
          `closed.${i}.to`,
          `De periode eindigt (${p.to}) voordat ze begint (${p.from})`,
          `The period ends (${p.to}) before it begins (${p.from})`,
        ),
      );
  });
  return out;
}
