import { Type, type Static } from '@sinclair/typebox';
import { FormSchema } from '../../engine/forms';

export const WorkflowSummary = Type.Object({
  key: Type.String(),
  title: Type.String(),
  subject: Type.String(),
  latestVersion: Type.Integer(),
  versions: Type.Array(Type.Integer()),
  hasDraft: Type.Boolean(),
  /** The form that creates a case. */
  startForm: FormSchema,
});
export type WorkflowSummaryT = Static<typeof WorkflowSummary>;

export const WorkflowVersionView = Type.Object({
  key: Type.String(),
  version: Type.Integer(),
  publishedAt: Type.String(),
  definition: Type.Unknown({ description: 'The workflow definition (see docs/definition.md)' }),
});
export type WorkflowVersionViewT = Static<typeof WorkflowVersionView>;

export const KeyParams = Type.Object({ key: Type.String({ maxLength: 60 }) });
export const VersionParams = Type.Object({
  key: Type.String({ maxLength: 60 }),
  version: Type.Integer({ minimum: 1 }),
});

export const ProblemView = Type.Object({
  path: Type.String(),
  message: Type.String(),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
});

export const DraftView = Type.Object({
  key: Type.String(),
  revision: Type.Integer(),
  basedOn: Type.Optional(Type.Integer()),
  upstream: Type.Optional(
    Type.Object(
      { site: Type.String(), key: Type.String(), version: Type.Integer() },
      { description: 'The package this draft follows (an imported variant)' },
    ),
  ),
  updatedAt: Type.String(),
  updatedBy: Type.String(),
  definition: Type.Unknown(),
  problems: Type.Array(ProblemView),
});
export type DraftViewT = Static<typeof DraftView>;

/**
 * Bodies that carry a definition (a draft, a package, an SCXML file) are read up to this size,
 * so that one over the engine's 1 MB limit gets a 422 that says so; beyond it Fastify stops
 * reading (413).
 */
export const definitionBodyLimit = 8 * 1024 * 1024;

export const SaveDraftBody = Type.Object(
  {
    definition: Type.Unknown({ description: 'The workflow definition; see docs/definition.md' }),
    revision: Type.Optional(
      Type.Integer({ minimum: 1, description: 'The draft revision the editor started from; a newer one gives 409' }),
    ),
  },
  { additionalProperties: false },
);

export const PublishBody = Type.Object(
  { revision: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

const RunningCounts = Type.Array(Type.Object({ version: Type.Integer(), cases: Type.Integer() }));

export const RunningView = Type.Object({ latestVersion: Type.Integer(), running: RunningCounts });
export type RunningViewT = Static<typeof RunningView>;

export const PublishResponse = Type.Object({
  key: Type.String(),
  version: Type.Integer(),
  publishedAt: Type.String(),
  /** Open cases per version: those on older versions can be migrated. */
  running: RunningCounts,
});
export type PublishResponseT = Static<typeof PublishResponse>;

export const MigrationBody = Type.Object(
  {
    from: Type.Integer({ minimum: 1 }),
    to: Type.Integer({ minimum: 1 }),
    stateMap: Type.Optional(Type.Record(Type.String({ maxLength: 300 }), Type.String({ maxLength: 300 }))),
    dryRun: Type.Boolean(),
    cases: Type.Optional(Type.Array(Type.String({ maxLength: 36 }), { maxItems: 10_000 })),
  },
  { additionalProperties: false },
);

export type MigrationBodyT = Static<typeof MigrationBody>;

export const MigrationResponse = Type.Object({
  migration: Type.Optional(
    Type.String({ description: 'The id named in each moved case history; absent in a dry run' }),
  ),
  from: Type.Integer(),
  to: Type.Integer(),
  dryRun: Type.Boolean(),
  stateMap: Type.Record(Type.String(), Type.String()),
  moved: Type.Integer(),
  cases: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      from: Type.String(),
      fromLabel: Type.String(),
      to: Type.Optional(Type.String()),
      toLabel: Type.Optional(Type.String()),
      chosen: Type.Boolean(),
      problems: Type.Array(ProblemView),
    }),
  ),
});

export type MigrationResponseT = Static<typeof MigrationResponse>;
