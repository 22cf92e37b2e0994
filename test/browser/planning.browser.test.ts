import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite } from '../support/browser';
import { longSession, type TestApp } from '../support/helpers';
import { TestClock, studentInWijk } from '../support/planning';
import { clientAgreement } from '../../workflows/walk';

/**
 * The coördinator's day on a tablet held upright (768×1024): a week planned for two students and
 * three clients on the board, a visit recorded, one student absent and the residents to call.
 */
// Wednesday 2 December 2026, 08:40 in Venray.
const clock = new TestClock(new Date('2026-12-02T07:40:00.000Z'));
const suite = browserSuite({ now: clock.now });
let t: TestApp;
let page: Page;
let base: string;
const ids: Record<string, string> = {};

const shot = async (name: string) => {
  for (const [w, h] of [
    [768, 1024],
    [1366, 900],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${artefacts}/planning-${name}-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 768, height: 1024 });
};
const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
/** Tappable controls under 40 px high, as the tablet test counts them. */
const smallTargets = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('main button, main select, main a.button-link')]
      .filter((el) => (el as HTMLElement).offsetParent !== null && el.getBoundingClientRect().height < 40)
      .map((el) => (el as HTMLElement).innerText || el.getAttribute('aria-label') || el.outerHTML.slice(0, 60)),
  );

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  await t.user('coordinator', 'staff', 'coordinator');
  const headers = await longSession(t, 'coordinator', new Date('2025-01-01'));
  const post = async (url: string, payload: Record<string, unknown>) => {
    const res = await t.request({ method: 'POST', url, headers, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  ids.sanne = await studentInWijk(t, clock, { naam: 'Sanne de Vries', telefoon: '06-11112222' }, [
    'ma-ochtend',
    'wo-ochtend',
    'do-middag',
  ]);
  ids.mo = await studentInWijk(t, clock, { naam: 'Mo Bakker', telefoon: '06-55556666' }, ['wo-ochtend', 'vr-ochtend']);
  const clients: [string, string, string, string[]][] = [
    ['Riet Janssen', '077-1234567', ids.sanne, ['wo-ochtend']],
    ['Kees Hendriks', '077-7654321', ids.sanne, ['ma-ochtend', 'do-middag']],
    ['Anna Peters', '077-1112223', ids.mo, ['vr-ochtend']],
  ];
  for (const [naam, telefoon, student, dagdelen] of clients) {
    const c = await post('/api/cases', {
      workflow: 'client-hulpvraag',
      data: { naam, adres: `${naam.split(' ')[1]}straat 1`, telefoon, hulpvraag: 'Samen boodschappen doen' },
    });
    ids[naam] = c.id;
    await post(`/api/cases/${c.id}/events`, { type: 'HUISBEZOEK_PLANNEN', data: { huisbezoekDatum: '2026-11-20' } });
    await post(`/api/cases/${c.id}/events`, {
      type: 'OVEREENKOMST',
      data: clientAgreement,
    });
    await post(`/api/cases/${c.id}/events`, {
      type: 'GEMATCHT',
      data: { student, dagdelen, frequentie: String(dagdelen.length), voorkeur: 'zelfde-gezicht' },
    });
  }
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill('coordinator');
  await page.getByLabel('Wachtwoord').fill('coordinator-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Dossiers' }).waitFor();
}, 120_000);

