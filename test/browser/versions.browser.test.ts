import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Definition } from '../../engine';
import { shippedVariants } from '../../workflows';
import { artefacts, browserSuite, signIn } from '../support/browser';
import { longSession, type TestApp } from '../support/helpers';

// A projectleider's journey over days: publishing asks first and shows what it does to running
// cases; the next day, in a new page, the versions and the migration are still there to find.
const suite = browserSuite();
let t: TestApp;
let page: Page;
let base: string;
let manager: Record<string, string> = {};
const waiting: string[] = [];

const shot = (p: Page, name: string) => p.screenshot({ path: `${artefacts}/versions-${name}.png`, fullPage: true });
const wide = { width: 1366, height: 900 };
const tablet = { width: 768, height: 1024 };

/** Yesterday's draft: the intake is now a "Kennismakingsgesprek" under another name, so its cases need a place. */
function renamedIntake(published: Definition): Definition {
  const { version: _v, ...def } = structuredClone(published);
  const states = Object.fromEntries(
    Object.entries(def.machine.states).map(([key, state]) =>
      key === 'intake'
        ? ['kennismaking', { ...state, meta: { ...state.meta, label: { nl: 'Kennismakingsgesprek' } } }]
        : [key, state],
    ),
  );
  return JSON.parse(
    JSON.stringify({ ...def, machine: { ...def.machine, states } }).replace(
      /"target":"intake"/g,
      '"target":"kennismaking"',
    ),
  );
}

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  await t.user('projectleider', 'manager');
  manager = await longSession(t, 'projectleider');
  for (const naam of ['Sanne de Vries', 'Mo Bakker']) {
    const c = await t.request({
      method: 'POST',
      url: '/api/cases',
      headers: manager,
      payload: { workflow: 'student-traject', data: { naam, aanmelder: 'uwv', instroomroute: 'gilde' } },
    });
    const moved = await t.request({
      method: 'POST',
      url: `/api/cases/${c.json().id}/events`,
      headers: manager,
      payload: { type: 'INTAKE_PLANNEN', data: { intakeDatum: '2026-09-03' } },
    });
    expect(moved.json().state).toBe('intake');
    waiting.push(c.json().id);
  }
  const published = (
    await t.request({ method: 'GET', url: '/api/workflows/student-traject', headers: manager })
  ).json();
  const saved = await t.request({
    method: 'PUT',
    url: '/api/workflows/student-traject/draft',
    headers: manager,
    payload: { definition: renamedIntake(published.definition), revision: 0 },
  });
  expect(saved.statusCode, saved.body).toBe(200);
}, 120_000);

it('publishing warns about the cases in a step that goes away, asks where they go and for a note', async () => {
  await page.setViewportSize(wide);
  await signIn(page, base, 'projectleider');
  await page.goto(`${base}/processen/student-traject`);
  await page.locator('.react-flow__node[data-id="kennismaking"]').waitFor();
  const side = page.locator('.designer-side');
  // The problem list says it before publishing is even opened.
  await side
    .locator('.problems')
    .getByText(/2 lopende dossiers staan in 'Intake' \(versie 1\)/)
    .click();
  await side.getByRole('heading', { name: 'Wat dit doet met lopende dossiers' }).waitFor();
  await side.getByText("2 in 'Intake' (v1): die stap heeft het concept niet meer").waitFor();

  await side.getByRole('button', { name: 'Publiceer als versie 2…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Versie 2 publiceren' });
  await dialog.getByText("Stap 'Kennismakingsgesprek' toegevoegd").waitFor();
  const publish = dialog.getByRole('button', { name: 'Publiceer als versie 2', exact: true });
  expect(await publish.isDisabled()).toBe(true);
  await dialog.getByText('Kies eerst voor elke stap die verdwijnt').waitFor();
  await dialog.getByLabel("2 in 'Intake' (v1)").selectOption({ label: 'Kennismakingsgesprek' });
  await dialog.getByText('Schrijf eerst in een zin wat er verandert en waarom.').waitFor();
  expect(await publish.isDisabled()).toBe(true);
  await dialog
    .getByLabel(/Wat verandert er en waarom/)
    .fill('De intake heet nu kennismakingsgesprek (stuurgroep 12 nov).');
  await shot(page, '1-publish-asks');
  await publish.click();
  await side.getByText('Versie 2 is gepubliceerd. Nieuwe dossiers starten op deze versie.').waitFor();

  // The choice made when publishing goes along to moving the cases.
  await side.getByRole('link', { name: 'Lopende dossiers overzetten: v1 → v2' }).click();
  const migration = page.getByRole('group', { name: 'v1 → v2' });
  await expect.poll(() => migration.getByLabel('Wordt: Intake').inputValue()).toBe('kennismaking');
  await migration.getByRole('checkbox', { name: 'Sanne de Vries' }).waitFor();
  await shot(page, '2-migration-after-publishing');
});

