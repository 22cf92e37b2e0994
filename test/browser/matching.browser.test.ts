import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artefacts, browserSuite } from '../support/browser';
import type { TestApp } from '../support/helpers';
import { TestClock, studentInWijk } from '../support/planning';

const clock = new TestClock();
const suite = browserSuite({ now: clock.now });
let t: TestApp;
let base: string;
let page: Page;
let headers: Record<string, string>;

beforeAll(async () => {
  ({ app: t, base, page } = suite);
  headers = await t.user('coordinator', 'staff', 'coordinator');
});

const shot = (name: string) => page.screenshot({ path: `${artefacts}/matching-${name}.png`, fullPage: true });

async function clientReadyToMatch(naam: string): Promise<string> {
  const c = (
    await t.request({
      method: 'POST',
      url: '/api/cases',
      headers,
      payload: {
        workflow: 'client-hulpvraag',
        data: { naam, adres: 'Kerkstraat 1', hulpvraag: 'Samen boodschappen doen' },
      },
    })
  ).json();
  for (const payload of [
    { type: 'HUISBEZOEK_PLANNEN', data: { huisbezoekDatum: '2026-12-01' } },
    { type: 'OVEREENKOMST', data: { veiligeWerkplek: true, nietTeComplex: true, rechtenPlichtenBesproken: true } },
  ]) {
    expect((await t.request({ method: 'POST', url: `/api/cases/${c.id}/events`, headers, payload })).statusCode).toBe(
      200,
    );
  }
  return c.id;
}

async function match(id: string, halfDay: string) {
  await page.goto(`${base}/cases/${id}`);
  await page.getByRole('button', { name: 'Student gekoppeld' }).click();
  const student = page.getByRole('combobox', { name: /^Student/ });
  const sanne = student.locator('option', { hasText: 'Sanne de Vries' });
  await expect.poll(() => sanne.textContent()).toContain('vrij:');
  await student.selectOption({ label: (await sanne.textContent())! });
  await page.getByRole('checkbox', { name: halfDay }).check();
  await page.getByRole('combobox', { name: /^Hoe vaak/ }).selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Student gekoppeld' }).last().click();
}

it('a coördinator matches a client to a student on a free half-day, and is refused on a taken one', async () => {
  // A student takes clients only once the learning route has set their half-days in the wijk.
  await studentInWijk(t, clock, { naam: 'Sanne de Vries' }, ['ma-ochtend', 'di-middag', 'do-ochtend'], {
    need: 'structuur',
  });
  // Still registering: in the picker, but apart and not to be chosen.
  await t.request({
    method: 'POST',
    url: '/api/cases',
    headers,
    payload: { workflow: 'student-traject', data: { naam: 'Mo Bakker', aanmelder: 'uwv', instroomroute: 'gilde' } },
  });
  const riet = await clientReadyToMatch('Riet');
  const kees = await clientReadyToMatch('Kees');

  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill('coordinator');
  await page.getByLabel('Wachtwoord').fill('coordinator-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Dossiers' }).waitFor();

  await page.goto(`${base}/cases/${riet}`);
  await page.getByRole('button', { name: 'Student gekoppeld' }).click();
  const picker = page.getByRole('combobox', { name: /^Student/ });
  const sanne = picker.locator('option', { hasText: 'Sanne de Vries' });
  // Her free half-days, as the planning has them.
  await expect.poll(() => sanne.textContent()).toMatch(/vrij: .*ma.*ochtend.*di.*middag.*do.*ochtend/);
  // And what she needs of a client: the same resident every time.
  expect(await sanne.textContent()).toContain('Structuur: een vaste klant');
  const mo = picker.locator('optgroup[label="Neemt nu geen klanten aan"] option', { hasText: 'Mo Bakker' });
  expect(await mo.isDisabled()).toBe(true);
  await shot('0-picker');

  await match(riet, 'maandag ochtend');
  await page.getByTestId('state').filter({ hasText: 'Hulp loopt' }).waitFor();
  await shot('1-matched');

  await match(kees, 'maandag ochtend');
  const error = page.locator('.field-error');
  await expect.poll(() => error.textContent()).toContain('Sanne de Vries heeft op maandag ochtend al een klant (Riet)');
  expect(await page.getByTestId('state').textContent()).toContain('Matching');
  await shot('2-refused');

  await page.getByRole('checkbox', { name: 'maandag ochtend' }).uncheck();
  await page.getByRole('checkbox', { name: 'dinsdag middag' }).check();
  await page.getByRole('button', { name: 'Student gekoppeld' }).last().click();
  await page.getByTestId('state').filter({ hasText: 'Hulp loopt' }).waitFor();
  await shot('3-free-half-day');

  // Linked dossiers: the client names its student; the student shows a week of half-days.
  expect(await page.getByRole('region', { name: 'Gekoppeld' }).textContent()).toContain('Student: Sanne de Vries');
  // The data and the history name the student, not the dossier's id.
  expect(await page.getByRole('region', { name: 'Gegevens' }).textContent()).toContain('Sanne de Vries');
  expect(await page.locator('main').textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  await page.getByRole('link', { name: 'Sanne de Vries' }).click();
  await page.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
  const week = page.getByTestId('week');
  await week.waitFor();
  expect(await week.locator('tr', { hasText: 'maandag' }).textContent()).toContain('Riet');
  expect(await week.locator('tr', { hasText: 'dinsdag' }).textContent()).toContain('Kees');
  await shot('4-student-week');
});
