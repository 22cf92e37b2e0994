import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteDeps } from './deps';
import type { FastifyRequest } from 'fastify';
import {
  addCaseNote,
  applyCaseEvent,
  caseHistory,
  createCase,
  listCases,
  readCase,
  signCaseChecklist,
  type Store,
} from '../commands/cases';
import { meetingList } from '../commands/meeting';
import { caseLinks } from '../commands/links';
import { caseOwners, setOwner } from '../commands/owners';
import { presentOwners } from '../presenters/owners';
import { presentCase, presentCaseSummary, presentHistory } from '../presenters/cases';
import { presentLinks } from '../presenters/links';
import { presentMeeting } from '../presenters/meeting';
import {
  CaseLinks,
  CaseList,
  CaseOwnersView,
  OwnerBody,
  OwnerParams,
  CaseParams,
  MeetingList,
  NoteBody,
  CaseQuery,
  CaseView,
  CreateCaseBody,
  EventBody,
  HistoryList,
  SignBody,
  errorResponses,
} from '../contract';
import { callerOf } from '../plugins/auth';
import { placeNow } from '../commands/places';

const cases: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { now, definitions, calendars, directory }) => {
  const store: Store = { cache: definitions, cases: app.caseStore, em: app.orm.em };
  // The site's calendar, which every step and every date shown counts on; cached, so no entity manager is needed.
  const time = (req: FastifyRequest) => calendars.options(() => req.em, callerOf(req).site);
  // Read only when a name is shown: mostly from memory.
  const names = (req: FastifyRequest) => directory.names(() => req.em, callerOf(req).site);
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Start a case on the latest version of a workflow',
        body: CreateCaseBody,
        response: { 201: CaseView, ...errorResponses(400, 401, 404, 422) },
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const options = await time(req);
      const { c, def } = await createCase(req.em, definitions, caller, req.body, now(), options);
      return reply.code(201).send(presentCase(c, def, caller, req.locale, now(), await names(req), options));
    },
  );

  app.get(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: "The site's cases, filtered and paged, most recently changed first",
        querystring: CaseQuery,
        response: { 200: CaseList, ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const { items, total } = await listCases(req.em, definitions, app.dbKind, caller, req.query);
      // A search hit shows a name found by what was typed: it is logged like a dossier read.
      if (req.query.q)
        app.accessLog.shown(
          req,
          items.map(({ c, def }) => ({ id: c.id, def })),
        );
      return {
        items: items.map(({ c, def }) => presentCaseSummary(c, def, caller, req.locale)),
        total,
        limit: req.query.limit,
        offset: req.query.offset,
      };
    },
  );

  app.get(
    '/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'One case with the actions possible now',
        params: CaseParams,
        response: { 200: CaseView, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const { c, def } = await readCase(req.em, definitions, caller.site, req.params.id);
      app.accessLog.shown(req, [{ id: c.id, def }]);
      const place = await placeNow(() => req.em, caller.site, def, c);
      return presentCase(c, def, caller, req.locale, now(), await names(req), { ...(await time(req)), place });
    },
  );

  app.post(
    '/cases/:id/events',
    {
      schema: {
        tags: ['cases'],
        summary: 'Apply an action (event) to a case',
        description:
          '409 when `revision` is stale; 422 when the action is not possible now (with the reason) or its form is invalid; 403 when the role may not.',
        params: CaseParams,
        body: EventBody,
        response: { 200: CaseView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const options = await time(req);
      const { c, def } = await applyCaseEvent(store, caller, req.params.id, req.body, now, options);
      const place = await placeNow(() => req.em, caller.site, def, c);
      return presentCase(c, def, caller, req.locale, now(), await names(req), { ...options, place });
    },
  );

  app.post(
    '/cases/:id/checklist',
    {
      schema: {
        tags: ['cases'],
        summary: 'Sign (or unsign) an item of the aftekenlijst',
        params: CaseParams,
        body: SignBody,
        response: { 200: CaseView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const { c, def } = await signCaseChecklist(store, caller, req.params.id, req.body, now);
      return presentCase(c, def, caller, req.locale, now(), await names(req), await time(req));
    },
  );

  app.post(
    '/cases/:id/notes',
    {
      schema: {
        tags: ['cases'],
        summary: 'Add a note to the dossier (dated and signed, never edited)',
        params: CaseParams,
        body: NoteBody,
        response: { 200: CaseView, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const note = { text: req.body.text, meeting: req.body.meeting ?? false };
      const { c, def } = await addCaseNote(store, caller, req.params.id, note, now);
      return presentCase(c, def, caller, req.locale, now(), await names(req), await time(req));
    },
  );

  app.get(
    '/meeting',
    {
      schema: {
        tags: ['cases'],
        summary: 'Every running student for the fortnightly progress meeting',
        response: { 200: MeetingList, ...errorResponses(401) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const entries = await meetingList(req.em, definitions, caller.site, now(), await time(req));
      return presentMeeting(entries, caller, req.locale, await names(req));
    },
  );

  app.get(
    '/cases/:id/links',
    {
      schema: {
        tags: ['cases'],
        summary: "Linked cases: a client's student and half-days, a student's clients",
        params: CaseParams,
        response: { 200: CaseLinks, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      return presentLinks(await caseLinks(req.em, definitions, caller.site, req.params.id), caller, req.locale);
    },
  );

  app.get(
    '/cases/:id/owners',
    {
      schema: {
        tags: ['cases'],
        summary: 'Who is responsible for the case (one per function), who could be, and whether you may choose',
        params: CaseParams,
        response: { 200: CaseOwnersView, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      return presentOwners(await caseOwners(req.em, definitions, caller, req.params.id), await names(req), req.locale);
    },
  );

  app.put(
    '/cases/:id/owners/:function',
    {
      schema: {
        tags: ['cases'],
        summary: 'Choose who is responsible for the case in a function (or no one); a history row says so',
        description: '403 FUNCTION_NOT_ALLOWED for whoever does not work with the person (sees their data).',
        params: OwnerParams,
        body: OwnerBody,
        response: { 200: CaseOwnersView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const { id, function: fn } = req.params;
      await setOwner(req.em, definitions, caller, id, fn, req.body.user, now());
      return presentOwners(await caseOwners(req.em, definitions, caller, id), await names(req), req.locale);
    },
  );

  app.get(
    '/cases/:id/history',
    {
      schema: {
        tags: ['cases'],
        summary: 'Every change of a case, oldest first',
        params: CaseParams,
        response: { 200: HistoryList, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      const caller = callerOf(req);
      const { def, rows } = await caseHistory(req.em, definitions, caller.site, req.params.id);
      app.accessLog.shown(req, [{ id: req.params.id, def }]);
      const known = await names(req);
      return { items: rows.map((r) => presentHistory(r, def, caller, req.locale, known)) };
    },
  );
};
export default cases;
