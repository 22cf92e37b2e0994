import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite } from '../support/browser';
import type { TestApp } from '../support/helpers';

const suite = browserSuite();
let t: TestApp;
let page: Page;
let base: string;

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  const headers = await t.user('docent', 'staff', 'docent');
  for (const naam of ['Sanne de Vries', 'Mo Bakker']) {
    const res = await t.request({
      method: 'POST',
      url: '/api/cases',
      headers,
      payload: { workflow: 'student-traject', data: { naam, aanmelder: 'uwv', instroomroute: 'gilde' } },
    });
    expect(res.statusCode).toBe(201);
  }
  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill('docent');
  await page.getByLabel('Wachtwoord').fill('docent-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Dossiers' }).waitFor();
});

it('the progress meeting lists every running student; a note made there shows as the last meeting’s, and the page prints', async () => {
  const shot = (name: string) => page.screenshot({ path: `${artefacts}/meeting-${name}.png`, fullPage: true });
  await page.getByRole('link', { name: 'Voortgangsoverleg' }).click();
  const table = page.getByTestId('meeting');
  await table.waitFor();
  expect(await table.locator('tbody tr').count()).toBe(2);
  await page.getByLabel('Notitie van vandaag: Mo Bakker').fill('Intake volgende week; oppas voor de kinderen regelen');
  await table.locator('tr', { hasText: 'Mo Bakker' }).getByRole('button', { name: 'Opslaan' }).click();
  // The "last meeting" column (the fourth cell) now holds the note, its date and its author.
  const last = table.locator('tr', { hasText: 'Mo Bakker' }).locator('td').nth(3);
  await expect.poll(() => last.textContent()).toContain('oppas voor de kinderen regelen');
  expect(await last.textContent()).toContain('docent');
  expect(await table.locator('tr', { hasText: 'Sanne de Vries' }).locator('td').nth(3).textContent()).toBe('–');
  await shot('1-list');
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByRole('button', { name: 'Afdrukken' }).isVisible()).toBe(false);
  await shot('2-print');
  await page.emulateMedia({ media: 'screen' });
});
