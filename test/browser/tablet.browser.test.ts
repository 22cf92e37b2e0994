import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite } from '../support/browser';
import type { TestApp } from '../support/helpers';
import { clientAgreement } from '../../workflows/walk';

/**
 * The morning round is done on a tablet (report 4.1: the student is seen at the door): the main
 * pages fit 768 px upright without sideways scrolling, and their buttons are big enough to tap.
 */
// On a start moment, so the enrolled student is in the introduction once the scheduler has run.
const suite = browserSuite({ now: () => new Date('2026-09-01T09:00:00Z') });
let t: TestApp;
let page: Page;
let base: string;
let sanne = '';
let riet = '';

const shot = (name: string) => page.screenshot({ path: `${artefacts}/tablet-${name}.png`, fullPage: true });

/** Nothing sticks out sideways: the page is as wide as the screen. */
const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Tappable controls smaller than 40 px high (WCAG's 44 minus the borders some inputs draw inside), the menu's too. */
const smallTargets = () =>
  page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'main button, main select, main input:not([type=checkbox]):not([type=radio]), .topbar a, .topbar button, main a.back',
      ),
    ]
      .filter((el) => (el as HTMLElement).offsetParent !== null && el.getBoundingClientRect().height < 40)
      .map((el) => (el as HTMLElement).innerText || el.getAttribute('aria-label') || el.outerHTML.slice(0, 60)),
  );

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  const headers = await t.user('coordinator', 'staff', 'coordinator');
  const post = async (url: string, payload: Record<string, unknown>) => {
    const res = await t.request({ method: 'POST', url, headers, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  // Enrolled on the start moment: in the introduction, at the location, so on the presence list.
  const enrolled = async (naam: string, instroomroute: string) => {
    const id = (
      await post('/api/cases', { workflow: 'student-traject', data: { naam, aanmelder: 'uwv', instroomroute } })
    ).id as string;
    for (const [type, data] of [
      ['INTAKE_PLANNEN', { intakeDatum: '2026-09-01' }],
      ['MATCH', { taalniveau: 'b1', coach: 'Ans' }],
      [
        'INGESCHREVEN',
        {
          inschrijfdatum: '2026-09-01',
          niveau: '2',
          startmoment: 'september',
          ...(instroomroute === 'bijstand' ? { behoudUitkering: true } : {}),
        },
      ],
    ] as const) {
      await post(`/api/cases/${id}/events`, { type, data });
    }
    return id;
  };
  sanne = await enrolled('Sanne de Vries', 'gilde');
  for (const naam of ['Mo Bakker', 'Fatima El Amrani']) await enrolled(naam, 'bijstand');
  await t.app.scheduler.runDue();
  riet = (
    await post('/api/cases', {
      workflow: 'client-hulpvraag',
      data: { naam: 'Riet Janssen', adres: 'Kerkstraat 1', hulpvraag: 'Samen boodschappen doen' },
    })
  ).id;
  await post(`/api/cases/${riet}/events`, { type: 'HUISBEZOEK_PLANNEN', data: { huisbezoekDatum: '2026-12-01' } });
  await post(`/api/cases/${riet}/events`, {
    type: 'OVEREENKOMST',
    data: clientAgreement,
  });

  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill('coordinator');
  await page.getByLabel('Wachtwoord').fill('coordinator-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Dossiers' }).waitFor();
});

it('the worklist fits a tablet upright', async () => {
  await page.getByRole('link', { name: 'Werklijst' }).click();
  await expect.poll(() => page.getByTestId('worklist').textContent()).toContain('Riet Janssen');
  expect(await overflow()).toBe(0);
  expect(await smallTargets()).toEqual([]);
  await shot('1-worklist');
});

it("a student's dossier, with its sign-off list and progress, fits a tablet upright", async () => {
  await page.goto(`${base}/cases/${sanne}`);
  await page.getByTestId('checklist-now').waitFor();
  expect(await overflow()).toBe(0);
  expect(await smallTargets()).toEqual([]);
  await shot('2-student-dossier');
});

it("a client's dossier with an open form fits a tablet upright", async () => {
  await page.goto(`${base}/cases/${riet}?actie=GEMATCHT`);
  await page.getByRole('combobox', { name: /^Student/ }).waitFor();
  expect(await overflow()).toBe(0);
  expect(await smallTargets()).toEqual([]);
  await shot('3-client-dossier-form');
});

it('the morning presence list fits a tablet upright, with the call list below the students', async () => {
  await page.getByRole('link', { name: 'Aanwezigheid' }).click();
  const list = page.getByTestId('presence-list');
  await expect.poll(() => list.textContent()).toContain('Sanne de Vries');
  await list.locator('li', { hasText: 'Mo Bakker' }).getByRole('button', { name: 'Afwezig' }).click();
  await expect.poll(() => page.getByTestId('call-list').textContent()).toContain('Mo Bakker');
  expect(await overflow()).toBe(0);
  expect(await smallTargets()).toEqual([]);
  await shot('4-presence');
});
