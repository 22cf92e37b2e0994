import { Type, type Static } from '@sinclair/typebox';
import { weekdayOf, weekdays } from './halfdays';
import { defaultEscalationMinutes } from './signals';

/**
 * Who is reachable for the students in the wijk (report 4.7: "zodra studenten in de wijk zijn, is
 * er altijd een coördinator bereikbaar"): a coördinator per weekday, kept by the projectleider,
 * and how long a student's call for help may wait for an answer before it goes to everyone.
 */
const Username = Type.String({ minLength: 1, maxLength: 80 });

export const OnCallSchema = Type.Object(
  {
    /** A coördinator's username per weekday (`ma` … `vr`); a day without one has nobody on call. */
    rota: Type.Partial(Type.Object({ ma: Username, di: Username, wo: Username, do: Username, vr: Username }), {
      additionalProperties: false,
    }),
    escalateAfterMinutes: Type.Integer({ minimum: 1, maximum: 240 }),
  },
  { additionalProperties: false },
);
export type OnCall = Static<typeof OnCallSchema>;

export const defaultOnCall: OnCall = { rota: {}, escalateAfterMinutes: defaultEscalationMinutes };

/** The coördinator on call on a calendar day (yyyy-mm-dd); nobody at the weekend or on a day left open. */
export function onCallOn(onCall: OnCall, date: string): string | undefined {
  const day = weekdays[weekdayOf(date)];
  return day && onCall.rota[day];
}
