import { Type, type Static } from '@sinclair/typebox';
import { signalKindNames } from '../../engine/signals';

export const SignalKindSchema = Type.Union(
  signalKindNames.map((k) => Type.Literal(k)),
  { description: 'What the signal says: niet-lekker (the student does not feel well)' },
);

const FreeText = (description: string) => Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description });

export const SignalBody = Type.Object(
  {
    kind: SignalKindSchema,
    text: Type.Optional(FreeText('What was seen or said, in a few words')),
  },
  { additionalProperties: false },
);

export const CloseSignalBody = Type.Object(
  { text: FreeText('How it was dealt with (talked it through, went home, called the coach)') },
  { additionalProperties: false },
);

export const SignalParams = Type.Object({ signalId: Type.Integer({ minimum: 1 }) });

export const SignalView = Type.Object({
  id: Type.Integer(),
  caseId: Type.String(),
  /** The student's name as the caller may see it. */
  caseTitle: Type.String(),
  kind: SignalKindSchema,
  kindLabel: Type.String(),
  /** Free text about the person: absent for whoever may not see the case's personal fields. */
  text: Type.Optional(Type.String()),
  textHidden: Type.Boolean(),
  by: Type.String(),
  byName: Type.String({ description: 'Who gave it, by display name' }),
  at: Type.String(),
  day: Type.String(),
  /** Still open when the day it was made ended (the schedule's last moment), or later. */
  late: Type.Boolean(),
  closed: Type.Optional(
    Type.Object({ by: Type.String(), byName: Type.String(), at: Type.String(), text: Type.Optional(Type.String()) }),
  ),
});
export type SignalViewT = Static<typeof SignalView>;

export const SignalList = Type.Object({
  /** Open signals, the oldest first: the late ones lead. */
  items: Type.Array(SignalView),
});
