import { resolve } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, findStep, signIn } from '../support/browser';
import type { TestApp } from '../support/helpers';

// The diagram as a manager meets it: readable when it opens, the chosen step in view, long names
// inside their boxes, labels clear of the steps (issue #20).
const suite = browserSuite();
let t: TestApp;
let page: Page;
let base: string;

const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const side = () => page.locator('.designer-side');
const ready = () => page.evaluate(() => document.documentElement.dataset.designerReady);
/** The diagram's zoom, from React Flow's viewport transform. */
const zoom = () =>
  page
    .locator('.react-flow__viewport')
    .evaluate((el) => Number(/scale\(([\d.]+)\)/.exec(el.style.transform)?.[1] ?? 'NaN'));
type Rect = { x: number; y: number; width: number; height: number };
const rect = (id: string) => node(id).evaluate((el) => el.getBoundingClientRect().toJSON() as Rect);
const pane = () => page.locator('.react-flow').evaluate((el) => el.getBoundingClientRect().toJSON() as Rect);
const inside = (a: Rect, b: Rect) =>
  a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
/** Settles after React Flow's 300 ms move to a chosen step. */
const settled = () => page.waitForTimeout(400);

async function open(path = '/processen/student-traject') {
  await page.goto(`${base}${path}`);
  await expect.poll(ready, { timeout: 30_000 }).toBeTruthy();
  await settled();
}

/** Drags the diagram's empty background until `id` is out of view. */
async function panAway(id: string) {
  for (let i = 0; i < 4 && inside(await rect(id), await pane()); i++) {
    const p = await pane();
    const spot = await page.evaluate((p: Rect) => {
      for (let y = p.y + p.height - 60; y > p.y + 60; y -= 17)
        for (let x = p.x + p.width - 220; x > p.x + 20; x -= 23)
          if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      return undefined;
    }, p);
    if (!spot) throw new Error('no empty spot to drag the diagram by');
    await page.mouse.move(spot.x, spot.y);
    await page.mouse.down();
    await page.mouse.move(p.x + 10, p.y + 10, { steps: 8 });
    await page.mouse.up();
  }
  expect(inside(await rect(id), await pane())).toBe(false);
}

/** Every drawn label's box and every step's (a group by its title strip), on screen. */
function labelsAndSteps() {
  return page.evaluate(() => {
    const box = (el: Element) => el.getBoundingClientRect().toJSON() as Rect;
    const steps = [...document.querySelectorAll('.react-flow__node')].map((el) => {
      const r = box(el);
      const group = !!el.querySelector('.kind-compound, .kind-parallel');
      // A group counts by its name, the rest of it is where its steps and arrows go.
      const title = el.querySelector('.step-title')!.getBoundingClientRect();
      return { id: el.getAttribute('data-id')!, ...r, height: group ? title.bottom - r.y : r.height };
    });
    const labels = [...document.querySelectorAll('.react-flow__edge-textwrapper')].map((el) => ({
      id: el.textContent!,
      ...box(el),
    }));
    return { steps, labels };
  });
}

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  await t.user('projectleider', 'manager');
  await signIn(page, base, 'projectleider');
}, 120_000);

it.each([
  [1366, 900],
  [768, 1024],
])(
  'at %i×%i the student trajectory opens readable, at its first step; "Alles in beeld" shows the whole',
  async (width, height) => {
    await page.setViewportSize({ width, height });
    await open();
    expect(await zoom()).toBeGreaterThanOrEqual(0.75);
    // A step's name is at least 11 px high on screen.
    const fontPx = await node('aanmelding')
      .locator('.step-title')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontPx * (await zoom())).toBeGreaterThanOrEqual(11);
    expect(inside(await rect('aanmelding'), await pane())).toBe(true);
    await page.screenshot({ path: resolve(`test-results/diagram-student-${width}x${height}.png`) });

    await page.getByRole('button', { name: 'Alles in beeld' }).click();
    await settled();
    const all = await page
      .locator('.react-flow__node')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as Rect));
    const view = await pane();
    expect(all.every((r) => inside(r, view))).toBe(true);
    await page.setViewportSize({ width: 1180, height: 820 });
  },
);

it('a small workflow that is readable whole opens whole', async () => {
  await page.setViewportSize({ width: 1920, height: 1400 });
  await open('/processen/client-hulpvraag');
  const view = await pane();
  const all = await page
    .locator('.react-flow__node')
    .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as Rect));
  expect(all.every((r) => inside(r, view))).toBe(true);
  expect(await zoom()).toBeGreaterThanOrEqual(0.75);
  await page.setViewportSize({ width: 1180, height: 820 });
});

it('opens at the step named in the address, and keeps the chosen step there', async () => {
  await open('/processen/student-traject?stap=opleiding.leerbedrijf.school.zorgstage.loopt');
  await side()
    .getByRole('heading', { name: /^Stap: / })
    .waitFor();
  expect(
    await side()
      .getByRole('heading', { name: /^Stap: / })
      .textContent(),
  ).toContain('Loopt, tot de tussenevaluatie');
  expect(await zoom()).toBeGreaterThanOrEqual(0.75);
  expect(inside(await rect('opleiding.leerbedrijf.school.zorgstage.loopt'), await pane())).toBe(true);

  // Choosing another step puts it in the address, so a reload opens there.
  await findStep(page, 'Intake');
  await expect.poll(() => new URL(page.url()).searchParams.get('stap')).toBe('intake');
});