it('a day later, in a new page, the manager finds the versions and moves a running case', async () => {
  const later = await page.context().newPage();
  await later.setViewportSize(wide);
  await later.goto(`${base}/processen`);
  await later
    .getByRole('row', { name: /Studenttraject/ })
    .getByRole('link', { name: 'Versies en overzetten' })
    .click();
  const versions = later.locator('table.versions');
  await versions.getByRole('row', { name: /v2/ }).getByText('De intake heet nu kennismakingsgesprek').waitFor();
  await versions.getByRole('row', { name: /v1/ }).getByText('2 dossiers').click();
  await versions.getByRole('row', { name: /v1/ }).getByText('Intake: 2').waitFor();
  await later.getByText('Er is geen concept.', { exact: false }).waitFor();
  await shot(later, '3-versions');

  await versions.getByRole('row', { name: /v1/ }).getByRole('link', { name: 'Overzetten' }).click();
  const migration = later.getByRole('group', { name: 'v1 → v2' });
  await migration.getByRole('checkbox', { name: 'Mo Bakker' }).waitFor();
  // Nothing was handed over to this page: the step is not mapped yet and its cases cannot go.
  expect(await migration.getByLabel('Wordt: Intake').inputValue()).toBe('');
  expect(await migration.getByRole('checkbox', { name: 'Mo Bakker' }).isDisabled()).toBe(true);
  await migration.getByLabel('Wordt: Intake').selectOption({ label: 'Kennismakingsgesprek' });
  await expect.poll(() => migration.getByRole('checkbox', { name: 'Mo Bakker' }).isDisabled()).toBe(false);
  // Choosing by step, then leaving one case out.
  await migration.getByRole('checkbox', { name: "Alle dossiers in 'Intake' (2)" }).uncheck();
  await migration.getByRole('checkbox', { name: 'Mo Bakker' }).check();
  await later.setViewportSize(tablet);
  await shot(later, '4-migration-tablet');
  await migration.getByRole('button', { name: 'Zet de gekozen dossiers over (1)' }).click();
  await migration.getByText('1 dossier is overgezet.').waitFor();
  const mo = (await t.request({ method: 'GET', url: `/api/cases/${waiting[1]}`, headers: manager })).json();
  expect(mo).toMatchObject({ workflow: { version: 2 }, state: 'kennismaking' });
  const sanne = (await t.request({ method: 'GET', url: `/api/cases/${waiting[0]}`, headers: manager })).json();
  expect(sanne).toMatchObject({ workflow: { version: 1 }, state: 'intake' });
  await later.close();
});

it('discards an imported draft, after asking, so another package can be read in', async () => {
  await page.setViewportSize(wide);
  const horst = shippedVariants().find((v) => v.file.startsWith('horst'))!.text;
  // A file input only tells of a file that differs from the last one chosen: two names.
  const [path, again] = ['horst.wlb.json', 'horst-opnieuw.wlb.json'].map((name) => join(t.dir, name));
  writeFileSync(path, horst);
  writeFileSync(again, horst);
  await page.goto(`${base}/delen`);
  await page.getByLabel('Pakket kiezen').setInputFiles(path);
  await page.getByRole('button', { name: 'Opslaan als concept' }).click();
  await expect.poll(() => page.getByTestId('result').textContent()).toContain('Opgeslagen als concept');

  // Reading it in again meets the draft: it can be thrown away right here.
  await page.getByLabel('Pakket kiezen').setInputFiles(again);
  await page.getByRole('note').getByText('Er is al een concept van deze workflow.').waitFor();
  expect(await page.getByRole('button', { name: 'Opslaan als concept' }).isDisabled()).toBe(true);
  await page.getByRole('button', { name: 'Concept weggooien…' }).click();
  await page.getByRole('group', { name: 'Concept weggooien' }).getByText('gaan verloren').waitFor();
  await shot(page, '5-discard-asks');
  await page.getByRole('button', { name: 'Ja, gooi het concept weg' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Opslaan als concept' }).isDisabled()).toBe(false);
  expect(await page.getByRole('note').count()).toBe(0);
  expect(
    (await t.request({ method: 'GET', url: '/api/workflows/student-traject/draft', headers: manager })).statusCode,
  ).toBe(404);

  // And from the workflow page: the draft is described, compared with a version, and discarded.
  await page.getByRole('button', { name: 'Opslaan als concept' }).click();
  await expect.poll(() => page.getByTestId('result').textContent()).toContain('Opgeslagen als concept');
  await page.goto(`${base}/processen/student-traject/versies`);
  const draft = page.locator('section[aria-labelledby="draft-title"]');
  await draft.getByText(/ingelezen uit een pakket van horst/).waitFor();
  await draft.getByLabel('Vergelijk het concept met').selectOption('1');
  await draft
    .locator('.changes')
    .getByText(/Kennismaking in de groep/)
    .first()
    .waitFor();
  await page.setViewportSize(tablet);
  await shot(page, '6-workflow-tablet');
  await draft.getByRole('button', { name: 'Concept weggooien…' }).click();
  await draft.getByRole('button', { name: 'Ja, gooi het concept weg' }).click();
  await draft.getByText('Er is geen concept.', { exact: false }).waitFor();
});
