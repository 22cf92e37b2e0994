import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteDeps } from './deps';
import { Type } from '@sinclair/typebox';
import { weekStart } from '../../engine';
import { saveSchedule, scheduleOf, weekOf } from '../commands/planning';
import { checkDay, dayOf } from '../commands/presence';
import { recordSession, removeSession } from '../commands/sessions';
import { callerOf } from '../plugins/auth';
import { presentSession, presentWeek } from '../presenters/planning';
import {
  SessionBody,
  SessionParams,
  SessionView,
  SiteScheduleSchema,
  WeekQuery,
  WeekView,
  errorResponses,
} from '../contract';

/**
 * The coördinator's week (report 3.3): the planning board, the site's lessons and presence
 * moments, and the help sessions as they went. Any staff member reads and records; a manager
 * sets the schedule.
 */
const planningRoutes: FastifyPluginAsyncTypebox<Pick<RouteDeps, 'now' | 'definitions'>> = async (
  app,
  { now, definitions },
) => {
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/planning/week',
    {
      schema: {
        tags: ['planning'],
        summary:
          'The week of half-days: each running student, their lessons, clients and free half-days, the clients waiting, and supply against demand',
        querystring: WeekQuery,
        response: { 200: WeekView, ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const day = checkDay(req.query.week ?? dayOf(now()), 'querystring.week');
      const { plan } = await weekOf(req.em, definitions, caller.site, weekStart(day));
      return presentWeek(plan, caller, req.locale);
    },
  );

  app.get(
    '/planning/schedule',
    {
      schema: {
        tags: ['planning'],
        summary: "The site's lesson half-days and presence moments",
        response: { 200: SiteScheduleSchema, ...errorResponses(401) },
      },
    },
    async (req) => scheduleOf(req.em, callerOf(req).site),
  );

  app.put(
    '/planning/schedule',
    {
      onRequest: app.requireRole('manager'),
      schema: {
        tags: ['planning'],
        summary: "Set the site's lesson half-days and presence moments (manager)",
        description: '422 INVALID_FORM when moments are out of the order of the day or a half-day is listed twice.',
        body: SiteScheduleSchema,
        response: { 200: SiteScheduleSchema, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req) => saveSchedule(req.em, callerOf(req), req.body),
  );

  app.put(
    '/sessions/:clientId/:day/:halfDay',
    {
      schema: {
        tags: ['planning'],
        summary: 'How a planned visit went: done (with its hours), cancelled by the client, or the student was away',
        description: '422 EVENT_NOT_ALLOWED when the client is not matched on that half-day or the help is paused.',
        params: SessionParams,
        body: SessionBody,
        response: { 200: SessionView, ...errorResponses(400, 401, 404, 422) },
      },
    },
    async (req) => {
      const { clientId, day, halfDay } = req.params;
      const s = await recordSession(req.em, definitions, callerOf(req), clientId, day, halfDay, req.body, now());
      return presentSession(s);
    },
  );

  app.delete(
    '/sessions/:clientId/:day/:halfDay',
    {
      schema: {
        tags: ['planning'],
        summary: 'Take back a recorded visit',
        params: SessionParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const { clientId, day, halfDay } = req.params;
      await removeSession(req.em, callerOf(req), clientId, day, halfDay);
      return reply.code(204).send(null);
    },
  );
};
export default planningRoutes;
