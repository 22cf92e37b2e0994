import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { formSchema, say } from '../../engine';
import { WorkflowVersion, type IWorkflowVersion } from '../db/entities';
import { notFound } from '../errors';
import { KeyParams, VersionParams, WorkflowSummary, WorkflowVersionView, errorResponses } from '../schemas';

const workflows: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preHandler', app.authenticate);

  app.get(
    '/workflows',
    { schema: { tags: ['workflows'], summary: "The site's workflows", response: { 200: Type.Object({ items: Type.Array(WorkflowSummary) }), ...errorResponses(401) } } },
    async (req) => {
      const all = await req.em.find(WorkflowVersion, { site: req.caller!.site }, { orderBy: { key: 'asc', version: 'desc' } });
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
            startForm: formSchema(def, def.startForm),
          };
        }),
      };
    },
  );

  const present = (wv: IWorkflowVersion) => ({ key: wv.key, version: wv.version, publishedAt: wv.publishedAt.toISOString(), definition: wv.definition });

  app.get(
    '/workflows/:key',
    { schema: { tags: ['workflows'], summary: 'The latest version of a workflow', params: KeyParams, response: { 200: WorkflowVersionView, ...errorResponses(401, 404) } } },
    async (req) => {
      const wv = await req.em.findOne(WorkflowVersion, { site: req.caller!.site, key: req.params.key }, { orderBy: { version: 'desc' } });
      if (!wv) throw notFound({ nl: `Workflow '${req.params.key}'`, en: `Workflow '${req.params.key}'` });
      return present(wv);
    },
  );

  app.get(
    '/workflows/:key/versions/:version',
    { schema: { tags: ['workflows'], summary: 'One published version of a workflow', params: VersionParams, response: { 200: WorkflowVersionView, ...errorResponses(401, 404) } } },
    async (req) => {
      const wv = await req.em.findOne(WorkflowVersion, { site: req.caller!.site, key: req.params.key, version: req.params.version });
      if (!wv) throw notFound({ nl: `Versie ${req.params.version} van '${req.params.key}'`, en: `Version ${req.params.version} of '${req.params.key}'` });
      return present(wv);
    },
  );
};
export default workflows;
