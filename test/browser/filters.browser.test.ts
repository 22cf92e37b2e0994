import { beforeAll, expect, it } from 'vitest';
import type { Locator, Page, Route } from 'playwright-core';
import { artefacts, browserSuite } from '../support/browser';
import type { TestApp } from '../support/helpers';

const suite = browserSuite();
let t: TestApp;
let page: Page;
let base: string;

const shot = (name: string) => page.screenshot({ path: `${artefacts}/filters-${name}.png`, fullPage: true });

/**
 * Holds the server's answers to the requests `slow` picks for `ms` before the page gets them, so
 * an older question is answered after a newer one. Resolves once every held answer is delivered.
 */
async function answerLate(slow: (url: URL) => boolean, ms: number) {
  const delivered: Promise<void>[] = [];
  const handler = async (route: Route) => {
    const response = await route.fetch();
    await new Promise((r) => setTimeout(r, ms));
    await route.fulfill({ response });
  };
  await page.route(slow, (route) => {
    const done = handler(route);
    delivered.push(done);
    return done;
  });
  return {
    held: () => delivered.length,
    async delivered() {
      await Promise.all(delivered);
      await page.unroute(slow);
    },
  };
}

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  const headers = await t.user('coordinator', 'staff', 'coordinator');
  const post = async (payload: Record<string, unknown>) => {
    const res = await t.request({ method: 'POST', url: '/api/cases', headers, payload });
    expect(res.statusCode, res.body).toBe(201);
  };
  await post({
    workflow: 'student-traject',
    data: { naam: 'Sanne de Vries', aanmelder: 'uwv', instroomroute: 'bijstand' },
  });
  await post({ workflow: 'student-traject', data: { naam: 'Kees Peeters', aanmelder: 'uwv', instroomroute: 'ww' } });
  await post({
    workflow: 'client-hulpvraag',
    data: { naam: 'Riet Janssen', adres: 'Kerkstraat 1', hulpvraag: 'Samen boodschappen doen' },
  });

  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill('coordinator');
  await page.getByLabel('Wachtwoord').fill('coordinator-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Dossiers' }).waitFor();
});

/**
 * Chooses `first` and then `second` in a filter while the server's answer to `first` is held back,
 * and checks that the page shows the answer to `second`, also after the first one arrives.
 */
async function lastChoiceWins(o: {
  filter: Locator;
  first: string;
  second: string;
  slow: (url: URL) => boolean;
  shown: Locator;
  /** In the answer to the second choice, not in the first's. */
  kept: string;
  /** In the answer to the first choice, not in the second's. */
  gone: string;
}) {
  const late = await answerLate(o.slow, 1500);
  await o.filter.selectOption({ label: o.first });
  await expect.poll(() => late.held()).toBe(1);
  await o.filter.selectOption({ label: o.second });
  await expect.poll(() => o.shown.textContent()).not.toContain(o.gone);
  expect(await o.shown.textContent()).toContain(o.kept);

  // The first answer arrives now; the page still shows what it was last asked for.
  await late.delivered();
  await page.waitForTimeout(500);
  expect(await o.shown.textContent()).toContain(o.kept);
  expect(await o.shown.textContent()).not.toContain(o.gone);
}

it('the case list shows the answer to the last process chosen, though the first is answered later', async () => {
  const table = page.locator('table.cases');
  await expect.poll(() => table.textContent()).toContain('Riet Janssen');
  expect(await table.textContent()).toContain('Sanne de Vries');
  const filter = page.getByRole('combobox', { name: 'Proces' });
  await lastChoiceWins({
    filter,
    first: 'Studenttraject',
    second: 'Hulpvraag van een wijkbewoner',
    slow: (url) => url.pathname === '/api/cases' && url.searchParams.get('workflow') === 'student-traject',
    shown: table,
    kept: 'Riet Janssen',
    gone: 'Sanne de Vries',
  });
  expect(await filter.inputValue()).toBe('client-hulpvraag');
  await shot('1-case-list');
});

it("the board shows the last choice of a data filter, though the first one's answer comes later", async () => {
  await page.getByRole('link', { name: 'Bord' }).click();
  const board = page.getByTestId('board');
  await expect.poll(() => board.textContent()).toContain('Kees Peeters');
  expect(await board.textContent()).toContain('Sanne de Vries');
  await lastChoiceWins({
    filter: page.getByRole('combobox', { name: 'Instroomroute' }),
    first: 'Bijstand / Participatiewet',
    second: 'WW',
    slow: (url) => url.pathname === '/api/board' && url.searchParams.get('instroomroute') === 'bijstand',
    shown: board,
    kept: 'Kees Peeters',
    gone: 'Sanne de Vries',
  });
  await shot('2-board');
});
