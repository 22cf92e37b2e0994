import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite } from '../support/browser';
import type { TestApp } from '../support/helpers';
import { TestClock, studentInWijk } from '../support/planning';

// 08:40 in Venray: the morning check-in.
const clock = new TestClock(new Date('2026-12-02T07:40:00.000Z'));
const suite = browserSuite({ now: clock.now });
let t: TestApp;
let page: Page;
let base: string;
let headers: Record<string, string>;

const shot = (name: string) => page.screenshot({ path: `${artefacts}/presence-${name}.png`, fullPage: true });

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  headers = await t.user('coordinator', 'staff', 'coordinator');
  for (const naam of ['Sanne de Vries', 'Mo Bakker', 'Fatima El Amrani'])
    await studentInWijk(t, clock, { naam }, [], { until: 'introductie' });
  // Only registered: not on the day's list, since he does not start his day at the location yet.
  const res = await t.request({
    method: 'POST',
    url: '/api/cases',
    headers,
    payload: { workflow: 'student-traject', data: { naam: 'Ali Aanmelding', aanmelder: 'uwv', instroomroute: 'ww' } },
  });
  expect(res.statusCode, res.body).toBe(201);
  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill('coordinator');
  await page.getByLabel('Wachtwoord').fill('coordinator-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Dossiers' }).waitFor();
});

it('a coördinator marks one student present and one absent, phones the absent one, and the call list empties', async () => {
  await page.getByRole('link', { name: 'Aanwezigheid' }).click();
  await page.getByRole('heading', { name: 'Aanwezigheid' }).waitFor();
  expect(page.url()).toBe(`${base}/aanwezigheid`);
  const count = page.getByTestId('presence-count');
  await expect.poll(() => count.textContent()).toBe('0/3');
  expect(await page.getByLabel('Dag').inputValue()).toBe('2026-12-02');
  // By name: Fatima, Mo, Sanne.
  const names = await page.getByTestId('presence-list').locator('li strong').allTextContents();
  expect(names).toEqual(['Fatima El Amrani', 'Mo Bakker', 'Sanne de Vries']);
  await shot('1-morning');

  const row = (name: string) => page.getByRole('group', { name });
  await row('Sanne de Vries').getByRole('button', { name: 'Aanwezig', exact: true }).click();
  await expect.poll(() => count.textContent()).toBe('1/3');
  expect(
    await row('Sanne de Vries').getByRole('button', { name: 'Aanwezig', exact: true }).getAttribute('aria-pressed'),
  ).toBe('true');

  const calls = page.getByTestId('call-list');
  expect(await calls.textContent()).toBe('');
  await row('Mo Bakker').getByRole('button', { name: 'Afwezig', exact: true }).click();
  await expect.poll(() => calls.textContent()).toContain('Mo Bakker');
  expect(await page.getByRole('heading', { name: 'Vandaag bellen' }).isVisible()).toBe(true);
  expect(await count.textContent()).toBe('1/3');
  await shot('2-absent-on-call-list');

  // The API says the same as the page.
  const api = (await t.request({ method: 'GET', url: '/api/presence', headers })).json();
  expect(api.counts).toMatchObject({ total: 3, present: 1, afwezig: 1 });
  expect(api.calls.map((c: { name: string }) => c.name)).toEqual(['Mo Bakker']);

  await calls.locator('li', { hasText: 'Mo Bakker' }).getByRole('button', { name: 'Bereikt', exact: true }).click();
  await expect.poll(() => calls.textContent()).toBe('');
  await page.getByText('Niemand te bellen.').waitFor();
  await page.getByText('Mo Bakker: gebeld door coordinator').waitFor();
  await shot('3-called');
  const after = (await t.request({ method: 'GET', url: '/api/presence', headers })).json();
  expect(after.calls).toEqual([]);
  expect(after.students.find((s: { name: string }) => s.name === 'Mo Bakker')).toMatchObject({
    status: 'afwezig',
    calledBy: 'coordinator',
  });
});

it('another day is its own list, and "Vandaag" goes back', async () => {
  await page.getByLabel('Dag').fill('2026-12-01');
  await expect.poll(() => page.getByTestId('presence-count').textContent()).toBe('0/3');
  await page.getByRole('button', { name: 'Vandaag' }).click();
  await expect.poll(() => page.getByTestId('presence-count').textContent()).toBe('1/3');
});
