import { Type, type Static } from '@sinclair/typebox';
import { FormSchema } from '../../engine/forms';
import { FunctionName } from './common';

const Data = Type.Record(Type.String(), Type.Unknown());

export const AvailableEventView = Type.Object({
  type: Type.String(),
  label: Type.String(),
  form: FormSchema,
  allowed: Type.Boolean(),
  reason: Type.Optional(Type.String({ description: 'Why the action is blocked now, in words' })),
  blocked: Type.Optional(
    Type.Union([Type.Literal('role'), Type.Literal('function'), Type.Literal('personal'), Type.Literal('rule')], {
      description:
        "What blocks it: the caller's role or function (not theirs to do: a client does not offer it), screened personal data, or a rule now",
    }),
  ),
  ends: Type.Boolean({ description: 'It can end the case: a client asks for confirmation first' }),
});
export type AvailableEventViewT = Static<typeof AvailableEventView>;

export const ChecklistItemView = Type.Object({
  id: Type.String(),
  label: Type.String(),
  step: Type.String(),
  stepLabel: Type.String(),
  /** Belongs to a step the case is in now. */
  current: Type.Boolean(),
  /** Still asked of this case: signed, or on a route it can still take (not another variant's). */
  relevant: Type.Boolean(),
  signed: Type.Optional(
    Type.Object({
      by: Type.String({ description: 'The account that signed' }),
      byName: Type.String({ description: 'Its display name' }),
      at: Type.String(),
    }),
  ),
  /** Whether the caller may sign (or unsign) it; when not, `signers` says who may. */
  maySign: Type.Boolean(),
  signers: Type.Optional(Type.String({ description: 'Who may sign it, in words, when the caller may not' })),
});
export type ChecklistItemViewT = Static<typeof ChecklistItemView>;

