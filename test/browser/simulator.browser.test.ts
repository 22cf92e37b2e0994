import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite, signIn } from '../support/browser';
import type { Definition } from '../../engine';
import { longSession, type TestApp } from '../support/helpers';

// Trying out a path that is not the sample one: a WW student, acted on as the staff whose work each step is.
const suite = browserSuite();
let t: TestApp;
let page: Page;
let base: string;

const shot = (name: string) => page.screenshot({ path: `${artefacts}/simulator-${name}.png` });
const side = () => page.locator('.designer-side');
const state = () => page.getByTestId('sim-state');

/** Does an action of the test case with its sample form. */
async function act(label: string) {
  await side().locator('.sim-events').getByRole('button', { name: label, exact: true }).click();
  await side().locator('.sim-form').getByRole('button', { name: 'Uitvoeren' }).click();
}

/** Opens the simulator on the draft and starts a test case for a WW student, registered by the UWV. */
async function tryWwStudent() {
  await page.goto(`${base}/processen/student-traject`);
  await page.getByRole('tab', { name: 'Uitproberen' }).click();
  await expect.poll(() => state().textContent()).toBe('Aanmelding');
  await side().getByText('Begingegevens').click();
  const startForm = side().locator('.sim-start');
  await startForm.getByLabel(/^Naam/).fill('Proef WW');
  await startForm.getByLabel(/^Instroomroute/).selectOption({ label: 'WW' });
  await startForm.getByRole('button', { name: 'Opnieuw beginnen met deze gegevens' }).click();
}

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  await t.user('projectleider', 'manager');
  // The draft tried out: only coordinators (and managers) see personal data, so a teacher may not do the intake.
  const manager = await longSession(t, 'projectleider');
  const published = (
    await t.request({ method: 'GET', url: '/api/workflows/student-traject', headers: manager })
  ).json();
  const { version: _v, ...draft } = published.definition as Definition;
  const saved = await t.request({
    method: 'PUT',
    url: '/api/workflows/student-traject/draft',
    headers: manager,
    payload: { definition: { ...draft, privacy: { functions: ['coordinator'], roles: ['manager'] } }, revision: 0 },
  });
  expect(saved.statusCode, saved.body).toBe(200);
}, 120_000);

it('runs the WW path: the start data chosen, acting as coordinator and as teacher', async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, base, 'projectleider');
  await tryWwStudent();
  await expect.poll(() => side().locator('.sim-data').textContent()).toContain('Proef WW');
  await shot('1-start-data');

  // Tried as a teacher, the intake asks for what a teacher may not see in this draft; a coordinator may.
  await side().getByLabel('Uitproberen als').selectOption({ label: 'medewerker: Docent' });
  await act('Intakegesprek plannen');
  await expect.poll(() => state().textContent()).toBe('Intake');
  const match = side().locator('.sim-events li', { hasText: 'Intake: er is een match' });
  await expect.poll(() => match.getByRole('button').isDisabled()).toBe(true);
  await match
    .getByText(/afgeschermde persoonsgegevens \(Taalniveau Nederlands\); alleen coördinator of projectleider/)
    .waitFor();
  await side().getByLabel('Uitproberen als').selectOption({ label: 'medewerker: Coördinator' });
  await act('Intake: er is een match');
  await expect.poll(() => state().textContent()).toBe('Inschrijving bij Gilde');
  await side().getByLabel('Uitproberen als').selectOption({ label: 'medewerker: Docent' });
  await act('Ingeschreven bij Gilde');
  // The programme starts at the next start moment (September or February): its timer moves the test clock there.
  await expect.poll(() => state().textContent()).toBe('Wacht op het startmoment');
  await side()
    .getByRole('button', { name: /^⏱ Startmoment/ })
    .click();
  await expect.poll(() => state().textContent()).toContain('Loopt');
  await side()
    .getByRole('button', { name: /^⏱ Tien weken voorbij/ })
    .click();
  await side().getByLabel('Uitproberen als').selectOption({ label: 'medewerker: Coördinator' });
  await act('Duur en leerroute afgesproken');
  await expect.poll(() => state().textContent()).toContain('Welzijnsstage in de wijk');

  // A WW student does not go on to the care placement but, after half a year, to a paid job.
  const care = side().locator('.sim-events li', { hasText: 'Zorgstage starten' });
  await expect.poll(() => care.getByRole('button').isDisabled()).toBe(true);
  await care.getByText("Instroomroute is niet 'WW'").waitFor();
  await side()
    .getByRole('button', { name: /^⏱ Half jaar praktijk voorbij \(WW\)/ })
    .click();
  await expect.poll(() => state().textContent()).toContain('Overstap naar betaalde baan (WW)');
  await act('In dienst bij werkgever');
  await expect.poll(() => state().textContent()).toContain('Praktijk bij de werkgever (WW)');
  await shot('2-ww-path');
  await page.setViewportSize({ width: 768, height: 1024 });
  await shot('3-tablet');
});

it('keeps a scenario with the draft: saved once, chosen again on a new page, and no difference from the process', async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await tryWwStudent();
  await side().getByLabel('Uitproberen als').selectOption({ label: 'medewerker: Docent' });
  await side().getByLabel('Bewaar deze proef als scenario (naam)').fill('WW-student, als docent');
  await side().getByRole('button', { name: 'Scenario bewaren' }).click();

  const manager = await longSession(t, 'projectleider');
  const draft = async () =>
    (await t.request({ method: 'GET', url: '/api/workflows/student-traject/draft', headers: manager })).json();
  await expect
    .poll(async () => (await draft()).definition.scenarios, { timeout: 10_000 })
    .toEqual([
      {
        name: 'WW-student, als docent',
        as: { role: 'staff', function: 'docent' },
        start: expect.objectContaining({ naam: 'Proef WW', instroomroute: 'ww' }),
      },
    ]);
  await shot('4-scenario-saved');

  // A day later, on a new page: the scenario brings back whom it is tried as and the start data.
  await page.goto(`${base}/processen/student-traject`);
  await page.getByRole('tab', { name: 'Uitproberen' }).click();
  await side().getByLabel('Scenario', { exact: true }).selectOption({ label: 'WW-student, als docent' });
  await expect.poll(() => side().getByLabel('Uitproberen als').inputValue()).toBe('staff:docent');
  await expect.poll(() => side().locator('.sim-data').textContent()).toContain('Proef WW');
  await shot('5-scenario-chosen');

  // A scenario is not part of the process: publishing it would change nothing for a case.
  const published = (
    await t.request({ method: 'GET', url: '/api/workflows/student-traject', headers: manager })
  ).json();
  const { diffDefinitions } = await import('../../engine');
  const changes = diffDefinitions(published.definition, (await draft()).definition);
  expect(changes.filter((c) => c.path.startsWith('scenarios'))).toEqual([]);
});
