import { beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { artefacts, browserSuite } from '../support/browser';
import { longSession, type TestApp } from '../support/helpers';

// The server's clock, stepped by the test: enrolled in August, the introduction starts on
// 1 September and its ten weeks end on 10 November.
const clock = { now: new Date('2026-08-20T09:00:00Z') };
const suite = browserSuite({ now: () => clock.now });
let t: TestApp;
let page: Page;
let base: string;
let caseId = '';
const sessions: Record<string, string> = {};

const sizes = [
  ['desktop', { width: 1366, height: 900 }],
  ['tablet', { width: 768, height: 1024 }],
] as const;

/** A screenshot at both sizes the pages are made for: the whole page, or the window with `focus` in view. */
async function shots(name: string, focus?: Locator) {
  for (const [size, viewport] of sizes) {
    await page.setViewportSize(viewport);
    await focus?.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'center' }));
    await page.screenshot({ path: `${artefacts}/time-${name}-${size}.png`, fullPage: !focus });
  }
  await page.setViewportSize(sizes[0][1]);
}

/** Logged in without the login form: sessions that outlast a clock stepped by months. */
async function as(username: string) {
  await page.context().clearCookies();
  await page.context().addCookies([{ name: 'wlb_session', value: sessions[username], url: base }]);
}

async function step(type: string, data: Record<string, unknown>) {
  const res = await t.request({
    method: 'POST',
    url: `/api/cases/${caseId}/events`,
    headers: { authorization: `Bearer ${sessions.projectleider}` },
    payload: { type, data },
  });
  expect(res.statusCode, res.body).toBe(200);
}

