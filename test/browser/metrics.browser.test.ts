import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Site, User } from '../../server/db/entities';
import { hashPassword } from '../../server/auth/passwords';
import { artefacts, browserSuite } from '../support/browser';
import { ApiDriver, loadCohort, type TestClock } from '../support/cohort';
import { longSession as longSessionFor, type TestApp } from '../support/helpers';
import { clientAgreement } from '../../workflows/walk';

const clock: TestClock = { now: new Date('2016-01-01T09:00:00Z') };
const suite = browserSuite({ now: () => clock.now });
let t: TestApp;
let page: Page;
let base: string;

const longSession = (username: string) => longSessionFor(t, username, clock.now);

/** Whether a resident was helped yet (one is, by a student of the last cohort), and by whose matching. */
let helped = false;
let coordinator: Record<string, string>;

/** The cohort's script through the API, where one student of the last cohort also helps a resident. */
class WijkDriver extends ApiDriver {
  /**
   * One student of the last cohort helps a resident: matched on Monday morning, ten visits done
   * in the report's year (from June 2020) and one cancelled, then the help ends. The report's
   * care hours are those ten visits, whatever the plan said.
   */
  async inWijk(dagdelen: string[]) {
    if (helped || !this.clock.now.toISOString().startsWith('2020-04')) return;
    helped = true;
    const post = async (url: string, payload: Record<string, unknown>) => {
      const res = await t.request({ method: 'POST', url, headers: coordinator, payload });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const c = await post('/api/cases', {
      workflow: 'client-hulpvraag',
      data: { naam: 'Riet Janssen', adres: 'Kerkstraat 1', hulpvraag: 'Samen boodschappen doen' },
    });
    const act = (type: string, data: Record<string, unknown>) => post(`/api/cases/${c.id}/events`, { type, data });
    await act('HUISBEZOEK_PLANNEN', { huisbezoekDatum: this.clock.now.toISOString().slice(0, 10) });
    await act('OVEREENKOMST', { ...clientAgreement, overeenkomstDatum: this.clock.now.toISOString().slice(0, 10) });
    await act('GEMATCHT', { student: this.id, dagdelen: [dagdelen[0]], frequentie: '1' });
    await act('WEDERDIENST', { wederdienstGegeven: 'Oefende Nederlands met de student' });
    // Mondays from 1 June 2020.
    for (let week = 0; week < 11; week++) {
      const day = new Date(Date.parse('2020-06-01') + week * 7 * 86_400_000).toISOString().slice(0, 10);
      const res = await t.request({
        method: 'PUT',
        url: `/api/sessions/${c.id}/${day}/${dagdelen[0]}`,
        headers: coordinator,
        payload: week === 4 ? { status: 'afgezegd' } : { status: 'gedaan', hours: 3 },
      });
      if (res.statusCode !== 200) throw new Error(`session ${day}: ${res.statusCode} ${res.body}`);
    }
    await act('AFSLUITEN', { afsluitReden: 'hulpvraag-afgerond', redenAfsluiting: 'Hulpvraag afgerond' });
  }
}

let manager: Record<string, string>;

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  await t.user('docent', 'staff', 'docent');
  await t.user('projectleider', 'manager');
  await t.user('coordinator', 'staff', 'coordinator');
  coordinator = await longSession('coordinator');
  const staff = await longSession('docent');
  manager = await longSession('projectleider');
  await loadCohort(t, clock, staff, () => new WijkDriver(t, clock, staff));
  clock.now = new Date('2021-06-01T09:00:00Z');
}, 240_000);

const outcomes = (query = '', headers = manager) =>
  t.request({ method: 'GET', url: `/api/metrics/outcomes${query}`, headers });

