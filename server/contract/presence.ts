import { Type, type Static } from '@sinclair/typebox';

/** How a student was there on a day (report 4.1): on time, late, absent with notice, absent without. */
export const presenceStatuses = ['aanwezig', 'te-laat', 'afgemeld', 'afwezig'] as const;
export const PresenceStatus = Type.Union(presenceStatuses.map((s) => Type.Literal(s)));
export type PresenceStatusT = Static<typeof PresenceStatus>;

/** A calendar day in the Netherlands. Whether it exists (no 30 February) is checked by the command. */
const day = (description = 'yyyy-mm-dd') => Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description });

export const PresenceQuery = Type.Object(
  { day: Type.Optional(day('yyyy-mm-dd; today in the Netherlands when left out')) },
  { additionalProperties: false },
);

export const PresenceParams = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 36 }), day: day() });
export type PresenceParamsT = Static<typeof PresenceParams>;

export const PresenceBody = Type.Object(
  {
    status: PresenceStatus,
    note: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type PresenceBodyT = Static<typeof PresenceBody>;

/** One running student on one day; the status and who recorded it are there once recorded. */
export const PresenceEntry = Type.Object({
  caseId: Type.String(),
  name: Type.String(),
  state: Type.String(),
  stateLabel: Type.String(),
  status: Type.Optional(PresenceStatus),
  note: Type.Optional(Type.String()),
  hidden: Type.Optional(
    Type.Array(Type.Literal('note'), {
      description: 'The note is about the student: screened like their personal data',
    }),
  ),
  recordedBy: Type.Optional(Type.String()),
  recordedByName: Type.Optional(Type.String()),
  recordedAt: Type.Optional(Type.String()),
  calledBy: Type.Optional(Type.String({ description: 'Who phoned the student after an absence without notice' })),
  calledByName: Type.Optional(Type.String()),
  calledAt: Type.Optional(Type.String()),
});
export type PresenceEntryT = Static<typeof PresenceEntry>;

export const PresenceView = Type.Object({
  day: Type.String(),
  students: Type.Array(PresenceEntry, {
    description: 'Every running student of the site, by the name the caller sees',
  }),
  counts: Type.Object({
    total: Type.Integer(),
    present: Type.Integer({ description: 'aanwezig and te-laat' }),
    aanwezig: Type.Integer(),
    'te-laat': Type.Integer(),
    afgemeld: Type.Integer(),
    afwezig: Type.Integer(),
    open: Type.Integer({ description: 'Not recorded yet' }),
  }),
  calls: Type.Array(PresenceEntry, { description: 'Absent without notice and not called yet: phone them today' }),
});
export type PresenceViewT = Static<typeof PresenceView>;