it('a step chosen off-screen, in the search or the inspector, is brought into view', async () => {
  await open();
  expect(inside(await rect('diploma'), await pane())).toBe(false);
  await findStep(page, 'Diploma behaald');
  await settled();
  expect(inside(await rect('diploma'), await pane())).toBe(true);
  expect(await zoom()).toBeGreaterThanOrEqual(0.75);

  // An action chosen in the inspector, its label off-screen: brought into view at the zoom the
  // manager chose, since a plain selection only pans.
  await panAway('diploma');
  const zoomBefore = await zoom();
  await side().getByRole('heading', { name: 'Stap: Diploma behaald' }).waitFor();
  await side().locator('li button.link').first().click();
  await settled();
  const label = await page
    .locator('.react-flow__edge.selected .react-flow__edge-textwrapper')
    .evaluate((el) => el.getBoundingClientRect().toJSON() as Rect);
  expect(inside(label, await pane())).toBe(true);
  expect(await zoom()).toBeCloseTo(zoomBefore, 2);
});

it('long step names wrap inside their boxes, on opening and after a rename', async () => {
  await open();
  const spills = () =>
    page.locator('.step-node').evaluateAll((els) =>
      els
        .filter((el) => !el.matches('.kind-compound, .kind-parallel'))
        .filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.getAttribute('data-step')),
    );
  expect(await spills()).toEqual([]);
  await findStep(page, 'Intake');
  const name = side().getByLabel('Naam (Nederlands)');
  await name.fill('Intakegesprek met de coördinator over achtergrond, motivatie en belemmeringen');
  await name.press('Enter');
  await expect.poll(() => node('intake').textContent()).toContain('belemmeringen');
  expect(await spills()).toEqual([]);
  const title = await node('intake')
    .locator('.step-title')
    .evaluate((el) => el.getBoundingClientRect().toJSON() as Rect);
  expect(inside(title, await rect('intake'))).toBe(true);
});

it('no label covers a step or another label, and an action back to its own step loops beside it', async () => {
  await open();
  // All of it at once, so every label is drawn where the page shows it.
  await page.getByRole('button', { name: 'Alles in beeld' }).click();
  await settled();
  const { steps, labels } = await labelsAndSteps();
  expect(labels.length).toBeGreaterThan(20);
  const covered = labels.flatMap((l) => steps.filter((s) => overlaps(l, s)).map((s) => `${l.id} over ${s.id}`));
  const crossed = labels.flatMap((a, i) =>
    labels
      .slice(i + 1)
      .filter((b) => overlaps(a, b))
      .map((b) => `${a.id} × ${b.id}`),
  );
  expect([...covered, ...crossed]).toEqual([]);
  await page.screenshot({ path: resolve('test-results/diagram-whole.png') });

  await findStep(page, 'Aanmelding');
  await side().getByLabel('Naam van de actie').fill('Gegevens aanvullen');
  await side().getByLabel('Gaat naar').selectOption('aanmelding');
  await side().getByRole('button', { name: 'Actie toevoegen' }).click();
  const label = page.locator('.react-flow__edge-textwrapper', { hasText: 'Gegevens aanvullen' });
  await label.waitFor();
  await settled();
  const step = await rect('aanmelding');
  const loopLabel = await label.evaluate((el) => el.getBoundingClientRect().toJSON() as Rect);
  expect(overlaps(loopLabel, step)).toBe(false);
  // On the loop's side of the step (the loop runs round its right), on whichever of its lines is free.
  expect(loopLabel.x + loopLabel.width / 2).toBeGreaterThan(step.x + step.width / 2);
  const loop = await page
    .locator('.react-flow__edge', {
      has: page.locator('.react-flow__edge-textwrapper', { hasText: 'Gegevens aanvullen' }),
    })
    .locator('path.react-flow__edge-path')
    .evaluate((el) => el.getBoundingClientRect().toJSON() as Rect);
  expect(loop.x + loop.width).toBeGreaterThan(step.x + step.width);
  await page.screenshot({ path: resolve('test-results/diagram-self-loop.png') });
});

it('a new step stands beside the selected one, in view', async () => {
  await open();
  await findStep(page, 'Intake');
  // Chosen before the new step is asked for: a step added with nothing chosen goes to the far right.
  await side().getByRole('heading', { name: 'Stap: Intake' }).waitFor();
  await settled();
  await page.getByLabel('Nieuwe stap', { exact: true }).fill('Voorgesprek');
  await page.getByRole('button', { name: '+ Nieuwe stap' }).click();
  await node('voorgesprek').waitFor();
  await settled();
  const [intake, added] = [await rect('intake'), await rect('voorgesprek')];
  expect(Math.abs(added.y - intake.y)).toBeLessThan(2);
  expect(added.x).toBeGreaterThan(intake.x + intake.width);
  expect(added.x - (intake.x + intake.width)).toBeLessThan(80);
  expect(inside(added, await pane())).toBe(true);

  // A problem chosen in the list brings its step back into view.
  await panAway('voorgesprek');
  await page
    .locator('.problems')
    .getByRole('button', { name: /Voorgesprek.*onbereikbaar/ })
    .click();
  await settled();
  expect(inside(await rect('voorgesprek'), await pane())).toBe(true);
});

it('a change chosen in the comparison is brought into view, and the comparison stays open', async () => {
  await page.getByRole('tab', { name: 'Vergelijken' }).click();
  const change = side().locator('.changes').getByRole('button', { name: "Stap 'Voorgesprek' toegevoegd" });
  await change.waitFor();
  await settled();
  await panAway('voorgesprek');
  await change.click();
  await settled();
  expect(inside(await rect('voorgesprek'), await pane())).toBe(true);
  expect(await side().getByRole('heading', { name: 'Vergelijken' }).count()).toBe(1);
});