const caseTime = () => page.getByTestId('case-time');

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  for (const [name, role, fn] of [
    ['projectleider', 'manager', undefined],
    ['docent', 'staff', 'docent'],
  ] as const) {
    await t.user(name, role, fn);
    sessions[name] = (await longSession(t, name, clock.now)).authorization.slice('Bearer '.length);
  }
  const res = await t.request({
    method: 'POST',
    url: '/api/cases',
    headers: { authorization: `Bearer ${sessions.projectleider}` },
    payload: {
      workflow: 'student-traject',
      data: { naam: 'Sanne de Vries', aanmelder: 'gemeente-venray', instroomroute: 'gilde' },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  caseId = res.json().id;
  await step('INTAKE_PLANNEN', { intakeDatum: '2026-08-27' });
  clock.now = new Date('2026-08-27T09:00:00Z');
  await step('MATCH', {
    taalniveau: 'op-weg-naar-b1',
    belemmeringen: ['jonge-kinderen'],
    ondersteuning: 'Lesrooster rond schooltijden',
    coach: 'Ans',
    intakeVerslag: 'Wil graag in de zorg werken.',
  });
  await step('INGESCHREVEN', { inschrijfdatum: '2026-09-01', niveau: '2', startmoment: 'september' });
  // 1 September, 00:00 in the Netherlands: the start moment.
  clock.now = new Date('2026-08-31T22:00:00Z');
  expect(await t.app.scheduler.runDue()).toBe(1);
}, 120_000);

it('reads the due date of the ten weeks on the dossier, in words', async () => {
  clock.now = new Date('2026-09-15T08:00:00Z');
  await as('docent');
  await page.goto(`${base}/cases/${caseId}`);
  await page.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  await expect.poll(() => caseTime().textContent()).toContain('Tien weken voorbij op 10 november 2026, nog 8 weken');
  await shots('1-dossier-timer');
});

it('shows the deadline after the ten weeks: soon on the worklist, late on the dossier and the board', async () => {
  // The ten weeks end; the duration and route are due within two weeks, for the docent.
  clock.now = new Date('2026-11-09T23:00:00Z');
  expect(await t.app.scheduler.runDue()).toBe(1);
  clock.now = new Date('2026-11-18T09:00:00Z');
  await page.goto(`${base}/werklijst`);
  const soon = page.getByRole('region', { name: /^Binnenkort: 1/ });
  await expect.poll(() => soon.textContent()).toContain('Sanne de Vries');
  expect(await soon.textContent()).toContain('Duur en leerroute vaststellen: uiterlijk 24 november 2026, nog 5 dagen');
  await shots('2-worklist-soon');

  clock.now = new Date('2026-11-26T09:00:00Z');
  expect(await t.app.scheduler.runDue()).toBe(1);
  await page.goto(`${base}/cases/${caseId}`);
  await expect
    .poll(() => caseTime().textContent())
    .toContain('Duur en leerroute vaststellen: uiterlijk 24 november 2026, 2 dagen te laat');
  expect(await caseTime().getByText('Te laat').count()).toBe(1);
  expect(await page.getByTestId('history').textContent()).toContain(
    'Termijn verstreken: Duur en leerroute vaststellen',
  );
  await shots('3-dossier-late');

  await page.getByRole('link', { name: 'Bord' }).click();
  const card = page.locator('.board-column li', { hasText: 'Sanne de Vries' });
  await expect.poll(() => card.textContent()).toContain('Te laat');
  // The site's day, also in a browser whose clock runs on another time zone.
  expect(await card.textContent()).toContain('uiterlijk 24 nov');
  await shots('4-board-late', card);
});

it('keeps the site calendar on its page: a closed period, a refused one at its field', async () => {
  await as('projectleider');
  await page.goto(`${base}/kalender`);
  await page.getByRole('heading', { name: 'Kalender' }).waitFor();
  await page.getByRole('button', { name: 'Periode toevoegen' }).click();
  await page.getByLabel('Van (1)').fill('2026-12-28');
  await page.getByLabel('Tot en met (1)').fill('2026-12-21');
  await page.getByLabel('Naam (1)').fill('Kerstvakantie');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect
    .poll(() => page.locator('.closed-periods .field-error').textContent())
    .toContain('De periode eindigt (2026-12-21) voordat ze begint (2026-12-28)');
  await shots('5-calendar-refused');
  await page.getByLabel('Van (1)').fill('2026-12-21');
  await page.getByLabel('Tot en met (1)').fill('2027-01-01');
  await page.getByLabel('Naam in het Engels (1)').fill('Christmas holidays');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('status').getByText('Opgeslagen').waitFor();
  expect(await page.getByTestId('closed-periods').textContent()).toContain('12 dagen');
  const saved = await t.request({
    method: 'GET',
    url: '/api/sites/current/calendar',
    headers: { authorization: `Bearer ${sessions.docent}` },
  });
  expect(saved.json().calendar).toEqual({
    closed: [{ from: '2026-12-21', to: '2027-01-01', label: { nl: 'Kerstvakantie', en: 'Christmas holidays' } }],
  });
  await shots('6-calendar');
});

const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const side = () => page.locator('.designer-side');

it("edits a timer's kind and settings and a step's deadline in the designer's panel", async () => {
  await page.goto(`${base}/processen/student-traject`);
  await node('opleiding.leerbedrijf.school.introductie.lopend').waitFor();
  await node('opleiding.leerbedrijf.school.introductie.lopend').click();
  await side().getByRole('button', { name: 'Tien weken voorbij' }).click();
  await side().getByRole('heading', { name: 'Timer: Tien weken voorbij' }).waitFor();
  expect(await side().getByLabel('Wanneer gaat de timer af?').inputValue()).toBe('duration');
  expect(await side().getByLabel('Na: weken').inputValue()).toBe('10');
  expect(await side().getByLabel('loopt de timer verder met de tijd die over was').isChecked()).toBe(true);
  await shots('7-designer-timer', side().locator('.timer-editor'));

  await node('opleiding.leerbedrijf.school.introductie.vaststellen').click();
  await side()
    .getByRole('heading', { name: /^Stap: Duur en leerroute vaststellen/ })
    .waitFor();
  expect(await side().getByRole('combobox', { name: 'Termijn' }).inputValue()).toBe('within');
  expect(await side().getByLabel('Binnen: weken').inputValue()).toBe('2');
  await expect.poll(() => side().locator('.deadline-editor .rule-words').textContent()).toContain('binnen 2 weken');
  await shots('8-designer-deadline', side().locator('.deadline-editor'));
});

it("keeps and edits the field a deadline lapses on: the language support's, through a change of its kind", async () => {
  await page.goto(`${base}/processen/student-traject?stap=opleiding`);
  await side().getByRole('button', { name: 'Taalniveau B1 behaald' }).click();
  await side().getByRole('heading', { name: 'Actie: Taalniveau B1 behaald' }).waitFor();
  const editor = side().locator('.deadline-editor');
  const until = editor.getByLabel('Vervalt zodra dit veld is ingevuld');
  expect(await until.inputValue()).toBe('taalB1Datum');
  expect(await editor.locator('.rule-words').textContent()).toContain("tot 'Taalniveau B1 behaald op' is ingevuld");
  await shots('8b-designer-deadline-until', editor);
  // A period instead of a date still lapses on the same field.
  await editor.getByRole('combobox', { name: 'Termijn' }).selectOption('within');
  expect(await until.inputValue()).toBe('taalB1Datum');
  await until.selectOption('');
  await expect.poll(() => editor.locator('.rule-words').textContent()).not.toContain('is ingevuld');
});

it('lets ten weeks pass in the simulator: the introduction ends, then its deadline passes', async () => {
  await page.getByRole('tab', { name: 'Uitproberen' }).click();
  const state = page.getByTestId('sim-state');
  await expect.poll(() => state.textContent()).toBe('Aanmelding');
  for (const action of ['Intakegesprek plannen', 'Intake: er is een match', 'Ingeschreven bij Gilde']) {
    await side().getByRole('button', { name: action }).click();
    await side().getByRole('button', { name: 'Uitvoeren' }).click();
  }
  await expect.poll(() => state.textContent()).toBe('Wacht op het startmoment');
  await side()
    .getByRole('button', { name: /^Naar de volgende timer: Startmoment/ })
    .click();
  // Both regions of the programme: the school's introduction, and the wijk waiting for the route.
  await expect
    .poll(() => state.textContent())
    .toMatch(/Introductieprogramma › Loopt \(tien weken\) \+ .*Hulp in de wijk › Nog geen klanten \(introductie\)$/);
  await expect.poll(() => page.getByTestId('sim-time').textContent()).toContain('nog 10 weken');

  await side().getByLabel('Hoeveel tijd: weken').fill('10');
  await side().getByRole('button', { name: 'Laat verstrijken: 10 weken' }).click();
  await expect
    .poll(() => state.textContent())
    .toMatch(/Duur en leerroute vaststellen \+ .*Hulp in de wijk › Nog geen klanten \(introductie\)$/);
  expect(await page.getByTestId('sim-passed').textContent()).toContain('Timer afgegaan · Tien weken voorbij');
  expect(await page.getByTestId('sim-time').textContent()).toContain('Duur en leerroute vaststellen: uiterlijk');
  await shots('9-simulator-ten-weeks', page.getByTestId('sim-passed'));

  await side().getByLabel('Hoeveel tijd: weken').fill('3');
  await side().getByRole('button', { name: 'Laat verstrijken: 3 weken' }).click();
  await expect
    .poll(() => page.getByTestId('sim-passed').textContent())
    .toContain('Termijn verstreken · Duur en leerroute vaststellen');
  expect(await page.getByTestId('sim-time').textContent()).toContain('7 dagen te laat');
  await shots('10-simulator-deadline-passed', page.getByTestId('sim-passed'));
});
