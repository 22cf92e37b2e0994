import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteDeps } from './deps';
import { groupActivities, participantCases, possibleParticipants, recordGroupActivity } from '../commands/activities';
import type { Store } from '../commands/cases';
import { callerOf } from '../plugins/auth';
import { presentGroupActivity, presentParticipants } from '../presenters/activities';
import { GroupActivityBody, GroupActivityList, GroupActivityView, errorResponses } from '../contract';

/** Group activities and excursions (report chapter 6): anyone on staff records one and reads them. */
const activityRoutes: FastifyPluginAsyncTypebox<Omit<RouteDeps, 'calendars'>> = async (
  app,
  { now, definitions, directory },
) => {
  app.addHook('onRequest', app.authenticate);

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
      const cases = await participantCases(req.em.fork(), definitions, caller.site, [activity]);
      const names = await directory.names(() => req.em.fork(), caller.site);
      reply.code(201);
      return presentGroupActivity(activity, cases, caller, req.locale, names);
    },
  );
};
export default activityRoutes;
