import { Type, type Static } from '@sinclair/typebox';
import { CaseView, HistoryEntry } from './cases';

/** Why, in the corrector's words: a correction or a void without one cannot be accounted for. */
const Reason = Type.String({ minLength: 3, maxLength: 500, pattern: '\\S' });

export const CorrectionBody = Type.Object(
  {
    field: Type.String({ minLength: 1, maxLength: 80 }),
    value: Type.Optional(
      Type.Unknown({ description: 'The corrected value; absent or empty clears an optional field' }),
    ),
    reason: Reason,
    revision: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const VoidBody = Type.Object(
  { reason: Reason, revision: Type.Optional(Type.Integer({ minimum: 1 })) },
  {
    additionalProperties: false,
  },
);

/** One read of a case's personal fields. The log holds no field values; a case is named as the reader may see it. */
export const AccessEntryView = Type.Object({
  at: Type.String(),
  actor: Type.String(),
  route: Type.String({ description: 'The route that answered, e.g. `GET /api/cases/:id`' }),
  what: Type.String({ description: 'What that route showed, in words (Dossier geopend, Geschiedenis bekeken, …)' }),
  caseId: Type.String(),
  title: Type.Optional(Type.String({ description: "The case's name as the caller may see it" })),
});
export type AccessEntryViewT = Static<typeof AccessEntryView>;

export const AccessLogList = Type.Object({
  items: Type.Array(AccessEntryView, { description: 'Newest first' }),
  keptDays: Type.Integer({ description: 'How long the log is kept' }),
});
export type AccessLogListT = Static<typeof AccessLogList>;

export const AccessLogQuery = Type.Object(
  {
    user: Type.Optional(Type.String({ maxLength: 80, description: "Whose reads; the caller's own when absent" })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
  },
  { additionalProperties: false },
);

/**
 * Everything the site holds about the person of one case (AVG art. 15), screened like any answer:
 * the dossier, its history and sign-offs, presence and calls, help sessions, who looked at it, and
 * the cases it is linked to by their ids only (nothing of another person).
 */
export const PersonExport = Type.Object({
  exportedAt: Type.String(),
  exportedBy: Type.String(),
  case: CaseView,
  createdBy: Type.String(),
  history: Type.Array(HistoryEntry),
  signatures: Type.Array(
    Type.Object({ item: Type.String(), label: Type.String(), by: Type.String(), at: Type.String() }),
  ),
  presence: Type.Array(
    Type.Object({
      day: Type.String(),
      moment: Type.String(),
      status: Type.String(),
      reason: Type.Optional(Type.String()),
      note: Type.Optional(Type.String()),
      recordedBy: Type.String(),
      recordedAt: Type.String(),
      calledAt: Type.Optional(Type.String()),
    }),
  ),
  calls: Type.Array(
    Type.Object({
      day: Type.String(),
      moment: Type.String(),
      outcome: Type.String(),
      by: Type.String(),
      at: Type.String(),
      undone: Type.Boolean(),
    }),
  ),
  helpSessions: Type.Array(
    Type.Object({
      day: Type.String(),
      halfDay: Type.String(),
      status: Type.String(),
      hours: Type.Number(),
      as: Type.Union([Type.Literal('client'), Type.Literal('student')]),
      otherCase: Type.Optional(Type.String({ description: 'The other case by id only' })),
    }),
  ),
  linked: Type.Array(
    Type.Object({
      caseId: Type.String(),
      workflow: Type.String(),
      field: Type.String(),
      direction: Type.Union([Type.Literal('names'), Type.Literal('namedBy')]),
    }),
  ),
  access: Type.Array(AccessEntryView),
});
export type PersonExportT = Static<typeof PersonExport>;

export const RetentionList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String({ description: "The case's name as the caller may see it" }),
      workflow: Type.String(),
      endedAt: Type.String(),
      dueAt: Type.String({ description: 'When its personal fields will be pseudonymised' }),
    }),
    { description: 'Earliest first' },
  ),
  days: Type.Integer(),
});
export type RetentionListT = Static<typeof RetentionList>;
