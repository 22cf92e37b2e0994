import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteDeps } from './deps';
import type { FastifyRequest } from 'fastify';
import {
  correctGroupActivity,
  groupActivities,
  participantCases,
  possibleParticipants,
  recordGroupActivity,
} from '../commands/activities';
import type { Store } from '../commands/cases';
import { callerOf } from '../plugins/auth';
import { presentGroupActivity, presentParticipants } from '../presenters/activities';
import {
  GroupActivityBody,
  GroupActivityCorrection,
  GroupActivityList,
  GroupActivityParams,
  GroupActivityView,
  errorResponses,
} from '../contract';

/** Group activities and excursions (report chapter 6): anyone on staff records one and reads them. */
const activityRoutes: FastifyPluginAsyncTypebox<Omit<RouteDeps, 'calendars'>> = async (
  app,
  { now, definitions, directory },
) => {
  app.addHook('onRequest', app.authenticate);

  /** One activity as the caller may see it: its participants by name where they may. */
  const presented = async (req: FastifyRequest, activity: Awaited<ReturnType<typeof recordGroupActivity>>) => {
    const caller = callerOf(req);
    const cases = await participantCases(req.em.fork(), definitions, caller.site, [activity]);
    const names = await directory.names(() => req.em.fork(), caller.site);
    return presentGroupActivity(activity, cases, caller, req.locale, names);
  };

  app.get(
    '/activities',
    {
      schema: {
        tags: ['activities'],
        summary: "The site's group activities, latest first, and the running students who can take part",
        response: { 200: GroupActivityList, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const [{ activities, cases }, students, names] = await Promise.all([
        groupActivities(req.em.fork(), definitions, caller.site),
        possibleParticipants(req.em.fork(), definitions, caller.site),
        directory.names(() => req.em.fork(), caller.site),
      ]);
      return {
        items: activities.map((a) => presentGroupActivity(a, cases, caller, req.locale, names)),
        students: presentParticipants(students, caller, req.locale),
      };
    },
  );

  app.post(
    '/activities',
    {
      schema: {
        tags: ['activities'],
        summary: 'Record a group activity or excursion that took place: who took part and how it went',
        description:
          "Each participant's history gets a row. 404 for a case the site does not have; 422 NOT_A_STUDENT, " +
          'CASE_CLOSED for one that is not a running student, INVALID_FORM for a day still to come.',
        body: GroupActivityBody,
        response: { 201: GroupActivityView, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const store: Store = { cache: definitions, cases: app.caseStore, em: app.orm.em };
      const activity = await recordGroupActivity(store, caller, req.body, now);
      reply.code(201);
      return presented(req, activity);
    },
  );

  app.put(
    '/activities/:id',
    {
      schema: {
        tags: ['activities'],
        summary: 'Correct a recorded group activity: who took part, what, when, how it went, and why corrected',
        description:
          'A student added gets the activity in their history, one removed a row that they did not take part, ' +
          'the others a row with the record as it is now; each with the reason. 404 for an activity the site ' +
          'does not have; 422 as when recording it.',
        params: GroupActivityParams,
        body: GroupActivityCorrection,
        response: { 200: GroupActivityView, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const store: Store = { cache: definitions, cases: app.caseStore, em: app.orm.em };
      const activity = await correctGroupActivity(store, caller, req.params.id, req.body, now);
      return presented(req, activity);
    },
  );
};
export default activityRoutes;
