import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteDeps } from './deps';
import { Type } from '@sinclair/typebox';
import { offload } from '../offload';
import {
  presentDraft,
  presentMigration,
  presentPublished,
  presentVersion,
  presentVersionList,
  presentWorkflow,
} from '../presenters/workflows';
import { versionList } from '../commands/versions';
import { recordedHistories } from '../commands/replay';
import { presentHistories } from '../presenters/replay';
import { nameOf } from '../presenters/users';
import {
  discardDraft,
  draftOf,
  findVersion,
  latestVersion,
  listWorkflows,
  migrateCases,
  publish,
  runningOf,
  saveDraft,
} from '../commands/workflows';
import { callerOf } from '../plugins/auth';
import {
  DraftView,
  HistoriesPage,
  HistoriesQuery,
  KeyParams,
  MigrationBody,
  MigrationResponse,
  PublishBody,
  PublishResponse,
  RunningView,
  SaveDraftBody,
  VersionList,
  VersionParams,
  WorkflowSummary,
  WorkflowVersionView,
  definitionBodyLimit,
  errorResponses,
} from '../contract';

const workflows: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { now, definitions, calendars, directory }) => {
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/workflows',
    {
      schema: {
        tags: ['workflows'],
        summary: "The site's workflows",
        response: { 200: Type.Object({ items: Type.Array(WorkflowSummary) }), ...errorResponses(401) },
      },
    },
    async (req) => ({
      items: (await listWorkflows(req.em, callerOf(req).site)).map((w) => presentWorkflow(w, req.locale)),
    }),
  );

  app.get(
    '/workflows/:key',
    {
      schema: {
        tags: ['workflows'],
        summary: 'The latest version of a workflow',
        params: KeyParams,
        response: { 200: WorkflowVersionView, ...errorResponses(401, 404) },
      },
    },
    async (req) => presentVersion(await latestVersion(req.em, callerOf(req).site, req.params.key)),
  );

  app.get(
    '/workflows/:key/versions/:version',
    {
      schema: {
        tags: ['workflows'],
        summary: 'One published version of a workflow',
        params: VersionParams,
        response: { 200: WorkflowVersionView, ...errorResponses(401, 404) },
      },
    },
    async (req) => presentVersion(await findVersion(req.em, callerOf(req).site, req.params.key, req.params.version)),
  );

  const manager = app.requireRole('manager');

  app.get(
    '/workflows/:key/draft',
    {
      onRequest: manager,
      schema: {
        tags: ['workflows'],
        summary: 'The draft of a workflow (manager)',
        params: KeyParams,
        response: { 200: DraftView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const draft = await draftOf(req.em, callerOf(req).site, req.params.key);
      const names = await directory.names(() => req.em, callerOf(req).site);
      const problems = await offload.run('validateDefinition', draft.definition);
      return presentDraft(draft, problems, req.locale, nameOf(names, draft.updatedBy, req.locale));
    },
  );

  app.put(
    '/workflows/:key/draft',
    {
      onRequest: manager,
      bodyLimit: definitionBodyLimit,
      schema: {
        tags: ['workflows'],
        summary: 'Save the draft of a workflow (manager); answers every problem it still has',
        description:
          '422 when the body is not a workflow definition at all, or is over the limits every definition is held to (1 MB, 64 levels deep); a draft with problems is saved and its problems returned. 409 on a stale revision.',
        params: KeyParams,
        body: SaveDraftBody,
        response: { 200: DraftView, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req) => {
      const { draft, problems } = await saveDraft(req.em, callerOf(req), req.params.key, req.body, now());
      return presentDraft(draft, problems, req.locale, callerOf(req).displayName);
    },
  );

  app.delete(
    '/workflows/:key/draft',
    {
      onRequest: manager,
      schema: {
        tags: ['workflows'],
        summary: 'Throw the draft away (manager)',
        params: KeyParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await discardDraft(req.em, callerOf(req).site, req.params.key);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/workflows/:key/publish',
    {
      onRequest: manager,
      schema: {
        tags: ['workflows'],
        summary: 'Publish the draft as the next version (manager)',
        description: '422 with every error while the draft has errors; running cases stay on their version.',
        params: KeyParams,
        body: PublishBody,
        response: { 200: PublishResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const { wv, running } = await publish(req.em, callerOf(req), req.params.key, req.body ?? {}, now());
      return presentPublished(wv, running);
    },
  );

  app.get(
    '/workflows/:key/running',
    {
      onRequest: manager,
      schema: {
        tags: ['workflows'],
        summary: 'Open cases per version of a workflow (manager): what a new version would leave behind',
        params: KeyParams,
        response: { 200: RunningView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => runningOf(req.em, callerOf(req).site, req.params.key),
  );

  app.get(
    '/workflows/:key/versions',
    {
      preHandler: manager,
      schema: {
        tags: ['workflows'],
        summary: 'Every published version (manager): who published it, when and why, and its open cases per step',
        params: KeyParams,
        response: { 200: VersionList, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) =>
      presentVersionList(req.params.key, await versionList(req.em, callerOf(req).site, req.params.key), req.locale),
  );

  app.get(
    '/workflows/:key/histories',
    {
      preHandler: manager,
      schema: {
        tags: ['workflows'],
        summary: 'Recorded histories of the cases started in a period, to replay against a draft (manager)',
        description:
          'Every case of the workflow (running and ended, any version), oldest first, a page at a time, each with its history screened as the caller sees it: personal fields left out and named in `hidden`, people by role and function only; notes and migrations left out.',
        params: KeyParams,
        querystring: HistoriesQuery,
        response: { 200: HistoriesPage, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const page = await recordedHistories(req.em, definitions, caller.site, req.params.key, req.query);
      return presentHistories(page, caller, req.locale);
    },
  );

  app.post(
    '/workflows/:key/migrations',
    {
      onRequest: manager,
      schema: {
        tags: ['workflows'],
        summary: 'Migrate running cases to another version (manager); dry run first',
        params: KeyParams,
        body: MigrationBody,
        response: { 200: MigrationResponse, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const options = await calendars.options(() => req.em, caller.site);
      const r = await migrateCases(req.em, definitions, caller, req.params.key, req.body, now(), options);
      return presentMigration(req.body, r, caller, req.locale);
    },
  );
};
export default workflows;
