import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteDeps } from './deps';
import { readersOutcomes, setSmallGroupMinimum } from '../commands/metrics';
import { setPlaces } from '../commands/places';
import { anyCallerOf, callerOf } from '../plugins/auth';
import { outcomesCsv, presentOutcomes } from '../presenters/metrics';
import {
  CsvQuery,
  OutcomesQuery,
  OutcomesResponse,
  PlacesBody,
  PlacesResponse,
  SmallGroupsBody,
  errorResponses,
} from '../contract';

const metrics: FastifyPluginAsyncTypebox<Pick<RouteDeps, 'now' | 'definitions'>> = async (
  app,
  { now, definitions },
) => {
  // The figures are for the projectleider, and for the stuurgroep without its small groups.
  app.addHook('onRequest', app.requireRole('manager'));
  const stuurgroep = { audience: ['stuurgroep'] } as const;
  const report = async (req: FastifyRequest, query: { from?: string; to?: string }) => {
    const { report, smallGroups } = await readersOutcomes(req.em, definitions, anyCallerOf(req), query, now());
    return presentOutcomes(report, smallGroups, req.locale);
  };

  app.get(
    '/metrics/outcomes',
    {
      config: stuurgroep,
      schema: {
        tags: ['metrics'],
        summary:
          'Outcomes, flow, capacity and informal care of the site, from the case histories (manager; the stuurgroep without small groups)',
        querystring: OutcomesQuery,
        response: { 200: OutcomesResponse, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => report(req, req.query),
  );

  app.get(
    '/metrics/outcomes.csv',
    {
      config: stuurgroep,
      schema: {
        tags: ['metrics'],
        summary: 'One table of the outcome report as CSV (manager; the stuurgroep without small groups)',
        querystring: CsvQuery,
        produces: ['text/csv'],
        response: { ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const { table, ...period } = req.query;
      const shown = await report(req, period);
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="wijkleerbedrijf-${table}.csv"`);
      // A byte-order mark, so spreadsheet programs read the Dutch characters right.
      return `\uFEFF${outcomesCsv(shown, table, req.locale)}`;
    },
  );

  app.put(
    '/metrics/small-groups',
    {
      schema: {
        tags: ['metrics'],
        summary: 'Set the smallest group the stuurgroep sees as a number (manager)',
        body: SmallGroupsBody,
        response: { 200: SmallGroupsBody, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ minimum: await setSmallGroupMinimum(req.em, callerOf(req).site, req.body.minimum) }),
  );

  app.put(
    '/metrics/places',
    {
      schema: {
        tags: ['metrics'],
        summary: "Set how many places one of the site's workflows has at once (manager); null: its definition's number",
        body: PlacesBody,
        response: { 200: PlacesResponse, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req) => ({ places: await setPlaces(req.em, callerOf(req).site, req.body.workflow, req.body.places) }),
  );
};
export default metrics;