describe('GET /api/metrics/outcomes on the report’s cohort, loaded as cases with their histories', () => {
  it('answers the figures of chapter 5: 47 started, 39 diplomas (83%), 34 to work or education, 8 without', async () => {
    const res = await outcomes();
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.totals).toMatchObject({
      started: 47,
      diplomas: 39,
      toDestination: 34,
      without: 8,
      running: 0,
      destinations: { werk: 24, vervolgopleiding: 10 },
    });
    expect(Math.round(r.totals.rate * 100)).toBe(83);
    expect(r.target).toBe(0.8);
    // The municipality's check: none of the 34 back on benefits, at six and at twelve months.
    expect(r.totals.followUp).toEqual({
      nazorgZes: { checked: 34, lasting: 34, returned: 0 },
      nazorgTwaalf: { checked: 34, lasting: 34, returned: 0 },
    });
    expect(r.byCohort.map((g: { label: string }) => g.label)).toEqual([
      '2016 September',
      '2017 Februari',
      '2017 September',
      '2018 Februari',
      '2018 September',
      '2019 Februari',
      '2019 September',
      '2020 Februari',
    ]);
    expect(r.byCohort.reduce((n: number, g: { started: number }) => n + g.started, 0)).toBe(47);
    expect(r.byGroup.find((g: { key: string }) => g.key === 'ww')).toMatchObject({
      label: 'WW',
      started: 5,
      diplomas: 5,
      toDestination: 5,
    });
    expect(r.exits.reduce((n: number, e: { count: number }) => n + e.count, 0)).toBe(8);
    expect(r.totals.reasons).toEqual([{ reason: 'Persoonlijke omstandigheden', count: 8 }]);
    const intro = r.flow.find((f: { state: string }) => f.state === 'opleiding.leerbedrijf.school.introductie.lopend');
    expect(intro.stays).toBeGreaterThanOrEqual(44);
    expect(intro.medianDays).toBeCloseTo(70, 0);
    expect(r.capacity.find((c: { workflow: string }) => c.workflow === 'student-traject')).toMatchObject({
      now: 0,
      places: 22,
      minimum: 22,
      warning: true,
    });
    expect(r.capacity.find((c: { workflow: string }) => c.workflow === 'client-hulpvraag')).toMatchObject({
      now: 0,
      places: 80,
      warning: false,
    });
    // The hours are the visits recorded as done (ten of three hours), not the plan: the help was
    // matched and ended on one day of the clock, so the plan promised nothing.
    expect(r.care).toEqual([
      { hours: 30, plannedHalfDays: 0, target: 10000, from: '2020-06-01', to: '2021-06-01', clients: 1, sessions: 10 },
    ]);
  });

  it('narrows to a period by start date', async () => {
    const r = (await outcomes('?from=2019-01-01&to=2020-12-31')).json();
    expect(r.totals.started).toBe(r.byCohort.reduce((n: number, g: { started: number }) => n + g.started, 0));
    expect(r.byCohort.map((g: { key: string }) => g.key)).toEqual(['2019 februari', '2019 september', '2020 februari']);
    expect((await outcomes('?from=2020-01-01&to=2019-01-01')).statusCode).toBe(400);
    expect((await outcomes('?from=gisteren')).statusCode).toBe(400);
  });

  it('exports every table as CSV, for spreadsheets', async () => {
    const res = await t.request({ method: 'GET', url: '/api/metrics/outcomes.csv?table=cohorts', headers: manager });
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Cohort;Gestart;Diploma;Diplomapercentage;Naar werk of opleiding;Zonder diploma;Lopend');
    expect(lines.at(-1)).toBe('Totaal;47;39;83%;34;8;0');
    for (const table of ['groups', 'flow', 'exits']) {
      expect(
        (await t.request({ method: 'GET', url: `/api/metrics/outcomes.csv?table=${table}`, headers: manager }))
          .statusCode,
      ).toBe(200);
    }
    expect(
      (await t.request({ method: 'GET', url: '/api/metrics/outcomes.csv?table=geheim', headers: manager })).statusCode,
    ).toBe(400);
  });

  it('is for managers (403 for staff, 401 without a session), and never counts another site', async () => {
    expect((await outcomes('', await longSession('docent'))).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/metrics/outcomes' })).statusCode).toBe(401);
    const em = t.app.orm.em.fork();
    const horst = em.create(Site, { id: 'horst', name: 'WijkLeerbedrijf Horst' });
    em.create(User, {
      site: horst,
      username: 'pl-horst',
      displayName: 'PL Horst',
      role: 'manager',
      passwordHash: await hashPassword('pl-horst-wachtwoord'),
    });
    await em.flush();
    const other = (await outcomes('', await longSession('pl-horst'))).json();
    expect(other.totals).toMatchObject({ started: 0, diplomas: 0, without: 0 });
    expect(other.flow).toEqual([]);
  });
});

