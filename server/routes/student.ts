import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteDeps } from './deps';
import type { FastifyRequest } from 'fastify';
import { weekStart } from '../../engine';
import { activitiesOf } from '../commands/activities';
import type { Store } from '../commands/cases';
import { readCase } from '../commands/cases';
import { onCallToday } from '../commands/oncall';
import { weekOf } from '../commands/planning';
import { checkDay, dayOf } from '../commands/presence';
import { askHelp, currentHelp } from '../commands/signals';
import { inviteStudent, ownCaseId } from '../commands/students';
import { appError } from '../errors';
import { anyCallerOf, callerOf } from '../plugins/auth';
import { presentHelp } from '../presenters/signals';
import { presentPortfolio, presentStudentWeek } from '../presenters/student';
import { nameOf } from '../presenters/users';
import {
  CaseParams,
  HelpBody,
  HelpState,
  HelpView,
  InvitationView,
  PortfolioView,
  StudentWeek,
  WeekQuery,
  errorResponses,
} from '../contract';

const onlyStudents = { audience: ['student'] as const };

/**
 * The student's own view (issue 22), and the invitation that opens it. Every `/me` route serves
 * a student only, and only their own case: it is read from their account, never from the request.
 */
const studentRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { now, definitions, calendars, directory }) => {
  app.addHook('onRequest', app.authenticate);
  const store: Store = { cache: definitions, cases: app.caseStore, em: app.orm.em };
  const names = (req: FastifyRequest) => directory.names(() => req.em, anyCallerOf(req).site);

  /** The student asking and their own case; anyone else is refused. */
  async function student(req: FastifyRequest) {
    const caller = anyCallerOf(req);
    if (caller.role !== 'student')
      throw appError('FORBIDDEN', 'Dit is de eigen pagina van een student', "This is a student's own page");
    return { ...caller, caseId: await ownCaseId(req.em, caller.id) };
  }

  app.post(
    '/cases/:id/invitation',
    {
      schema: {
        tags: ['students'],
        summary:
          "Invite the case's student to their own view: a one-time code to set their password (docent, coördinator)",
        description:
          'Makes the student account bound to this case, or gives the existing one a new code. The code is shown once; only its hash is kept.',
        params: CaseParams,
        response: { 201: InvitationView, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const { user, code, expiresAt } = await inviteStudent(req.em, definitions, callerOf(req), req.params.id, now());
      directory.forget();
      return reply
        .code(201)
        .send({ caseId: req.params.id, username: user.username, code, expiresAt: expiresAt.toISOString() });
    },
  );

  app.get(
    '/me/portfolio',
    {
      config: onlyStudents,
      schema: {
        tags: ['students'],
        summary: "The student's own portfolio: what is signed and by whom, what is missing per phase, the planned end",
        description: 'Never a field the definition marks staffOnly, a note or a signal text.',
        response: { 200: PortfolioView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const me = await student(req);
      const { c, def } = await readCase(req.em, definitions, me.site, me.caseId);
      app.accessLog.shown(req, [{ id: c.id, def }]);
      const options = await calendars.options(() => req.em, me.site);
      const activities = await activitiesOf(req.em, me.site, me.caseId);
      return presentPortfolio(c, def, req.locale, now(), await names(req), activities, options);
    },
  );

  app.get(
    '/me/week',
    {
      config: onlyStudents,
      schema: {
        tags: ['students'],
        summary: "The student's own week: lessons, their visits in the wijk, and the coördinator on call today",
        description:
          "A visit names the resident's first name, street and kind of help; never their phone, history or notes.",
        querystring: WeekQuery,
        response: { 200: StudentWeek, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const me = await student(req);
      const today = dayOf(now());
      const day = checkDay(req.query.week ?? today, 'querystring.week');
      const { plan } = await weekOf(req.em, definitions, me.site, weekStart(day));
      const onCall = await onCallToday(req.em, me.site, today);
      const shown = await names(req);
      return presentStudentWeek(
        plan,
        me.caseId,
        req.locale,
        onCall ? { username: onCall, displayName: nameOf(shown, onCall, req.locale) } : undefined,
      );
    },
  );

  app.get(
    '/me/help',
    {
      config: onlyStudents,
      schema: {
        tags: ['students'],
        summary: "The student's latest call for help of today, and whether a coördinator answered it",
        response: { 200: HelpState, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const me = await student(req);
      const current = await currentHelp(req.em, me.caseId, now());
      return current ? { current: presentHelp(current, req.locale, await names(req)) } : {};
    },
  );

  app.post(
    '/me/help',
    {
      config: onlyStudents,
      schema: {
        tags: ['students'],
        summary: 'Ask for help (kom nu, bel me): a signal for the coördinator on call, at once',
        description: 'While a call is open, asking again answers the open one.',
        body: HelpBody,
        response: { 200: HelpView, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (req) => {
      const me = await student(req);
      const signal = await askHelp(store, me, req.body, now);
      return presentHelp(signal, req.locale, await names(req));
    },
  );
};
export default studentRoutes;
