import { Type, type Static } from '@sinclair/typebox';
import { FunctionName } from './common';
import { CaseDeadlineView, CaseTimerView } from './cases';

const WorkflowRef = Type.Object({ key: Type.String(), title: Type.String() });

/** `verweesd`: a client whose student left the wijk (uitgepland, stopped, another step). */
export const WorkKind = Type.Union([
  Type.Literal('action'),
  Type.Literal('sign'),
  Type.Literal('behind'),
  Type.Literal('verweesd'),
]);
export type WorkKindT = Static<typeof WorkKind>;

/** Deadlines on the worklist: "binnenkort" (within a week) and "te laat" (passed). */
export const DueFilter = Type.Union([Type.Literal('soon'), Type.Literal('late')]);
export type DueFilterT = Static<typeof DueFilter>;

export const WorklistQuery = Type.Object(
  {
    workflow: Type.Optional(Type.String({ maxLength: 60 })),
    kind: Type.Optional(WorkKind),
    /** Only work with a deadline due within a week (soon) or passed (late). */
    due: Type.Optional(DueFilter),
    function: Type.Optional(
      Type.Union([FunctionName, Type.Literal('all')], {
        description:
          "Whose work: a function's, or all of it. Default: the caller's function, or all for those without one",
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
);

export const WorklistItem = Type.Object({
  caseId: Type.String(),
  caseTitle: Type.String(),
  workflow: WorkflowRef,
  state: Type.String(),
  stateLabel: Type.String(),
  kind: WorkKind,
  label: Type.String(),
  since: Type.String({ description: 'When the case entered its current step' }),
  actions: Type.Array(Type.Object({ type: Type.String(), label: Type.String() }), {
    description: 'The actions the caller may take now (not the ones every step offers)',
  }),
  checklist: Type.Optional(
    Type.Array(Type.Object({ id: Type.String(), label: Type.String() }), {
      description: 'Unsigned items of the current steps the caller may sign',
    }),
  ),
  functions: Type.Array(FunctionName, { description: "Whose work this is, as the definition says; empty: anyone's" }),
  mine: Type.Boolean({ description: 'The caller is responsible for this case: such items come first' }),
  /** The earliest deadline of this work for the function shown (an action's or its step's). */
  due: Type.Optional(CaseDeadlineView),
});
export type WorklistItemT = Static<typeof WorklistItem>;

export const Worklist = Type.Object({
  items: Type.Array(WorklistItem),
  /** Whose work is listed: the function asked for, or by default the caller's own. */
  function: Type.Union([FunctionName, Type.Literal('all')]),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

/** Case data fields the board can be narrowed by, when the workflow has them. */
export const boardFilterFields = ['coach', 'startmoment', 'instroomroute', 'niveau'] as const;
export type BoardFilterField = (typeof boardFilterFields)[number];

export const BoardQuery = Type.Object(
  {
    workflow: Type.String({ minLength: 1, maxLength: 60 }),
    coach: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    startmoment: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    instroomroute: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    niveau: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    closed: Type.Optional(Type.Boolean({ description: 'Also show the steps that end a case' })),
  },
  { additionalProperties: false },
);
export type BoardQueryT = Static<typeof BoardQuery>;

export const BoardCard = Type.Object({
  id: Type.String(),
  title: Type.String(),
  since: Type.String(),
  revision: Type.Integer(),
  /** The case's earliest deadline, and its next running timer. */
  due: Type.Optional(CaseDeadlineView),
  timer: Type.Optional(CaseTimerView),
});

export const BoardView = Type.Object({
  workflow: WorkflowRef,
  columns: Type.Array(
    Type.Object({
      state: Type.String(),
      label: Type.String(),
      count: Type.Integer(),
      cards: Type.Array(BoardCard),
    }),
  ),
});
export type BoardViewT = Static<typeof BoardView>;
