import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite } from '../support/browser';
import type { TestApp } from '../support/helpers';

const suite = browserSuite();
let t: TestApp;
let page: Page;
let base: string;
let manager: Record<string, string>;

const camunda = () => readFileSync(new URL('../fixtures/bpmn/camunda7-hulpvraag.bpmn', import.meta.url), 'utf8');
const shot = (name: string) => page.screenshot({ path: `${artefacts}/interchange-${name}.png`, fullPage: true });
const file = (name: string, text: string) => {
  const path = join(t.dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  manager = await t.user('projectleider', 'manager');
});

it('a manager reads in a process from Camunda Modeler: refused by name when it holds code, then its draft, laid out in the designer', async () => {
  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill('projectleider');
  await page.getByLabel('Wachtwoord').fill('projectleider-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('link', { name: 'Delen' }).click();
  await page.getByTestId('export').waitFor();
  expect(await page.getByTestId('export').getByRole('link', { name: 'BPMN' }).first().getAttribute('href')).toBe(
    '/api/workflows/client-hulpvraag/bpmn',
  );

  const chooser = page.getByLabel('BPMN- of SCXML-bestand kiezen');
  const withService = camunda()
    .replace('<bpmn:userTask id="Activity_1w5v9gb"', '<bpmn:serviceTask id="Activity_1w5v9gb"')
    .replace(
      '</bpmn:userTask>\n    <bpmn:sequenceFlow id="Flow_1vbq1e3"',
      '</bpmn:serviceTask>\n    <bpmn:sequenceFlow id="Flow_1vbq1e3"',
    );
  await chooser.setInputFiles(file('met-servicetaak.bpmn', withService));
  const alert = page.getByTestId('tools-refusal');
  await expect.poll(() => alert.textContent()).toContain("Servicetaak 'Evaluatie' roept een systeem aan");
  expect(await alert.textContent()).toContain('Activity_1w5v9gb');
  expect(await alert.textContent()).toContain('Dit BPMN-bestand kan niet worden ingelezen');
  await shot('1-refused');

  await chooser.setInputFiles(file('hulpvraag.bpmn', camunda()));
  const preview = page.getByTestId('tools-preview');
  await expect.poll(() => preview.textContent()).toContain('Hulpvraag wijkbewoner');
  expect(await preview.textContent()).toContain('Deze workflow is nieuw op deze locatie.');
  expect(await preview.textContent()).toContain("Baan 'Student' noemt geen functie van het team");
  expect(
    (await t.request({ method: 'GET', url: '/api/workflows/hulpvraag-wijkbewoner/draft', headers: manager }))
      .statusCode,
  ).toBe(404);
  await shot('2-preview');

  await preview.getByRole('button', { name: 'Opslaan als concept' }).click();
  const result = page.getByTestId('tools-result');
  await expect
    .poll(() => result.textContent())
    .toContain("Opgeslagen als concept van 'hulpvraag-wijkbewoner' (revisie 1).");
  await shot('3-stored');

  await result.getByRole('button', { name: 'Concept publiceren' }).click();
  await expect.poll(() => result.textContent()).toContain("'hulpvraag-wijkbewoner' is gepubliceerd als versie 1.");

  // It has no positions: the designer lays it out, nested steps inside their parents.
  await result.getByRole('link', { name: 'Openen in de ontwerper' }).click();
  await expect
    .poll(() => page.evaluate(() => document.documentElement.dataset.designerReady), { timeout: 30_000 })
    .toBe('15');
  const nodes = page.locator('.react-flow__node');
  expect(await nodes.count()).toBe(15);
  const boxes = await nodes.evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.getAttribute('data-id')!, x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
  const nested = (a: string, b: string) => a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
  const overlap = boxes.flatMap((a) =>
    boxes
      .filter((b) => a.id < b.id && !nested(a.id, b.id))
      .filter((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
      .map((b) => `${a.id} × ${b.id}`),
  );
  expect(overlap).toEqual([]);
  expect(await page.locator('.react-flow__edge-text', { hasText: 'als klaar' }).count()).toBe(2);
  await expect.poll(() => page.locator('.problems').textContent()).toContain('0 fouten');
  await shot('4-designer');
});

it('an SCXML machine from another tool goes into the workflow it names, with where the engine differs shown first', async () => {
  await page.getByRole('link', { name: 'Delen' }).click();
  const doc = `<scxml xmlns="http://www.w3.org/2005/07/scxml" name="hulpvraag-wijkbewoner" initial="open">
    <state id="open"><onentry><send event="kick"/></onentry><transition event="kick" target="dicht"/></state>
    <final id="dicht"/>
  </scxml>`;
  await page.getByLabel('BPMN- of SCXML-bestand kiezen').setInputFiles(file('machine.scxml', doc));
  const preview = page.getByTestId('tools-preview');
  await expect.poll(() => preview.textContent()).toContain('hulpvraag-wijkbewoner');
  expect(await page.getByLabel('In workflow').inputValue()).toBe('hulpvraag-wijkbewoner');
  expect(await preview.textContent()).toContain('Een <send> zonder wachttijd is gelezen als <raise>');
  expect(await page.getByTestId('tools-changes').textContent()).toContain("Stap 'open' toegevoegd");
  await shot('5-scxml');
});

/** Nothing sticks out sideways: the page is as wide as the screen. */
const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

it.each([
  [1366, 900],
  [768, 1024],
])(
  'at %i×%i: a changed process from Camunda Modeler shows what differs from the published version, and the page fits',
  async (width, height) => {
    await page.setViewportSize({ width, height });
    await page.getByRole('link', { name: 'Delen' }).click();
    const changed = camunda().replace('name="Evaluatie"', 'name="Evaluatiegesprek"');
    await page.getByLabel('BPMN- of SCXML-bestand kiezen').setInputFiles(file('hulpvraag-gewijzigd.bpmn', changed));
    const preview = page.getByTestId('tools-preview');
    await expect.poll(() => preview.textContent()).toContain('Hulpvraag wijkbewoner');
    expect(await preview.textContent()).not.toContain('Deze workflow is nieuw op deze locatie.');
    expect(await page.getByTestId('tools-changes').textContent()).toContain('Evaluatiegesprek');
    expect(await overflow()).toBe(0);
    await shot(`6-changes-${width}`);

    await page.goto(`${base}/processen/hulpvraag-wijkbewoner`);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.designerReady), { timeout: 30_000 })
      .toBe('15');
    expect(await page.locator('.react-flow__edge-text', { hasText: 'als klaar' }).count()).toBe(2);
    // The boundary timer and "when done" both go from 'Hulp in de wijk' to 'Evaluatie': drawn side by side.
    const labels = await page
      .locator('.react-flow__edge-textwrapper')
      .evaluateAll((els) => els.map((el) => ({ text: el.textContent!, ...el.getBoundingClientRect().toJSON() })));
    type Box = { text: string; x: number; y: number; width: number; height: number };
    const covered = (labels as Box[]).flatMap((a, i) =>
      (labels as Box[])
        .slice(i + 1)
        .filter((b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        .map((b) => `${a.text} × ${b.text}`),
    );
    expect(covered).toEqual([]);
    expect(await overflow()).toBe(0);
    await shot(`7-designer-${width}`);
  },
);
