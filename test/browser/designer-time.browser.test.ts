import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite, findStep } from '../support/browser';

const suite = browserSuite();
let page: Page;

const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const side = () => page.locator('.designer-side');
/** A step with steps inside is selected by its own name: a point inside it may be one of its steps. */
const groupTitle = (id: string) => node(id).locator(':scope > .step-node > .step-title');

beforeAll(async () => {
  page = suite.page;
  await suite.app.user('projectleider', 'manager');
  await page.goto(suite.base);
  await page.getByLabel('Gebruikersnaam').fill('projectleider');
  await page.getByLabel('Wachtwoord').fill('projectleider-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('link', { name: 'Processen' }).click();
  await page
    .getByRole('row', { name: /Studenttraject/ })
    .getByRole('link', { name: 'Openen' })
    .click();
  await node('opleiding.leerbedrijf.school.zorgstage.loopt').waitFor();
}, 120_000);

it('shows a rule over time since a date in words a manager can edit, its months included', async () => {
  // Since the wijk runs beside the school (issue 23) the care placement lies below the first view, and
  // the line of "Zorgstage starten" runs over the group's title there, so the title is clicked as an element.
  await findStep(page, 'Startgesprek voorbereiden');
  await page.screenshot({ path: `${artefacts}/designer-time-0-care-placement.png` });
  await groupTitle('opleiding.leerbedrijf.school.zorgstage').dispatchEvent('click');
  await side().getByRole('button', { name: 'Diploma uitreiken' }).click();
  await side().getByRole('heading', { name: 'Actie: Diploma uitreiken' }).waitFor();
  expect(await side().getByLabel('Sinds', { exact: true }).inputValue()).toBe('zorgstageStart');
  // The sign-off parts name their phase by its own key: each shows that phase, not the whole list.
  const scopes = await side()
    .getByLabel('Aftekenlijst compleet', { exact: true })
    .evaluateAll((els) => els.map((el) => (el as HTMLSelectElement).value));
  expect(scopes).toEqual([
    'opleiding.leerbedrijf.school.introductie',
    'opleiding.leerbedrijf.school.welzijnsstage',
    'opleiding.leerbedrijf.school.zorgstage',
  ]);
  expect(await side().getByLabel('Tijd sinds een datum: maanden').inputValue()).toBe('3');
  await expect.poll(() => side().locator('.rule-words').textContent()).toMatch(/3 maanden/);
  await page.screenshot({ path: `${artefacts}/designer-time-1-since.png` });
});

it('says a timer until the next start moment in words instead of offering a duration', async () => {
  await findStep(page, 'Wacht op het startmoment');
  await side()
    .getByRole('heading', { name: /^Stap: / })
    .waitFor();
  await side().getByRole('button', { name: 'Startmoment' }).click();
  await side()
    .getByRole('heading', { name: /^Timer: / })
    .waitFor();
  await expect.poll(() => side().textContent()).toMatch(/op de eerstvolgende 1 september of 1 februari/);
  expect(await side().getByRole('group', { name: 'Na' }).count()).toBe(0);
  await page.screenshot({ path: `${artefacts}/designer-time-2-start-moment.png` });
});
