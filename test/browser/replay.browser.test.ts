import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Definition } from '../../engine';
import { cohort } from '../../workflows/cohort';
import { artefacts, browserSuite, signIn } from '../support/browser';
import { loadCohort, type TestClock } from '../support/cohort';
import { longSession, type TestApp } from '../support/helpers';

// The report's cohort as real cases, replayed in the browser against a draft with one more rule.
const clock: TestClock = { now: new Date('2016-01-01T09:00:00Z') };
const suite = browserSuite({ now: () => clock.now });
let t: TestApp;
let page: Page;
let base: string;

const shot = (name: string) => page.screenshot({ path: `${artefacts}/replay-${name}.png` });

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  // The docent alone signs the portfolio and awards the diploma; every step of the cohort's script is open to her.
  await t.user('docent', 'staff', 'docent');
  await t.user('projectleider', 'manager');
  await loadCohort(t, clock, await longSession(t, 'docent', clock.now));
  clock.now = new Date('2021-06-01T09:00:00Z');
  const manager = await longSession(t, 'projectleider', clock.now);
  // The draft: WW students are no longer planned for an intake.
  const published = (
    await t.request({ method: 'GET', url: '/api/workflows/student-traject', headers: manager })
  ).json();
  const { version: _v, ...draft } = published.definition as Definition;
  draft.machine.states.aanmelding.on!.INTAKE_PLANNEN = {
    ...(draft.machine.states.aanmelding.on!.INTAKE_PLANNEN as object),
    guard: { type: 'rule', params: { field: 'instroomroute', op: 'ne', value: 'ww' } },
  };
  const saved = await t.request({
    method: 'PUT',
    url: '/api/workflows/student-traject/draft',
    headers: manager,
    payload: { definition: draft, revision: 0 },
  });
  expect(saved.statusCode, saved.body).toBe(200);
}, 300_000);

it("replays the cohort's histories against the draft and reports the cases its new rule would block", async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, base, 'projectleider');
  await page.goto(`${base}/processen/student-traject`);
  await page.locator('.react-flow__node[data-id="aanmelding"]').waitFor();
  await page.getByRole('tab', { name: 'Afspelen' }).click();
  const panel = page.getByRole('region', { name: 'Echte dossiers afspelen' });
  await panel.getByRole('button', { name: 'Afspelen', exact: true }).click();
  const result = panel.getByTestId('replay-result');
  const ww = cohort().filter((p) => p.route === 'ww');
  await result
    .getByText(
      `Van ${cohort().length} dossiers zouden er ${ww.length} stoppen bij 'Aanmelding': Nodig: Instroomroute is niet 'WW'`,
      { exact: false },
    )
    .waitFor();
  await result
    .getByText(`${cohort().length - ww.length} van ${cohort().length} zouden zonder bezwaar doorlopen`)
    .waitFor();
  for (const p of ww) await result.getByRole('cell', { name: p.name, exact: true }).waitFor();
  await shot('1-summary');

  // The stop chooses its step in the diagram; the replay stays in view.
  await result.getByRole('button', { name: `Aanmelding (${ww.length})` }).click();
  await expect
    .poll(() => page.locator('.react-flow__node[data-id="aanmelding"]').getAttribute('class'))
    .toContain('selected');
  expect(await result.isVisible()).toBe(true);

  // No case changed.
  const manager = await longSession(t, 'projectleider', clock.now);
  const list = (await t.request({ method: 'GET', url: '/api/cases?limit=200', headers: manager })).json();
  expect(list.items.every((c: { done: boolean }) => c.done)).toBe(true);
  await page.setViewportSize({ width: 768, height: 1024 });
  await shot('2-tablet');
});
