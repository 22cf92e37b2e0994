import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Definition } from '../../engine';
import { artefacts, browserSuite, signIn } from '../support/browser';
import { longSession, type TestApp } from '../support/helpers';

// The rule builder asks instead of inventing, keeps what was built when its kind changes, and a
// problem in the list takes the manager to the very input it is about.
const suite = browserSuite();
let t: TestApp;
let page: Page;
let base: string;
let manager: Record<string, string> = {};

const shot = (name: string) => page.screenshot({ path: `${artefacts}/rules-${name}.png` });
const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
/** Selects a step as a manager finds one in a large diagram: by searching its name. */
const findStep = async (name: string) => {
  const search = page.getByRole('search').getByLabel('Stap zoeken');
  await search.fill(name);
  await search.press('Enter');
  await side()
    .getByRole('heading', { name: `Stap: ${name}` })
    .waitFor();
};
const side = () => page.locator('.designer-side');
const rule = 'machine.states.aanmelding.on.INTAKE_PLANNEN.guard.params';
const at = (path: string) => side().locator(`[data-path="${path}"]`);
const words = () => side().locator('.rule-words');
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-path'));
const serverDraft = async (): Promise<{ definition: Definition }> =>
  (await t.request({ method: 'GET', url: '/api/workflows/student-traject/draft', headers: manager })).json();

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  await t.user('projectleider', 'manager');
  manager = await longSession(t, 'projectleider');
}, 120_000);

it('starts a new rule empty, and keeps the built condition when "Alle van" or "Een van" is chosen', async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, base, 'projectleider');
  await page.goto(`${base}/processen/student-traject`);
  await node('aanmelding').click();
  await side().getByRole('button', { name: 'Intakegesprek plannen' }).click();
  await side().getByRole('heading', { name: 'Actie: Intakegesprek plannen' }).waitFor();

  // Adding a rule asks what it checks and which field; nothing is made up, nothing is saved yet.
  await side().getByRole('button', { name: 'Regel toevoegen' }).click();
  const asks = side().getByRole('group', { name: 'Nieuwe regel' });
  expect(await asks.getByLabel('Wat kijkt de regel na?').inputValue()).toBe('condition');
  expect(await asks.getByLabel('Veld', { exact: true }).inputValue()).toBe('');
  expect(await words().count()).toBe(0);
  await shot('1-new-rule-asks');
  await asks.getByLabel('Veld', { exact: true }).selectOption({ label: 'Instroomroute' });
  await at(`${rule}.op`).selectOption({ label: 'is niet' });
  await at(`${rule}.value`).locator('select').selectOption({ label: 'WW' });
  await words().getByText("Instroomroute is niet 'WW'").waitFor();

  // "Alle van" wraps it; a second part is asked for in the same way.
  await side().getByLabel('Regel (alleen mogelijk als…): soort').first().selectOption({ label: 'Alle van' });
  await expect.poll(() => at(`${rule}.all.0.field`).inputValue()).toBe('instroomroute');
  expect(await at(`${rule}.all.0.value`).locator('select').inputValue()).toBe('ww');
  await side().getByRole('button', { name: 'Deel toevoegen' }).click();
  await side()
    .getByRole('group', { name: 'Nieuwe regel' })
    .getByLabel('Veld', { exact: true })
    .selectOption({ label: 'Taalniveau Nederlands' });
  await at(`${rule}.all.1.op`).selectOption({ label: 'is een van' });
  await at(`${rule}.all.1.value`).getByLabel('B1 of hoger').check();
  await at(`${rule}.all.1.value`).getByLabel('Op weg naar B1', { exact: true }).check();
  // Brackets where "en" and "of" meet: it reads one way only.
  await words()
    .getByText("(Instroomroute is niet 'WW' en (Taalniveau Nederlands is 'B1 of hoger' of 'Op weg naar B1'))")
    .waitFor();
  await shot('2-all-of');

  // "Een van" keeps both parts; a kind with nothing to keep asks, and going back changes nothing.
  await side().getByLabel('Regel (alleen mogelijk als…): soort').first().selectOption({ label: 'Een van' });
  await words()
    .getByText("(Instroomroute is niet 'WW' of (Taalniveau Nederlands is 'B1 of hoger' of 'Op weg naar B1'))")
    .waitFor();
  await side()
    .getByLabel('Regel (alleen mogelijk als…): soort')
    .first()
    .selectOption({ label: 'Aftekenlijst compleet' });
  await side().getByRole('group', { name: 'Nieuwe regel' }).getByLabel('Welke aftekenlijst').waitFor();
  await side().getByRole('group', { name: 'Nieuwe regel' }).getByRole('button', { name: 'Annuleren' }).click();
  expect(await side().getByLabel('Regel (alleen mogelijk als…): soort').first().inputValue()).toBe('any');
  await page.getByRole('status').getByText('Opgeslagen', { exact: true }).waitFor();
  expect((await serverDraft()).definition.machine.states.aanmelding.on!.INTAKE_PLANNEN).toMatchObject({
    guard: {
      type: 'rule',
      params: {
        any: [
          { field: 'instroomroute', op: 'ne', value: 'ww' },
          { field: 'taalniveau', op: 'in', value: ['b1', 'op-weg-naar-b1'] },
        ],
      },
    },
  });
});

