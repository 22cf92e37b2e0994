import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, ensureBuilt, openBrowser } from './browser';
import { sanne, testApp, type TestApp } from './helpers';

let t: TestApp;
let base: string;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;

beforeAll(async () => {
  t = await testApp({ staticDir: await ensureBuilt() });
  await t.user('coordinator', 'staff');
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await openBrowser();
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const shot = (name: string) => page.screenshot({ path: `${artefacts}/skeleton-${name}.png`, fullPage: true });

it('a staff member logs in, opens a case, advances it and sees the history row', async () => {
  const headers = await t.as('coordinator');
  const created = (await t.request({ method: 'POST', url: '/api/cases', headers, payload: { workflow: 'student-traject', data: sanne } })).json();

  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill('coordinator');
  await page.getByLabel('Wachtwoord').fill('wrong-password');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('klopt niet');
  await page.getByLabel('Wachtwoord').fill('coordinator-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Dossiers' }).waitFor();
  await shot('1-list');

  await page.getByRole('link', { name: 'Sanne de Vries' }).click();
  await page.getByTestId('state').filter({ hasText: 'Aanmelding' }).waitFor();
  await shot('2-case');

  await page.getByRole('button', { name: 'Intakegesprek plannen' }).click();
  // Sent empty, the browser names the missing field before the server is asked.
  await page.getByRole('button', { name: 'Intakegesprek plannen' }).last().click();
  await expect.poll(() => page.locator('.field-error').textContent()).toContain('verplicht');
  await page.getByLabel('Datum intakegesprek').fill('2026-12-01');
  await shot('3-form');
  await page.getByRole('button', { name: 'Intakegesprek plannen' }).last().click();
  await page.getByTestId('state').filter({ hasText: 'Intake' }).waitFor();

  const history = page.getByTestId('history');
  await expect.poll(() => history.textContent()).toContain('Intakegesprek plannen door coordinator');
  await expect.poll(() => history.textContent()).toContain('Aanmelding → Intake');
  await shot('4-advanced');

  const api = (await t.request({ method: 'GET', url: `/api/cases/${created.id}/history`, headers })).json();
  expect(api.items.at(-1)).toMatchObject({ event: 'INTAKE_PLANNEN', actor: 'coordinator', to: 'intake' });
});

it('shows a blocked action disabled, with the rule that blocks it in words', async () => {
  const headers = await t.as('coordinator');
  const c = (await t.request({ method: 'POST', url: '/api/cases', headers, payload: { workflow: 'student-traject', data: { ...sanne, naam: 'Mo Bakker' } } })).json();
  const steps: [string, Record<string, unknown>][] = [
    ['INTAKE_PLANNEN', { intakeDatum: '2026-09-03' }],
    ['MATCH', { taalniveau: 'b1', coach: 'Ans' }],
    ['INGESCHREVEN', { inschrijfdatum: '2026-09-05', niveau: '2', startmoment: 'september' }],
    ['LEERROUTE_AFGESPROKEN', { duur: '18', leerroute: 'Drie dagdelen in de wijk' }],
    ['ZORGSTAGE_STARTEN', { zorgstageInstelling: 'proteion' }],
  ];
  for (const [type, data] of steps) {
    const r = await t.request({ method: 'POST', url: `/api/cases/${c.id}/events`, headers, payload: { type, data } });
    expect(r.statusCode, r.body).toBe(200);
  }
  await page.goto(`${base}/cases/${c.id}`);
  const diploma = page.getByRole('button', { name: 'Diploma uitreiken' });
  await diploma.waitFor();
  expect(await diploma.isDisabled()).toBe(true);
  const reasonId = await diploma.getAttribute('aria-describedby');
  expect(await page.locator(`#${reasonId}`).textContent()).toContain('Portfolio compleet en getekend is ja');
  await shot('5-blocked');

  await page.getByRole('button', { name: 'Portfolio aftekenen' }).click();
  await page.getByRole('radio', { name: 'Ja' }).check();
  await page.getByRole('button', { name: 'Portfolio aftekenen' }).last().click();
  await expect.poll(() => diploma.isDisabled()).toBe(false);
  await shot('6-unblocked');
});
