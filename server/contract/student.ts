import { Type, type Static } from '@sinclair/typebox';
import { helpModeNames } from '../../engine/signals';
import { OnCallSchema } from '../../engine/oncall';
import { NewPassword } from './auth';
import { Day } from './common';

/**
 * The student's own view (issue 22): an invitation that opens their account, their portfolio,
 * their week, and a call for help. What a student is shown is theirs: never another case, a
 * field the definition keeps for staff (`staffOnly`), a note, or a resident's phone or history.
 */

export const InvitationView = Type.Object({
  caseId: Type.String(),
  /** The student logs in with this from then on. */
  username: Type.String(),
  /** Shown once, on the screen of whoever invited: it sets the password on first use. */
  code: Type.String(),
  expiresAt: Type.String(),
});
export type InvitationViewT = Static<typeof InvitationView>;

export const RedeemBody = Type.Object(
  { code: Type.String({ minLength: 4, maxLength: 40 }), password: NewPassword },
  { additionalProperties: false },
);

export const PortfolioItem = Type.Object({
  id: Type.String(),
  label: Type.String(),
  signed: Type.Optional(Type.Object({ byName: Type.String(), at: Type.String() })),
});

export const PortfolioPhase = Type.Object({
  step: Type.String(),
  label: Type.String(),
  /** The student is in this phase now. */
  current: Type.Boolean(),
  items: Type.Array(PortfolioItem),
  /** Items still to be signed in this phase. */
  missing: Type.Integer(),
});

export const PortfolioView = Type.Object({
  caseId: Type.String(),
  name: Type.String(),
  workflowTitle: Type.String(),
  stateLabel: Type.String(),
  done: Type.Boolean(),
  signed: Type.Integer(),
  total: Type.Integer(),
  plannedEnd: Type.Optional(Day),
  /** Share of the planned time gone by, 0–1. */
  elapsed: Type.Optional(Type.Number()),
  /** Signed about as much as the time gone by asks (not more than the margin behind). */
  onTrack: Type.Boolean(),
  /** In plain words (B1): where the student stands. */
  summary: Type.String(),
  phases: Type.Array(PortfolioPhase),
  /** Their own data with a value, by label; never a field the definition keeps for staff. */
  details: Type.Array(Type.Object({ field: Type.String(), label: Type.String(), value: Type.String() })),
  /** The group activities and excursions they took part in, latest first: what and when, not the group's evaluation. */
  activities: Type.Array(Type.Object({ kindLabel: Type.String(), title: Type.String(), date: Day })),
});
export type PortfolioViewT = Static<typeof PortfolioView>;

export const StudentVisit = Type.Object({
  /** The resident's first name only. */
  firstName: Type.String(),
  /** The street, without the house number. */
  street: Type.String(),
  help: Type.Array(Type.String()),
});

export const StudentHalfDay = Type.Object({
  halfDay: Type.String(),
  label: Type.String(),
  /** `les` at the site, `wijk` with residents, `vrij` in the wijk without one, `gesloten`, or `geen`. */
  kind: Type.Union(['les', 'wijk', 'vrij', 'gesloten', 'geen'].map((k) => Type.Literal(k))),
  lesson: Type.Optional(Type.String()),
  visits: Type.Array(StudentVisit),
});

export const PersonRef = Type.Object({ username: Type.String(), displayName: Type.String() });

export const StudentWeek = Type.Object({
  monday: Day,
  days: Type.Array(
    Type.Object({
      date: Day,
      label: Type.String(),
      closed: Type.Optional(Type.String()),
      halfDays: Type.Array(StudentHalfDay),
    }),
  ),
  /** The coördinator on call today, if the rota names one. */
  onCall: Type.Optional(PersonRef),
});
export type StudentWeekT = Static<typeof StudentWeek>;

export const HelpModeSchema = Type.Union(
  helpModeNames.map((m) => Type.Literal(m)),
  { description: 'kom-nu (come to me) or bel-me (call me)' },
);

export const HelpBody = Type.Object(
  {
    mode: HelpModeSchema,
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
  },
  { additionalProperties: false },
);

export const HelpView = Type.Object({
  id: Type.Integer(),
  mode: HelpModeSchema,
  modeLabel: Type.String(),
  text: Type.Optional(Type.String()),
  at: Type.String(),
  /** `open` until a coördinator answers, `acknowledged`, then `closed`. */
  status: Type.Union([Type.Literal('open'), Type.Literal('acknowledged'), Type.Literal('closed')]),
  /** "Ahmed komt eraan", "Ahmed belt je": once answered. */
  answer: Type.Optional(Type.String()),
  /** Who is asked first: the coördinator on call. */
  onCall: Type.Optional(PersonRef),
});
export type HelpViewT = Static<typeof HelpView>;

/** The student's latest call for help of today, if any. */
export const HelpState = Type.Object({ current: Type.Optional(HelpView) });

export { OnCallSchema };

export const OnCallView = Type.Object({
  onCall: OnCallSchema,
  /** The site's coördinatoren, who may be on the rota. */
  coordinators: Type.Array(PersonRef),
  today: Type.Optional(PersonRef),
});
export type OnCallViewT = Static<typeof OnCallView>;
