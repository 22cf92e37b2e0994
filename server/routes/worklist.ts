import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteDeps } from './deps';
import { board, worklist } from '../commands/worklist';
import { waitingLists } from '../commands/places';
import { presentBoard, presentWorkItem } from '../presenters/worklist';
import { callerOf } from '../plugins/auth';
import { say } from '../../engine';
import { BoardQuery, BoardView, WaitingListsResponse, Worklist, WorklistQuery, errorResponses } from '../contract';

const worklistRoutes: FastifyPluginAsyncTypebox<Omit<RouteDeps, 'directory'>> = async (
  app,
  { now, definitions, calendars },
) => {
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/waiting-list',
    {
      schema: {
        tags: ['worklist'],
        summary:
          "The site's waiting lists, first come first served: who waits since when, and who is offered a place that is free now",
        response: { 200: WaitingListsResponse, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const lists = await waitingLists(req.em, caller, now());
      return lists.map((l) => ({ ...l, title: say(l.title, req.locale) }));
    },
  );

  app.get(
    '/worklist',
    {
      schema: {
        tags: ['worklist'],
        summary:
          'What waits on the caller now, by role and function: actions to take (with their deadline), items to sign, students behind, oldest first',
        querystring: WorklistQuery,
        response: { 200: Worklist, ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const options = await calendars.options(() => req.em, caller.site);
      const { items, total, view } = await worklist(req.em, definitions, caller, req.query, now(), options);
      return {
        items: items.map((e) => presentWorkItem(e, caller, req.locale, options)),
        function: view,
        total,
        limit: req.query.limit,
        offset: req.query.offset,
      };
    },
  );

  app.get(
    '/board',
    {
      schema: {
        tags: ['worklist'],
        summary: "One column per step of a workflow's latest version, one card per case",
        description: '400 when a filter names a field the workflow does not have, or a value its options lack.',
        querystring: BoardQuery,
        response: { 200: BoardView, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const { def, columns } = await board(req.em, definitions, app.dbKind, caller, req.query);
      const options = await calendars.options(() => req.em, caller.site);
      return presentBoard(def, columns, caller, req.locale, now(), options);
    },
  );
};
export default worklistRoutes;
