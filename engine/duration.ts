import { advanceOpen, clampMs, day, fromWall, toWall, type SiteCalendar } from './calendar';
import type { Message } from './text';

/**
 * A duration as a manager writes it: months, weeks, days, hours and minutes, largest first
 * ("6mo", "10w", "1w3d", "2h", "30m"). `mo` is a month, `m` a minute. Machines from other
 * statechart tools (SCXML's delays, BPMN's ISO 8601 durations) may also count seconds and
 * milliseconds ("1m30s", "250ms"): those parts are there only where a duration has them.
 */
export const units = ['mo', 'w', 'd', 'h', 'm', 's', 'ms'] as const;
export type Unit = (typeof units)[number];
export type DurationParts = Record<Exclude<Unit, 's' | 'ms'>, number> & Partial<Record<'s' | 'ms', number>>;

/** A month for estimates (limits, SCXML's delay in seconds): a twelfth of a year of 365.25 days. */
const monthMs = (365.25 / 12) * day;
const unitMs: Record<Unit, number> = { mo: monthMs, w: 7 * day, d: day, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** The shortest and longest duration a definition may use: a timer must let time pass, and end. */
export const durationLimits = { minMs: 60_000, maxMs: 120 * monthMs, maxText: '10 jaar', maxTextEn: '10 years' };

const words: Record<Unit, [string, string, string, string]> = {
  mo: ['maand', 'maanden', 'month', 'months'],
  w: ['week', 'weken', 'week', 'weeks'],
  d: ['dag', 'dagen', 'day', 'days'],
  h: ['uur', 'uur', 'hour', 'hours'],
  m: ['minuut', 'minuten', 'minute', 'minutes'],
  s: ['seconde', 'seconden', 'second', 'seconds'],
  ms: ['milliseconde', 'milliseconden', 'millisecond', 'milliseconds'],
};

const durationRe = /^(?=\d)(?:(\d+)mo)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** "1w3d" → its parts; undefined when it is not a duration. */
export function parseDuration(duration: string): DurationParts | undefined {
  const m = durationRe.exec(duration);
  if (!m) return undefined;
  const [mo, w, d, h, min] = m.slice(1, 6).map((x) => Number(x ?? 0));
  return {
    mo,
    w,
    d,
    h,
    m: min,
    ...(m[6] !== undefined ? { s: Number(m[6]) } : {}),
    ...(m[7] !== undefined ? { ms: Number(m[7]) } : {}),
  };
}

function estimate(p: DurationParts): number {
  return units.reduce((sum, u) => sum + (p[u] ?? 0) * unitMs[u], 0);
}

/**
 * "10w" → milliseconds, an estimate where months are involved (a month is 30.4 days): for
 * limits, for XState's delays and for SCXML. When a timer is due is `addDuration`'s answer.
 */
export function durationMs(duration: string): number {
  const p = parseDuration(duration);
  return p ? estimate(p) : 0;
}

/** What is wrong with a duration for a timer, deadline or rule, or undefined when nothing is. */
export function durationProblem(duration: string): Message | undefined {
  const ms = durationMs(duration);
  if (!parseDuration(duration)) return { nl: `'${duration}' is geen duur`, en: `'${duration}' is not a duration` };
  // Seconds and milliseconds come from other tools' machines, where they are the unit of time.
  const smallest = /ms$/.test(duration) ? 'ms' : /\ds$/.test(duration) ? 's' : 'm';
  if (ms < (smallest === 'm' ? durationLimits.minMs : unitMs[smallest]))
    return {
      nl: `Een duur van minder dan een ${words[smallest][0]} kan niet ('${duration}'): de tijd moet verder kunnen`,
      en: `A duration of less than a ${words[smallest][2]} is not possible ('${duration}'): time must move on`,
    };
  if (ms > durationLimits.maxMs)
    return {
      nl: `Een duur van meer dan ${durationLimits.maxText} kan niet ('${duration}')`,
      en: `A duration of more than ${durationLimits.maxTextEn} is not possible ('${duration}')`,
    };
  return undefined;
}

/** Adds months to a wall-clock time; a day that the month lacks becomes its last (31 Jan + 1 month = 28/29 Feb). */
function addMonths(wall: number, months: number): number {
  const d = new Date(wall);
  const timeOfDay = wall - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d.getUTCDate(), last)) + timeOfDay;
}

