import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Definition } from '../../engine';
import { applyEdit } from '../../designer/src/process-designer/model/model';
import { artefacts, browserSuite } from '../support/browser';
import { longSession, type TestApp } from '../support/helpers';

// What the server refuses while a manager edits is said, with what to do, and nothing is lost.
const suite = browserSuite();
let t: TestApp;
let page: Page;
let base: string;
let manager: Record<string, string> = {};

const shot = (name: string) => page.screenshot({ path: `${artefacts}/designer-refused-${name}.png` });
const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const saveState = () => page.locator('.designer-bar .save-state');
const serverDraft = async (): Promise<{ definition: Definition; revision: number }> =>
  (await t.request({ method: 'GET', url: '/api/workflows/student-traject/draft', headers: manager })).json();

async function addStep(label: string, button = '+ Nieuwe stap') {
  await page.locator('#new-step').fill(label);
  await page.getByRole('button', { name: button }).click();
}

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  await t.user('projectleider', 'manager');
  manager = await longSession(t, 'projectleider');
}, 120_000);

it('shows that another tab saved the draft first, keeps their work, and loads it when asked', async () => {
  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill('projectleider');
  await page.getByLabel('Wachtwoord').fill('projectleider-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('link', { name: 'Processen' }).click();
  await page
    .getByRole('row', { name: /Studenttraject/ })
    .getByRole('link', { name: 'Openen' })
    .click();
  await node('intake').waitFor();
  await addStep('Voorgesprek');
  await node('voorgesprek').waitFor();
  await page.getByRole('status').getByText('Opgeslagen', { exact: true }).waitFor();

  // Another tab of the same manager saves the draft first.
  const before = await serverDraft();
  const theirs = applyEdit(before.definition, {
    kind: 'addState',
    parent: '',
    key: 'terugkomdag',
    label: { nl: 'Terugkomdag' },
  });
  const saved = await t.request({
    method: 'PUT',
    url: '/api/workflows/student-traject/draft',
    headers: manager,
    payload: { definition: theirs, revision: before.revision },
  });
  expect(saved.statusCode).toBe(200);

  await addStep('Reservelijst');
  await node('reservelijst').waitFor();
  const refusal = page.getByRole('alert').filter({ hasText: 'Iemand anders heeft het concept intussen opgeslagen.' });
  await refusal.getByText('Laad het nieuwste concept en doe ze daarin opnieuw.').waitFor();
  expect(await saveState().textContent()).toBe('Door iemand anders opgeslagen');
  await shot('1-conflict');
  // Their work is not overwritten, not even by edits made after the refusal.
  await addStep('Nog een stap');
  await node('nog-een-stap').waitFor();
  await page.waitForTimeout(1000);
  expect(Object.keys((await serverDraft()).definition.machine.states)).toContain('terugkomdag');
  expect(Object.keys((await serverDraft()).definition.machine.states)).not.toContain('reservelijst');

  await refusal.getByRole('button', { name: 'Nieuwste concept laden' }).click();
  await node('terugkomdag').waitFor();
  expect(await node('reservelijst').count()).toBe(0);
  await page.getByRole('status').getByText('Opgeslagen', { exact: true }).waitFor();
  expect(await page.getByRole('alert').count()).toBe(0);

  // Editing goes on from their revision.
  await addStep('Reservelijst');
  await node('reservelijst').waitFor();
  await expect
    .poll(async () => Object.keys((await serverDraft()).definition.machine.states))
    .toEqual(expect.arrayContaining(['voorgesprek', 'terugkomdag', 'reservelijst']));
  await page.getByRole('status').getByText('Opgeslagen', { exact: true }).waitFor();
});

it('tells a manager whose session ended that the edit is not saved (in English when switched), and saves it on "Try again" after logging in elsewhere', async () => {
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: '+ New step' }).waitFor();
  await page.context().clearCookies();

  await addStep('Afsluiting', '+ New step');
  await node('afsluiting').waitFor();
  const refusal = page.getByRole('alert').filter({ hasText: 'You are no longer logged in' });
  await refusal.getByText(/log in again in another tab, then choose "Try again"/).waitFor();
  expect(await saveState().textContent()).toBe('Saving failed');
  await shot('2-session-ended');
  expect(Object.keys((await serverDraft()).definition.machine.states)).not.toContain('afsluiting');

  // The page keeps its edits while the manager logs in again in another tab.
  const other = await page.context().newPage();
  await other.goto(base);
  await other.getByLabel('Username').fill('projectleider');
  await other.getByLabel('Password').fill('projectleider-wachtwoord');
  await other.getByRole('button', { name: 'Log in' }).click();
  await other.getByRole('heading', { name: 'Cases' }).waitFor();
  await other.close();

  await refusal.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('status').getByText('Saved', { exact: true }).waitFor();
  expect(await page.getByRole('alert').count()).toBe(0);
  expect(Object.keys((await serverDraft()).definition.machine.states)).toContain('afsluiting');
});

it('does not replace a draft another tab made while this page still edits the published version', async () => {
  await page.getByRole('button', { name: 'Nederlands' }).click();
  expect(
    (await t.request({ method: 'DELETE', url: '/api/workflows/student-traject/draft', headers: manager })).statusCode,
  ).toBe(204);
  await page.reload();
  await node('intake').waitFor();
  await page.getByRole('status').getByText('Opgeslagen', { exact: true }).waitFor();

  // Meanwhile another tab, also from the published version, saves the first draft.
  const published = (
    await t.request({ method: 'GET', url: '/api/workflows/student-traject', headers: manager })
  ).json();
  const { version: _v, ...theirs } = applyEdit(published.definition, {
    kind: 'addState',
    parent: '',
    key: 'terugkomdag',
    label: { nl: 'Terugkomdag' },
  });
  const made = await t.request({
    method: 'PUT',
    url: '/api/workflows/student-traject/draft',
    headers: manager,
    payload: { definition: theirs, revision: 0 },
  });
  expect(made.statusCode).toBe(200);

  await addStep('Voorgesprek');
  await node('voorgesprek').waitFor();
  const refusal = page.getByRole('alert').filter({ hasText: 'Iemand anders heeft het concept intussen opgeslagen.' });
  await refusal.waitFor();
  expect(Object.keys((await serverDraft()).definition.machine.states)).toContain('terugkomdag');
  expect(Object.keys((await serverDraft()).definition.machine.states)).not.toContain('voorgesprek');
  await shot('3-first-save-conflict');
});
