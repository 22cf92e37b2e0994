import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DefinitionCache } from '../commands/definitions';
import { siteOutcomes } from '../commands/metrics';
import { callerOf } from '../plugins/auth';
import { outcomesCsv, presentOutcomes } from '../presenters/metrics';
import { CsvQuery, OutcomesQuery, OutcomesResponse, errorResponses } from '../contract';

const metrics: FastifyPluginAsyncTypebox<{ now: () => Date; definitions: DefinitionCache }> = async (
  app,
  { now, definitions },
) => {
  // The figures are for the projectleider and the stuurgroep.
  app.addHook('onRequest', app.requireRole('manager'));

  app.get(
    '/metrics/outcomes',
    {
      schema: {
        tags: ['metrics'],
        summary: 'Outcomes, flow, capacity and informal care of the site, from the case histories (manager)',
        querystring: OutcomesQuery,
        response: { 200: OutcomesResponse, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      return presentOutcomes(await siteOutcomes(req.em, definitions, callerOf(req), req.query, now()), req.locale);
    },
  );

  app.get(
    '/metrics/outcomes.csv',
    {
      schema: {
        tags: ['metrics'],
        summary: 'One table of the outcome report as CSV (manager)',
        querystring: CsvQuery,
        produces: ['text/csv'],
        response: { ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const report = presentOutcomes(
        await siteOutcomes(req.em, definitions, callerOf(req), req.query, now()),
        req.locale,
      );
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="wijkleerbedrijf-${req.query.table}.csv"`);
      // A byte-order mark, so spreadsheet programs read the Dutch characters right.
      return `\uFEFF${outcomesCsv(report, req.query.table, req.locale)}`;
    },
  );
};
export default metrics;
