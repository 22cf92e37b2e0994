import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite } from '../support/browser';
import { adminPassword, type TestApp } from '../support/helpers';

const suite = browserSuite();
let t: TestApp;
let page: Page;
let base: string;

beforeAll(async () => {
  ({ app: t, page, base } = suite);
});

it('the admin adds a user on the Gebruikers page; a too short password is named at its field', async () => {
  const shot = (name: string) => page.screenshot({ path: `${artefacts}/users-${name}.png`, fullPage: true });
  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill('admin');
  await page.getByLabel('Wachtwoord').fill(adminPassword);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('link', { name: 'Gebruikers' }).click();
  // The table's head is drawn before its rows arrive.
  await expect.poll(() => page.getByTestId('users').textContent()).toContain('admin');

  const form = page.getByRole('region', { name: 'Gebruiker aanmaken' });
  await form.getByRole('textbox', { name: /^Gebruikersnaam/ }).fill('anja');
  await form.getByRole('textbox', { name: /^Naam/ }).fill('Anja de Groot');
  await form.getByRole('combobox', { name: /^Rol/ }).selectOption('staff');
  await form.getByRole('combobox', { name: /^Functie/ }).selectOption({ label: 'Coördinator' });
  await form.getByLabel(/^Wachtwoord/).fill('kort');
  await form.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  await expect.poll(() => form.locator('.field-error').textContent()).toBe('Een wachtwoord heeft minstens 10 tekens');
  expect(await page.getByTestId('users').textContent()).not.toContain('anja');
  await shot('1-password-too-short');

  // A password a guesser tries first is refused by the server, at its field.
  await form.getByLabel(/^Wachtwoord/).fill('Welkom2024!');
  await form.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  await expect
    .poll(() => form.locator('.field-error').textContent())
    .toMatch(/^Dit wachtwoord is te makkelijk te raden/);
  expect(await page.getByTestId('users').textContent()).not.toContain('anja');

  // A taken name is refused by the server, and named at its field.
  await form.getByRole('textbox', { name: /^Gebruikersnaam/ }).fill('admin');
  await form.getByLabel(/^Wachtwoord/).fill('een-lang-wachtwoord');
  await form.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  await expect.poll(() => form.locator('.field-error').textContent()).toBe('Deze naam bestaat al');
  await form.getByRole('textbox', { name: /^Gebruikersnaam/ }).fill('anja');
  await form.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  await expect.poll(() => page.getByTestId('users').textContent()).toContain('Anja de Groot');
  await shot('2-created');
  const login = await t.request({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'anja', password: 'een-lang-wachtwoord' },
  });
  expect(login.json().user).toMatchObject({ username: 'anja', role: 'staff', function: 'coordinator', site: 'venray' });

  // Her function changes in the list; her next answer from the server says so.
  const row = page.getByRole('combobox', { name: 'Functie: anja' });
  expect(await row.inputValue()).toBe('coordinator');
  await row.selectOption({ label: 'Docent' });
  await expect.poll(() => page.getByRole('status').textContent()).toContain('Functie gewijzigd: anja');
  const me = await t.request({
    method: 'GET',
    url: '/api/auth/me',
    headers: { authorization: `Bearer ${login.json().token}` },
  });
  expect(me.json()).toMatchObject({ function: 'docent' });
  await shot('3-function-changed');
});

it("shows a student's account as a student's, with no role to change", async () => {
  const docent = await t.user('docent-b', 'staff', 'docent');
  const created = await t.request({
    method: 'POST',
    url: '/api/cases',
    headers: docent,
    payload: {
      workflow: 'student-traject',
      data: { naam: 'Noor Janssen', aanmelder: 'gilde', instroomroute: 'gilde' },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const invited = await t.request({
    method: 'POST',
    url: `/api/cases/${created.json().id}/invitation`,
    headers: docent,
  });
  expect(invited.statusCode, invited.body).toBe(201);
  await page.reload();
  await expect.poll(() => page.getByTestId('users').textContent()).toContain('Noor Janssen');
  expect(await page.getByLabel('Rol: noor.janssen').textContent()).toBe('Student');
  expect(await page.getByRole('combobox', { name: 'Rol: noor.janssen' }).count()).toBe(0);
  // Staff keep their choice of role.
  expect(await page.getByRole('combobox', { name: 'Rol: anja' }).count()).toBe(1);
});
