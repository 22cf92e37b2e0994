import { Type, type Static } from '@sinclair/typebox';
import { callOutcomes, presenceStatuses } from '../../engine';

/** How a student was there at a moment (report 4.1): on time, late, absent with notice, absent without. */
export { presenceStatuses, callOutcomes };
export const PresenceStatus = Type.Union(presenceStatuses.map((s) => Type.Literal(s)));
export type PresenceStatusT = Static<typeof PresenceStatus>;

/** Why a student called in (`afgemeld`); "niet-lekker" is the student who does not feel well (4.7). */
export const absenceReasons = ['ziek', 'niet-lekker', 'afspraak', 'vervoer', 'prive', 'anders'] as const;
export const AbsenceReason = Type.Union(absenceReasons.map((s) => Type.Literal(s)));
export type AbsenceReasonT = Static<typeof AbsenceReason>;

/** A call's outcome: reached ends the calls about that moment, the others keep the student on the list. */
export const CallOutcome = Type.Union(callOutcomes.map((s) => Type.Literal(s)));
export type CallOutcomeT = Static<typeof CallOutcome>;

/** A calendar day in the Netherlands. Whether it exists (no 30 February) is checked by the command. */
export const DayOf = (description = 'yyyy-mm-dd') =>
  Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description });
const MomentKey = Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 20 });

export const PresenceQuery = Type.Object(
  {
    day: Type.Optional(DayOf('yyyy-mm-dd; today in the Netherlands when left out')),
    moment: Type.Optional({ ...MomentKey, description: "One of the site's moments; the one under way when left out" }),
  },
  { additionalProperties: false },
);

export const PresenceParams = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 36 }), day: DayOf() });
export type PresenceParamsT = Static<typeof PresenceParams>;

export const PresenceBody = Type.Object(
  {
    status: PresenceStatus,
    moment: Type.Optional({ ...MomentKey, description: "The site's moment; the day's first when left out" }),
    reason: Type.Optional(Type.Union([AbsenceReason, Type.Null()], { description: 'Required with afgemeld' })),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type PresenceBodyT = Static<typeof PresenceBody>;

export const CallBody = Type.Object({ moment: MomentKey, outcome: CallOutcome }, { additionalProperties: false });
export type CallBodyT = Static<typeof CallBody>;

export const CallParams = Type.Object({ callId: Type.Integer({ minimum: 1 }) });

export const CallRecord = Type.Object({
  id: Type.Integer(),
  caseId: Type.String(),
  day: Type.String(),
  moment: Type.String(),
  outcome: CallOutcome,
  by: Type.String(),
  byName: Type.String({ description: "The caller's display name" }),
  at: Type.String(),
  undone: Type.Boolean(),
  undoneBy: Type.Optional(Type.String()),
  undoneByName: Type.Optional(Type.String()),
});
export type CallRecordT = Static<typeof CallRecord>;

/** One running student at one moment of a day; the status and who recorded it are there once recorded. */
export const PresenceEntry = Type.Object({
  caseId: Type.String(),
  name: Type.String(),
  state: Type.String(),
  stateLabel: Type.String(),
  /** The moment the status is of. */
  moment: Type.String(),
  status: Type.Optional(PresenceStatus),
  reason: Type.Optional(AbsenceReason),
  note: Type.Optional(Type.String()),
  hidden: Type.Optional(
    Type.Array(Type.Literal('note'), {
      description: 'The note is about the student: screened like their personal data',
    }),
  ),
  recordedBy: Type.Optional(Type.String()),
  recordedByName: Type.Optional(Type.String()),
  recordedAt: Type.Optional(Type.String()),
  calledBy: Type.Optional(Type.String({ description: 'Who reached the student after an absence without notice' })),
  calledByName: Type.Optional(Type.String()),
  calledAt: Type.Optional(Type.String()),
  expected: Type.Optional(Type.Boolean({ description: 'Expected at the site now (the step says so)' })),
  where: Type.Optional(
    Type.String({ description: 'Where the planning puts the student this part of the day: in de wijk bij …, les' }),
  ),
  moments: Type.Optional(
    Type.Array(Type.Object({ moment: Type.String(), status: Type.Optional(PresenceStatus) }), {
      description: "The day's moments and what was recorded at each",
    }),
  ),
});
export type PresenceEntryT = Static<typeof PresenceEntry>;

export const MomentView = Type.Object({
  key: Type.String(),
  label: Type.String(),
  at: Type.String(),
  callAfter: Type.String(),
});

/** A student to phone: missed at a moment and not reached yet, with the numbers to call (personal data, screened). */
export const CallEntry = Type.Composite([
  PresenceEntry,
  Type.Object({
    why: Type.Union([Type.Literal('afwezig'), Type.Literal('niet-gezien')], {
      description: 'Recorded as absent, or not seen by the moment\u2019s call time',
    }),
    momentLabel: Type.String(),
    phone: Type.Optional(Type.String()),
    emergency: Type.Optional(Type.String()),
    attempts: Type.Array(CallRecord, { description: 'The calls made about this student today, undone ones too' }),
  }),
]);
export type CallEntryT = Static<typeof CallEntry>;

/** A resident whose student is away this part of the day: phone them, or send another student. */
export const WaitingResident = Type.Object({
  caseId: Type.String(),
  name: Type.String(),
  phone: Type.Optional(Type.String()),
  address: Type.Optional(Type.String()),
  halfDay: Type.String(),
  halfDayLabel: Type.String(),
  student: Type.Object({ caseId: Type.String(), name: Type.String() }),
  cover: Type.Array(Type.Object({ caseId: Type.String(), name: Type.String() }), {
    description: 'Students in the wijk that half-day without a client of their own',
  }),
});
export type WaitingResidentT = Static<typeof WaitingResident>;

export const PresenceView = Type.Object({
  day: Type.String(),
  moment: Type.String({ description: 'The moment the statuses and counts are of' }),
  moments: Type.Array(MomentView),
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
  calls: Type.Array(CallEntry, {
    description: 'Absent without notice, or expected and not seen by the call time, and not reached: phone them today',
  }),
  waiting: Type.Array(WaitingResident, { description: 'Residents whose student is away today: they wait in vain' }),
});
export type PresenceViewT = Static<typeof PresenceView>;
