import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSchedule, makePackage, toBpmn, toScxml, type Definition } from '../../engine';
import { shippedWorkflows } from '../../workflows';
import { introWorkflow } from '../support/fixtures';
import { adminPassword, sanne, testApp, testDatabases, type TestApp } from '../support/helpers';

type Headers = Record<string, string>;

/** What a route must do when site A's admin points it at site B's things. */
type Expect =
  | { notFound: true }
  | { forbidden: true }
  /** A list or report of A: it must not mention anything of B. */
  | { showsNothingOfB: true }
  /** A route that acts on A's own things only: the check says B is untouched. */
  | { check: (res: LightMyRequestResponse) => Promise<void> };

interface Probe {
  req: InjectOptions;
  /** Who asks; site A's admin (the host admin) unless said otherwise. */
  as?: 'a' | 'bAdmin';
  expect: Expect;
}

describe.each(testDatabases)('sites on one server (%s)', (db) => {
  let t: TestApp;
  let a: Headers;
  let aManager: Headers;
  let bAdmin: Headers;
  let bManager: Headers;
  let bStaff: Headers;
  const b = {
    site: 'horst',
    caseId: '',
    introCaseId: '',
    day: '',
    draftRevision: 0,
    staffId: 0,
    callId: 0,
    signalId: 0,
    activityId: 0,
  };
  const bTitles = ['Bram Horstman', 'Hanna Horstink'];

  const request = (opts: InjectOptions) => t.request(opts);
  const ok = async (opts: InjectOptions, status = 200) => {
    const res = await request(opts);
    expect(res.statusCode, `${opts.method} ${opts.url}: ${res.body}`).toBe(status);
    return res;
  };
  const importAndPublish = async (headers: Headers, def: Definition, site = 'venray') => {
    const pkg = makePackage(def, { site, version: 1, exportedAt: '2026-11-01T09:00:00.000Z', basedOn: null });
    await ok(
      {
        method: 'POST',
        url: '/api/workflows/import',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: JSON.stringify(pkg),
      },
      201,
    );
    await ok({ method: 'POST', url: `/api/workflows/${def.key}/publish`, headers, payload: {} });
  };

  beforeAll(async () => {
    t = await testApp({ db, workflows: shippedWorkflows() });
    a = await t.as('admin');
    aManager = await t.user('projectleider', 'manager');
    await ok(
      { method: 'POST', url: '/api/cases', headers: a, payload: { workflow: 'student-traject', data: sanne } },
      201,
    );

    await ok(
      {
        method: 'POST',
        url: '/api/sites',
        headers: a,
        payload: {
          id: b.site,
          name: 'WijkLeerbedrijf Horst',
          admin: { username: 'horst-beheer', password: 'horst-wachtwoord-1' },
        },
      },
      201,
    );
    bAdmin = await t.as('horst-beheer', 'horst-wachtwoord-1');
    for (const [username, role, fn] of [
      ['horst-leider', 'manager', undefined],
      ['horst-docent', 'staff', 'docent'],
    ] as const) {
      const created = await ok(
        {
          method: 'POST',
          url: '/api/users',
          headers: bAdmin,
          payload: { username, password: `${username}-wachtwoord`, role, ...(fn ? { function: fn } : {}) },
        },
        201,
      );
      if (role === 'staff') b.staffId = created.json().id;
    }
    bManager = await t.as('horst-leider');
    bStaff = await t.as('horst-docent');
    await ok({ method: 'PUT', url: '/api/sites/current/calendar', headers: bManager, payload: horstCalendar });

    // B runs the same key as A (student-traject) and one of its own (test-intro, in two versions).
    const [, student] = shippedWorkflows();
    await importAndPublish(bManager, student);
    await importAndPublish(bManager, introWorkflow, 'horst');
    const v2 = structuredClone(introWorkflow);
    v2.title = { nl: 'Introductie Horst' };
    await ok({ method: 'PUT', url: '/api/workflows/test-intro/draft', headers: bManager, payload: { definition: v2 } });
    await ok({ method: 'POST', url: '/api/workflows/test-intro/publish', headers: bManager, payload: {} });
    b.draftRevision = (
      await ok({
        method: 'PUT',
        url: '/api/workflows/test-intro/draft',
        headers: bManager,
        payload: { definition: introWorkflow },
      })
    ).json().revision;

    const bCase = (
      await ok(
        {
          method: 'POST',
          url: '/api/cases',
          headers: bStaff,
          payload: { workflow: 'student-traject', data: { ...sanne, naam: bTitles[0] } },
        },
        201,
      )
    ).json();
    b.caseId = bCase.id;
    await ok({
      method: 'POST',
      url: `/api/cases/${b.caseId}/events`,
      headers: bStaff,
      payload: { type: 'INTAKE_PLANNEN', data: { intakeDatum: '2026-12-01' } },
    });
    await ok({
      method: 'POST',
      url: `/api/cases/${b.caseId}/notes`,
      headers: bStaff,
      payload: { text: 'Notitie in Horst' },
    });
    b.signalId = (
      await ok({
        method: 'POST',
        url: `/api/cases/${b.caseId}/signals`,
        headers: bStaff,
        payload: { kind: 'niet-lekker', text: 'Notitie in Horst' },
      })
    ).json().id;
    b.activityId = (
      await ok(
        {
          method: 'POST',
          url: '/api/activities',
          headers: bStaff,
          payload: {
            kind: 'excursie',
            title: 'Museum in Horst',
            date: '2026-11-02',
            participants: [b.caseId],
            evaluation: 'Notitie in Horst',
          },
        },
        201,
      )
    ).json().id;
    b.introCaseId = (
      await ok(
        {
          method: 'POST',
          url: '/api/cases',
          headers: bStaff,
          payload: { workflow: 'test-intro', data: { naam: bTitles[1] } },
        },
        201,
      )
    ).json().id;
    await ok({
      method: 'POST',
      url: `/api/cases/${b.introCaseId}/checklist`,
      headers: bStaff,
      payload: { item: 'portfolio-gestart', signed: true },
    });
    b.day = (await ok({ method: 'GET', url: '/api/presence', headers: bStaff })).json().day;
    await ok({
      method: 'PUT',
      url: `/api/presence/${b.caseId}/${b.day}`,
      headers: bStaff,
      payload: { status: 'afwezig' },
    });
    b.callId = (
      await ok(
        {
          method: 'POST',
          url: `/api/presence/${b.caseId}/${b.day}/calls`,
          headers: bStaff,
          payload: { moment: 'begin', outcome: 'niet-bereikt' },
        },
        201,
      )
    ).json().id;
  });
  afterAll(() => t.close());

  const horstCalendar = { closed: [{ from: '2026-12-21', to: '2027-01-01', label: { nl: 'Kerst in Horst' } }] };
  const mentionsB = (body: string) =>
    [...bTitles, b.caseId, b.introCaseId, 'test-intro', 'horst', 'Notitie in Horst', 'Kerst in Horst'].filter((m) =>
      body.includes(m),
    );

  /** Every documented route, each pointed at B; a route added without a probe fails the test. */
  function probes(): Record<string, Probe> {
    const caseUrl = `/api/cases/${b.caseId}`;
    const untouchedB = async () => {
      const draft = await ok({ method: 'GET', url: '/api/workflows/test-intro/draft', headers: bManager });
      expect(draft.json()).toMatchObject({ revision: b.draftRevision, definition: { title: introWorkflow.title } });
      expect((await ok({ method: 'GET', url: '/api/workflows/test-intro', headers: bStaff })).json().version).toBe(2);
    };
    return {
      'GET /api/health': { req: { method: 'GET', url: '/api/health' }, expect: { showsNothingOfB: true } },
      'POST /api/auth/login': {
        req: { method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: adminPassword } },
        expect: { check: async (res) => expect(res.json().user.site).toBe('venray') },
      },
      'POST /api/auth/logout': {
        req: { method: 'POST', url: '/api/auth/logout' },
        expect: {
          check: async (res) => {
            expect(res.statusCode).toBe(204);
            await ok({ method: 'GET', url: '/api/auth/me', headers: bStaff });
          },
        },
      },
      'GET /api/auth/me': { req: { method: 'GET', url: '/api/auth/me' }, expect: { showsNothingOfB: true } },
      'POST /api/auth/password': {
        req: { method: 'POST', url: '/api/auth/password', payload: { current: 'fout', password: 'nieuw-wachtwoord' } },
        expect: {
          check: async (res) => {
            expect(res.statusCode).toBe(400);
            expect(mentionsB(res.body)).toEqual([]);
          },
        },
      },
      'GET /api/users': { req: { method: 'GET', url: '/api/users' }, expect: { showsNothingOfB: true } },
      'GET /api/users/changes': {
        req: { method: 'GET', url: `/api/users/changes?user=${b.staffId}` },
        expect: {
          check: async (res) => {
            expect(res.json()).toEqual({ items: [] });
            const all = await ok({ method: 'GET', url: '/api/users/changes', headers: a });
            expect(mentionsB(all.body)).toEqual([]);
          },
        },
      },
      'POST /api/users/{id}/password': {
        req: { method: 'POST', url: `/api/users/${b.staffId}/password` },
        expect: { notFound: true },
      },
      'PATCH /api/users/{id}': {
        req: { method: 'PATCH', url: `/api/users/${b.staffId}`, payload: { function: 'coordinator' } },
        expect: { notFound: true },
      },
      'POST /api/users': {
        req: {
          method: 'POST',
          url: '/api/users',
          payload: { username: 'indringer', password: 'indringer-wachtwoord', role: 'admin', site: b.site },
        },
        expect: { forbidden: true },
      },
      'GET /api/workflows': { req: { method: 'GET', url: '/api/workflows' }, expect: { showsNothingOfB: true } },
      'GET /api/workflows/{key}': {
        req: { method: 'GET', url: '/api/workflows/test-intro' },
        expect: { notFound: true },
      },
      'GET /api/workflows/{key}/versions/{version}': {
        req: { method: 'GET', url: '/api/workflows/test-intro/versions/2' },
        expect: { notFound: true },
      },
      'GET /api/workflows/{key}/draft': {
        req: { method: 'GET', url: '/api/workflows/test-intro/draft' },
        expect: { notFound: true },
      },
      'GET /api/workflows/{key}/versions': {
        req: { method: 'GET', url: '/api/workflows/test-intro/versions' },
        expect: { notFound: true },
      },
      'GET /api/workflows/{key}/histories': {
        req: { method: 'GET', url: '/api/workflows/test-intro/histories' },
        expect: { notFound: true },
      },
      'GET /api/workflows/{key}/running': {
        req: { method: 'GET', url: '/api/workflows/test-intro/running' },
        expect: { notFound: true },
      },
      'DELETE /api/workflows/{key}/draft': {
        req: { method: 'DELETE', url: '/api/workflows/test-intro/draft' },
        expect: { notFound: true },
      },
      'POST /api/workflows/{key}/publish': {
        req: { method: 'POST', url: '/api/workflows/test-intro/publish', payload: {} },
        expect: { notFound: true },
      },
      // A draft saved under B's key is A's own new workflow; B's draft and versions stay as they were.
      'PUT /api/workflows/{key}/draft': {
        req: {
          method: 'PUT',
          url: '/api/workflows/test-intro/draft',
          payload: { definition: { ...introWorkflow, title: { nl: 'Van A' } } },
        },
        expect: {
          check: async (res) => {
            expect(res.statusCode).toBe(200);
            expect(res.json()).not.toHaveProperty('basedOn');
            await untouchedB();
            await ok({ method: 'DELETE', url: '/api/workflows/test-intro/draft', headers: a }, 204);
          },
        },
      },
      'POST /api/workflows/{key}/migrations': {
        req: { method: 'POST', url: '/api/workflows/test-intro/migrations', payload: { from: 1, to: 2, dryRun: true } },
        expect: { notFound: true },
      },
      'GET /api/workflows/{key}/export': {
        req: { method: 'GET', url: '/api/workflows/test-intro/export' },
        expect: { notFound: true },
      },
      'POST /api/workflows/{key}/merge': {
        req: {
          method: 'POST',
          url: '/api/workflows/test-intro/merge',
          payload: {
            package: JSON.stringify(
              makePackage(introWorkflow, {
                site: 'horst',
                version: 2,
                exportedAt: '2026-11-02T09:00:00Z',
                basedOn: null,
              }),
            ),
          },
        },
        expect: { notFound: true },
      },
      'GET /api/workflows/{key}/scxml': {
        req: { method: 'GET', url: '/api/workflows/test-intro/scxml' },
        expect: { notFound: true },
      },
      'GET /api/workflows/{key}/bpmn': {
        req: { method: 'GET', url: '/api/workflows/test-intro/bpmn' },
        expect: { notFound: true },
      },
      // B's own export read by A lands on A's workflow of that key, which A does not have: nothing of B.
      'POST /api/workflows/import/bpmn': {
        req: {
          method: 'POST',
          url: '/api/workflows/import/bpmn?dryRun=true',
          headers: { 'content-type': 'application/xml' },
          payload: toBpmn(introWorkflow),
        },
        expect: {
          check: async (res) => {
            expect(res.statusCode, res.body).toBe(200);
            expect(res.json()).toMatchObject({ key: 'test-intro', latestVersion: null, hasDraft: false, changes: [] });
          },
        },
      },
      'POST /api/workflows/{key}/scxml': {
        req: {
          method: 'POST',
          url: '/api/workflows/test-intro/scxml',
          headers: { 'content-type': 'application/xml' },
          payload: toScxml(introWorkflow),
        },
        expect: { notFound: true },
      },
      'POST /api/workflows/import': {
        req: {
          method: 'POST',
          url: '/api/workflows/import?dryRun=true',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(
            makePackage(introWorkflow, {
              site: 'horst',
              version: 2,
              exportedAt: '2026-11-02T09:00:00Z',
              basedOn: null,
            }),
          ),
        },
        expect: {
          check: async (res) => {
            expect(res.json()).toMatchObject({ key: 'test-intro', latestVersion: null, hasDraft: false, changes: [] });
            await untouchedB();
          },
        },
      },
      'POST /api/cases': {
        req: { method: 'POST', url: '/api/cases', payload: { workflow: 'test-intro', data: { naam: 'X' } } },
        expect: { notFound: true },
      },
      'GET /api/cases': {
        req: { method: 'GET', url: '/api/cases?workflow=student-traject&q=Horst' },
        expect: { showsNothingOfB: true },
      },
      'GET /api/cases/{id}': { req: { method: 'GET', url: caseUrl }, expect: { notFound: true } },
      'POST /api/cases/{id}/events': {
        req: { method: 'POST', url: `${caseUrl}/events`, payload: { type: 'UITSCHRIJVEN', data: {} } },
        expect: { notFound: true },
      },
      'POST /api/cases/{id}/checklist': {
        req: {
          method: 'POST',
          url: `/api/cases/${b.introCaseId}/checklist`,
          payload: { item: 'portfolio-gestart', signed: false },
        },
        expect: { notFound: true },
      },
      'POST /api/cases/{id}/notes': {
        req: { method: 'POST', url: `${caseUrl}/notes`, payload: { text: 'Van A' } },
        expect: { notFound: true },
      },
      'GET /api/cases/{id}/links': { req: { method: 'GET', url: `${caseUrl}/links` }, expect: { notFound: true } },
      'GET /api/cases/{id}/history': { req: { method: 'GET', url: `${caseUrl}/history` }, expect: { notFound: true } },
      'GET /api/cases/{id}/owners': { req: { method: 'GET', url: `${caseUrl}/owners` }, expect: { notFound: true } },
      'PUT /api/cases/{id}/owners/{function}': {
        req: { method: 'PUT', url: `${caseUrl}/owners/docent`, payload: { user: null } },
        expect: { notFound: true },
      },
      'POST /api/cases/{id}/corrections': {
        req: {
          method: 'POST',
          url: `${caseUrl}/corrections`,
          payload: { field: 'naam', value: 'Van A', reason: 'Van A' },
        },
        expect: { notFound: true },
      },
      'POST /api/cases/{id}/void': {
        req: { method: 'POST', url: `${caseUrl}/void`, payload: { reason: 'Van A' } },
        expect: { notFound: true },
      },
      'POST /api/cases/{id}/erase': { req: { method: 'POST', url: `${caseUrl}/erase` }, expect: { notFound: true } },
      'GET /api/cases/{id}/export': { req: { method: 'GET', url: `${caseUrl}/export` }, expect: { notFound: true } },
      'GET /api/cases/{id}/access': { req: { method: 'GET', url: `${caseUrl}/access` }, expect: { notFound: true } },
      'GET /api/access-log': { req: { method: 'GET', url: '/api/access-log' }, expect: { showsNothingOfB: true } },
      'GET /api/retention/upcoming': {
        req: { method: 'GET', url: '/api/retention/upcoming' },
        expect: { showsNothingOfB: true },
      },
      'GET /api/meeting': { req: { method: 'GET', url: '/api/meeting' }, expect: { showsNothingOfB: true } },
      'GET /api/metrics/outcomes': {
        req: { method: 'GET', url: '/api/metrics/outcomes' },
        expect: { showsNothingOfB: true },
      },
      'GET /api/metrics/outcomes.csv': {
        req: { method: 'GET', url: '/api/metrics/outcomes.csv?table=cohorts' },
        expect: { showsNothingOfB: true },
      },
      // A's minimum changes; B's report keeps its own.
      'PUT /api/metrics/small-groups': {
        req: { method: 'PUT', url: '/api/metrics/small-groups', payload: { minimum: 7 } },
        expect: {
          check: async (res) => {
            expect(res.statusCode, res.body).toBe(200);
            const own = await ok({ method: 'GET', url: '/api/metrics/outcomes', headers: bManager });
            expect(own.json().smallGroups.minimum).toBe(5);
            const mine = await ok({ method: 'GET', url: '/api/metrics/outcomes', headers: aManager });
            expect(mine.json().smallGroups.minimum).toBe(7);
          },
        },
      },
      // A's places change; B's report keeps the definition's.
      'PUT /api/metrics/places': {
        req: { method: 'PUT', url: '/api/metrics/places', payload: { workflow: 'student-traject', places: 3 } },
        expect: {
          check: async (res) => {
            expect(res.statusCode, res.body).toBe(200);
            const places = async (headers: Record<string, string>) =>
              (await ok({ method: 'GET', url: '/api/metrics/outcomes', headers }))
                .json()
                .capacity.find((c: { workflow: string }) => c.workflow === 'student-traject').places;
            expect(await places(bManager)).toBe(22);
            expect(await places(aManager)).toBe(3);
          },
        },
      },
      'GET /api/waiting-list': { req: { method: 'GET', url: '/api/waiting-list' }, expect: { showsNothingOfB: true } },
      'GET /api/worklist': {
        req: { method: 'GET', url: '/api/worklist?limit=200' },
        expect: { showsNothingOfB: true },
      },
      'GET /api/board': {
        req: { method: 'GET', url: '/api/board?workflow=student-traject' },
        expect: { showsNothingOfB: true },
      },
      'GET /api/presence': {
        req: { method: 'GET', url: `/api/presence?day=${b.day}` },
        expect: { showsNothingOfB: true },
      },
      'PUT /api/presence/{caseId}/{day}': {
        req: { method: 'PUT', url: `/api/presence/${b.caseId}/${b.day}`, payload: { status: 'aanwezig' } },
        expect: { notFound: true },
      },
      'POST /api/presence/{caseId}/{day}/called': {
        req: { method: 'POST', url: `/api/presence/${b.caseId}/${b.day}/called` },
        expect: { notFound: true },
      },
      'POST /api/presence/{caseId}/{day}/calls': {
        req: {
          method: 'POST',
          url: `/api/presence/${b.caseId}/${b.day}/calls`,
          payload: { moment: 'begin', outcome: 'bereikt' },
        },
        expect: { notFound: true },
      },
      'POST /api/presence/calls/{callId}/undo': {
        req: { method: 'POST', url: `/api/presence/calls/${b.callId}/undo` },
        expect: { notFound: true },
      },
      'GET /api/signals': {
        req: { method: 'GET', url: '/api/signals' },
        expect: { showsNothingOfB: true },
      },
      'POST /api/cases/{id}/signals': {
        req: { method: 'POST', url: `${caseUrl}/signals`, payload: { kind: 'niet-lekker' } },
        expect: { notFound: true },
      },
      'POST /api/signals/{signalId}/close': {
        req: { method: 'POST', url: `/api/signals/${b.signalId}/close`, payload: { text: 'Afgesloten' } },
        expect: { notFound: true },
      },
      'GET /api/signals/stream': {
        // A request that does not ask for a stream is refused before one opens (the stream itself: student.test.ts).
        req: { method: 'GET', url: '/api/signals/stream' },
        expect: {
          check: async (res) => {
            expect(res.statusCode).toBe(400);
            expect(mentionsB(res.body)).toEqual([]);
          },
        },
      },
      'POST /api/signals/{signalId}/acknowledge': {
        req: { method: 'POST', url: `/api/signals/${b.signalId}/acknowledge` },
        expect: { notFound: true },
      },
      'POST /api/cases/{id}/invitation': {
        req: { method: 'POST', url: `${caseUrl}/invitation` },
        expect: { notFound: true },
      },
      'POST /api/auth/invitation': {
        req: {
          method: 'POST',
          url: '/api/auth/invitation',
          payload: { code: 'ABCD-EFGH', password: 'een-wachtwoord' },
        },
        expect: { check: async (res) => expect(res.statusCode).toBe(401) },
      },
      // A student's own pages: no staff member, of any site, is served them.
      'GET /api/me/portfolio': { req: { method: 'GET', url: '/api/me/portfolio' }, expect: { forbidden: true } },
      'GET /api/me/week': { req: { method: 'GET', url: '/api/me/week' }, expect: { forbidden: true } },
      'GET /api/me/help': { req: { method: 'GET', url: '/api/me/help' }, expect: { forbidden: true } },
      'POST /api/me/help': {
        req: { method: 'POST', url: '/api/me/help', payload: { mode: 'kom-nu' } },
        expect: { forbidden: true },
      },
      'GET /api/activities': {
        req: { method: 'GET', url: '/api/activities' },
        expect: { showsNothingOfB: true },
      },
      'POST /api/activities': {
        req: {
          method: 'POST',
          url: '/api/activities',
          payload: {
            kind: 'groepsactiviteit',
            title: 'Koken',
            date: '2026-11-03',
            participants: [b.caseId],
            evaluation: 'Goed gegaan',
          },
        },
        expect: { notFound: true },
      },
      'PUT /api/activities/{id}': {
        req: {
          method: 'PUT',
          url: `/api/activities/${b.activityId}`,
          payload: {
            kind: 'groepsactiviteit',
            title: 'Koken',
            date: '2026-11-03',
            participants: [b.caseId],
            evaluation: 'Goed gegaan',
            reason: 'Verkeerde titel',
          },
        },
        expect: { notFound: true },
      },
      'GET /api/sites/current/on-call': {
        req: { method: 'GET', url: '/api/sites/current/on-call' },
        expect: { showsNothingOfB: true },
      },
      'PUT /api/sites/current/on-call': {
        req: { method: 'PUT', url: '/api/sites/current/on-call', payload: { rota: {}, escalateAfterMinutes: 7 } },
        expect: {
          check: async (res) => {
            expect(res.statusCode, res.body).toBe(200);
            const theirs = await ok({ method: 'GET', url: '/api/sites/current/on-call', headers: bStaff });
            expect(theirs.json().onCall.escalateAfterMinutes).toBe(10);
          },
        },
      },
      'GET /api/planning/week': {
        req: { method: 'GET', url: '/api/planning/week' },
        expect: { showsNothingOfB: true },
      },
      'GET /api/planning/schedule': {
        req: { method: 'GET', url: '/api/planning/schedule' },
        expect: { showsNothingOfB: true },
      },
      'PUT /api/planning/schedule': {
        req: {
          method: 'PUT',
          url: '/api/planning/schedule',
          payload: { ...defaultSchedule, lessons: [{ halfDay: 'ma-ochtend' }] },
        },
        expect: {
          check: async (res) => {
            expect(res.statusCode, res.body).toBe(200);
            const theirs = await ok({ method: 'GET', url: '/api/planning/schedule', headers: bStaff });
            expect(theirs.json().lessons).toEqual([]);
          },
        },
      },
      'PUT /api/sessions/{clientId}/{day}/{halfDay}': {
        req: {
          method: 'PUT',
          url: `/api/sessions/${b.caseId}/${b.day}/ma-ochtend`,
          payload: { status: 'gedaan', hours: 3 },
        },
        expect: { notFound: true },
      },
      'DELETE /api/sessions/{clientId}/{day}/{halfDay}': {
        req: { method: 'DELETE', url: `/api/sessions/${b.caseId}/${b.day}/ma-ochtend` },
        expect: { notFound: true },
      },
      'GET /api/sites': { req: { method: 'GET', url: '/api/sites' }, as: 'bAdmin', expect: { forbidden: true } },
      'GET /api/sites/current/calendar': {
        req: { method: 'GET', url: '/api/sites/current/calendar' },
        expect: { showsNothingOfB: true },
      },
      // "current" is the caller's own site: A's calendar changes, B's stays as its manager kept it.
      'PUT /api/sites/current/calendar': {
        req: { method: 'PUT', url: '/api/sites/current/calendar', payload: { closed: [] } },
        expect: {
          check: async (res) => {
            expect(res.statusCode).toBe(200);
            const own = await ok({ method: 'GET', url: '/api/sites/current/calendar', headers: bStaff });
            expect(own.json().calendar).toEqual(horstCalendar);
          },
        },
      },
      'POST /api/sites': {
        req: {
          method: 'POST',
          url: '/api/sites',
          payload: {
            id: 'overname',
            name: 'Overname',
            admin: { username: 'overnemer', password: 'overnemer-wachtwoord' },
          },
        },
        as: 'bAdmin',
        expect: { forbidden: true },
      },
    };
  }

  it('has a probe for every documented route, and each keeps B out of reach of A', async () => {
    await t.app.ready();
    const documented = Object.entries(
      (t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths,
    ).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    const table = probes();
    expect(
      documented.filter((r) => !table[r]),
      'routes without an isolation probe',
    ).toEqual([]);
    expect(
      Object.keys(table).filter((r) => !documented.includes(r)),
      'probes for routes that no longer exist',
    ).toEqual([]);

    for (const [route, probe] of Object.entries(table)) {
      const headers = probe.as === 'bAdmin' ? bAdmin : route === 'POST /api/auth/logout' ? await t.as('admin') : a;
      const res = await request({
        ...probe.req,
        headers: { ...headers, ...(probe.req.headers as Headers | undefined) },
      });
      expect(res.statusCode, `${route}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      const e = probe.expect;
      if ('notFound' in e) {
        expect(res.statusCode, `${route}: ${res.body}`).toBe(404);
        // A 404 may repeat what was asked (the key in the URL), nothing more of B.
        const asked = `${probe.req.url} ${JSON.stringify(probe.req.payload ?? '')}`;
        expect(
          mentionsB(res.body).filter((m) => !asked.includes(m)),
          route,
        ).toEqual([]);
      } else if ('forbidden' in e) {
        expect(res.statusCode, `${route}: ${res.body}`).toBe(403);
      } else if ('showsNothingOfB' in e) {
        expect(res.statusCode, `${route}: ${res.body.slice(0, 200)}`).toBe(200);
        expect(mentionsB(res.body), route).toEqual([]);
      } else await e.check(res);
    }
  });

  it('the same requests by B see B: the probes are not 404 for everyone', async () => {
    expect((await request({ method: 'GET', url: `/api/cases/${b.caseId}`, headers: bStaff })).statusCode).toBe(200);
    expect(
      (await request({ method: 'GET', url: `/api/cases/${b.caseId}/history`, headers: bStaff })).json().items.length,
    ).toBeGreaterThan(1);
    expect(
      (await request({ method: 'GET', url: '/api/workflows/test-intro/export', headers: bStaff })).json().provenance,
    ).toMatchObject({ site: 'horst', version: 2 });
    expect(
      (await request({ method: 'GET', url: '/api/workflows/test-intro/running', headers: bManager })).statusCode,
    ).toBe(200);
    expect(
      (
        await request({
          method: 'PATCH',
          url: `/api/users/${b.staffId}`,
          headers: bAdmin,
          payload: { function: 'docent' },
        })
      ).statusCode,
    ).toBe(200);
    const board = await request({ method: 'GET', url: '/api/board?workflow=student-traject', headers: bStaff });
    expect(board.body).toContain(bTitles[0]);
    const presence = await request({ method: 'GET', url: `/api/presence?day=${b.day}`, headers: bStaff });
    expect(presence.body).toContain(bTitles[0]);
    expect(
      (await request({ method: 'GET', url: '/api/cases?workflow=student-traject', headers: bStaff }))
        .json()
        .items.map((c: { title: string }) => c.title),
    ).toEqual([bTitles[0]]);
  });

  it('lets only the host admin create and list sites; a new site starts empty with its own admin', async () => {
    const list = (await ok({ method: 'GET', url: '/api/sites', headers: a })).json().items;
    expect(list.map((s: { id: string; host: boolean }) => [s.id, s.host])).toEqual([
      ['venray', true],
      ['horst', false],
    ]);
    expect((await request({ method: 'GET', url: '/api/sites', headers: aManager })).statusCode).toBe(403);
    const dup = await request({
      method: 'POST',
      url: '/api/sites',
      headers: a,
      payload: { id: 'horst', name: 'Nog eens', admin: { username: 'nog-een', password: 'nog-een-wachtwoord' } },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details[0].path).toBe('id');
    await ok(
      {
        method: 'POST',
        url: '/api/sites',
        headers: a,
        payload: {
          id: 'gennep',
          name: 'WijkLeerbedrijf Gennep',
          admin: { username: 'gennep-beheer', password: 'gennep-wachtwoord' },
        },
      },
      201,
    );
    const g = await t.as('gennep-beheer', 'gennep-wachtwoord');
    expect((await ok({ method: 'GET', url: '/api/workflows', headers: g })).json().items).toEqual([]);
    expect(
      (await ok({ method: 'GET', url: '/api/users', headers: g }))
        .json()
        .items.map((u: { username: string; site: string }) => [u.username, u.site]),
    ).toEqual([['gennep-beheer', 'gennep']]);
  });

  it('keeps usernames per site: another site may use a name, and a login names the site where it must', async () => {
    // A has a 'projectleider'; B's admin is not told so, and may give B one too.
    const bLead = await request({
      method: 'POST',
      url: '/api/users',
      headers: bAdmin,
      payload: {
        username: 'projectleider',
        password: 'horst-leider-geheim',
        role: 'manager',
        displayName: 'Piet Horst',
      },
    });
    expect(bLead.statusCode, bLead.body).toBe(201);
    // Within one site a name is still one person's.
    const again = await request({
      method: 'POST',
      url: '/api/users',
      headers: bAdmin,
      payload: { username: 'horst-docent', password: 'horst-docent-geheim', role: 'staff' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].path).toBe('username');

    const login = (username: string, password: string) =>
      request({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const bare = await login('projectleider', 'horst-leider-geheim');
    expect(bare.statusCode).toBe(401);
    expect(bare.json().error.message).toContain('projectleider@locatie');
    const horst = await login(' Projectleider@Horst ', 'horst-leider-geheim');
    expect(horst.statusCode, horst.body).toBe(200);
    expect(horst.json().user).toMatchObject({ username: 'projectleider', site: 'horst' });
    const venray = await login('projectleider@venray', 'projectleider-wachtwoord');
    expect(venray.json().user).toMatchObject({ username: 'projectleider', site: 'venray' });
    // One site's password opens only that site's account, and says nothing more than any wrong login.
    const crossed = await login('projectleider@horst', 'projectleider-wachtwoord');
    expect(crossed.statusCode).toBe(401);
    expect(crossed.json().error.message).toBe('Gebruikersnaam of wachtwoord klopt niet');
    // A name used at one site only needs no site.
    expect((await login('horst-docent', 'horst-docent-wachtwoord')).statusCode).toBe(200);

    // A new site's admin may be named as another site's; each site lists only its own.
    await ok(
      {
        method: 'POST',
        url: '/api/sites',
        headers: a,
        payload: {
          id: 'boxmeer',
          name: 'WijkLeerbedrijf Boxmeer',
          admin: { username: 'horst-beheer', password: 'boxmeer-wachtwoord' },
        },
      },
      201,
    );
    const boxmeer = await t.as('horst-beheer@boxmeer', 'boxmeer-wachtwoord');
    expect(
      (await ok({ method: 'GET', url: '/api/users', headers: boxmeer }))
        .json()
        .items.map((u: { site: string }) => u.site),
    ).toEqual(['boxmeer']);
    const bUsers = (await ok({ method: 'GET', url: '/api/users', headers: bAdmin })).json().items;
    expect(bUsers.find((u: { username: string }) => u.username === 'projectleider').displayName).toBe('Piet Horst');
  });
});
