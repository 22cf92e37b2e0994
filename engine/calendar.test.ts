import { describe, expect, it } from 'vitest';
import {
  advanceOpen,
  calendarProblems,
  formatDate,
  fromWall,
  isDate,
  localDate,
  openBetween,
  startOfDate,
  toWall,
  type SiteCalendar,
} from './calendar';
import { addDuration, describeDuration, describeSpan, durationProblem, parseDuration } from './duration';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const utc: SiteCalendar = { timeZone: 'UTC' };

describe('the site clock (Europe/Amsterdam unless told otherwise)', () => {
  it('knows summer and winter time', () => {
    expect(toWall(at('2026-07-01T10:00:00Z')) - at('2026-07-01T10:00:00Z')).toBe(2 * 3_600_000);
    expect(toWall(at('2026-12-01T10:00:00Z')) - at('2026-12-01T10:00:00Z')).toBe(3_600_000);
    expect(localDate(at('2026-08-31T22:30:00Z'))).toBe('2026-09-01');
    expect(iso(startOfDate('2027-02-01'))).toBe('2027-01-31T23:00:00.000Z');
  });

  it('reads an hour put back in autumn as its first occurrence, and moves a skipped spring hour on', () => {
    // 25 October 2026: 03:00 summer time becomes 02:00 winter time; 02:30 happens twice.
    expect(iso(fromWall(at('2026-10-25T02:30:00Z')))).toBe('2026-10-25T00:30:00.000Z');
    // 28 March 2027: 02:00 becomes 03:00; 02:30 does not exist and is read as 03:30.
    expect(iso(fromWall(at('2027-03-28T02:30:00Z')))).toBe('2027-03-28T01:30:00.000Z');
    expect(new Date(toWall(at('2027-03-28T01:30:00Z'))).toISOString()).toBe('2027-03-28T03:30:00.000Z');
  });

  it('writes dates in Dutch and English', () => {
    expect(formatDate(at('2027-02-09T08:00:00Z'), 'nl')).toBe('9 februari 2027');
    expect(formatDate(at('2027-02-09T08:00:00Z'), 'en')).toBe('9 February 2027');
    expect(formatDate(at('2027-02-09T08:05:00Z'), 'nl', undefined, true)).toBe('9 februari 2027 om 09:05');
    expect(formatDate(at('2026-12-31T23:30:00Z'), 'nl')).toBe('1 januari 2027');
  });

  it('knows real dates', () => {
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2027-02-29')).toBe(false);
    expect(isDate('2027-13-01')).toBe(false);
    expect(isDate('1-1-2027')).toBe(false);
  });
});

