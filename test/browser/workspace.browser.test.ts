import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite } from '../support/browser';
import type { TestApp } from '../support/helpers';

const suite = browserSuite();
let t: TestApp;
let page: Page;
let base: string;
let headers: Record<string, string>;

const shot = (name: string) => page.screenshot({ path: `${artefacts}/workspace-${name}.png`, fullPage: true });

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  headers = await t.user('coordinator', 'staff', 'coordinator');
  const post = async (url: string, payload: Record<string, unknown>) => {
    const res = await t.request({ method: 'POST', url, headers, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const riet = await post('/api/cases', {
    workflow: 'client-hulpvraag',
    data: { naam: 'Riet Janssen', adres: 'Kerkstraat 1', hulpvraag: 'Samen boodschappen doen' },
  });
  await post(`/api/cases/${riet.id}/events`, { type: 'HUISBEZOEK_PLANNEN', data: { huisbezoekDatum: '2026-12-01' } });
  const students: [string, string][] = [
    ['Sanne', 'gilde'],
    ['Mo', 'bijstand'],
    ['Fatima', 'bijstand'],
    ['Kees', 'ww'],
  ];
  for (const [naam, instroomroute] of students)
    await post('/api/cases', { workflow: 'student-traject', data: { naam, aanmelder: 'uwv', instroomroute } });
  const mo = (await t.request({ method: 'GET', url: '/api/cases?q=Mo', headers })).json().items[0];
  await post(`/api/cases/${mo.id}/events`, { type: 'INTAKE_PLANNEN', data: { intakeDatum: '2026-12-03' } });

  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill('coordinator');
  await page.getByLabel('Wachtwoord').fill('coordinator-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Dossiers' }).waitFor();
});

it('the worklist shows the home visit to record, and its button opens the dossier at that action', async () => {
  await page.getByRole('link', { name: 'Werklijst' }).click();
  const list = page.getByTestId('worklist');
  await expect.poll(() => list.textContent()).toContain('Riet Janssen');
  const item = list.locator('li', { hasText: 'Riet Janssen' });
  expect(await item.textContent()).toContain('Huisbezoek');
  await shot('1-worklist');
  // The coördinator's own work by default; the docent's work does not hold a home visit.
  const whose = page.getByRole('combobox', { name: 'Werk van' });
  expect(await whose.inputValue()).toBe('coordinator');
  await whose.selectOption({ label: 'Docent' });
  await expect.poll(() => list.textContent()).not.toContain('Riet Janssen');
  await whose.selectOption({ label: 'Coördinator' });
  await expect.poll(() => list.textContent()).toContain('Riet Janssen');
  await item.getByRole('button', { name: 'Klantovereenkomst getekend' }).click();
  await page.getByRole('heading', { name: 'Riet Janssen' }).waitFor();
  // The form of the action is open: its fields are there without another click.
  await page.getByText('Veilige werkplek').first().waitFor();
  expect(page.url()).toContain('actie=OVEREENKOMST');
  await shot('2-opened-at-action');

  // Sent without answers: every question is named as required, nothing is stored.
  await page.getByRole('button', { name: 'Klantovereenkomst getekend' }).last().click();
  await expect.poll(() => page.locator('.field-error').count()).toBe(7);
  expect(await page.locator('.field-error').first().textContent()).toContain('verplicht');
  await shot('3-form-errors');
  for (const question of [
    'Veilige werkplek',
    'Hulpvraag niet te complex',
    'Rechten en plichten besproken',
    'Toestemming voor het vastleggen van gegevens',
  ]) {
    await page
      .getByRole('radiogroup', { name: new RegExp(question) })
      .getByRole('radio', { name: 'Ja' })
      .check();
  }
  await page.getByLabel(/^Klantovereenkomst getekend op/).fill('2026-11-02');
  await page.getByLabel(/^Wederdienst \(afgesproken\)/).fill('Samen Nederlands oefenen');
  await page.getByLabel(/^Overeenkomst evalueren op/).fill('2027-05-03');
  await page.getByRole('button', { name: 'Klantovereenkomst getekend' }).last().click();
  await page.getByTestId('state').filter({ hasText: 'Matching' }).waitFor();
  await expect
    .poll(() => page.getByTestId('history').textContent())
    .toContain('Klantovereenkomst getekend door coordinator');
  await shot('4-agreement-signed');
});

it('the board has a column per step whose counts match the API, and its filters narrow it', async () => {
  await page.getByRole('link', { name: 'Bord' }).click();
  const board = page.getByTestId('board');
  await expect.poll(() => board.textContent()).toContain('Sanne');
  const count = async (state: string) => Number(await page.getByTestId(`count-${state}`).textContent());
  const api = async (query: string) =>
    (await t.request({ method: 'GET', url: `/api/cases?workflow=student-traject&${query}`, headers })).json().total;
  expect(await count('aanmelding')).toBe(await api('state=aanmelding'));
  expect(await count('intake')).toBe(await api('state=intake'));
  expect(await count('aanmelding')).toBe(3);
  await shot('5-board');

  await page.getByRole('combobox', { name: 'Instroomroute' }).selectOption({ label: 'Bijstand / Participatiewet' });
  await expect.poll(() => count('aanmelding')).toBe(1);
  expect(await count('intake')).toBe(1);
  expect(await board.textContent()).not.toContain('Sanne');
  await shot('6-board-filtered');
});
