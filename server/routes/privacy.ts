import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteDeps } from './deps';
import type { FastifyRequest } from 'fastify';
import { roleAllows, titleFor } from '../../engine';
import type { Store } from '../commands/cases';
import { correctCase, voidCase } from '../commands/corrections';
import { caseAccess, personAccess } from '../commands/access-log';
import { personRecords } from '../commands/export';
import { pseudonymiseCase } from '../commands/erasure';
import { readCase } from '../commands/cases';
import { presentExport } from '../presenters/export';
import { retentionDue } from '../commands/retention';
import { presentCase } from '../presenters/cases';
import { presentAccess } from '../presenters/access-log';
import {
  AccessLogList,
  AccessLogQuery,
  CaseParams,
  CaseView,
  CorrectionBody,
  PersonExport,
  RetentionList,
  VoidBody,
  errorResponses,
} from '../contract';
import { callerOf } from '../plugins/auth';
import { appError } from '../errors';

/**
 * Data care (AVG): corrections with a trail, voiding a case created by mistake, and who was shown
 * a case's personal fields (the access log, written by the routes that show them).
 */
const privacy: FastifyPluginAsyncTypebox<RouteDeps & { accessLogDays: number }> = async (
  app,
  { now, definitions, calendars, accessLogDays, directory },
) => {
  const store: Store = { cache: definitions, cases: app.caseStore, em: app.orm.em };
  const time = (req: FastifyRequest) => calendars.options(() => req.em, callerOf(req).site);
  const names = (req: FastifyRequest) => directory.names(() => req.em, callerOf(req).site);
  const manager = app.requireRole('manager');

  app.post(
    '/cases/:id/corrections',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['privacy'],
        summary: 'Correct one field of a case, with the reason; the case stays in its step',
        description:
          'The history keeps the value before and after (screened like the field). 403 when the caller may not see the field.',
        params: CaseParams,
        body: CorrectionBody,
        response: { 200: CaseView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const options = await time(req);
      const { c, def } = await correctCase(store, caller, req.params.id, req.body, now, options);
      return presentCase(c, def, caller, req.locale, now(), await names(req), options);
    },
  );

  app.post(
    '/cases/:id/void',
    {
      onRequest: manager,
      schema: {
        tags: ['privacy'],
        summary: 'Void a case created by mistake (manager): it leaves lists and reports, its record stays, marked',
        params: CaseParams,
        body: VoidBody,
        response: { 200: CaseView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const { c, def } = await voidCase(store, caller, req.params.id, req.body, now);
      return presentCase(c, def, caller, req.locale, now(), await names(req), await time(req));
    },
  );

  app.get(
    '/cases/:id/export',
    {
      onRequest: manager,
      schema: {
        tags: ['privacy'],
        summary: "Everything the site holds about this case's person, for their request (manager)",
        params: CaseParams,
        response: { 200: PersonExport, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const records = await personRecords(req.em, definitions, caller.site, req.params.id);
      app.accessLog.shown(req, [{ id: records.c.id, def: records.def }]);
      return presentExport(records, caller, req.locale, now(), await names(req), await time(req));
    },
  );

  app.post(
    '/cases/:id/erase',
    {
      onRequest: manager,
      schema: {
        tags: ['privacy'],
        summary: "Replace this case's personal fields by a pseudonym, in its history too (manager)",
        description: 'Steps, outcomes, dates and choices stay, so the report counts the same. 409 when already done.',
        params: CaseParams,
        response: { 200: CaseView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const done = await pseudonymiseCase(
        req.em,
        definitions,
        caller.site,
        req.params.id,
        caller.username,
        'verzoek',
        now(),
      );
      if (!done)
        throw appError('CONFLICT', 'Deze casus is al gepseudonimiseerd', 'This case was already pseudonymised');
      const { c, def } = await readCase(req.em.fork(), definitions, caller.site, req.params.id);
      return presentCase(c, def, caller, req.locale, now(), await names(req), await time(req));
    },
  );

  app.get(
    '/retention/upcoming',
    {
      onRequest: manager,
      schema: {
        tags: ['privacy'],
        summary: 'The ended cases whose personal fields will be pseudonymised in the next 30 days (manager)',
        response: { 200: RetentionList, ...errorResponses(401, 403) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const days = 30;
      const until = new Date(now().getTime() + days * 86_400_000);
      const due = await retentionDue(req.em, definitions, until, caller.site);
      return {
        items: due.map((d) => ({
          id: d.c.id,
          title: titleFor(d.def, d.c, caller, req.locale),
          workflow: d.c.workflowKey,
          endedAt: d.endedAt.toISOString(),
          dueAt: d.dueAt.toISOString(),
        })),
        days,
      };
    },
  );

  app.get(
    '/cases/:id/access',
    {
      onRequest: manager,
      schema: {
        tags: ['privacy'],
        summary: "Who was shown this case's personal fields, and when (manager)",
        params: CaseParams,
        querystring: AccessLogQuery,
        response: { 200: AccessLogList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const rows = await caseAccess(req.em, caller.site, req.params.id, req.query.limit);
      return { items: rows.map((r) => presentAccess(r, caller, req.locale)), keptDays: accessLogDays };
    },
  );

  app.get(
    '/access-log',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['privacy'],
        summary: "Whose personal fields one person was shown: one's own, or anyone's for a manager",
        querystring: AccessLogQuery,
        response: { 200: AccessLogList, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const user = req.query.user ?? caller.username;
      if (user !== caller.username && !roleAllows(['manager'], caller.role))
        throw appError('FORBIDDEN', 'Alleen je eigen inzagelog', 'Only your own access log');
      const { rows, cases } = await personAccess(req.em, definitions, caller.site, user, req.query.limit);
      return {
        items: rows.map((r) => presentAccess(r, caller, req.locale, cases.get(r.caseId))),
        keptDays: accessLogDays,
      };
    },
  );
};
export default privacy;