describe('calendar durations', () => {
  it('keeps "10w" at the same time of day across the end of summer time', () => {
    // 1 September 11:00 summer time + 10 weeks = 10 November 11:00 winter time: 70 days and an hour.
    expect(iso(addDuration(at('2026-09-01T09:00:00Z'), '10w'))).toBe('2026-11-10T10:00:00.000Z');
    expect(iso(addDuration(at('2027-03-01T09:00:00Z'), '4w'))).toBe('2027-03-29T08:00:00.000Z');
    // On a UTC calendar a week is 7 × 24 hours.
    expect(iso(addDuration(at('2026-09-01T09:00:00Z'), '10w', utc))).toBe('2026-11-10T09:00:00.000Z');
  });

  it('adds months on the calendar: a month from 31 January is the last day of February', () => {
    const jan31 = startOfDate('2027-01-31');
    expect(localDate(addDuration(jan31, '1mo'))).toBe('2027-02-28');
    expect(localDate(addDuration(startOfDate('2028-01-31'), '1mo'))).toBe('2028-02-29');
    expect(localDate(addDuration(startOfDate('2027-03-31'), '1mo', undefined, { sign: -1 }))).toBe('2027-02-28');
    expect(localDate(addDuration(startOfDate('2026-09-01'), '18mo'))).toBe('2028-03-01');
    expect(localDate(addDuration(startOfDate('2026-08-31'), '6mo1w'))).toBe('2027-03-07');
  });

  it('counts only open days when asked: a closed period moves the end on by its length', () => {
    const herfst: SiteCalendar = {
      closed: [{ from: '2026-10-19', to: '2026-10-23', label: { nl: 'Herfstvakantie' } }],
    };
    const start = at('2026-10-01T08:00:00Z');
    expect(iso(addDuration(start, '3w', herfst))).toBe('2026-10-22T08:00:00.000Z');
    // 21 open days: the five closed days do not count, and the clock keeps its time of day.
    expect(iso(addDuration(start, '3w', herfst, { openDays: true }))).toBe('2026-10-27T09:00:00.000Z');
    // Starting inside the closed period, the clock starts when it ends.
    expect(localDate(addDuration(at('2026-10-20T08:00:00Z'), '1d', herfst, { openDays: true }))).toBe('2026-10-25');
    // Going back skips it too: 3 open weeks before 27 October.
    expect(iso(addDuration(at('2026-10-27T09:00:00Z'), '3w', herfst, { openDays: true, sign: -1 }))).toBe(
      '2026-10-01T08:00:00.000Z',
    );
    const wall = toWall(start);
    expect(openBetween(wall, advanceOpen(wall, 7 * 86_400_000 * 3, herfst), herfst)).toBe(21 * 86_400_000);
  });

  it('reads and describes months, weeks, days, hours and minutes', () => {
    expect(parseDuration('6mo')).toEqual({ mo: 6, w: 0, d: 0, h: 0, m: 0 });
    expect(parseDuration('1w3d')).toEqual({ mo: 0, w: 1, d: 3, h: 0, m: 0 });
    expect(parseDuration('30m')).toEqual({ mo: 0, w: 0, d: 0, h: 0, m: 30 });
    expect(parseDuration('6M')).toBeUndefined();
    expect(describeDuration('1mo2w').nl).toBe('1 maand en 2 weken');
    expect(describeDuration('6mo').en).toBe('6 months');
    expect(describeSpan(42 * 86_400_000)).toEqual({ nl: '6 weken', en: '6 weeks' });
    expect(describeSpan(150 * 86_400_000).nl).toBe('5 maanden');
    expect(describeSpan(86_400_000).nl).toBe('1 dag');
    expect(describeSpan(90_000).nl).toBe('2 minuten');
  });

  it('refuses durations under a minute or over ten years, and never computes an invalid date', () => {
    expect(durationProblem('0m')?.nl).toContain('minder dan een minuut');
    expect(durationProblem('0w0d')?.nl).toContain('minder dan een minuut');
    expect(durationProblem('1m')).toBeUndefined();
    expect(durationProblem('120mo')).toBeUndefined();
    expect(durationProblem('999999999w')?.en).toContain('more than 10 years');
    // An old definition with such a timer still gets a valid moment: at most ten years on.
    const far = addDuration(at('2026-09-01T09:00:00Z'), '999999999w');
    expect(Number.isFinite(far)).toBe(true);
    expect(localDate(far)).toBe('2036-09-01');
    expect(Number.isFinite(addDuration(8.64e15, '10w'))).toBe(true);
  });
});

describe('a site calendar as data', () => {
  it('says what is wrong with one, with a path', () => {
    expect(
      calendarProblems({ timeZone: 'Europe/Amsterdam', closed: [{ from: '2026-12-21', to: '2027-01-01' }] }),
    ).toEqual([]);
    const problems = calendarProblems({
      timeZone: 'Mars/Olympus',
      closed: [
        { from: '2026-12-21', to: '2026-12-01' },
        { from: '2027-02-30', to: '2027-03-01' },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual(['timeZone', 'closed.0.to', 'closed.1.from']);
    expect(problems[1].message.nl).toBe('De periode eindigt (2026-12-01) voordat ze begint (2026-12-21)');
    expect(calendarProblems({ closed: [{ from: 'gisteren' }] }).length).toBeGreaterThan(0);
  });

  it('falls back to Europe/Amsterdam for a time zone it does not know', () => {
    expect(iso(addDuration(at('2026-09-01T09:00:00Z'), '10w', { timeZone: 'Mars/Olympus' }))).toBe(
      '2026-11-10T10:00:00.000Z',
    );
  });
});
