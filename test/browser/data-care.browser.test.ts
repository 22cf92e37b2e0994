import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite, signIn } from '../support/browser';
import type { TestApp } from '../support/helpers';

const suite = browserSuite();
let t: TestApp;
let page: Page;
let base: string;
let riet = '';

const shot = (name: string) => page.screenshot({ path: `${artefacts}/data-care-${name}.png`, fullPage: true });
const sizes = [
  [1366, 900],
  [768, 1024],
] as const;

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  const coordinator = await t.user('coordinator', 'staff', 'coordinator');
  await t.user('projectleider', 'manager');
  const res = await t.request({
    method: 'POST',
    url: '/api/cases',
    headers: coordinator,
    payload: {
      workflow: 'client-hulpvraag',
      data: { naam: 'Riet Janssen', adres: 'Kerkstraat 1', hulpvraag: 'Samen boodschappen doen' },
    },
  });
  riet = res.json().id;
});

it('a coördinator corrects an address with the reason: the case stays, the history shows old and new', async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, base, 'coordinator');
  await page.goto(`${base}/cases/${riet}`);
  await page.getByRole('heading', { name: 'Riet Janssen' }).waitFor();
  const state = await page.getByTestId('state').textContent();
  await page.getByRole('button', { name: 'Gegeven corrigeren' }).click();
  const form = page.getByRole('form', { name: 'Gegeven corrigeren' });
  await form.getByLabel('Veld').selectOption('adres');
  await form.getByLabel('Juiste waarde').fill('Kerkstraat 11');
  await form.getByLabel('Reden', { exact: true }).fill('Huisnummer verkeerd overgenomen');
  for (const [w, h] of sizes) {
    await page.setViewportSize({ width: w, height: h });
    await shot(`1-correct-form-${w}`);
  }
  await form.getByRole('button', { name: 'Correctie opslaan' }).click();
  await expect.poll(() => page.getByTestId('history').textContent()).toContain('Gecorrigeerd: Adres');
  const history = await page.getByTestId('history').textContent();
  expect(history).toContain('Adres: Kerkstraat 1 → Kerkstraat 11');
  expect(history).toContain('Reden: Huisnummer verkeerd overgenomen');
  expect(await page.getByTestId('state').textContent()).toBe(state);
  expect(await page.getByRole('region', { name: 'Gegevens' }).textContent()).toContain('AdresKerkstraat 11');
  // A coördinator reads no access log, and may not void.
  expect(await page.getByRole('region', { name: 'Inzage' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Vervallen verklaren' }).count()).toBe(0);
  for (const [w, h] of sizes) {
    await page.setViewportSize({ width: w, height: h });
    await shot(`2-corrected-${w}`);
  }
});

it('the projectleider sees who looked at the dossier and voids it as created by mistake', async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.context().clearCookies();
  await signIn(page, base, 'projectleider');
  await page.goto(`${base}/cases/${riet}`);
  await page.getByRole('heading', { name: 'Riet Janssen' }).waitFor();
  await t.app.accessLog.flush();
  await page.reload();
  const access = page.getByRole('region', { name: 'Inzage' });
  await expect.poll(() => access.textContent()).toContain('coordinator');
  // Said in words, not as the route that answered.
  expect(await access.textContent()).toContain('Dossier geopend');
  expect(await access.textContent()).not.toContain('/api/');

  await page.getByRole('button', { name: 'Vervallen verklaren' }).click();
  const form = page.getByRole('form', { name: 'Vervallen verklaren' });
  await form.getByLabel('Reden', { exact: true }).fill('Dubbel aangemaakt, zie het andere dossier');
  for (const [w, h] of sizes) {
    await page.setViewportSize({ width: w, height: h });
    await shot(`3-void-form-${w}`);
  }
  await form.getByRole('button', { name: 'Vervallen verklaren' }).click();
  await page.getByRole('status').filter({ hasText: 'Vervallen' }).waitFor();
  expect(await page.getByTestId('history').textContent()).toContain('Vervallen (aangemaakt bij vergissing)');
  expect(await page.getByRole('button', { name: 'Gegeven corrigeren' }).count()).toBe(0);
  for (const [w, h] of sizes) {
    await page.setViewportSize({ width: w, height: h });
    await shot(`4-voided-${w}`);
  }
});

it("the projectleider prints a person's export and reads a person's access log on the privacy page", async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${base}/cases/${riet}/export`);
  await page.getByRole('heading', { name: 'Inzageverzoek: Riet Janssen' }).waitFor();
  const main = page.locator('main');
  expect(await main.textContent()).toContain('Kerkstraat 11');
  expect(await main.textContent()).toContain('Gecorrigeerd: Adres');
  expect(await page.getByRole('button', { name: 'Afdrukken' }).count()).toBe(1);
  expect(await page.getByRole('link', { name: 'Opslaan als JSON' }).getAttribute('download')).toBe(
    `inzage-${riet.slice(0, 8)}.json`,
  );
  for (const [w, h] of sizes) {
    await page.setViewportSize({ width: w, height: h });
    await shot(`5-export-${w}`);
  }

  await page.setViewportSize({ width: 1366, height: 900 });
  await t.app.accessLog.flush();
  await page.getByRole('link', { name: 'Privacy' }).click();
  await page.getByRole('heading', { name: 'Gepseudonimiseerd in de komende 30 dagen' }).waitFor();
  expect(await main.textContent()).toContain('Niets in de komende 30 dagen.');
  await page.getByLabel('Gebruikersnaam (leeg: uzelf)').fill('coordinator');
  await page.getByRole('button', { name: 'Tonen' }).click();
  const log = page.getByTestId('person-log');
  await expect.poll(() => log.textContent()).toContain('Dossier geopend');
  expect(await log.textContent()).toContain('Riet Janssen');
  for (const [w, h] of sizes) {
    await page.setViewportSize({ width: w, height: h });
    await shot(`6-privacy-${w}`);
  }
});
