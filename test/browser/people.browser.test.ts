import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite } from '../support/browser';
import { adminPassword, longSession, type TestApp } from '../support/helpers';

/**
 * People in the workflow, as they meet it: a docent's own students first, names in the record,
 * who is responsible on the dossier, pages not theirs refused by address; the admin managing
 * accounts; everyone changing their own password.
 */
const day = 86_400_000;
let clock = new Date('2026-08-20T09:00:00Z');
const suite = browserSuite({ now: () => clock });
let t: TestApp;
let page: Page;
let base: string;
let admin: Record<string, string> = {};
let coordinator: Record<string, string> = {};
const students: Record<string, string> = {};

const shot = (name: string) => page.screenshot({ path: `${artefacts}/people-${name}.png`, fullPage: true });

async function call(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, headers: object, payload?: object) {
  const res = await t.request({ method, url, headers: headers as Record<string, string>, payload });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.statusCode === 204 ? undefined : res.json();
}
const idOf = async (username: string): Promise<number> =>
  (await call('GET', '/api/users', admin)).items.find((u: { username: string }) => u.username === username).id;

async function logIn(username: string, password: string) {
  await page.goto(base);
  // Whoever a failed test left logged in goes first.
  const out = page.getByRole('button', { name: 'Uitloggen' });
  await Promise.race([out.waitFor(), page.getByLabel('Gebruikersnaam').waitFor()]);
  if (await out.count()) await logOut();
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
}
async function logOut() {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByRole('button', { name: 'Inloggen' }).waitFor();
}

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  admin = await longSession(t, 'admin', clock);
  // Made by the admin, not logged in yet: their last login is what this test does.
  for (const [username, fn] of [
    ['marieke', 'docent'],
    ['ahmed', 'coordinator'],
    ['joost', 'docent'],
  ])
    await call('POST', '/api/users', admin, {
      username,
      password: `${username}-wachtwoord`,
      role: 'staff',
      function: fn,
    });
  coordinator = await longSession(t, 'ahmed', clock);
  await call('PATCH', `/api/users/${await idOf('marieke')}`, admin, { displayName: 'Marieke Jansen' });
  await call('PATCH', `/api/users/${await idOf('ahmed')}`, admin, { displayName: 'Ahmed Yilmaz' });
  // Three students in their introduction, the portfolio's first items waiting on a docent; the
  // second is Marieke's.
  for (const naam of ['Aisha Bakker', 'Bram Hendriks', 'Cas Verbeek']) {
    const id = (
      await call('POST', '/api/cases', coordinator, {
        workflow: 'student-traject',
        data: { naam, aanmelder: 'gilde', instroomroute: 'gilde' },
      })
    ).id as string;
    students[naam] = id;
    await call('POST', `/api/cases/${id}/events`, coordinator, {
      type: 'INTAKE_PLANNEN',
      data: { intakeDatum: '2026-08-27' },
    });
    clock = new Date(clock.getTime() + 60_000);
  }
  clock = new Date(clock.getTime() + 7 * day);
  for (const id of Object.values(students)) {
    await call('POST', `/api/cases/${id}/events`, coordinator, {
      type: 'MATCH',
      data: { taalniveau: 'b1', coach: 'Ans' },
    });
    await call('POST', `/api/cases/${id}/events`, coordinator, {
      type: 'INGESCHREVEN',
      data: { inschrijfdatum: '2026-09-01', niveau: '2', startmoment: 'september' },
    });
  }
  // Their introduction begins at the September start moment.
  clock = new Date('2026-09-01T09:00:00Z');
  await t.app.scheduler.runDue();
  await call('PUT', `/api/cases/${students['Bram Hendriks']}/owners/docent`, coordinator, {
    user: await idOf('marieke'),
  });
  // A resident's request: its home visit is the coördinator's.
  students['Riet'] = (
    await call('POST', '/api/cases', coordinator, {
      workflow: 'client-hulpvraag',
      data: { naam: 'Riet Janssen', adres: 'Kerkstraat 1', hulpvraag: 'Boodschappen' },
    })
  ).id;
}, 120_000);

