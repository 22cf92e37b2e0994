import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitedRoles, type LimitedRole } from '../../engine';
import { firstSite } from '../../server/commands/bootstrap';
import { testApp, testDatabases, userAtSite, type TestApp } from '../support/helpers';

/**
 * A student and a member of the stuurgroep log in like staff, and every route that does not name
 * them refuses them before it reads anything: the routes that serve them opt in one by one.
 */
const ownSession = ['GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/password'];
/** The routes beyond their own session that each role outside staff is served. */
const serves: Record<LimitedRole, string[]> = {
  student: ['GET /api/me/portfolio', 'GET /api/me/week', 'GET /api/me/help', 'POST /api/me/help'],
  stuurgroep: ['GET /api/metrics/outcomes', 'GET /api/metrics/outcomes.csv'],
};

describe.each(testDatabases)('roles outside staff on %s', (db) => {
  let t: TestApp;
  let documented: { method: string; url: string; route: string }[];
  const session: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await testApp({ db });
    await t.app.ready();
    const paths = (t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
    documented = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => ({
        method: m.toUpperCase(),
        // Any value fills a parameter: the refusal comes before the route reads it.
        url: path.replace(/\{[^}]+\}/g, '1'),
        route: `${m.toUpperCase()} ${path}`,
      })),
    );
    for (const role of limitedRoles)
      session[role] = await userAtSite(t, firstSite, { username: `een-${role}`, displayName: `Een ${role}`, role });
  });
  afterAll(() => t.close());

  /** Routes that answer without a session are not this test's: they serve everyone. */
  async function protectedRoutes() {
    const out = [];
    for (const r of documented) {
      const res = await t.request({ method: r.method as 'GET', url: r.url });
      if (res.statusCode === 401) out.push(r);
    }
    // Logging out ends the session the others are probed with.
    return out.sort(
      (a, b) => Number(a.route === 'POST /api/auth/logout') - Number(b.route === 'POST /api/auth/logout'),
    );
  }

  it.each(limitedRoles)(
    'refuses a %s every staff route with a Dutch 403, and serves their own session',
    async (role) => {
      const served: string[] = [];
      for (const r of await protectedRoutes()) {
        const res = await t.request({ method: r.method as 'GET', url: r.url, headers: session[role] });
        if (res.statusCode === 403) {
          expect(res.json().error.message, r.route).toBe('Dit kan alleen een medewerker');
          continue;
        }
        expect(res.statusCode, `${r.route}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        expect(res.statusCode, r.route).not.toBe(401);
        served.push(r.route);
      }
      expect(served.sort()).toEqual([...ownSession, ...serves[role]].sort());
    },
  );

  it('tells who is logged in, with their role', async () => {
    session.stuurgroep = await t.as('een-stuurgroep');
    const me = await t.request({ method: 'GET', url: '/api/auth/me', headers: session.stuurgroep });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'een-stuurgroep', role: 'stuurgroep', site: firstSite.id });
  });
});
