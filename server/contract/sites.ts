import { Type, type Static } from '@sinclair/typebox';
import { NewPassword, usernamePattern } from './auth';
import { SiteCalendarSchema } from '../../engine/calendar';

export const SiteView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  host: Type.Boolean(),
  createdAt: Type.String(),
});
export type SiteViewT = Static<typeof SiteView>;

export const CreateSiteBody = Type.Object(
  {
    id: Type.String({
      pattern: '^[a-z0-9][a-z0-9-]{1,59}$',
      description: 'Short and stable, e.g. "horst"; appears in exported packages',
    }),
    name: Type.String({ minLength: 2, maxLength: 120 }),
    admin: Type.Object(
      {
        username: Type.String({ pattern: usernamePattern }),
        password: NewPassword,
        displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** The caller's site's calendar, as kept, and the time zone in force. */
export const CalendarView = Type.Object({
  calendar: SiteCalendarSchema,
  timeZone: Type.String({ description: "The calendar's time zone, or Europe/Amsterdam when it names none" }),
});
export type CalendarViewT = Static<typeof CalendarView>;

export const CalendarBody = Type.Unknown({
  description:
    'The site calendar: `{ timeZone?, closed?: [{ from, to, label? }] }`, days as yyyy-mm-dd, both included. ' +
    'Checked whole: 422 with a detail per problem (path and message).',
});