it('a docent sees her own student first, signs by name, and is told /gebruikers is not hers', async () => {
  await logIn('marieke', 'marieke-wachtwoord');
  // Her name and function in words, never a role key.
  const who = page.getByTestId('who');
  expect(await who.textContent()).toBe('Marieke Jansen · Docent');
  expect(await page.getByRole('navigation', { name: 'menu' }).textContent()).not.toContain('Gebruikers');

  await page.getByRole('link', { name: 'Werklijst' }).click();
  const items = page.getByTestId('worklist').locator('li.work-item');
  await items.first().waitFor();
  expect(await items.count()).toBe(3);
  expect(await items.nth(0).textContent()).toContain('Bram Hendriks');
  expect(await items.nth(0).textContent()).toContain('mijn dossier');
  // The others after hers (they entered the step at the same moment).
  const others = [await items.nth(1).textContent(), await items.nth(2).textContent()];
  expect(others.join(' ')).toContain('Aisha Bakker');
  expect(others.join(' ')).toContain('Cas Verbeek');
  for (const text of others) expect(text).not.toContain('mijn dossier');
  await shot('1-worklist-mine-first');

  // The dossier names who is responsible, and she signs an item of her own.
  await items.nth(0).getByRole('link', { name: 'Bram Hendriks' }).click();
  const owners = page.getByTestId('owners');
  await owners.waitFor();
  expect(await owners.getByRole('combobox', { name: 'Verantwoordelijk: Docent' }).inputValue()).toBe(
    String(await idOf('marieke')),
  );
  expect(await owners.textContent()).toContain('door Ahmed Yilmaz');
  const now = page.getByTestId('checklist-now');
  const first = now.getByRole('checkbox').first();
  await first.click();
  await expect.poll(() => now.textContent()).toContain('afgetekend door Marieke Jansen');
  const history = page.getByTestId('history');
  await expect.poll(() => history.textContent()).toContain('door Marieke Jansen');
  expect(await history.textContent()).toContain('Verantwoordelijke docent: Marieke Jansen');
  expect(await history.textContent()).toContain('door Ahmed Yilmaz');
  expect(await history.textContent()).not.toMatch(/door (marieke|ahmed)\b/);
  await shot('2-dossier-by-name');

  // The home visit is the coördinator's: not offered to her (the server refuses it too).
  await page.goto(`${base}/cases/${students['Riet']}`);
  await page.getByRole('heading', { name: 'Wat kan nu' }).waitFor();
  await expect.poll(() => page.locator('.actions').textContent()).not.toContain('Huisbezoek plannen');
  await shot('3-client-home-visit-not-offered');

  // The Gebruikers page opened by its address: a plain refusal, no form.
  await page.goto(`${base}/gebruikers`);
  const refusal = page.getByTestId('not-your-page');
  await refusal.waitFor();
  expect(await refusal.textContent()).toContain(
    'Deze pagina is alleen voor een beheerder. Je bent ingelogd als docent',
  );
  expect(await page.getByRole('button', { name: 'Gebruiker aanmaken' }).count()).toBe(0);
  expect(await page.locator('form').count()).toBe(0);
  await shot('3-gebruikers-refused');
  await page.goto(`${base}/rapportage`);
  await expect
    .poll(() => page.getByTestId('not-your-page').textContent())
    .toContain('alleen voor een projectleider of beheerder');
  // A workflow's versions and draft, and moving its cases, are the projectleider's too.
  for (const path of ['versies', 'overzetten']) {
    await page.goto(`${base}/processen/student-traject/${path}`);
    await expect
      .poll(() => page.getByTestId('not-your-page').textContent())
      .toContain('alleen voor een projectleider of beheerder');
  }
  await logOut();
});

