import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteDeps } from './deps';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Store } from '../commands/cases';
import { acknowledgeSignal, closeSignal, openSignals, recordSignal } from '../commands/signals';
import { callerOf } from '../plugins/auth';
import { appError } from '../errors';
import { presentSignal } from '../presenters/signals';
import {
  CaseParams,
  CloseSignalBody,
  SignalBody,
  SignalList,
  SignalParams,
  SignalView,
  errorResponses,
} from '../contract';

/** Signals that a student is not doing well: anyone on staff gives one; a coördinator closes it. */
const signalRoutes: FastifyPluginAsyncTypebox<Omit<RouteDeps, 'calendars'>> = async (
  app,
  { now, definitions, directory },
) => {
  app.addHook('onRequest', app.authenticate);
  const names = (req: FastifyRequest) => directory.names(() => req.em, callerOf(req).site);
  const store: Store = { cache: definitions, cases: app.caseStore, em: app.orm.em };

  app.get(
    '/signals',
    {
      schema: {
        tags: ['signals'],
        summary: "The site's open signals, oldest first, each saying whether the day it was given has ended",
        response: { 200: SignalList, ...errorResponses(401) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const open = await openSignals(req.em, definitions, caller, now());
      const shown = await names(req);
      return { items: open.map((s) => presentSignal(s, caller, req.locale, shown)) };
    },
  );

  app.get(
    '/signals/stream',
    {
      schema: {
        tags: ['signals'],
        summary: "Server-Sent Events of the site's signal changes, live: made, answered, escalated, closed",
        description:
          'text/event-stream, for a request that accepts it (400 otherwise). Each `signal` event carries ids only ({ id, signal, what }); read GET /api/signals for what you may see.',
        response: { 200: Type.String({ description: 'text/event-stream' }), ...errorResponses(400, 401) },
      },
    },
    async (req, reply) => {
      const site = callerOf(req).site;
      if (!req.headers.accept?.includes('text/event-stream'))
        throw appError(
          'BAD_REQUEST',
          'Dit adres geeft een doorlopende stroom (Accept: text/event-stream)',
          'This address gives a running stream (Accept: text/event-stream)',
        );
      app.signalStream.open(req, reply, site);
    },
  );

  app.post(
    '/signals/:signalId/acknowledge',
    {
      schema: {
        tags: ['signals'],
        summary:
          "Answer a student's call for help: they read who comes or calls (a coördinator, manager or administrator)",
        description: '409 CONFLICT when someone answered it already; 400 for a signal that is no call for help.',
        params: SignalParams,
        response: { 200: SignalView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const signal = await acknowledgeSignal(store, caller, req.params.signalId, now);
      return presentSignal(signal, caller, req.locale, await names(req));
    },
  );

  app.post(
    '/cases/:id/signals',
    {
      schema: {
        tags: ['signals'],
        summary: "Signal that a running student is not doing well: on the coördinatoren's worklist at once",
        description: '422 NOT_A_STUDENT for a case that is not about a student, CASE_CLOSED for an ended one.',
        params: CaseParams,
        body: SignalBody,
        response: { 200: SignalView, ...errorResponses(400, 401, 404, 422) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const signal = await recordSignal(store, caller, req.params.id, req.body, now);
      return presentSignal(signal, caller, req.locale, await names(req));
    },
  );

  app.post(
    '/signals/:signalId/close',
    {
      schema: {
        tags: ['signals'],
        summary: 'Close a signal with a note on how it was dealt with (a coördinator, manager or administrator)',
        description: '409 CONFLICT when it was closed already.',
        params: SignalParams,
        body: CloseSignalBody,
        response: { 200: SignalView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const signal = await closeSignal(store, caller, req.params.signalId, req.body, now);
      return presentSignal(signal, caller, req.locale, await names(req));
    },
  );
};
export default signalRoutes;
