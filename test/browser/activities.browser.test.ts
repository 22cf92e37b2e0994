import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite, signIn } from '../support/browser';
import type { TestApp } from '../support/helpers';
import { TestClock, studentInWijk } from '../support/planning';

const clock = new TestClock(new Date('2026-11-20T13:00:00.000Z'));
const suite = browserSuite({ now: clock.now });
let t: TestApp;
let page: Page;
let base: string;
const ids: Record<string, string> = {};

const shot = (name: string) => page.screenshot({ path: `${artefacts}/activities-${name}.png`, fullPage: true });

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  await t.user('coordinator', 'staff', 'coordinator');
  for (const naam of ['Sanne de Vries', 'Mo Bakker', 'Fatima El Amrani'])
    ids[naam] = await studentInWijk(t, clock, { naam }, [], { until: 'introductie' });
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, base, 'coordinator');
});

it('a coördinator records an excursion with two students, and it stands in their dossiers', async () => {
  await page.getByRole('link', { name: 'Activiteiten' }).click();
  await page.getByRole('heading', { name: 'Activiteiten', level: 1 }).waitFor();
  expect(page.url()).toBe(`${base}/activiteiten`);
  await page.getByText('Nog geen activiteiten vastgelegd.').waitFor();
  const form = page.getByRole('form', { name: 'Activiteit vastleggen' });
  // The students to choose from, by name.
  expect(await form.locator('.participant-choice').allTextContents()).toEqual([
    ' Fatima El Amrani',
    ' Mo Bakker',
    ' Sanne de Vries',
  ]);
  await form.getByLabel('Soort').selectOption({ label: 'Excursie' });
  await form.getByLabel('Wat en waar').fill('Tweede Kamer');
  await form.getByLabel('Datum').fill('2026-11-18');
  await form.getByLabel('Hoe ging het?').fill('Rondleiding en een debat op de tribune. De groep wil nog eens.');
  // Nobody chosen yet: said at the choices, nothing sent.
  await form.getByRole('button', { name: 'Vastleggen' }).click();
  await form.getByText('Kies minstens één student.').waitFor();
  await form.getByLabel('Sanne de Vries').check();
  await form.getByLabel('Mo Bakker').check();
  await shot('1-form');
  await form.getByRole('button', { name: 'Vastleggen' }).click();
  await expect
    .poll(() => form.getByRole('status').textContent())
    .toBe('Vastgelegd in het dossier van Sanne de Vries, Mo Bakker.');
  const card = page.locator('.activity').first();
  await expect.poll(() => card.locator('h3').textContent()).toBe('Excursie: Tweede Kamer 18 november 2026');
  expect(await card.textContent()).toContain('Deden mee: Sanne de Vries, Mo Bakker');
  // The form is empty again for the next one.
  expect(await form.getByLabel('Wat en waar').inputValue()).toBe('');
  expect(await form.getByLabel('Sanne de Vries').isChecked()).toBe(false);
  await shot('2-recorded');

  await page.setViewportSize({ width: 768, height: 1024 });
  await shot('3-tablet');
  await page.setViewportSize({ width: 1366, height: 900 });

  await card.getByRole('link', { name: 'Sanne de Vries' }).click();
  await page.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  await page.getByText('Excursie: Tweede Kamer (18-11-2026)').waitFor();
});

it('a coördinator corrects it: Mo did not go, Fatima did; both dossiers say so', async () => {
  await page.goto(`${base}/activiteiten`);
  const card = page.locator('.activity').first();
  await card.getByRole('button', { name: 'Corrigeren: Tweede Kamer' }).click();
  const form = page.getByRole('form', { name: 'Activiteit corrigeren' });
  // The record as it stands, to change.
  expect(await form.getByLabel('Wat en waar').inputValue()).toBe('Tweede Kamer');
  expect(await form.getByLabel('Mo Bakker').isChecked()).toBe(true);
  await form.getByLabel('Mo Bakker').uncheck();
  await form.getByLabel('Fatima El Amrani').check();
  await form.getByLabel('Waarom corrigeren?').fill('Mo was ziek; Fatima ging in zijn plaats');
  await page.setViewportSize({ width: 768, height: 1024 });
  await form.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${artefacts}/activities-4-correct-tablet.png` });
  await page.setViewportSize({ width: 1366, height: 900 });
  await form.getByRole('button', { name: 'Correctie opslaan' }).click();
  await expect
    .poll(() => page.locator('.activity').first().getByRole('status').textContent())
    .toBe('Gecorrigeerd; het staat in het dossier van wie het aangaat.');
  expect(await page.locator('.activity').first().textContent()).toContain(
    'Deden mee: Sanne de Vries, Fatima El Amrani',
  );
  await shot('5-corrected');

  await page.locator('.activity').first().getByRole('link', { name: 'Fatima El Amrani' }).click();
  await page.getByRole('heading', { name: 'Fatima El Amrani' }).waitFor();
  await page.getByText('Excursie: Tweede Kamer (18-11-2026)').waitFor();
  await page.goto(`${base}/cases/${ids['Mo Bakker']}`);
  await page.getByRole('heading', { name: 'Mo Bakker' }).waitFor();
  await page.getByText('Niet meegedaan aan Excursie: Tweede Kamer (18-11-2026) (correctie)').waitFor();
  const history = page.getByTestId('history');
  await history.getByText('Reden: Mo was ziek; Fatima ging in zijn plaats').waitFor();
  // The record in words, not its keys.
  expect(await history.textContent()).not.toMatch(/activity:|kind:|evaluation:|removed:/);
  await history.getByText('Rondleiding en een debat op de tribune. De groep wil nog eens.').waitFor();
  await history
    .locator('li')
    .first()
    .screenshot({ path: `${artefacts}/activities-6-dossier-correction.png` });
});