it('a coördinator sees the docent’s item is not hers to sign, and chooses who is responsible', async () => {
  await logIn('ahmed', 'ahmed-wachtwoord');
  expect(await page.getByTestId('who').textContent()).toBe('Ahmed Yilmaz · Coördinator');
  await page.goto(`${base}/cases/${students['Aisha Bakker']}`);
  const now = page.getByTestId('checklist-now');
  await now.waitFor();
  const box = now.getByRole('checkbox').first();
  expect(await box.isDisabled()).toBe(true);
  expect(await now.textContent()).toContain('Aftekenen doet: docent of projectleider');

  const owners = page.getByTestId('owners');
  await owners.getByRole('combobox', { name: 'Verantwoordelijk: Coördinator' }).selectOption({ label: 'Ahmed Yilmaz' });
  await expect
    .poll(() => page.getByTestId('history').textContent())
    .toContain('Verantwoordelijke coördinator: Ahmed Yilmaz');
  await expect.poll(() => owners.textContent()).toContain('door Ahmed Yilmaz');
  await shot('4-coordinator-chooses');

  // Leaving without a diploma closes the dossier: marked so, and asked about before it is done.
  await page.goto(`${base}/cases/${students['Cas Verbeek']}`);
  const leave = page.getByRole('button', { name: 'Uitschrijven zonder diploma' });
  await leave.waitFor();
  expect(await leave.getAttribute('class')).toContain('danger');
  expect(await page.locator(`#${(await leave.getAttribute('aria-describedby'))!.split(' ')[0]}`).textContent()).toBe(
    'Sluit het dossier af',
  );
  await leave.click();
  await page.getByLabel(/^Reden van vertrek/).fill('Verhuisd naar Groningen');
  await page.locator('.schema-form').getByRole('button', { name: 'Uitschrijven zonder diploma' }).click();
  const confirm = page.getByRole('group', { name: 'Uitschrijven zonder diploma' });
  expect(await confirm.textContent()).toContain('Hiermee wordt het dossier afgesloten');
  await shot('5-confirm-ending');
  expect(await page.getByTestId('state').textContent()).not.toContain('zonder diploma');
  await confirm.getByRole('button', { name: 'Ja, uitschrijven zonder diploma' }).click();
  await expect.poll(() => page.getByTestId('state').textContent()).toBe('Uitgestroomd zonder diploma');
  // The outcome in words only: its key never shows.
  expect(await page.locator('main').textContent()).not.toContain('zonder-diploma');

  await page.getByRole('link', { name: 'Dossiers', exact: true }).click();
  await page.getByRole('button', { name: 'Mijn dossiers' }).click();
  const rows = page.locator('table.cases tbody tr');
  await expect.poll(() => rows.count()).toBe(1);
  expect(await rows.first().textContent()).toContain('Aisha Bakker');
  await shot('6-my-cases');
  await logOut();
});

it('the admin changes role, function and name, resets a password once, switches an account off and on', async () => {
  const joost = await longSession(t, 'joost', clock);
  await logIn('admin', adminPassword);
  expect(await page.getByTestId('who').textContent()).toBe('Beheerder');
  await page.getByRole('link', { name: 'Gebruikers' }).click();
  const table = page.getByTestId('users');
  await table.waitFor();
  const row = (name: string) => table.locator('tbody tr', { hasText: name });
  // Marieke and Ahmed logged in today; Joost never did (his session was made, not logged into).
  await expect.poll(() => row('marieke').textContent()).toMatch(/\d{4}/);
  expect(await row('joost').textContent()).toContain('nog nooit');
  // The admin's own role is another admin's to change.
  expect(await page.getByRole('combobox', { name: 'Rol: admin' }).isDisabled()).toBe(true);

  await page.getByRole('combobox', { name: 'Rol: joost' }).selectOption({ label: 'Projectleider' });
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Rol gewijzigd: joost');
  expect((await call('GET', '/api/auth/me', joost)).role).toBe('manager');
  await page.getByRole('combobox', { name: 'Functie: joost' }).selectOption({ label: 'Geen functie' });
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Functie gewijzigd: joost');
  expect((await call('GET', '/api/auth/me', joost)).function).toBeUndefined();

  await page.getByRole('button', { name: 'Beheren: joost' }).click();
  const panel = page.getByTestId('manage');
  await panel.getByLabel('Naam').fill('Joost van Dijk');
  await panel.getByRole('button', { name: 'Naam opslaan' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Naam gewijzigd: joost');
  await expect.poll(() => row('joost').textContent()).toContain('Joost van Dijk');

  // A new password: asked to confirm, shown once, and it works; the old one and his session do not.
  await panel.getByRole('button', { name: 'Nieuw wachtwoord maken' }).click();
  await panel.getByRole('button', { name: 'Ja, nieuw wachtwoord' }).click();
  const shown = panel.getByTestId('new-password');
  await shown.waitFor();
  const password = (await shown.locator('code').textContent())!;
  expect(password.length).toBeGreaterThanOrEqual(10);
  expect(await shown.textContent()).toContain('maar één keer getoond');
  await shot('7-password-reset');
  expect((await t.request({ method: 'GET', url: '/api/auth/me', headers: joost })).statusCode).toBe(401);
  const old = await t.request({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'joost', password: 'joost-wachtwoord' },
  });
  expect(old.statusCode).toBe(401);
  const fresh = await t.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'joost', password } });
  expect(fresh.statusCode).toBe(200);
  const session = { authorization: `Bearer ${fresh.json().token}` };
  // Closing the panel lets the password go: opened again, it is not shown.
  await panel.getByRole('button', { name: 'Sluiten' }).click();
  await page.getByRole('button', { name: 'Beheren: joost' }).click();
  expect(await page.getByTestId('new-password').count()).toBe(0);

  // Switched off: asked first; his open session ends at once, he cannot log in, his name stays.
  await panel.getByRole('button', { name: 'Account uitschakelen' }).click();
  expect(await panel.getByRole('group', { name: 'Account uitschakelen' }).textContent()).toContain(
    'Joost van Dijk kan dan niet meer inloggen',
  );
  await panel.getByRole('button', { name: 'Ja, uitschakelen' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Account uitgeschakeld: joost');
  await expect.poll(() => row('joost').textContent()).toContain('Uitgeschakeld');
  expect((await t.request({ method: 'GET', url: '/api/auth/me', headers: session })).statusCode).toBe(401);
  const refused = await t.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'joost', password } });
  expect(refused.statusCode).toBe(401);
  await panel.getByRole('button', { name: 'Account weer inschakelen' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Account weer ingeschakeld: joost');
  expect(
    (await t.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'joost', password } })).statusCode,
  ).toBe(200);

  // Every change on record, by name, newest first.
  const changes = panel.getByTestId('account-changes');
  await expect.poll(() => changes.locator('tbody tr').count()).toBe(7);
  const text = await changes.textContent();
  for (const what of ['projectleider', 'Joost van Dijk', 'uitgeschakeld', 'weer ingeschakeld', 'wachtwoord'])
    expect(text?.toLowerCase()).toContain(what.toLowerCase());
  await shot('8-changes');
  await logOut();
});

