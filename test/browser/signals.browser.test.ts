import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite, signIn } from '../support/browser';
import { longSession, type TestApp } from '../support/helpers';

// At tablet size: a docent signals from the dossier that a student does not feel well; the
// coördinator finds it on the worklist and closes it with a note, which the history keeps.
const suite = browserSuite();
let t: TestApp;
let page: Page;
let base: string;
let student = '';

const shot = (name: string) => page.screenshot({ path: `${artefacts}/signals-${name}.png`, fullPage: true });

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  await t.user('docent', 'staff', 'docent');
  await t.user('coordinator', 'staff', 'coordinator');
  const headers = await longSession(t, 'coordinator', new Date());
  student = (
    await t.request({
      method: 'POST',
      url: '/api/cases',
      headers,
      payload: {
        workflow: 'student-traject',
        data: { naam: 'Sanne de Vries', aanmelder: 'uwv', instroomroute: 'gilde' },
      },
    })
  ).json().id;
  await page.setViewportSize({ width: 768, height: 1024 });
});

it('a docent signals that a student does not feel well, and the coördinator closes it from the worklist', async () => {
  await signIn(page, base, 'docent');
  await page.goto(`${base}/cases/${student}`);
  const card = page.getByRole('region', { name: 'Signaal' });
  await card.getByRole('button', { name: 'Voelt zich niet goed' }).click();
  await card.getByLabel('Toelichting (mag leeg)').fill('Hoofdpijn, wil naar huis');
  await card.getByRole('button', { name: 'Signaal doorgeven' }).click();
  await card.getByRole('status').filter({ hasText: 'Doorgegeven aan de coördinatoren.' }).waitFor();
  const history = page.getByTestId('history');
  await history.getByText('Signaal: Voelt zich niet goed').waitFor();
  expect(await history.textContent()).toContain('Hoofdpijn, wil naar huis');
  await shot('1-given');

  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await signIn(page, base, 'coordinator');
  await page.getByRole('link', { name: 'Werklijst' }).click();
  const signals = page.getByRole('region', { name: /^Signalen/ });
  const item = signals.getByRole('listitem').filter({ hasText: 'Sanne de Vries' });
  await item.waitFor();
  expect(await item.textContent()).toContain('Hoofdpijn, wil naar huis');
  expect(await item.textContent()).toContain('doorgegeven door docent');
  await shot('2-worklist');
  // The page fits the tablet: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);

  await item.getByRole('button', { name: 'Afsluiten' }).click();
  await item.getByLabel('Hoe is het opgepakt?').fill('Besproken; moeder haalt haar op');
  await shot('3-closing');
  await item.getByRole('button', { name: 'Signaal afsluiten' }).click();
  await expect.poll(() => signals.count()).toBe(0);

  await page.goto(`${base}/cases/${student}`);
  await history.getByText('Signaal afgesloten').waitFor();
  expect(await history.textContent()).toContain('Besproken; moeder haalt haar op');
  await shot('4-history');
});
