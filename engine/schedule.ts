import { Type, type Static } from '@sinclair/typebox';
import { halfDayPattern } from './halfdays';
import { problem, type Problem } from './problem';
import { TextSchema, type Message } from './text';

/**
 * A site's day: the half-days its students have lessons (the timetable of Gilde's teachers at the
 * site), and the moments the students are at the site to be seen (report 3.2: "aan het begin van
 * de dag, tussen de middag en aan het einde van de dag"). Data the server keeps per site and
 * passes in, like the calendar: the engine never reads it from anywhere.
 */
const time = '^([01][0-9]|2[0-3]):[0-5][0-9]$';

export const LessonSchema = Type.Object(
  { halfDay: Type.String({ pattern: halfDayPattern }), label: Type.Optional(TextSchema) },
  { additionalProperties: false },
);
export type Lesson = Static<typeof LessonSchema>;

export const MomentSchema = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 20 }),
    label: TextSchema,
    /** When the students are there (local time, HH:MM). */
    at: Type.String({ pattern: time }),
    /** Whoever is not seen by then lands on the call list by itself (local time, HH:MM). */
    callAfter: Type.String({ pattern: time }),
  },
  { additionalProperties: false },
);
export type Moment = Static<typeof MomentSchema>;

export const SiteScheduleSchema = Type.Object(
  {
    lessons: Type.Array(LessonSchema, { maxItems: 10 }),
    moments: Type.Array(MomentSchema, { minItems: 1, maxItems: 6 }),
  },
  { additionalProperties: false },
);
export type SiteSchedule = Static<typeof SiteScheduleSchema>;

/**
 * Until a site sets its own: the report names the three moments but no times, so these are
 * choices (workflows/README.md lists them with the other settings the report gives no number for).
 */
export const defaultSchedule: SiteSchedule = {
  lessons: [],
  moments: [
    { key: 'begin', label: { nl: 'Begin van de dag', en: 'Start of the day' }, at: '09:00', callAfter: '09:30' },
    { key: 'middag', label: { nl: 'Tussen de middag', en: 'Lunchtime' }, at: '12:30', callAfter: '13:00' },
    { key: 'einde', label: { nl: 'Einde van de dag', en: 'End of the day' }, at: '15:30', callAfter: '16:00' },
  ],
};

/** What is wrong with a schedule beyond its shape: moments in the order of the day, each phoned after it starts. */
export function scheduleProblems(s: SiteSchedule): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  s.lessons.forEach((l, i) => {
    if (seen.has(l.halfDay))
      out.push(problem(`lessons.${i}.halfDay`, 'Dit dagdeel staat er al', 'This half-day is listed already'));
    seen.add(l.halfDay);
  });
  const keys = new Set<string>();
  s.moments.forEach((m, i) => {
    if (keys.has(m.key)) out.push(problem(`moments.${i}.key`, 'Dit moment bestaat al', 'This moment exists already'));
    keys.add(m.key);
    if (m.callAfter < m.at)
      out.push(
        problem(
          `moments.${i}.callAfter`,
          `Bellen kan pas na ${m.at}, als het moment begonnen is`,
          `Calling can start only after ${m.at}, once the moment has begun`,
        ),
      );
    const before = s.moments[i - 1];
    if (before && m.at <= before.at)
      out.push(
        problem(
          `moments.${i}.at`,
          `Zet de momenten in de volgorde van de dag: na ${before.at}`,
          `Put the moments in the order of the day: after ${before.at}`,
        ),
      );
  });
  return out;
}

/** The lesson on a half-day, if the timetable has one. */
export function lessonOn(schedule: { lessons: readonly Lesson[] }, halfDay: string): Lesson | undefined {
  return schedule.lessons.find((l) => l.halfDay === halfDay);
}

export function lessonLabel(l: Lesson): Message {
  return l.label ? { nl: l.label.nl, en: l.label.en || l.label.nl } : { nl: 'les', en: 'lesson' };
}

/**
 * The moment each part of the day begins at: the morning at the day's first moment, the afternoon
 * at the first moment from noon on (none when the site has no such moment).
 */
export function partStarts(moments: readonly Moment[]): { ochtend?: string; middag?: string } {
  return { ochtend: moments[0]?.key, middag: moments.find((m) => m.at >= '12:00')?.key };
}
