import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { createSite, listSites, requireHostAdmin } from '../commands/sites';
import { callerOf } from '../plugins/auth';
import { presentSite } from '../presenters/sites';
import { CreateSiteBody, SiteView, errorResponses } from '../contract';

/** The WijkLeerbedrijven on this server; for the admins of the host site only. */
const sites: FastifyPluginAsyncTypebox<{ now: () => Date }> = async (app, { now }) => {
  app.addHook('onRequest', app.requireRole('admin'));
  app.addHook('onRequest', async (req) => requireHostAdmin(req.em, callerOf(req).site));

  app.get(
    '/sites',
    {
      schema: {
        tags: ['sites'],
        summary: 'Every site on this server (host admin)',
        response: { 200: Type.Object({ items: Type.Array(SiteView) }), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: (await listSites(req.em)).map(presentSite) }),
  );

  app.post(
    '/sites',
    {
      schema: {
        tags: ['sites'],
        summary: 'Create a site with its first admin (host admin); it starts without workflows',
        body: CreateSiteBody,
        response: { 201: SiteView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const { site } = await createSite(req.em, req.body, callerOf(req), now());
      return reply.code(201).send(presentSite(site));
    },
  );
};
export default sites;