describe('the report page', () => {
  it('shows a manager the same figures, with charts and a print view', async () => {
    const shot = (name: string) => page.screenshot({ path: `${artefacts}/report-${name}.png`, fullPage: true });
    await page.context().addCookies([{ name: 'wlb_session', value: manager.authorization.slice(7), url: base }]);
    await page.goto(`${base}/rapportage`);
    await page.getByRole('heading', { name: 'Rapportage voor de stuurgroep' }).waitFor();
    await expect.poll(() => page.getByTestId('rate').textContent()).toBe('83%');
    expect(await page.getByTestId('to-destination').textContent()).toBe('34');
    expect(await page.getByTestId('without').textContent()).toBe('8');
    // Lasting outflow: the follow-up of the 34 after six and twelve months.
    await page.getByRole('heading', { name: 'Blijvende uitstroom (nazorg)' }).waitFor();
    expect(await page.getByText('Van de 34 met diploma naar werk of opleiding').isVisible()).toBe(true);
    for (const [row, label] of [
      ['follow-up-nazorgZes', 'Na zes maanden'],
      ['follow-up-nazorgTwaalf', 'Na twaalf maanden'],
    ])
      expect(
        await page
          .getByTestId(row)
          .locator('th, td')
          .evaluateAll((cells) => cells.map((c) => c.textContent)),
      ).toEqual([label, '34', '34', '0']);
    expect(await page.locator('.recharts-surface').count()).toBeGreaterThan(0);
    expect(await page.getByText('Let op: de groep is kleiner dan het minimum van 22.').isVisible()).toBe(true);
    await shot('1-screen');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Afdrukken' }).isVisible()).toBe(false);
    await shot('2-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('says so when a period has no one in it, and keeps every figure inside its tile on a tablet', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    try {
      await page.goto(`${base}/rapportage`);
      await page.getByLabel('Van (startdatum)').fill('2030-01-01');
      await page.getByText('Nog geen studenten in deze periode.').waitFor();
      await page.getByText('Nog geen redenen vastgelegd in deze periode.').waitFor();
      // The period's fields are as tall as what they hold.
      const from = await page.locator('.report .filters .field').first().boundingBox();
      expect(from!.height).toBeLessThan(90);
      const overflowing = await page
        .locator('.kpi')
        .evaluateAll((tiles) => tiles.filter((k) => k.scrollWidth > k.clientWidth).map((k) => k.textContent));
      expect(overflowing).toEqual([]);
      await page.screenshot({ path: `${artefacts}/report-3-empty-period-tablet.png`, fullPage: true });
    } finally {
      await page.setViewportSize({ width: 1180, height: 820 });
    }
  });
});