export const SignBody = Type.Object(
  {
    item: Type.String({ minLength: 1, maxLength: 80 }),
    signed: Type.Boolean(),
    revision: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

/** A timer of the case: when it fires, or held with the time left while the case is away from its step. */
export const CaseTimerView = Type.Object({
  id: Type.String(),
  event: Type.String({ description: 'The event the scheduler sends when it is due' }),
  label: Type.String(),
  dueAt: Type.Optional(Type.String({ description: 'When it fires; absent while it is paused' })),
  day: Type.Optional(Type.String({ description: "The day it fires on the site's calendar (yyyy-mm-dd)" })),
  paused: Type.Boolean(),
  remaining: Type.Number({ description: 'Time left in ms (open time only for a timer counting open days)' }),
  text: Type.String({ description: 'In words: "Tien weken voorbij op 9 februari 2027, nog 6 weken"' }),
});
export type CaseTimerViewT = Static<typeof CaseTimerView>;

/** A deadline of the case: a step to leave or an action to take by then; it moves nothing. */
export const CaseDeadlineView = Type.Object({
  id: Type.String(),
  label: Type.String(),
  dueAt: Type.String(),
  day: Type.String({ description: "The day it is due on the site's calendar (yyyy-mm-dd)" }),
  functions: Type.Array(FunctionName, { description: "Whose work it is; empty: everyone's" }),
  overdue: Type.Boolean(),
  soon: Type.Boolean({ description: 'Due within a week and not yet overdue' }),
  step: Type.String(),
  event: Type.Optional(Type.String({ description: "The action that is due, for an action's deadline" })),
  text: Type.String({ description: 'In words: "Zorgstage starten: uiterlijk 1 maart 2027, nog 3 weken"' }),
});
export type CaseDeadlineViewT = Static<typeof CaseDeadlineView>;

export const CaseSummary = Type.Object({
  id: Type.String(),
  workflow: Type.Object({ key: Type.String(), version: Type.Integer(), title: Type.String() }),
  title: Type.String(),
  state: Type.String(),
  stateLabel: Type.String(),
  outcome: Type.Optional(Type.String()),
  outcomeLabel: Type.Optional(Type.String({ description: 'The outcome as people say it (never the key)' })),
  done: Type.Boolean(),
  pseudonymised: Type.Optional(
    Type.Boolean({
      description: 'Its personal fields were replaced by a pseudonym (on request or after the retention period)',
    }),
  ),
  voided: Type.Optional(
    Type.Boolean({ description: 'Created by mistake and voided by a manager: kept, marked, out of lists and reports' }),
  ),
  hidden: Type.Optional(
    Type.Array(Type.String(), {
      description: 'Personal fields (AVG) with a value that the caller may not see; shown as "afgeschermd"',
    }),
  ),
  revision: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type CaseSummaryT = Static<typeof CaseSummary>;

export const CaseView = Type.Composite([
  CaseSummary,
  Type.Object({
    data: Data,
    stepEnteredAt: Type.String(),
    checklist: Type.Array(ChecklistItemView),
    progress: Type.Object({
      start: Type.Optional(Type.String()),
      plannedEnd: Type.Optional(Type.String({ description: 'Start plus the agreed duration' })),
      signed: Type.Integer(),
      total: Type.Integer(),
      elapsed: Type.Optional(Type.Number({ description: 'Share of the planned time gone by, 0–1' })),
      behind: Type.Boolean({ description: 'The sign-off list lags the time gone by' }),
      leaveDays: Type.Optional(Type.Integer({ description: 'Days of leave that moved the planned end' })),
    }),
    availableEvents: Type.Array(AvailableEventView),
    timers: Type.Array(CaseTimerView, { description: 'Running and paused timers, in the order they come due' }),
    deadlines: Type.Array(CaseDeadlineView, {
      description: 'Deadlines of the current steps and actions, earliest first',
    }),
  }),
]);
export type CaseViewT = Static<typeof CaseView>;

export const CaseList = Type.Object({
  items: Type.Array(CaseSummary),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export type CaseListT = Static<typeof CaseList>;

export const CaseQuery = Type.Object(
  {
    workflow: Type.Optional(Type.String({ maxLength: 60 })),
    state: Type.Optional(Type.String({ maxLength: 200 })),
    outcome: Type.Optional(Type.String({ maxLength: 60 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    open: Type.Optional(Type.Boolean()),
    mine: Type.Optional(Type.Boolean({ description: 'Only the cases the caller is responsible for' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
);

export const CreateCaseBody = Type.Object(
  { workflow: Type.String({ minLength: 1, maxLength: 60 }), data: Type.Optional(Data) },
  { additionalProperties: false },
);

export const EventBody = Type.Object(
  {
    type: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$', maxLength: 80 }),
    data: Type.Optional(Data),
    revision: Type.Optional(
      Type.Integer({ minimum: 1, description: 'The revision the client saw; a newer one on the server gives 409' }),
    ),
  },
  { additionalProperties: false },
);

export const CaseParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 36 }) });

export const HistoryEntry = Type.Object({
  revision: Type.Integer(),
  at: Type.String(),
  actor: Type.String({ description: 'The account that made the change (or `systeem` for a timer)' }),
  actorName: Type.String({ description: 'Its display name' }),
  event: Type.String(),
  eventLabel: Type.String(),
  from: Type.Optional(Type.String()),
  fromLabel: Type.Optional(Type.String()),
  to: Type.String(),
  toLabel: Type.String(),
  data: Data,
  hidden: Type.Optional(
    Type.Array(Type.String(), { description: 'Personal fields of this change the caller may not see' }),
  ),
});
export type HistoryEntryT = Static<typeof HistoryEntry>;
export const HistoryList = Type.Object({ items: Type.Array(HistoryEntry) });

const LinkedCase = Type.Object({ id: Type.String(), title: Type.String(), stateLabel: Type.String() });
export const CaseLinks = Type.Object({
  /** Cases this one names (e.g. a client's matched student), with the half-days that bind them. */
  references: Type.Array(
    Type.Object({
      field: Type.String(),
      label: Type.String(),
      case: LinkedCase,
      overlap: Type.Array(Type.String()),
      overlapValues: Type.Array(Type.String()),
    }),
  ),
  /** Cases that name this one (e.g. a student's clients), with their half-days. */
  referencedBy: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      workflow: Type.String(),
      stateLabel: Type.String(),
      overlap: Type.Array(Type.String()),
      overlapValues: Type.Array(Type.String()),
    }),
  ),
});
export type CaseLinksT = Static<typeof CaseLinks>;

export const NoteBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }),
    meeting: Type.Optional(Type.Boolean({ description: 'Made in the fortnightly progress meeting' })),
  },
  { additionalProperties: false },
);

export const MeetingRow = Type.Object({
  id: Type.String(),
  title: Type.String(),
  workflow: Type.String(),
  stateLabel: Type.String(),
  since: Type.String(),
  progress: Type.Object({
    signed: Type.Integer(),
    total: Type.Integer(),
    plannedEnd: Type.Optional(Type.String()),
    elapsed: Type.Optional(Type.Number()),
    behind: Type.Boolean(),
  }),
  catchUp: Type.Optional(Type.String({ description: 'The catch-up plan agreed, if any' })),
  hidden: Type.Optional(
    Type.Array(Type.String(), { description: 'Personal fields of this row the caller may not see' }),
  ),
  lastNote: Type.Optional(
    Type.Object({
      text: Type.Optional(Type.String()),
      at: Type.String(),
      by: Type.String(),
      byName: Type.String(),
      hidden: Type.Optional(
        Type.Array(Type.Literal('text'), {
          description: 'The note is about the student: screened like their personal data',
        }),
      ),
    }),
  ),
});
export const MeetingList = Type.Object({
  items: Type.Array(MeetingRow, { description: 'Every running student, by the name the caller sees' }),
});
export type MeetingRowT = Static<typeof MeetingRow>;

const Colleague = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  active: Type.Boolean(),
});

/** The people responsible for a case: one per function, who could be, and whether the caller may choose. */
export const CaseOwnersView = Type.Object({
  owners: Type.Array(
    Type.Object({
      function: FunctionName,
      functionLabel: Type.String(),
      user: Colleague,
      since: Type.String(),
      by: Type.String(),
      byName: Type.String(),
    }),
  ),
  /** Each function a case of this workflow can have someone for, with the colleagues who have it. */
  slots: Type.Array(Type.Object({ function: FunctionName, label: Type.String(), candidates: Type.Array(Colleague) })),
  mayChange: Type.Boolean(),
});
export type CaseOwnersViewT = Static<typeof CaseOwnersView>;

export const OwnerParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 36 }), function: FunctionName });

export const OwnerBody = Type.Object(
  { user: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'The account, or null for no one' }) },
  { additionalProperties: false },
);
