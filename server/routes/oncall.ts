import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { OnCallSchema, onCallOn, type OnCall } from '../../engine';
import { coordinatorsOf, onCallOf, saveOnCall } from '../commands/oncall';
import { dayOf } from '../commands/presence';
import { callerOf } from '../plugins/auth';
import { OnCallView, errorResponses, type OnCallViewT } from '../contract';

/** The on-call rota (report 4.7): everyone on staff reads it, the projectleider keeps it. */
const onCallRoutes: FastifyPluginAsyncTypebox<{ now: () => Date }> = async (app, { now }) => {
  async function view(req: FastifyRequest, onCall: OnCall): Promise<OnCallViewT> {
    const coordinators = (await coordinatorsOf(req.em, callerOf(req).site)).map((u) => ({
      username: u.username,
      displayName: u.displayName,
    }));
    const today = onCallOn(onCall, dayOf(now()));
    const person = coordinators.find((c) => c.username === today);
    return { onCall, coordinators, ...(person ? { today: person } : {}) };
  }

  app.get(
    '/sites/current/on-call',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['sites'],
        summary: 'Which coördinator is on call which weekday, and after how many minutes a call for help escalates',
        response: { 200: OnCallView, ...errorResponses(401) },
      },
    },
    async (req) => view(req, await onCallOf(req.em, callerOf(req).site)),
  );

  app.put(
    '/sites/current/on-call',
    {
      onRequest: app.requireRole('manager'),
      schema: {
        tags: ['sites'],
        summary: 'Replace the on-call rota and the escalation minutes (manager)',
        description: '422 INVALID_FORM when a day names someone who is not an active coördinator of the site.',
        body: OnCallSchema,
        response: { 200: OnCallView, ...errorResponses(400, 401, 403, 422) },
      },
    },
    async (req) => view(req, await saveOnCall(req.em, callerOf(req), req.body)),
  );
};
export default onCallRoutes;