it('shows the week of two students and three clients at tablet size, with supply and demand', async () => {
  await page.getByRole('link', { name: 'Planning' }).click();
  await page.getByRole('heading', { name: 'Planning' }).waitFor();
  const board = page.getByTestId('plan-board');
  await board.waitFor();
  const sanne = board.locator('tr[data-student="Sanne de Vries"]');
  await expect.poll(() => sanne.locator('[data-halfday="wo-ochtend"]').textContent()).toContain('Riet Janssen');
  expect(await sanne.locator('[data-halfday="ma-ochtend"]').textContent()).toContain('Kees Hendriks');
  expect(await sanne.locator('[data-halfday="wo-ochtend"]').textContent()).toContain('Janssenstraat 1');
  const mo = board.locator('tr[data-student="Mo Bakker"]');
  expect(await mo.locator('[data-halfday="vr-ochtend"]').textContent()).toContain('Anna Peters');
  expect(await mo.locator('[data-halfday="wo-ochtend"]').textContent()).toContain('vrij');
  expect(await page.getByTestId('plan-totals').textContent()).toContain('Week 49');
  expect(await page.getByTestId('plan-totals').textContent()).toContain('Aanbod: 5 (gepland 4, vrij 1)');
  expect(await page.getByTestId('plan-totals').textContent()).toContain('Vraag: 4 (wachtend 0)');
  expect(await overflow()).toBe(0);
  expect(await smallTargets()).toEqual([]);
  await shot('1-week');

  // Monday's visit to Kees went well, three hours: recorded on the board with the hours it took.
  await sanne.locator('[data-halfday="ma-ochtend"] input.plan-hours').fill('3');
  await sanne.locator('[data-halfday="ma-ochtend"] select').selectOption('gedaan');
  await expect.poll(() => sanne.locator('[data-halfday="ma-ochtend"]').textContent()).toContain('3 uur');
  const saved = (
    await t.request({
      method: 'GET',
      url: '/api/planning/week',
      headers: await longSession(t, 'coordinator', new Date('2025-01-01')),
    })
  ).json();
  const cell = saved.rows
    .find((r: { student: { caseId: string } }) => r.student.caseId === ids.sanne)
    .cells.find((c: { halfDay: string }) => c.halfDay === 'ma-ochtend');
  expect(cell.clients[0].session).toMatchObject({ status: 'gedaan', hours: 3 });

  // The next week and back.
  await page.getByRole('button', { name: /Volgende week/ }).click();
  await expect.poll(() => page.getByTestId('plan-totals').textContent()).toContain('Week 50');
  await page.getByRole('button', { name: 'Deze week' }).click();
  await expect.poll(() => page.getByTestId('plan-totals').textContent()).toContain('Week 49');
});

it('marks one student absent and shows the residents to call, with their number to tap', async () => {
  await page.getByRole('link', { name: 'Aanwezigheid' }).click();
  const list = page.getByTestId('presence-list');
  await expect.poll(() => list.textContent()).toContain('Sanne de Vries');
  expect(await list.locator('li', { hasText: 'Sanne de Vries' }).textContent()).toContain(
    'in de wijk bij Riet Janssen',
  );
  await page.getByRole('group', { name: 'Sanne de Vries' }).getByRole('button', { name: 'Afwezig' }).click();
  const waiting = page.getByTestId('waiting-list');
  await expect.poll(() => waiting.textContent()).toContain('Riet Janssen');
  expect(await waiting.textContent()).toContain('woensdag ochtend');
  expect(await waiting.textContent()).toContain('Kan gaan: Mo Bakker');
  expect(await waiting.getByRole('link', { name: /Bel 077-1234567/ }).getAttribute('href')).toBe('tel:0771234567');
  // Sanne is on the call list with her own number.
  const calls = page.getByTestId('call-list');
  await expect.poll(() => calls.textContent()).toContain('Sanne de Vries');
  expect(await calls.getByRole('link', { name: /Bel 06-11112222/ }).getAttribute('href')).toBe('tel:0611112222');
  expect(await overflow()).toBe(0);
  expect(await smallTargets()).toEqual([]);
  await shot('2-absent');

  // Not reached, then reached: off the list; the first call stays visible until then.
  await calls.getByRole('button', { name: 'Niet bereikt' }).click();
  await expect.poll(() => calls.textContent()).toContain('Niet bereikt · coordinator');
  await calls.getByRole('button', { name: 'Ongedaan maken' }).click();
  await expect.poll(() => calls.textContent()).toContain('ongedaan');
  await calls.getByRole('button', { name: 'Bereikt', exact: true }).click();
  await expect.poll(() => calls.textContent()).not.toContain('Sanne de Vries');

  // Mo calls in: a reason is asked first.
  await page.getByRole('group', { name: 'Mo Bakker' }).getByRole('button', { name: 'Afgemeld' }).click();
  await page.getByLabel('Reden van afmelden').selectOption('niet-lekker');
  await expect.poll(() => list.locator('li', { hasText: 'Mo Bakker' }).textContent()).toContain('Voelt zich niet goed');
  await shot('3-called-in');
});
