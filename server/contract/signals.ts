import { Type, type Static } from '@sinclair/typebox';
import { helpKind, signalKindNames } from '../../engine/signals';
import { HelpModeSchema } from './student';

export const SignalKindSchema = Type.Union(
  signalKindNames.map((k) => Type.Literal(k)),
  {
    description:
      'What the signal says: niet-lekker (the student does not feel well), hulp-nodig (the student asks for help)',
  },
);

/** The kinds staff give; a call for help comes from the student themselves. */
const StaffSignalKind = Type.Union(
  signalKindNames.filter((k) => k !== helpKind).map((k) => Type.Literal(k)),
  { description: 'niet-lekker (the student does not feel well)' },
);

const FreeText = (description: string) => Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description });

export const SignalBody = Type.Object(
  {
    kind: StaffSignalKind,
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
  /** A student's call for help: what they ask for. */
  mode: Type.Optional(HelpModeSchema),
  modeLabel: Type.Optional(Type.String()),
  /** The coördinator on call it went to first. */
  forUser: Type.Optional(Type.String()),
  forName: Type.Optional(Type.String()),
  acknowledged: Type.Optional(Type.Object({ by: Type.String(), byName: Type.String(), at: Type.String() })),
  /** Unanswered for too long, it went to every coördinator and the projectleider. */
  escalated: Type.Boolean(),
});
export type SignalViewT = Static<typeof SignalView>;

export const SignalList = Type.Object({
  /** Open signals, the oldest first: the late ones lead. */
  items: Type.Array(SignalView),
});
