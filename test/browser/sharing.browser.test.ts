import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makePackage, readPackage, type Definition, type WorkflowPackage } from '../../engine';
import { shippedVariants } from '../../workflows';
import { artefacts, browserSuite } from '../support/browser';
import type { TestApp } from '../support/helpers';

const suite = browserSuite();
let t: TestApp;
let page: Page;
let base: string;
let manager: Record<string, string>;

const horst = (): WorkflowPackage => {
  const r = readPackage(shippedVariants().find((v) => v.file.startsWith('horst'))!.text);
  if (!r.ok) throw new Error('variant');
  return r.package;
};

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  manager = await t.user('projectleider', 'manager');
});

const shot = (name: string) => page.screenshot({ path: `${artefacts}/sharing-${name}.png`, fullPage: true });
const file = (name: string, text: string) => {
  const path = join(t.dir, name);
  writeFileSync(path, text);
  return path;
};

it('a manager reads a package in: refused with paths when damaged, the differences in Dutch, stored as a draft and published', async () => {
  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill('projectleider');
  await page.getByLabel('Wachtwoord').fill('projectleider-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('link', { name: 'Delen' }).click();
  await page.getByTestId('export').waitFor();
  expect(
    await page.getByTestId('export').getByRole('link', { name: 'Pakket downloaden' }).first().getAttribute('href'),
  ).toBe('/api/workflows/client-hulpvraag/export');
  await shot('1-page');

  const text = JSON.stringify(horst(), null, 2);
  await page
    .getByLabel('Pakket kiezen')
    .setInputFiles(file('kapot.wlb.json', text.replace('"Kennismaking in de groep"', '"Kennismaking"')));
  const alert = page.getByTestId('refusal');
  await expect.poll(() => alert.textContent()).toContain('sha256: De controlesom klopt niet');
  expect(await alert.textContent()).toContain('Dit pakket kan niet worden ingelezen');
  await shot('2-refused');

  await page.getByLabel('Pakket kiezen').setInputFiles(file('horst-student-traject.wlb.json', text));
  const changes = page.getByTestId('changes');
  await expect.poll(() => changes.textContent()).toContain("Stap 'Kennismaking in de groep' toegevoegd");
  expect(await page.getByTestId('preview').textContent()).toContain('Van horst, student-traject versie 3');
  expect(await changes.textContent()).toContain("Veld 'Duur van de opleiding': keuzes eraf: '18 maanden'");
  expect(
    (await t.request({ method: 'GET', url: '/api/workflows/student-traject/draft', headers: manager })).statusCode,
  ).toBe(404);
  await shot('3-differences');

  await page.getByRole('button', { name: 'Opslaan als concept' }).click();
  await expect
    .poll(() => page.getByTestId('result').textContent())
    .toContain("Opgeslagen als concept van 'student-traject'");
  await page.getByRole('button', { name: 'Concept publiceren' }).click();
  await expect
    .poll(() => page.getByTestId('result').textContent())
    .toContain("'student-traject' is gepubliceerd als versie 2");
  await shot('4-published');
  expect(
    (await t.request({ method: 'GET', url: '/api/workflows/student-traject', headers: manager })).json().definition
      .title.nl,
  ).toBe('Studenttraject (Horst aan de Maas)');
});

it('a newer upstream package shows both sides, and the manager picks per change', async () => {
  // Venray changes its copy: its own name for the intake step.
  const local = (await t.request({ method: 'GET', url: '/api/workflows/student-traject', headers: manager })).json()
    .definition as Definition;
  local.machine.states.intake.meta!.label = { nl: 'Intakegesprek Venray' };
  await t.request({
    method: 'PUT',
    url: '/api/workflows/student-traject/draft',
    headers: manager,
    payload: { definition: local },
  });
  await t.request({ method: 'POST', url: '/api/workflows/student-traject/publish', headers: manager, payload: {} });
  // Horst publishes version 4: another name for the same step, and a field.
  const upstream = structuredClone(horst().definition);
  upstream.machine.states.intake.meta!.label = { nl: 'Intake en matchgesprek' };
  upstream.fields.vervoer = { type: 'string', label: { nl: 'Vervoer naar de stage' } };
  const v4 = makePackage(upstream, {
    site: 'horst',
    version: 4,
    exportedAt: '2026-12-01T09:00:00.000Z',
    basedOn: horst().provenance.basedOn,
  });

  await page.getByLabel('Pakket kiezen').setInputFiles(file('horst-v4.wlb.json', JSON.stringify(v4)));
  const merge = page.getByTestId('merge');
  await merge.waitFor();
  const rows = merge.locator('tbody tr');
  await expect.poll(() => rows.count()).toBe(2);
  const conflict = merge.locator('tr.conflict');
  expect(await conflict.textContent()).toContain("Stap 'Intake': heet nu 'Intake en matchgesprek'");
  expect(await conflict.textContent()).toContain("Stap 'Intake': heet nu 'Intakegesprek Venray'");
  expect(await conflict.getByRole('radio', { name: 'Eigen' }).isChecked()).toBe(true);
  await shot('5-three-way');

  await conflict.getByRole('radio', { name: 'Bron' }).check();
  await merge.getByRole('button', { name: 'Samenvoegen tot concept' }).click();
  await expect.poll(() => page.getByTestId('result').textContent()).toContain('Opgeslagen als concept');
  await shot('6-merged');
  const draft = (
    await t.request({ method: 'GET', url: '/api/workflows/student-traject/draft', headers: manager })
  ).json();
  expect(draft.definition.machine.states.intake.meta.label.nl).toBe('Intake en matchgesprek');
  expect(draft.definition.fields).toHaveProperty('vervoer');
  expect(draft.upstream).toEqual({ site: 'horst', key: 'student-traject', version: 4 });
});
