import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Case, Site, User } from '../../server/db/entities';
import { hashPassword } from '../../server/auth/passwords';
import { errorCatalog } from '../../server/contract';
import { shippedWorkflows } from '../../workflows';
import { sanne, testApp, testDatabases, type TestApp } from '../support/helpers';
import { gatedWorkflow as gated } from '../support/fixtures';

describe.each(testDatabases)('API on %s', (db) => {
  let t: TestApp;
  let staff: Record<string, string>;
  let manager: Record<string, string>;

  beforeAll(async () => {
    t = await testApp({ db, workflows: [...shippedWorkflows(), gated] });
    staff = await t.user('docent1', 'staff', 'docent');
    manager = await t.user('projectleider', 'manager');
  });
  afterAll(() => t.close());

  async function newCase(headers = staff, data: Record<string, unknown> = sanne, workflow = 'student-traject') {
    const res = await t.request({ method: 'POST', url: '/api/cases', headers, payload: { workflow, data } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  function event(id: string, payload: Record<string, unknown>, headers = staff) {
    return t.request({ method: 'POST', url: `/api/cases/${id}/events`, headers, payload });
  }

  async function history(id: string, headers = staff) {
    const res = await t.request({ method: 'GET', url: `/api/cases/${id}/history`, headers });
    expect(res.statusCode).toBe(200);
    return res.json().items as { event: string; actor: string; from?: string; to: string; revision: number }[];
  }

  describe('health and documentation', () => {
    it('answers health without a session, naming the database', async () => {
      const res = await t.request({ method: 'GET', url: '/api/health' });
      expect(res.json()).toEqual({ status: 'ok', db });
    });

    it('publishes OpenAPI with every route of the slice', async () => {
      const spec = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json();
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining([
          '/api/health',
          '/api/auth/login',
          '/api/users',
          '/api/workflows',
          '/api/cases',
          '/api/cases/{id}',
          '/api/cases/{id}/events',
          '/api/cases/{id}/history',
        ]),
      );
      expect((await t.request({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
    });

    it("names every error code of the catalog in OpenAPI's error answer", async () => {
      const spec = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json();
      const code = spec.components.schemas.ErrorResponse.properties.error.properties.code;
      const listed = (code.anyOf as { const?: string; enum?: string[] }[]).flatMap((c) => c.enum ?? [c.const]);
      expect(listed.sort()).toEqual(Object.keys(errorCatalog).sort());
    });
  });

  describe('accounts', () => {
    it('refuses a wrong password with 401 and no token', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: 'nope' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('sets an HttpOnly session cookie that works like the Bearer token', async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'docent1', password: 'docent1-wachtwoord' },
      });
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/wlb_session=.+HttpOnly/);
      const me = await t.request({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookie.split(';')[0] } });
      expect(me.json()).toMatchObject({ username: 'docent1', role: 'staff', site: 'venray' });
    });

    it('asks for a session on every route but health and login', async () => {
      for (const url of ['/api/cases', '/api/workflows', '/api/users', '/api/auth/me']) {
        const res = await t.request({ method: 'GET', url });
        expect(res.statusCode, url).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
      }
      const bad = await t.request({
        method: 'GET',
        url: '/api/cases',
        headers: { authorization: 'Bearer not-a-token' },
      });
      expect(bad.statusCode).toBe(401);
    });

    it('ends a session at logout, also right after the session was used', async () => {
      const headers = await t.as('docent1');
      // Used a moment before: a session the server still remembers must end all the same.
      expect((await t.request({ method: 'GET', url: '/api/cases', headers })).statusCode).toBe(200);
      expect((await t.request({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(204);
      expect((await t.request({ method: 'GET', url: '/api/cases', headers })).statusCode).toBe(401);
    });

    it('shows a changed function on the next request of that account', async () => {
      const admin = await t.as('admin');
      await t.request({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: { username: 'wisselaar', password: 'wisselaar-wachtwoord', role: 'staff', function: 'docent' },
      });
      const headers = await t.as('wisselaar', 'wisselaar-wachtwoord');
      const me = async () => (await t.request({ method: 'GET', url: '/api/auth/me', headers })).json().function;
      expect(await me()).toBe('docent');
      const id = (await t.request({ method: 'GET', url: '/api/users', headers: admin }))
        .json()
        .items.find((u: { username: string }) => u.username === 'wisselaar').id;
      expect(
        (
          await t.request({
            method: 'PATCH',
            url: `/api/users/${id}`,
            headers: admin,
            payload: { function: 'coordinator' },
          })
        ).statusCode,
      ).toBe(200);
      expect(await me()).toBe('coordinator');
    });

    it('lets only an admin list and create users (403 otherwise), and refuses a taken name', async () => {
      expect((await t.request({ method: 'GET', url: '/api/users', headers: staff })).statusCode).toBe(403);
      expect((await t.request({ method: 'GET', url: '/api/users', headers: manager })).statusCode).toBe(403);
      const admin = await t.as('admin');
      const list = await t.request({ method: 'GET', url: '/api/users', headers: admin });
      expect(list.json().items.map((u: { username: string }) => u.username)).toEqual(
        expect.arrayContaining(['admin', 'docent1']),
      );
      expect(JSON.stringify(list.json())).not.toMatch(/scrypt|password/i);
      const dup = await t.request({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: { username: 'docent1', password: 'lang-genoeg-123', role: 'staff' },
      });
      expect(dup.statusCode).toBe(409);
      const weak = await t.request({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: { username: 'kort', password: 'kort', role: 'staff' },
      });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().error.details[0].path).toBe('body.password');
    });

    it("keeps a user's function (docent, coördinator) and answers it at login and in /me; the admin can change it", async () => {
      const admin = await t.as('admin');
      const made = await t.request({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: { username: 'ans', password: 'ans-wachtwoord', role: 'staff', function: 'coordinator' },
      });
      expect(made.statusCode, made.body).toBe(201);
      expect(made.json()).toMatchObject({ username: 'ans', role: 'staff', function: 'coordinator' });
      const login = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'ans', password: 'ans-wachtwoord' },
      });
      expect(login.json().user).toMatchObject({ role: 'staff', function: 'coordinator' });
      const ans = { authorization: `Bearer ${login.json().token}` };
      expect((await t.request({ method: 'GET', url: '/api/auth/me', headers: ans })).json()).toMatchObject({
        function: 'coordinator',
      });
      // A projectleider has a role and no function.
      expect((await t.request({ method: 'GET', url: '/api/auth/me', headers: manager })).json()).not.toHaveProperty(
        'function',
      );

      const change = (id: unknown, payload: unknown, headers = admin) =>
        t.request({ method: 'PATCH', url: `/api/users/${id}`, headers, payload: payload as Record<string, unknown> });
      expect((await change(made.json().id, { function: 'docent' })).json()).toMatchObject({
        username: 'ans',
        function: 'docent',
      });
      // The session reads the account, so the new function counts at once.
      expect((await t.request({ method: 'GET', url: '/api/auth/me', headers: ans })).json()).toMatchObject({
        function: 'docent',
      });
      expect((await change(made.json().id, { function: null })).json()).not.toHaveProperty('function');
      expect((await change(made.json().id, { function: 'conciërge' })).statusCode).toBe(400);
      expect((await change(made.json().id, {})).statusCode).toBe(400);
      expect((await change(99999, { function: 'docent' })).json().error.code).toBe('NOT_FOUND');
      expect((await change(made.json().id, { function: 'docent' }, staff)).statusCode).toBe(403);
      const bad = await t.request({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: { username: 'bob', password: 'bob-wachtwoord', role: 'staff', function: 'stagiair' },
      });
      expect(bad.statusCode).toBe(400);
    });
  });

  describe('cases', () => {
    it('creates a case at the first step with its actions, and lists it', async () => {
      const c = await newCase();
      expect(c).toMatchObject({
        title: 'Sanne de Vries',
        state: 'aanmelding',
        stateLabel: 'Aanmelding',
        revision: 1,
        workflow: { key: 'student-traject', version: 1 },
      });
      expect(c.availableEvents.map((e: { type: string }) => e.type)).toEqual(['INTAKE_PLANNEN', 'UITSCHRIJVEN']);
      const list = (
        await t.request({ method: 'GET', url: '/api/cases?workflow=student-traject&q=sanne', headers: staff })
      ).json();
      expect(list.items.map((i: { id: string }) => i.id)).toContain(c.id);
    });

    it('finds cases by name, newest first, with the total and pages, however many match', async () => {
      const first = await newCase(staff, { ...sanne, naam: 'Massa 000' });
      const em = t.app.orm.em.fork();
      const tpl = await em.findOneOrFail(Case, { id: first.id });
      const base = Date.parse('2030-01-01T09:00:00Z');
      // 510 more than a page, and more than a search counts in memory; each a second newer.
      for (let i = 1; i < 510; i++) {
        const at = new Date(base + i * 1000);
        em.create(Case, {
          ...tpl,
          id: randomUUID(),
          title: `Massa ${String(i).padStart(3, '0')}`,
          createdAt: at,
          updatedAt: at,
          revision: 1,
        });
      }
      await em.flush();
      const search = async (query: string) =>
        (await t.request({ method: 'GET', url: `/api/cases?${query}`, headers: staff })).json();
      const titles = (list: { items: { title: string }[] }) => list.items.map((i) => i.title);

      const all = await search('q=massa&limit=20&offset=40');
      expect(all.total).toBe(510);
      expect(titles(all)).toEqual(Array.from({ length: 20 }, (_, k) => `Massa ${String(469 - k).padStart(3, '0')}`));
      const hundred = await search('q=Massa%201&limit=5&offset=10');
      expect(hundred.total).toBe(100);
      expect(titles(hundred)).toEqual(['Massa 189', 'Massa 188', 'Massa 187', 'Massa 186', 'Massa 185']);
      const past = await search('q=Massa%201&limit=5&offset=100');
      expect(past).toMatchObject({ total: 100, items: [] });
      const one = await search('q=sSA%20000');
      expect(one.total).toBe(1);
      expect(one.items[0]).toMatchObject({ id: first.id, title: 'Massa 000', state: 'aanmelding', revision: 1 });
    });

    it('advances a case and writes a history row naming the user', async () => {
      const c = await newCase();
      const res = await event(c.id, { type: 'INTAKE_PLANNEN', data: { intakeDatum: '2026-12-01' }, revision: 1 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ state: 'intake', revision: 2, data: { intakeDatum: '2026-12-01' } });
      const rows = await history(c.id);
      expect(rows).toHaveLength(2);
      expect(rows[1]).toMatchObject({
        event: 'INTAKE_PLANNEN',
        actor: 'docent1',
        from: 'aanmelding',
        to: 'intake',
        revision: 2,
      });
    });

    it('answers 409 on a stale revision and changes nothing', async () => {
      const c = await newCase();
      expect(
        (await event(c.id, { type: 'INTAKE_PLANNEN', data: { intakeDatum: '2026-12-01' }, revision: 1 })).statusCode,
      ).toBe(200);
      const res = await event(c.id, { type: 'UITSCHRIJVEN', data: { redenVertrek: 'x' }, revision: 1 });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('STALE_REVISION');
      expect((await t.request({ method: 'GET', url: `/api/cases/${c.id}`, headers: staff })).json()).toMatchObject({
        state: 'intake',
        revision: 2,
      });
      expect(await history(c.id)).toHaveLength(2);
    });

    it('answers 422 for an action the step does not offer, an invalid form and a rule that blocks, each with details', async () => {
      const c = await newCase();
      const unknown = await event(c.id, { type: 'DIPLOMA' });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_EVENT', details: [{ path: 'type' }] });

      const form = await event(c.id, { type: 'INTAKE_PLANNEN', data: { intakeDatum: '1 december' } });
      expect(form.statusCode).toBe(422);
      expect(form.json().error).toMatchObject({
        code: 'INVALID_FORM',
        details: [{ path: 'data.intakeDatum', message: expect.stringContaining('datum') }],
      });

      await event(c.id, { type: 'INTAKE_PLANNEN', data: { intakeDatum: '2026-12-01' } });
      const rule = await event(c.id, { type: 'MATCH', data: { taalniveau: 'onder-b1', coach: 'Ans' } });
      expect(rule.statusCode).toBe(422);
      expect(rule.json().error.code).toBe('EVENT_NOT_ALLOWED');
      expect(rule.json().error.message).toContain('Taalniveau Nederlands');
      const english = await t.request({
        method: 'POST',
        url: `/api/cases/${c.id}/events`,
        headers: { ...staff, 'accept-language': 'en' },
        payload: { type: 'MATCH', data: { taalniveau: 'onder-b1', coach: 'Ans' } },
      });
      expect(english.json().error.message).toContain('Dutch language level');
      expect(await history(c.id)).toHaveLength(2);
    });

    it('shows a blocked action as not allowed with the reason, and 403 for a role that may not', async () => {
      const c = await newCase(staff, { naam: 'Test' }, 'test-gated');
      expect(c.availableEvents[0]).toMatchObject({
        type: 'SLUITEN',
        allowed: false,
        // Roles by the names people use (report 3.3), never their keys.
        reason: 'Alleen een projectleider of beheerder mag dit doen',
      });
      const res = await event(c.id, { type: 'SLUITEN' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('ROLE_NOT_ALLOWED');
      const ok = await event(c.id, { type: 'SLUITEN' }, manager);
      expect(ok.json()).toMatchObject({ state: 'dicht', outcome: 'gesloten', done: true, availableEvents: [] });
    });

    it('answers 400 for malformed requests, 404 for unknown ids, and never a stack trace', async () => {
      const c = await newCase();
      const responses = await Promise.all([
        t.request({
          method: 'POST',
          url: '/api/cases',
          headers: { ...staff, 'content-type': 'application/json' },
          payload: '{"workflow":',
        }),
        t.request({
          method: 'POST',
          url: '/api/cases',
          headers: staff,
          payload: { workflow: 'student-traject', extra: true },
        }),
        t.request({
          method: 'POST',
          url: `/api/cases/${c.id}/events`,
          headers: staff,
          payload: { type: 'lower case' },
        }),
        t.request({
          method: 'POST',
          url: `/api/cases/${c.id}/events`,
          headers: staff,
          payload: { type: 'INTAKE_PLANNEN', revision: 'one' },
        }),
        t.request({ method: 'GET', url: '/api/cases?limit=100000', headers: staff }),
      ]);
      for (const r of responses) {
        expect(r.statusCode, r.body).toBe(400);
        expect(r.json().error.code).toBe('BAD_REQUEST');
      }
      const missing = [
        await t.request({ method: 'GET', url: '/api/cases/00000000-0000-0000-0000-000000000000', headers: staff }),
        await t.request({ method: 'POST', url: '/api/cases/nope/events', headers: staff, payload: { type: 'X' } }),
        await t.request({
          method: 'POST',
          url: '/api/cases',
          headers: staff,
          payload: { workflow: 'bestaat-niet', data: {} },
        }),
        await t.request({ method: 'GET', url: '/api/workflows/bestaat-niet', headers: staff }),
        await t.request({ method: 'GET', url: '/api/nothing-here', headers: staff }),
      ];
      for (const r of missing) expect(r.statusCode, r.body).toBe(404);
      for (const r of [...responses, ...missing]) expect(r.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
    });
  });

  describe('workflows', () => {
    it("lists the site's workflows with their start form, and returns a definition", async () => {
      const list = (await t.request({ method: 'GET', url: '/api/workflows', headers: staff })).json();
      expect(list.items.map((w: { key: string }) => w.key)).toEqual([
        'client-hulpvraag',
        'student-traject',
        'test-gated',
      ]);
      expect(list.items[1].startForm.required).toEqual(['naam', 'aanmelder', 'instroomroute']);
      const one = (
        await t.request({ method: 'GET', url: '/api/workflows/student-traject/versions/1', headers: staff })
      ).json();
      expect(one).toMatchObject({
        key: 'student-traject',
        version: 1,
        definition: { machine: { initial: 'aanmelding' } },
      });
    });
  });

  describe('site scoping', () => {
    it("keeps another site's users away from Venray's cases (404, not listed)", async () => {
      const c = await newCase();
      const em = t.app.orm.em.fork();
      const horst = em.create(Site, { id: 'horst', name: 'WijkLeerbedrijf Horst' });
      em.create(User, {
        site: horst,
        username: 'horst-docent',
        displayName: 'Docent Horst',
        role: 'manager',
        passwordHash: await hashPassword('horst-docent-wachtwoord'),
      });
      await em.flush();
      const other = await t.as('horst-docent');
      expect((await t.request({ method: 'GET', url: `/api/cases/${c.id}`, headers: other })).statusCode).toBe(404);
      expect((await t.request({ method: 'GET', url: `/api/cases/${c.id}/history`, headers: other })).statusCode).toBe(
        404,
      );
      expect((await event(c.id, { type: 'UITSCHRIJVEN', data: { redenVertrek: 'x' } }, other)).statusCode).toBe(404);
      expect((await t.request({ method: 'GET', url: '/api/cases', headers: other })).json().total).toBe(0);
      expect((await t.request({ method: 'GET', url: '/api/workflows', headers: other })).json().items).toEqual([]);
      expect(
        (
          await t.request({
            method: 'POST',
            url: '/api/cases',
            headers: other,
            payload: { workflow: 'student-traject', data: sanne },
          })
        ).statusCode,
      ).toBe(404);
    });
  });
});