describe('the wederdienst on the report page (3.2 Wederkerigheid)', () => {
  it('shows per year of the agreement how many agreed a wederdienst and gave one, and of what kind', async () => {
    await page.context().addCookies([{ name: 'wlb_session', value: manager.authorization.slice(7), url: base }]);
    const cells = (row: string) =>
      section
        .getByRole('row', { name: new RegExp(`^${row}`) })
        .locator('th, td')
        .evaluateAll((c) => c.map((x) => x.textContent));
    const section = page.getByTestId('reciprocity-client-hulpvraag');
    for (const [width, height] of [
      [1366, 900],
      [768, 1024],
    ]) {
      await page.setViewportSize({ width, height });
      try {
        await page.goto(`${base}/rapportage`);
        await section.getByRole('heading', { name: 'Wederdienst (wederkerigheid)' }).waitFor();
        expect(await cells('2020')).toEqual(['2020', '1', '1', '1']);
        expect(await cells('Totaal')).toEqual(['Totaal', '1', '1', '1']);
        expect(await section.getByRole('columnheader').allTextContents()).toEqual([
          'Jaar',
          'Overeenkomsten',
          'Wederdienst afgesproken',
          'Wederdienst gegeven',
          'Soort wederdienst',
          'Aantal',
        ]);
        expect(await cells('Nederlands oefenen')).toEqual(['Nederlands oefenen', '1']);
        expect(await cells('Leren fietsen')).toEqual(['Leren fietsen', '0']);
        expect(await section.getByRole('link', { name: 'CSV' }).getAttribute('href')).toBe(
          '/api/metrics/outcomes.csv?table=reciprocity',
        );
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        // Side by side, the short table keeps its rows as tall as the other's.
        const rows = await section
          .locator('tbody tr')
          .evaluateAll((r) => r.map((x) => x.getBoundingClientRect().height));
        expect(Math.max(...rows)).toBeLessThan(2 * Math.min(...rows));
        await section.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${artefacts}/report-6-wederdienst-${width}x${height}.png` });
      } finally {
        await page.setViewportSize({ width: 1180, height: 820 });
      }
    }
  });
});

describe('the stuurgroep’s report', () => {
  it('lands a member of the stuurgroep on the report, the only page in the menu, with small groups withheld', async () => {
    await t.user('wethouder', 'stuurgroep');
    const stuurgroep = await longSession('wethouder');
    const byManager = (await outcomes()).json();
    // A route with fewer than five diplomas: the manager sees how many, the stuurgroep does not.
    const small = byManager.byGroup.find((g: { diplomas: number }) => g.diplomas > 0 && g.diplomas < 5);
    expect(small, JSON.stringify(byManager.byGroup)).toBeDefined();
    await page.context().addCookies([{ name: 'wlb_session', value: stuurgroep.authorization.slice(7), url: base }]);
    for (const [width, height] of [
      [1366, 900],
      [768, 1024],
    ]) {
      await page.setViewportSize({ width, height });
      try {
        await page.goto(`${base}/werklijst`);
        await page.getByRole('heading', { name: 'Rapportage voor de stuurgroep' }).waitFor();
        expect(new URL(page.url()).pathname).toBe('/rapportage');
        expect(await page.getByRole('navigation', { name: 'menu' }).getByRole('link').allTextContents()).toEqual([
          'Rapportage',
        ]);
        await page.getByTestId('withheld-note').waitFor();
        expect(await page.getByTestId('withheld-note').textContent()).toContain('minder dan 5 personen');
        // Over all years: no period to choose, and no setting of the projectleider's.
        expect(await page.getByLabel('Van (startdatum)').count()).toBe(0);
        expect(await page.getByRole('heading', { name: 'Kleine groepen voor de stuurgroep' }).count()).toBe(0);
        await expect.poll(() => page.getByTestId('started').textContent()).toBe('47');
        const row = page.getByRole('row', { name: new RegExp(`^${small.label}`) });
        // Kept on one line by a no-break space.
        expect(await row.getByRole('cell').nth(1).textContent()).toBe('<\u00A05');
        expect(await row.textContent()).not.toContain(String(small.diplomas));
        const overflowing = await page
          .locator('.kpi')
          .evaluateAll((tiles) => tiles.filter((k) => k.scrollWidth > k.clientWidth).map((k) => k.textContent));
        expect(overflowing).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        // Its bars would draw a withheld part as missing: the stuurgroep reads the tables.
        expect(await page.locator('.recharts-surface').count()).toBe(0);
        await page.screenshot({ path: `${artefacts}/report-4-stuurgroep-${width}x${height}.png`, fullPage: true });
      } finally {
        await page.setViewportSize({ width: 1180, height: 820 });
      }
    }
    // One agreement is a small group: its wederdienst is withheld as every other count.
    const reciprocity = page.getByTestId('reciprocity-client-hulpvraag');
    expect(
      await reciprocity
        .getByRole('row', { name: /^Totaal/ })
        .locator('td')
        .allTextContents(),
    ).toEqual(['<\u00A05', '<\u00A05', '<\u00A05']);
    // The CSV link downloads what the page shows: the same group withheld.
    const csv = await t.request({
      method: 'GET',
      url: '/api/metrics/outcomes.csv?table=groups',
      headers: stuurgroep,
    });
    const line = csv.body.split('\r\n').find((l) => l.startsWith(`${small.label};`));
    expect(line?.split(';')[2]).toBe('< 5');
  });

  it('lets the projectleider set the minimum on the report page', async () => {
    await page.context().addCookies([{ name: 'wlb_session', value: manager.authorization.slice(7), url: base }]);
    await page.goto(`${base}/rapportage`);
    await page.getByRole('heading', { name: 'Kleine groepen voor de stuurgroep' }).waitFor();
    await page.getByLabel('Kleinste groep die de stuurgroep als getal ziet').fill('6');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De stuurgroep ziet een groep kleiner dan 6 als "< 6"', { exact: false }).waitFor();
    expect((await outcomes()).json().smallGroups).toEqual({ minimum: 6, applied: false });
    await page.screenshot({ path: `${artefacts}/report-5-small-groups-setting.png`, fullPage: true });
  });
});
