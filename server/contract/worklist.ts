import { Type, type Static } from '@sinclair/typebox';
import { FunctionName } from './common';

const WorkflowRef = Type.Object({ key: Type.String(), title: Type.String() });

export const WorkKind = Type.Union([Type.Literal('action'), Type.Literal('sign'), Type.Literal('behind')]);
export type WorkKindT = Static<typeof WorkKind>;

export const WorklistQuery = Type.Object(
  {
    workflow: Type.Optional(Type.String({ maxLength: 60 })),
    kind: Type.Optional(WorkKind),
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