it('a problem says where it is, and choosing it focuses that very input: a step, a language, a field', async () => {
  // Markup in the English name of one step, and a second step called like the first. In the
  // whole diagram the steps are small and edge labels lie over them: found by their names.
  await findStep('Inschrijving bij Gilde');
  await side().getByLabel('Naam (Engels)').fill('Enrolment <b>');
  await side().getByLabel('Naam (Engels)').press('Enter');
  await findStep('Intake');
  await side().getByLabel('Naam (Nederlands)').fill('Aanmelding');
  await side().getByLabel('Naam (Nederlands)').press('Enter');
  const problems = page.locator('.problems');
  const markup = problems.getByRole('button', {
    name: /^Stap 'Inschrijving bij Gilde', naam \(Engels\): een tekst mag geen/,
  });
  const twice = problems.getByRole('button', {
    name: "Twee stappen heten 'Aanmelding' (dit is de 2e): geef elke stap een eigen naam",
  });
  await markup.waitFor();
  await twice.waitFor();

  await findStep('Verlof');
  await markup.click();
  await side().getByRole('heading', { name: 'Stap: Inschrijving bij Gilde' }).waitFor();
  await expect.poll(focused).toBe('machine.states.inschrijving.meta.label.en');
  await twice.click();
  await side().getByRole('heading', { name: 'Stap: Aanmelding' }).waitFor();
  await expect.poll(focused).toBe('machine.states.intake.meta.label.nl');
  await shot('3-problem-focuses');

  // A field called like another: the problem opens the field list at that field's name.
  await page.getByRole('tab', { name: 'Gegevens' }).click();
  await side().getByRole('button', { name: 'Geboortedatum', exact: true }).click();
  await side().getByLabel('Naam (Nederlands)').fill('Naam');
  await side().getByLabel('Naam (Nederlands)').press('Enter');
  await page.getByRole('tab', { name: 'Stap', exact: true }).click();
  const field = problems.getByRole('button', { name: /^Twee velden heten 'Naam'/ });
  await field.click();
  await side().getByRole('group', { name: 'Veld: Naam' }).waitFor();
  await expect.poll(focused).toBe('fields.geboortedatum.label.nl');
  // On a tablet the panel is below the diagram: choosing the problem scrolls its input into view.
  await page.setViewportSize({ width: 768, height: 1024 });
  await field.click();
  await expect.poll(focused).toBe('fields.geboortedatum.label.nl');
  const box = await side().getByLabel('Naam (Nederlands)').boundingBox();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(1024);
  await shot('4-field-tablet');
});

it('finds a step by name in the diagram and selects it', async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  const search = page.getByRole('search').getByLabel('Stap zoeken');
  await search.fill('betaalde baan');
  await search.press('Enter');
  await side().getByRole('heading', { name: 'Stap: Overstap naar betaalde baan (WW)' }).waitFor();
  await expect.poll(() => node('opleiding.overstap-werkgever').getAttribute('class')).toContain('selected');
  await search.fill('bestaat niet');
  await page.getByRole('search').getByText('Geen stap met die naam').waitFor();
  await shot('5-step-search');
});
