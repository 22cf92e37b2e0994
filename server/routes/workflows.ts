import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { formSchema, say, stateLabel, titleFor } from '../../engine';
import { presentDraft, presentProblems } from '../presenters/workflows';
import type { DefinitionCache } from '../commands/definitions';
import { findDraft, latestVersion, migrateCases, publish, runningByVersion, saveDraft } from '../commands/workflows';
import { WorkflowDraft, WorkflowVersion, type IWorkflowVersion } from '../db/entities';
import { notFound } from '../errors';
import {
  DraftView,
  KeyParams,
  MigrationBody,
  MigrationResponse,
  PublishBody,
  PublishResponse,
  RunningView,
  SaveDraftBody,
  VersionParams,
  WorkflowSummary,
  WorkflowVersionView,
  errorResponses,
} from '../contract';

const workflows: FastifyPluginAsyncTypebox<{ now: () => Date; definitions: DefinitionCache }> = async (
  app,
  { now, definitions },
) => {
  app.addHook('preHandler', app.authenticate);

  app.get(
    '/workflows',
    {
      schema: {
        tags: ['workflows'],
        summary: "The site's workflows",
        response: { 200: Type.Object({ items: Type.Array(WorkflowSummary) }), ...errorResponses(401) },
      },
    },
    async (req) => {
      const all = await req.em.find(
        WorkflowVersion,
        { site: req.caller!.site },
        { orderBy: { key: 'asc', version: 'desc' } },
      );
      const drafts = new Set(
        (await req.em.find(WorkflowDraft, { site: req.caller!.site }, { fields: ['key'] })).map((d) => d.key),
      );
      const byKey = new Map<string, typeof all>();
      for (const wv of all) byKey.set(wv.key, [...(byKey.get(wv.key) ?? []), wv]);
      return {
        items: [...byKey.values()].map((versions) => {
          const latest = versions[0];
          const def = latest.definition;
          return {
            key: latest.key,
            title: say(def.title, req.locale),
            subject: latest.subject,
            latestVersion: latest.version,
            versions: versions.map((v) => v.version),
            hasDraft: drafts.has(latest.key),
            startForm: formSchema(def, def.startForm),
          };
        }),
      };
    },
  );

  const present = (wv: IWorkflowVersion) => ({
    key: wv.key,
    version: wv.version,
    publishedAt: wv.publishedAt.toISOString(),
    definition: wv.definition,
  });

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
    async (req) => {
      return present(await latestVersion(req.em, req.caller!.site, req.params.key));
    },
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
    async (req) => {
      const wv = await req.em.findOne(WorkflowVersion, {
        site: req.caller!.site,
        key: req.params.key,
        version: req.params.version,
      });
      if (!wv)
        throw notFound({
          nl: `Versie ${req.params.version} van '${req.params.key}'`,
          en: `Version ${req.params.version} of '${req.params.key}'`,
        });
      return present(wv);
    },
  );

  const manager = app.requireRole('manager');
  const actor = (req: FastifyRequest) => ({
    username: req.caller!.username,
    role: req.caller!.role,
    site: req.caller!.site,
  });

  app.get(
    '/workflows/:key/draft',
    {
      preHandler: manager,
      schema: {
        tags: ['workflows'],
        summary: 'The draft of a workflow (manager)',
        params: KeyParams,
        response: { 200: DraftView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const d = await findDraft(req.em, req.caller!.site, req.params.key);
      if (!d) throw notFound({ nl: `Concept van '${req.params.key}'`, en: `Draft of '${req.params.key}'` });
      return presentDraft(d, req.locale);
    },
  );

  app.put(
    '/workflows/:key/draft',
    {
      preHandler: manager,
      schema: {
        tags: ['workflows'],
        summary: 'Save the draft of a workflow (manager); answers every problem it still has',
        description:
          '422 when the body is not a workflow definition at all; a draft with problems is saved and its problems returned. 409 on a stale revision.',
        params: KeyParams,
        body: SaveDraftBody,
        response: { 200: DraftView, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (req) => {
      const { draft } = await saveDraft(req.em, actor(req), req.params.key, req.body, now());
      return presentDraft(draft, req.locale);
    },
  );

  app.delete(
    '/workflows/:key/draft',
    {
      preHandler: manager,
      schema: {
        tags: ['workflows'],
        summary: 'Throw the draft away (manager)',
        params: KeyParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const d = await findDraft(req.em, req.caller!.site, req.params.key);
      if (!d) throw notFound({ nl: `Concept van '${req.params.key}'`, en: `Draft of '${req.params.key}'` });
      await req.em.remove(d).flush();
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/workflows/:key/publish',
    {
      preHandler: manager,
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
      const { wv, running } = await publish(req.em, actor(req), req.params.key, req.body?.revision, now());
      return { key: wv.key, version: wv.version, publishedAt: wv.publishedAt.toISOString(), running };
    },
  );

  app.get(
    '/workflows/:key/running',
    {
      preHandler: manager,
      schema: {
        tags: ['workflows'],
        summary: 'Open cases per version of a workflow (manager): what a new version would leave behind',
        params: KeyParams,
        response: { 200: RunningView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const latest = await latestVersion(req.em, req.caller!.site, req.params.key);
      return {
        latestVersion: latest.version,
        running: await runningByVersion(req.em, req.caller!.site, req.params.key),
      };
    },
  );

  app.post(
    '/workflows/:key/migrations',
    {
      preHandler: manager,
      schema: {
        tags: ['workflows'],
        summary: 'Migrate running cases to another version (manager); dry run first',
        params: KeyParams,
        body: MigrationBody,
        response: { 200: MigrationResponse, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => {
      const r = await migrateCases(req.em, definitions, actor(req), req.params.key, req.body, now());
      const [fromDef, toDef] = await Promise.all(
        [req.body.from, req.body.to].map(
          async (v) =>
            (await req.em.findOneOrFail(WorkflowVersion, { site: req.caller!.site, key: req.params.key, version: v }))
              .definition,
        ),
      );
      return {
        ...(r.migrationId ? { migration: r.migrationId } : {}),
        from: req.body.from,
        to: req.body.to,
        dryRun: req.body.dryRun,
        stateMap: r.stateMap,
        moved: r.migrationId ? r.chosen.size : 0,
        cases: r.plans.map(({ c, plan }) => ({
          id: c.id,
          title: titleFor(fromDef, c, req.caller!, req.locale),
          from: plan.from.join(', '),
          fromLabel: plan.from.map((p) => say(stateLabel(fromDef, p), req.locale)).join(', '),
          ...(plan.to
            ? { to: plan.to.join(', '), toLabel: plan.to.map((p) => say(stateLabel(toDef, p), req.locale)).join(', ') }
            : {}),
          chosen: r.chosen.has(c.id),
          problems: presentProblems(plan.problems, req.locale),
        })),
      };
    },
  );
};
export default workflows;