/** A duration added to (or, with `sign` -1, taken from) a wall-clock time: months first, then the rest. */
export function addCalendar(wall: number, p: DurationParts, sign: 1 | -1 = 1): number {
  const exact = (p.w * 7 + p.d) * day + p.h * 3_600_000 + p.m * 60_000 + (p.s ?? 0) * 1000 + (p.ms ?? 0);
  return addMonths(wall, sign * p.mo) + sign * exact;
}

export interface DurationOptions {
  /** Count only the site's open days: the clock stands still in its closed periods. */
  openDays?: boolean;
  /** -1 to go back in time ("6 months before the planned end"). */
  sign?: 1 | -1;
}

/**
 * The moment a duration after (or before) `ms` ends, on the site's calendar: months and days
 * on the wall clock in its time zone (a month from 31 January is the last day of February,
 * "10w" keeps the time of day across summer time), hours and minutes on that clock too.
 * With `openDays`, the closed periods do not count. A duration beyond the limit counts as
 * the limit, so the answer is always a valid moment.
 */
export function addDuration(
  ms: number,
  duration: string | DurationParts,
  calendar?: SiteCalendar,
  options: DurationOptions = {},
): number {
  let p = typeof duration === 'string' ? parseDuration(duration) : duration;
  if (!p) return ms;
  if (estimate(p) > durationLimits.maxMs) p = { mo: 120, w: 0, d: 0, h: 0, m: 0 };
  const sign = options.sign ?? 1;
  const start = toWall(clampMs(ms), calendar);
  const end = addCalendar(start, p, sign);
  const wall = options.openDays ? advanceOpen(start, end - start, calendar) : end;
  return clampMs(fromWall(wall, calendar));
}

/** "1w3d" → "1 week en 3 dagen" / "1 week and 3 days". */
export function describeDuration(duration: string | DurationParts): Message {
  const p = typeof duration === 'string' ? parseDuration(duration) : duration;
  const list = (lang: 0 | 2, and: string) => {
    const items = units
      .filter((u) => p && (p[u] ?? 0) > 0)
      .map((u) => `${p![u]} ${p![u] === 1 ? words[u][lang] : words[u][lang + 1]}`);
    return items.length > 1 ? `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}` : (items[0] ?? '0');
  };
  return { nl: list(0, 'en'), en: list(2, 'and') };
}

/**
 * A span of time in round words, for "nog 6 weken" and "3 dagen te laat": months from three
 * months on, weeks from two weeks, then days, hours, minutes.
 */
export function describeSpan(ms: number): Message {
  const abs = Math.max(0, ms);
  const pick = (): [Unit, number] => {
    if (abs >= 90 * day) return ['mo', Math.round(abs / monthMs)];
    if (abs >= 14 * day) return ['w', Math.round(abs / (7 * day))];
    if (abs >= day) return ['d', Math.floor(abs / day)];
    if (abs >= 3_600_000) return ['h', Math.floor(abs / 3_600_000)];
    return ['m', Math.max(1, Math.ceil(abs / 60_000))];
  };
  const [u, n] = pick();
  return { nl: `${n} ${n === 1 ? words[u][0] : words[u][1]}`, en: `${n} ${n === 1 ? words[u][2] : words[u][3]}` };
}

/**
 * Milliseconds in the definition's words, largest units first: 90,000 → "1m30s", 250 → "250ms".
 * No months: a delay from another tool is a span of time, not a date on the calendar.
 */
export function durationOf(ms: number): string {
  let rest = Math.round(ms);
  let out = '';
  for (const unit of units.filter((u) => u !== 'mo')) {
    const n = Math.floor(rest / unitMs[unit]);
    if (n) out += `${n}${unit}`;
    rest -= n * unitMs[unit];
  }
  return out || '0ms';
}
