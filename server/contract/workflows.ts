import { Type, type Static } from '@sinclair/typebox';
import { FormSchema } from '../../engine/forms';
import { RecordedCaseSchema } from '../../engine/replay';
import { Day } from './common';

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
  updatedByName: Type.String({ description: 'The display name of whoever saved it last' }),
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
      Type.Integer({
        minimum: 0,
        description:
          'The draft revision the editor started from; a newer one gives 409. 0: the editor started from the published version and expects no draft (409 when one exists). Without it, the draft is written whatever its revision.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const PublishBody = Type.Object(
  {
    revision: Type.Optional(Type.Integer({ minimum: 1 })),
    note: Type.Optional(
      Type.String({ maxLength: 2000, description: 'What changes and why, in the words the version list shows' }),
    ),
  },
  { additionalProperties: false },
);

/** Open cases in one step of a version. */
export const StepCount = Type.Object({
  state: Type.String(),
  label: Type.String(),
  cases: Type.Integer(),
});

/** One published version as the workflow page lists it: who, when, why, and what still runs on it. */
export const VersionSummary = Type.Object({
  version: Type.Integer(),
  publishedAt: Type.String(),
  publishedBy: Type.Optional(Type.String({ description: 'The name of whoever published it' })),
  note: Type.Optional(Type.String()),
  /** Open cases on this version, and per step. */
  running: Type.Integer(),
  steps: Type.Array(StepCount),
});

export const VersionList = Type.Object({
  key: Type.String(),
  /** Newest first. */
  items: Type.Array(VersionSummary),
});
export type VersionListT = Static<typeof VersionList>;

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

/** Which recorded histories to replay: the cases started in a period, a page at a time. */
export const HistoriesQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 250 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
);
export type HistoriesQueryT = Static<typeof HistoriesQuery>;

export const HistoriesPage = Type.Object({
  total: Type.Integer(),
  /** Oldest case first; each history screened as the caller's own view of it would be. */
  items: Type.Array(RecordedCaseSchema),
});
export type HistoriesPageT = Static<typeof HistoriesPage>;
