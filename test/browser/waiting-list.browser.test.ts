import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite } from '../support/browser';
import { longSession, type TestApp } from '../support/helpers';
import { clientAgreement } from '../../workflows/walk';

const clock = { now: new Date('2026-10-01T09:00:00Z') };
const suite = browserSuite({ now: () => clock.now });
let t: TestApp;
let page: Page;
let base: string;
let coordinator: Record<string, string>;
const ids: Record<string, string> = {};

const post = async (url: string, payload: Record<string, unknown>, headers = coordinator) => {
  const res = await t.request({ method: 'POST', url, headers, payload });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json();
};

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  await t.user('coordinator', 'staff', 'coordinator');
  await t.user('projectleider', 'manager');
  coordinator = await longSession(t, 'coordinator', clock.now);
  const manager = await longSession(t, 'projectleider', clock.now);
  const set = await t.request({
    method: 'PUT',
    url: '/api/metrics/places',
    headers: manager,
    payload: { workflow: 'client-hulpvraag', places: 2 },
  });
  expect(set.statusCode, set.body).toBe(200);
  // Two clients take the site's two places; Cor, then Dien, find it full.
  for (const naam of ['Anna', 'Bert', 'Cor', 'Dien']) {
    const c = await post('/api/cases', {
      workflow: 'client-hulpvraag',
      data: { naam, adres: 'Kerkstraat 1', hulpvraag: 'Boodschappen' },
    });
    ids[naam] = c.id;
    await post(`/api/cases/${c.id}/events`, { type: 'HUISBEZOEK_PLANNEN', data: { huisbezoekDatum: '2026-10-05' } });
    await post(`/api/cases/${c.id}/events`, { type: 'OVEREENKOMST', data: clientAgreement });
    clock.now = new Date(clock.now.getTime() + 2 * 86_400_000);
  }
  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill('coordinator');
  await page.getByLabel('Wachtwoord').fill('coordinator-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Dossiers' }).waitFor();
});

it('the coördinator sees who waits in the order they came, and offers the place that frees up to the first on the list', async () => {
  const shot = (name: string) => page.screenshot({ path: `${artefacts}/waiting-${name}.png`, fullPage: true });
  await page.getByRole('link', { name: 'Wachtlijst' }).click();
  const table = page.getByTestId('waiting-client-hulpvraag');
  await table.waitFor();
  const rows = () => table.locator('tbody tr').allTextContents();
  // Place in line, name, since, days, now.
  await expect.poll(rows).toEqual([expect.stringMatching(/^1Cor.*4Wacht$/), expect.stringMatching(/^2Dien.*2Wacht$/)]);
  expect(await page.getByText('2 van 2 plaatsen bezet · 0 plaatsen vrij').count()).toBe(1);
  expect(await page.getByRole('button', { name: /Plaats aanbieden/ }).count()).toBe(0);
  await shot('1-full');

  // Anna stops: her place frees up, and only Cor, first on the list, is offered it.
  await post(`/api/cases/${ids.Anna}/events`, { type: 'STOPPEN', data: { redenAfsluiting: 'Verhuisd' } });
  await page.reload();
  await table.waitFor();
  await expect
    .poll(rows)
    .toEqual([expect.stringMatching(/^1Cor.*Aan de beurt/), expect.stringMatching(/^2Dien.*Wacht$/)]);
  expect(await page.getByRole('button', { name: 'Plaats aanbieden: Dien' }).count()).toBe(0);
  await shot('2-a-place-free');
  await page.getByRole('button', { name: 'Plaats aanbieden: Cor' }).click();
  await expect.poll(rows).toEqual([expect.stringMatching(/^1Dien.*Wacht$/)]);
  expect(await page.getByText('2 van 2 plaatsen bezet · 0 plaatsen vrij').count()).toBe(1);
  await shot('3-offered');

  // Cor's dossier: in matching now, a student is sought for them.
  await page.getByRole('link', { name: 'Dossiers' }).click();
  await page.getByRole('link', { name: 'Cor' }).click();
  await page.getByText('Matching met een student').first().waitFor();
});
