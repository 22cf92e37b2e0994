import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteDeps } from './deps';
import type { FastifyRequest } from 'fastify';
import { dayOf, markCalled, presence, recordCall, recordPresence, undoCall } from '../commands/presence';
import { callerOf } from '../plugins/auth';
import { presentCall, presentEntry, presentPresence } from '../presenters/presence';
import {
  CallBody,
  CallParams,
  CallRecord,
  PresenceBody,
  PresenceEntry,
  PresenceParams,
  PresenceQuery,
  PresenceView,
  errorResponses,
} from '../contract';

/** Daily presence: the morning check-in list and the same-day call list (report 4.1). Any staff member. */
const presenceRoutes: FastifyPluginAsyncTypebox<Omit<RouteDeps, 'calendars'>> = async (
  app,
  { now, definitions, directory },
) => {
  const names = (req: FastifyRequest) => directory.names(() => req.em, callerOf(req).site);
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/presence',
    {
      schema: {
        tags: ['presence'],
        summary:
          "A day's presence at a moment: every running student by name, the counts, who to phone and the residents who wait in vain",
        querystring: PresenceQuery,
        response: { 200: PresenceView, ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const at = now();
      const list = await presence(req.em, definitions, caller.site, req.query.day ?? dayOf(at), req.query.moment, at);
      return presentPresence(list, caller, req.locale, await names(req));
    },
  );

  app.put(
    '/presence/:caseId/:day',
    {
      schema: {
        tags: ['presence'],
        summary: "Record or change a student's presence at a moment of a day",
        description:
          "422 NOT_A_STUDENT when the case's workflow is not about a student; 422 CASE_CLOSED when the trajectory has ended; 422 INVALID_FORM for afgemeld without a reason.",
        params: PresenceParams,
        body: PresenceBody,
        response: { 200: PresenceEntry, ...errorResponses(400, 401, 404, 422) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const { caseId, day } = req.params;
      const r = await recordPresence(req.em, definitions, caller, caseId, day, req.body, now());
      return presentEntry(r, caller, req.locale, await names(req));
    },
  );

  app.post(
    '/presence/:caseId/:day/called',
    {
      schema: {
        tags: ['presence'],
        summary: 'The student absent without notice has been phoned: off the call list',
        description: '422 unless the student is recorded as afwezig that day.',
        params: PresenceParams,
        response: { 200: PresenceEntry, ...errorResponses(400, 401, 404, 422) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const r = await markCalled(req.em, definitions, caller, req.params.caseId, req.params.day, now());
      return presentEntry(r, caller, req.locale, await names(req));
    },
  );

  app.post(
    '/presence/:caseId/:day/calls',
    {
      schema: {
        tags: ['presence'],
        summary: 'A call to a student on the call list, with its outcome (bereikt takes them off the list)',
        description: '422 EVENT_NOT_ALLOWED unless the student is on the call list of that day.',
        params: PresenceParams,
        body: CallBody,
        response: { 201: CallRecord, ...errorResponses(400, 401, 404, 422) },
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const call = await recordCall(req.em, definitions, caller, req.params.caseId, req.params.day, req.body, now());
      return reply.code(201).send(presentCall(call, await names(req), req.locale));
    },
  );

  app.post(
    '/presence/calls/:callId/undo',
    {
      schema: {
        tags: ['presence'],
        summary: 'Undo a call recorded by mistake: it stays in the record and counts for nothing',
        params: CallParams,
        response: { 200: CallRecord, ...errorResponses(401, 404) },
      },
    },
    async (req) =>
      presentCall(await undoCall(req.em, callerOf(req), req.params.callId, now()), await names(req), req.locale),
  );
};
export default presenceRoutes;
