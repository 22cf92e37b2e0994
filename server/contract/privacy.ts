import { Type, type Static } from '@sinclair/typebox';

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
