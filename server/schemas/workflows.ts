import { Type, type Static } from '@sinclair/typebox';

export const WorkflowSummary = Type.Object({
  key: Type.String(),
  title: Type.String(),
  subject: Type.String(),
  latestVersion: Type.Integer(),
  versions: Type.Array(Type.Integer()),
  startForm: Type.Unknown({ description: 'JSON Schema of the form that creates a case' }),
});
export type WorkflowSummaryT = Static<typeof WorkflowSummary>;

export const WorkflowVersionView = Type.Object({
  key: Type.String(),
  version: Type.Integer(),
  publishedAt: Type.String(),
  definition: Type.Unknown({ description: 'The workflow definition (see docs/definition.md)' }),
});

export const KeyParams = Type.Object({ key: Type.String({ maxLength: 60 }) });
export const VersionParams = Type.Object({ key: Type.String({ maxLength: 60 }), version: Type.Integer({ minimum: 1 }) });
