import type { Definition } from './definition';
import type { Message } from './text';

/**
 * The half-days (dagdelen) of a week at a WijkLeerbedrijf: Monday to Friday, morning and
 * afternoon (report 3.2: students help residents on about three of them a week, at most one
 * client per half-day). A half-day is written `ma-ochtend` … `vr-middag`, the option values of
 * the shipped workflows' half-day fields; the planning board, the site's timetable and the help
 * sessions all speak these codes. Dates are local dates (yyyy-mm-dd) of the site.
 */
export const weekdays = ['ma', 'di', 'wo', 'do', 'vr'] as const;
export const dayParts = ['ochtend', 'middag'] as const;
export type Weekday = (typeof weekdays)[number];
export type DayPart = (typeof dayParts)[number];

export const halfDayCodes: readonly string[] = weekdays.flatMap((d) => dayParts.map((p) => `${d}-${p}`));
export const halfDayPattern = `^(${weekdays.join('|')})-(${dayParts.join('|')})$`;

const dayNames: Record<Weekday, Message> = {
  ma: { nl: 'maandag', en: 'Monday' },
  di: { nl: 'dinsdag', en: 'Tuesday' },
  wo: { nl: 'woensdag', en: 'Wednesday' },
  do: { nl: 'donderdag', en: 'Thursday' },
  vr: { nl: 'vrijdag', en: 'Friday' },
};
const partNames: Record<DayPart, Message> = {
  ochtend: { nl: 'ochtend', en: 'morning' },
  middag: { nl: 'middag', en: 'afternoon' },
};

export function isHalfDay(code: unknown): code is string {
  return typeof code === 'string' && halfDayCodes.includes(code);
}

/** The weekday (0 = Monday) and part of a half-day code; undefined for anything else. */
export function parseHalfDay(code: string): { weekday: number; day: Weekday; part: DayPart } | undefined {
  if (!isHalfDay(code)) return undefined;
  const [day, part] = code.split('-') as [Weekday, DayPart];
  return { weekday: weekdays.indexOf(day), day, part };
}

/**
 * A half-day in words: the label of the option in the definition's field when it has one (a
 * site may have named them its own way), else "maandag ochtend" / "Monday morning".
 */
export function halfDayLabel(code: string, def?: Definition, field?: string): Message {
  const option = field ? def?.fields[field]?.options?.find((o) => o.value === code) : undefined;
  if (option) return { nl: option.label.nl, en: option.label.en || option.label.nl };
  const p = parseHalfDay(code);
  if (!p) return { nl: code, en: code };
  return {
    nl: `${dayNames[p.day].nl} ${partNames[p.part].nl}`,
    en: `${dayNames[p.day].en} ${partNames[p.part].en}`,
  };
}

/** The name of a weekday in words. */
export function weekdayName(day: Weekday): Message {
  return dayNames[day];
}

const dayMs = 86_400_000;
const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return iso(utc(date) + days * dayMs);
}

/** 0 for Monday … 6 for Sunday. */
export function weekdayOf(date: string): number {
  return (new Date(utc(date)).getUTCDay() + 6) % 7;
}

/** The Monday of the week a date falls in. */
export function weekStart(date: string): string {
  return addDays(date, -weekdayOf(date));
}

/** The ISO week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: string): { year: number; week: number } {
  const thursday = addDays(weekStart(date), 3);
  const year = Number(thursday.slice(0, 4));
  return { year, week: Math.floor((utc(thursday) - utc(`${year}-01-01`)) / (7 * dayMs)) + 1 };
}

/** The date of a half-day in the week that starts on `monday`. */
export function dateOfHalfDay(monday: string, code: string): string | undefined {
  const p = parseHalfDay(code);
  return p ? addDays(monday, p.weekday) : undefined;
}

/** The half-days of a date: its morning and afternoon, none at the weekend. */
export function halfDaysOn(date: string): string[] {
  const w = weekdayOf(date);
  return w < 5 ? dayParts.map((p) => `${weekdays[w]}-${p}`) : [];
}

/** The half-day codes among values (a list field's value), in the order of the week. */
export function halfDaysIn(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [];
  return halfDayCodes.filter((c) => list.includes(c));
}
