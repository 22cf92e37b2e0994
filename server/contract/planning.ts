import { Type, type Static } from '@sinclair/typebox';
import { SiteScheduleSchema, halfDayPattern, sessionStatuses } from '../../engine';
import { DayOf } from './presence';

/** The coördinator's week (report 3.3): the planning board, the site's schedule, the help sessions. */

export const SessionStatus = Type.Union(sessionStatuses.map((s) => Type.Literal(s)));
export type SessionStatusT = Static<typeof SessionStatus>;

export const WeekQuery = Type.Object(
  { week: Type.Optional(DayOf('Any day of the week; this week when left out')) },
  { additionalProperties: false },
);

const Ref = Type.Object({ caseId: Type.String(), name: Type.String() });

export const SessionView = Type.Object({
  clientId: Type.String(),
  day: Type.String(),
  halfDay: Type.String(),
  status: SessionStatus,
  hours: Type.Number(),
  studentId: Type.Optional(Type.String()),
  recordedBy: Type.Optional(Type.String()),
  recordedAt: Type.Optional(Type.String()),
});
export type SessionViewT = Static<typeof SessionView>;

export const WeekCellView = Type.Object({
  halfDay: Type.String(),
  date: Type.String(),
  kind: Type.Union(
    ['gesloten', 'les', 'klant', 'vrij', 'geen'].map((k) => Type.Literal(k)),
    {
      description: 'Closed day, a lesson, a client, a free half-day in the wijk, or nothing planned',
    },
  ),
  label: Type.Optional(Type.String({ description: 'The lesson or the closed period' })),
  absent: Type.Optional(Type.String({ description: 'The student is afwezig or afgemeld that day' })),
  clash: Type.Optional(Type.String({ description: 'A client on a half-day that no longer fits the student' })),
  clients: Type.Array(
    Type.Object({
      caseId: Type.String(),
      name: Type.String(),
      address: Type.Optional(Type.String()),
      paused: Type.Boolean(),
      session: Type.Optional(SessionView),
    }),
  ),
});

export const WeekView = Type.Object({
  monday: Type.String(),
  week: Type.Integer({ description: 'ISO week number' }),
  previous: Type.String(),
  next: Type.String(),
  days: Type.Array(Type.Object({ date: Type.String(), label: Type.String(), closed: Type.Optional(Type.String()) })),
  halfDays: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
  rows: Type.Array(
    Type.Object({
      student: Type.Composite([
        Ref,
        Type.Object({
          stateLabel: Type.String(),
          takesClients: Type.Boolean(),
          /** What the student needs of their clients (structure: a fixed client; or variety), for those who may see it. */
          wish: Type.Optional(Type.String()),
        }),
      ]),
      wijk: Type.Array(Type.String()),
      free: Type.Array(Type.String()),
      cells: Type.Array(WeekCellView),
    }),
  ),
  waiting: Type.Array(
    Type.Composite([Ref, Type.Object({ perWeek: Type.Integer(), wish: Type.Optional(Type.String()) })]),
    { description: 'Clients waiting for a student, with the half-days a week they ask' },
  ),
  orphaned: Type.Array(Type.Composite([Ref, Type.Object({ student: Type.Optional(Ref), reason: Type.String() })]), {
    description: 'Clients whose student no longer helps them',
  }),
  totals: Type.Object({
    students: Type.Integer(),
    takingClients: Type.Integer(),
    supply: Type.Integer({ description: 'Half-days in the wijk this week of the students who take clients' }),
    planned: Type.Integer(),
    free: Type.Integer(),
    demand: Type.Integer({ description: 'Half-days a week the clients ask, helped and waiting' }),
    waiting: Type.Integer(),
    clients: Type.Integer(),
  }),
});
export type WeekViewT = Static<typeof WeekView>;

export const SessionParams = Type.Object({
  clientId: Type.String({ minLength: 1, maxLength: 36 }),
  day: DayOf(),
  halfDay: Type.String({ pattern: halfDayPattern }),
});

export const SessionBody = Type.Object(
  {
    status: SessionStatus,
    hours: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 12,
        description: "Done: the hours given; the workflow's hours a half-day when left out",
      }),
    ),
  },
  { additionalProperties: false },
);
export type SessionBodyT = Static<typeof SessionBody>;

export { SiteScheduleSchema };