it('the admin’s next account starts from an empty form, whatever the last one was', async () => {
  await logIn('admin', adminPassword);
  await page.getByRole('link', { name: 'Gebruikers' }).click();
  const form = page.getByRole('region', { name: 'Gebruiker aanmaken' });
  await form.getByRole('textbox', { name: /^Gebruikersnaam/ }).fill('ahmed');
  await form.getByRole('combobox', { name: /^Rol/ }).selectOption('manager');
  await form.getByRole('combobox', { name: /^Functie/ }).selectOption({ label: 'Coördinator' });
  await form.getByLabel(/^Wachtwoord/).fill('een-lang-wachtwoord');
  await form.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  // Refused (the name is taken): what was chosen stays in view, to be corrected.
  await expect.poll(() => form.locator('.field-error').textContent()).toBe('Deze naam bestaat al');
  expect(await form.getByRole('combobox', { name: /^Functie/ }).inputValue()).toBe('coordinator');
  await form.getByRole('textbox', { name: /^Gebruikersnaam/ }).fill('lotte');
  await form.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Aangemaakt: lotte');
  // The next account carries nothing over from Lotte's.
  for (const name of [/^Gebruikersnaam/, /^Naam/])
    expect(await form.getByRole('textbox', { name }).inputValue()).toBe('');
  expect(await form.getByRole('combobox', { name: /^Rol/ }).inputValue()).toBe('');
  expect(await form.getByRole('combobox', { name: /^Functie/ }).inputValue()).toBe('');
  expect(await form.getByLabel(/^Wachtwoord/).inputValue()).toBe('');
  expect((await call('GET', '/api/users', admin)).items).toContainEqual(
    expect.objectContaining({ username: 'lotte', role: 'manager', function: 'coordinator' }),
  );
  await logOut();
});

it('everyone changes their own password: the current one asked, the new one twice', async () => {
  await logIn('marieke', 'marieke-wachtwoord');
  await page.getByTestId('who').click();
  await page.getByRole('heading', { name: 'Mijn account' }).waitFor();
  const form = page.getByRole('region', { name: 'Wachtwoord wijzigen' });
  await form.getByLabel(/^Huidig wachtwoord/).fill('niet-dit-wachtwoord');
  await form.getByLabel(/^Nieuw wachtwoord \(/).fill('marieke-nieuw-123');
  await form.getByLabel(/^Nieuw wachtwoord nog/).fill('marieke-nieuw-124');
  await form.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await expect
    .poll(() => form.locator('.field-error').textContent())
    .toBe('De twee nieuwe wachtwoorden zijn niet gelijk');
  await form.getByLabel(/^Nieuw wachtwoord nog/).fill('marieke-nieuw-123');
  await form.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await expect.poll(() => form.locator('.field-error').textContent()).toBe('Klopt niet');
  await shot('9-own-password-wrong');
  await form.getByLabel(/^Huidig wachtwoord/).fill('marieke-wachtwoord');
  await form.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('Je wachtwoord is gewijzigd');
  expect(await form.getByLabel(/^Huidig wachtwoord/).inputValue()).toBe('');
  await shot('10-own-password-changed');
  await logOut();
  await logIn('marieke', 'marieke-nieuw-123');
});
