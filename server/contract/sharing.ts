import { Type, type Static } from '@sinclair/typebox';
import { DraftView, ProblemView } from './workflows';

export const ExportQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

export const ImportQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ description: 'Only check and compare; store nothing' })) },
  { additionalProperties: false },
);

const ChangeElementName = Type.Union(
  ['workflow', 'field', 'state', 'transition', 'rule', 'form', 'checklist', 'timer', 'label', 'report'].map((e) =>
    Type.Literal(e),
  ),
);

export const ChangeView = Type.Object({
  kind: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed')]),
  element: ChangeElementName,
  path: Type.String(),
  text: Type.String({ description: 'The change in plain words, in the language asked for' }),
  parts: Type.Optional(
    Type.Array(Type.String(), { description: 'What an added or removed step or action brings with it, in words' }),
  ),
});

const SideName = Type.Union([Type.Literal('upstream'), Type.Literal('local')]);
const SiteKeyVersion = Type.Object({ site: Type.String(), key: Type.String(), version: Type.Integer() });

export const MergeItemView = Type.Object({
  path: Type.String({ description: 'Name this item by its path in `choices`' }),
  paths: Type.Array(Type.String()),
  upstream: Type.Optional(ChangeView),
  local: Type.Optional(ChangeView),
  conflict: Type.Boolean(),
  default: SideName,
});

export const ImportResponse = Type.Object({
  key: Type.String({ description: 'The local workflow the package lands on' }),
  latestVersion: Type.Union([Type.Integer(), Type.Null()]),
  hasDraft: Type.Boolean(),
  provenance: Type.Object({
    site: Type.String(),
    key: Type.String(),
    version: Type.Integer(),
    exportedAt: Type.String(),
    basedOn: Type.Union([SiteKeyVersion, Type.Null()]),
  }),
  sha256: Type.String(),
  title: Type.String(),
  changes: Type.Array(ChangeView, { description: "From the site's draft (else latest version) to the package" }),
  warnings: Type.Array(ProblemView),
  merge: Type.Optional(
    Type.Object(
      { base: SiteKeyVersion, items: Type.Array(MergeItemView) },
      { description: 'Present when the package is a newer version of the upstream this workflow follows' },
    ),
  ),
  draft: Type.Optional(DraftView),
});

export const MergeBody = Type.Object(
  {
    package: Type.String({ description: 'The text of the package file' }),
    choices: Type.Optional(
      Type.Record(Type.String({ maxLength: 300 }), SideName, {
        description: 'Per item path: take the upstream or keep the local side; unnamed items take their default',
      }),
    ),
  },
  { additionalProperties: false },
);

export const MergeResponse = Type.Object({ draft: DraftView, items: Type.Array(MergeItemView) });

export const DryRunQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ description: 'Only check and compare; store nothing' })) },
  { additionalProperties: false },
);

export const BpmnImportQuery = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ description: 'Only check and compare; store nothing' })),
    key: Type.Optional(
      Type.String({
        pattern: '^[a-z][a-z0-9-]*$',
        maxLength: 60,
        description:
          "The workflow it lands on; default: the key in the file (our export) or made from the process's name",
      }),
    ),
    subject: Type.Optional(
      Type.Union([Type.Literal('student'), Type.Literal('client')], {
        description: 'For a new workflow from another tool (default client)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const BpmnImportResponse = Type.Object({
  key: Type.String({ description: 'The local workflow the process lands on' }),
  latestVersion: Type.Union([Type.Integer(), Type.Null()]),
  hasDraft: Type.Boolean(),
  complete: Type.Boolean({
    description:
      'The file carried the whole workflow (our export); otherwise fields and settings come from the workflow it lands on',
  }),
  title: Type.String(),
  changes: Type.Array(ChangeView, { description: "From the site's draft (else latest version) to the process" }),
  warnings: Type.Array(ProblemView),
  problems: Type.Array(ProblemView, { description: 'What the draft still lacks before it can be published' }),
  draft: Type.Optional(DraftView),
});

export const ScxmlImportResponse = Type.Object({
  draft: Type.Optional(DraftView),
  changes: Type.Array(ChangeView),
  warnings: Type.Array(ProblemView, { description: 'Where the engine runs the document differently from SCXML' }),
  problems: Type.Array(ProblemView),
});

export type ImportResponseT = Static<typeof ImportResponse>;
export type BpmnImportResponseT = Static<typeof BpmnImportResponse>;
export type ScxmlImportResponseT = Static<typeof ScxmlImportResponse>;
export type MergeResponseT = Static<typeof MergeResponse>;
export type MergeItemViewT = Static<typeof MergeItemView>;
