import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite } from '../support/browser';
import type { TestApp } from '../support/helpers';
import { withoutRestrictions } from '../support/fixtures';
import { shippedWorkflows } from '../../workflows';

// Screening on its own: here the docent may take the home visit's actions that the shipped client
// request keeps to the coördinator (test/browser/people.browser.test.ts shows those refused).
const suite = browserSuite({ workflows: withoutRestrictions(shippedWorkflows()) });
let t: TestApp;
let page: Page;
let base: string;
let riet = '';

const shot = (name: string) => page.screenshot({ path: `${artefacts}/privacy-${name}.png`, fullPage: true });

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  const coordinator = await t.user('coordinator', 'staff', 'coordinator');
  await t.user('docent', 'staff', 'docent');
  const post = async (url: string, payload: Record<string, unknown>) => {
    const res = await t.request({ method: 'POST', url, headers: coordinator, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  riet = (
    await post('/api/cases', {
      workflow: 'client-hulpvraag',
      data: { naam: 'Riet Janssen', adres: 'Kerkstraat 1', hulpvraag: 'Samen boodschappen doen' },
    })
  ).id;
  await post(`/api/cases/${riet}/events`, { type: 'HUISBEZOEK_PLANNEN', data: { huisbezoekDatum: '2026-12-01' } });
});

it("a docent opens a resident's dossier: the personal data says 'afgeschermd', and the referral that needs it is closed with the reason", async () => {
  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill('docent');
  await page.getByLabel('Wachtwoord').fill('docent-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Dossiers' }).waitFor();
  // The list names the resident by the start of the id only.
  await expect.poll(() => page.locator('main').textContent()).toContain(`afgeschermd · ${riet.slice(0, 8)}`);
  expect(await page.locator('main').textContent()).not.toContain('Riet');

  await page.goto(`${base}/cases/${riet}`);
  await page.getByRole('heading', { name: `afgeschermd · ${riet.slice(0, 8)}` }).waitFor();
  const data = page.getByRole('region', { name: 'Gegevens' });
  expect(await data.textContent()).toContain('Adresafgeschermd');
  expect(await data.textContent()).toContain('Datum huisbezoek1 december 2026');
  expect(await page.getByTestId('history').textContent()).toContain('Adres: afgeschermd');
  expect(await page.locator('main').textContent()).not.toMatch(/Riet|Kerkstraat|boodschappen/);

  const refer = page.getByRole('button', { name: 'Doorverwijzen naar professionele zorg' });
  expect(await refer.isDisabled()).toBe(true);
  // Described by its reason first, then by its closing the dossier.
  const reason = page.locator(`#${(await refer.getAttribute('aria-describedby'))!.split(' ')[0]}`);
  expect(await reason.textContent()).toContain(
    'afgeschermde persoonsgegevens (Doorverwezen naar); alleen coördinator of projectleider mag die zien',
  );
  // Recording the agreement asks nothing personal: the docent can.
  expect(await page.getByRole('button', { name: 'Klantovereenkomst getekend' }).isDisabled()).toBe(false);
  await shot('1-docent-sees-screened-client');
});
