import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite } from '../support/browser';
import { sanne, type TestApp } from '../support/helpers';
import { introWorkflow } from '../support/fixtures';
import { shippedWorkflows } from '../../workflows';

const suite = browserSuite({ workflows: [...shippedWorkflows(), introWorkflow] });
let t: TestApp;
let base: string;
let page: Page;

beforeAll(async () => {
  ({ app: t, base, page } = suite);
  await t.user('coordinator', 'staff', 'coordinator');
  await t.user('projectleider', 'manager');
});

const shot = (name: string) => page.screenshot({ path: `${artefacts}/skeleton-${name}.png`, fullPage: true });

it('a staff member logs in, opens a case, advances it and sees the history row', async () => {
  const headers = await t.as('coordinator');
  const created = (
    await t.request({
      method: 'POST',
      url: '/api/cases',
      headers,
      payload: { workflow: 'student-traject', data: sanne },
    })
  ).json();

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

it('shows a blocked action disabled with the rule in words, until the sign-off list is signed', async () => {
  const headers = await t.as('coordinator');
  const c = (
    await t.request({
      method: 'POST',
      url: '/api/cases',
      headers,
      payload: { workflow: 'test-intro', data: { naam: 'Mo Bakker' } },
    })
  ).json();
  await page.goto(`${base}/cases/${c.id}`);
  const decide = page.getByRole('button', { name: 'Duur en leerroute vastgesteld' });
  await decide.waitFor();
  expect(await decide.isDisabled()).toBe(true);
  const reason = page.locator(`#${await decide.getAttribute('aria-describedby')}`);
  expect(await reason.textContent()).toContain('Nog niet afgetekend (2): Portfolio gestart; Rooster besproken');
  await shot('5-blocked');

  const now = page.getByTestId('checklist-now');
  await now.getByLabel('Portfolio gestart').click();
  await expect.poll(() => reason.textContent()).toContain('Nog niet afgetekend (1): Rooster besproken');
  await expect.poll(() => now.textContent()).toContain('afgetekend door coordinator');
  // Only a manager may sign the timetable: it is not offered, who may is said, nothing is signed
  // (the server's refusal is test/integration/timers.test.ts's).
  expect(await now.getByLabel('Rooster besproken').isDisabled()).toBe(true);
  expect(await now.textContent()).toContain('Aftekenen doet: projectleider of beheerder');
  expect(await now.getByLabel('Rooster besproken').isChecked()).toBe(false);
  await shot('6-refused');

  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByLabel('Gebruikersnaam').fill('projectleider');
  await page.getByLabel('Wachtwoord').fill('projectleider-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  // Logging in again keeps you on the dossier you were looking at.
  await page.getByRole('heading', { name: 'Mo Bakker' }).waitFor();
  await page.getByTestId('checklist-now').getByLabel('Rooster besproken').click();
  await expect.poll(() => decide.isDisabled()).toBe(false);
  await decide.click();
  await page.getByTestId('state').filter({ hasText: 'Leerroute' }).waitFor();
  await expect
    .poll(() => page.getByTestId('history').textContent())
    .toContain('Afgetekend: Rooster besproken door projectleider');
  await shot('7-unblocked');
});
