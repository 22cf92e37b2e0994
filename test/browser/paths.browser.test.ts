import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Definition } from '../../engine';
import { artefacts, browserSuite, signIn } from '../support/browser';
import { longSession, type TestApp } from '../support/helpers';

// "Alle paden" in the simulator: the shipped student trajectory has nothing to fix; a draft of
// the client request whose referral asks two contradicting answers gets each consequence named.
const suite = browserSuite();
let t: TestApp;
let page: Page;
let base: string;

const shot = (name: string) => page.screenshot({ path: `${artefacts}/paths-${name}.png` });

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  await t.user('projectleider', 'manager');
  const manager = await longSession(t, 'projectleider', new Date());
  const published = (
    await t.request({ method: 'GET', url: '/api/workflows/client-hulpvraag', headers: manager })
  ).json();
  const { version: _v, ...draft } = published.definition as Definition;
  const states = draft.machine.states as Record<string, { on: Record<string, Record<string, unknown>> }>;
  states.huisbezoek.on.DOORVERWIJZEN.guard = {
    type: 'rule',
    params: {
      all: [
        { field: 'veiligeWerkplek', op: 'eq', value: true },
        { field: 'veiligeWerkplek', op: 'eq', value: false },
      ],
    },
  };
  // The only way to the referral, then: not also from the help running or paused.
  delete states.actief.on.DOORVERWIJZEN;
  delete states.gepauzeerd.on.DOORVERWIJZEN;
  const saved = await t.request({
    method: 'PUT',
    url: '/api/workflows/client-hulpvraag/draft',
    headers: manager,
    payload: { definition: draft, revision: 0 },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  await page.setViewportSize({ width: 1366, height: 900 });
  await signIn(page, base, 'projectleider');
}, 120_000);

/** Opens a workflow's designer, and walks all its paths from the simulator's panel. */
async function walkAll(workflow: string, firstStep: string) {
  await page.goto(`${base}/processen/${workflow}`);
  await page.locator(`.react-flow__node[data-id="${firstStep}"]`).waitFor();
  await page.getByRole('tab', { name: 'Uitproberen' }).click();
  const panel = page.getByRole('region', { name: 'Alle paden' });
  await panel.getByRole('button', { name: 'Alle paden doorlopen' }).click();
  const result = panel.getByTestId('paths-result');
  await result.waitFor({ timeout: 60_000 });
  return result;
}

it('walks every path of the student trajectory and finds nothing to fix, with the way to each end', async () => {
  const result = await walkAll('student-traject', 'aanmelding');
  expect(await result.getByRole('status').textContent()).toMatch(/^Geen problemen gevonden/);
  expect(await result.textContent()).toMatch(/situaties en [\d.]+ stappen doorlopen in/);
  await result.getByText('Kortste weg naar elk einde (6)').click();
  const endings = result.locator('details li');
  expect(await endings.count()).toBe(6);
  // The way to the diploma goes through the care placement, action by action.
  const diploma = endings.filter({ hasText: 'Uitgestroomd met diploma' });
  expect(await diploma.textContent()).toMatch(
    /Zo kom je er: Start met Instroomroute is '.+' → .+ → Zorgstage starten → Diploma uitreiken → /,
  );
  await result.scrollIntoViewIfNeeded();
  await result.screenshot({ path: `${artefacts}/paths-1-fine.png` });
});

it('names what a rule that can never hold does to a draft: the rule, the step out of reach, the action that does nothing', async () => {
  const result = await walkAll('client-hulpvraag', 'huisbezoek');
  expect(await result.getByRole('status').textContent()).toBe('3 problemen gevonden');
  const never = result.locator('li', { hasText: 'bij' }).filter({ hasText: 'Veilige werkplek' });
  expect(await never.textContent()).toMatch(/^In Huisbezoek, bij '.+':/);
  expect(await result.getByRole('heading', { name: 'Stappen die geen dossier bereikt' }).isVisible()).toBe(true);
  // A step named in the list shows it in the diagram.
  await result.getByRole('button', { name: 'Doorverwezen' }).click();
  await expect
    .poll(() => page.locator('.react-flow__node[data-id="doorverwezen"]').getAttribute('class'))
    .toContain('selected');
  await shot('2-problems');
  await result.screenshot({ path: `${artefacts}/paths-2-list.png` });
  await page.setViewportSize({ width: 768, height: 1024 });
  await shot('3-tablet');
});
