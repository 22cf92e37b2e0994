import { Type, type Static } from '@sinclair/typebox';
import { groupActivityKindNames, maxParticipants } from '../../engine/group-activities';
import { Day } from './common';

export const GroupActivityKindSchema = Type.Union(
  groupActivityKindNames.map((k) => Type.Literal(k)),
  { description: 'excursie (a visit elsewhere: a museum, the Tweede Kamer) or groepsactiviteit' },
);

export const GroupActivityBody = Type.Object(
  {
    kind: GroupActivityKindSchema,
    title: Type.String({
      minLength: 2,
      maxLength: 120,
      pattern: '\\S',
      description: 'What and where, e.g. "Tweede Kamer"',
    }),
    date: Type.Unsafe<string>({ ...Day, description: 'The day it took place (yyyy-mm-dd), today or earlier' }),
    participants: Type.Array(Type.String({ minLength: 1, maxLength: 36 }), {
      minItems: 1,
      maxItems: maxParticipants,
      uniqueItems: true,
      description: 'The case ids of the students who took part',
    }),
    evaluation: Type.String({
      minLength: 2,
      maxLength: 1000,
      pattern: '\\S',
      description: 'How it went, in a few sentences: what the students took from it',
    }),
  },
  { additionalProperties: false },
);
export type GroupActivityBodyT = Static<typeof GroupActivityBody>;

export const GroupActivityParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** The record as it should have been, and why: each participant's history tells the correction. */
export const GroupActivityCorrection = Type.Object(
  {
    ...GroupActivityBody.properties,
    reason: Type.String({
      minLength: 2,
      maxLength: 300,
      pattern: '\\S',
      description: 'Why the record is corrected, e.g. "Ahmed was ziek en ging niet mee"',
    }),
  },
  { additionalProperties: false },
);
export type GroupActivityCorrectionT = Static<typeof GroupActivityCorrection>;

export const GroupActivityView = Type.Object({
  id: Type.Integer(),
  kind: GroupActivityKindSchema,
  kindLabel: Type.String(),
  title: Type.String(),
  date: Type.String(),
  evaluation: Type.String(),
  /** The students, by name as the caller may see them. */
  participants: Type.Array(Type.Object({ caseId: Type.String(), name: Type.String() })),
  by: Type.String(),
  byName: Type.String(),
  at: Type.String(),
});
export type GroupActivityViewT = Static<typeof GroupActivityView>;

export const GroupActivityList = Type.Object({
  items: Type.Array(GroupActivityView),
  /** The running students who can be chosen as participants, by name as the caller may see them. */
  students: Type.Array(Type.Object({ caseId: Type.String(), name: Type.String() })),
});
export type GroupActivityListT = Static<typeof GroupActivityList>;
