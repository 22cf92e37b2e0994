import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { firstSite } from '../../server/commands/bootstrap';
import { artefacts, browserSuite, openBrowser, signIn } from '../support/browser';
import { longSession, userAtSite, type TestApp } from '../support/helpers';
import { clientAgreement } from '../../workflows/walk';
import { TestClock, studentInWijk } from '../support/planning';

// Issue 22 at phone size (390×844): a student opens their account with the code from their
// dossier, reads what is still missing, sees this week, taps "Hulp nodig" and reads the answer of
// the coördinator on call, whose open worklist got the call pushed without a reload. Unanswered,
// the next call goes to the other coördinator's open page too. Screenshots at 390×844 and 768×1024.
const clock = new TestClock(new Date());
const suite = browserSuite({ now: clock.now, signalPollMs: 200 });
let t: TestApp;
let page: Page;
let base: string;
let code = '';
const others: Awaited<ReturnType<typeof openBrowser>>[] = [];

const shot = (p: Page, name: string) => p.screenshot({ path: `${artefacts}/student-${name}.png`, fullPage: true });

/** A coördinator's own browser session, on their worklist. */
async function coordinatorPage(username: string): Promise<Page> {
  const browser = await openBrowser();
  others.push(browser);
  const p = await browser.context.newPage();
  await p.setViewportSize({ width: 768, height: 1024 });
  await signIn(p, base, username);
  await p.getByRole('link', { name: 'Werklijst' }).click();
  await p.getByRole('heading', { name: 'Werklijst' }).first().waitFor();
  return p;
}

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  for (const [username, displayName] of [
    ['ahmed', 'Ahmed'],
    ['ilse', 'Ilse'],
  ])
    await userAtSite(t, firstSite, { username, displayName, role: 'staff', function: 'coordinator' });
  await t.user('projectleider', 'manager');
  const ahmed = await longSession(t, 'ahmed', clock.at);
  const post = async (url: string, payload?: object, headers = ahmed) => {
    const res = await t.request({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const student = await studentInWijk(t, clock, { naam: 'Sanne de Vries' }, ['di-ochtend', 'do-middag']);
  const riet = (
    await post('/api/cases', {
      workflow: 'client-hulpvraag',
      data: {
        naam: 'Riet Jansen',
        adres: 'Kerkstraat 12, Venray',
        hulpvraag: 'Boodschappen',
        soortHulp: ['boodschappen'],
      },
    })
  ).id;
  for (const step of [
    { type: 'HUISBEZOEK_PLANNEN', data: { huisbezoekDatum: '2026-11-20' } },
    { type: 'OVEREENKOMST', data: clientAgreement },
    { type: 'GEMATCHT', data: { student, dagdelen: ['di-ochtend'], frequentie: '1' } },
  ])
    await post(`/api/cases/${riet}/events`, step);
  await post('/api/activities', {
    kind: 'excursie',
    title: 'Limburgs Museum',
    date: clock.at.toISOString().slice(0, 10),
    participants: [student],
    evaluation: 'Sanne vertelde de groep over de Romeinen.',
  });
  // The projectleider keeps the rota on its page; Ahmed is on call every weekday.
  await page.setViewportSize({ width: 768, height: 1024 });
  await signIn(page, base, 'projectleider');
  await page.getByRole('link', { name: 'Bereikbaarheid' }).click();
  for (const day of ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag'])
    await page.getByLabel(day, { exact: true }).selectOption({ label: 'Ahmed' });
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();
  await shot(page, '768-on-call-rota');
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  // The coördinator invites the student from the dossier: the code is shown once, on screen.
  await signIn(page, base, 'ahmed');
  await page.goto(`${base}/cases/${student}`);
  const invite = page.getByRole('region', { name: 'Eigen account van de student' });
  await invite.getByRole('button', { name: 'Student uitnodigen' }).click();
  code = (await invite.locator('.invite-code').textContent())!;
  expect(await invite.textContent()).toContain('sanne.de.vries');
  await shot(page, '768-invitation');
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.getByRole('button', { name: 'Inloggen' }).waitFor();
  await page.setViewportSize({ width: 390, height: 844 });
});
afterAll(async () => {
  for (const b of others) await b.close();
});

it('the student logs in with the invitation, reads what is missing, sees this week, asks for help and reads the answer', async () => {
  const ahmed = await coordinatorPage('ahmed');

  await page.goto(base);
  await page.getByRole('button', { name: 'Ik heb een uitnodigingscode' }).click();
  await page.getByLabel('Code').fill(code);
  await page.getByLabel('Kies een wachtwoord (minstens 10 tekens)').fill('sanne-haar-wachtwoord');
  await page.getByLabel('Typ het wachtwoord nog een keer').fill('sanne-haar-wachtwoord');
  await shot(page, '390-1-invitation');
  await page.getByRole('button', { name: 'Account openen' }).click();

  await page.getByRole('heading', { name: 'Mijn portfolio' }).waitFor();
  await page.getByText('Hallo Sanne').waitFor();
  const now = page.getByRole('region', { name: /Welzijnsdeel: opdrachten en beoordeling$/ });
  await now.getByText('Hier ben je nu').waitFor();
  expect(await now.textContent()).toContain('Nog 4 handtekeningen nodig');
  expect(await now.textContent()).toContain('Nog niet getekend');
  await page.getByText(/Je hebt \d+ van de \d+ onderdelen afgetekend/).waitFor();
  await page.getByText('Je bent klaar rond').waitFor();
  // The outing they went on, without the group's evaluation.
  const outings = page.getByRole('region', { name: 'Uitjes en activiteiten' });
  expect(await outings.textContent()).toContain('Excursie: Limburgs Museum');
  expect(await page.content()).not.toContain('Romeinen');
  // Fits the phone: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, '390-2-portfolio');

  await page.getByRole('link', { name: 'Mijn week' }).click();
  await page.getByRole('heading', { name: 'Mijn week' }).waitFor();
  await page.getByText('Riet · Kerkstraat').waitFor();
  expect(await page.getByTestId('on-call').textContent()).toBe('Vandaag kun je Ahmed bellen of roepen.');
  expect(await page.content()).not.toContain('Jansen');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, '390-3-week');

  await page.getByRole('button', { name: 'Hulp nodig' }).click();
  await page.getByLabel('Wat is er? (mag leeg)').fill('De deur gaat niet open');
  await shot(page, '390-4-asking');
  const asked = Date.now();
  await page.getByRole('button', { name: 'Kom nu' }).click();
  await page.getByTestId('help-answer').filter({ hasText: 'Je vraag is verstuurd naar Ahmed. Even geduld.' }).waitFor();

  // Ahmed's worklist, open in his own session, shows it without a reload, within two seconds.
  const alert = ahmed.getByTestId('help-alert');
  await alert.filter({ hasText: 'Sanne de Vries vraagt om hulp: Kom nu' }).waitFor({ timeout: 2000 });
  expect(Date.now() - asked).toBeLessThan(2000);
  expect(await alert.textContent()).toContain('De deur gaat niet open');
  await shot(ahmed, '768-coordinator-alert');
  const item = ahmed
    .getByRole('region', { name: /^Signalen/ })
    .getByRole('listitem')
    .filter({ hasText: 'Sanne de Vries' });
  await item.getByRole('button', { name: 'Ik kom eraan' }).click();
  await alert.waitFor({ state: 'detached' });

  await page.getByTestId('help-answer').filter({ hasText: 'Ahmed komt eraan' }).waitFor({ timeout: 6000 });
  await shot(page, '390-5-answered');

  await item.getByRole('button', { name: 'Afsluiten' }).click();
  await item.getByLabel('Hoe is het opgepakt?').fill('Deur samen opengekregen');
  await item.getByRole('button', { name: 'Signaal afsluiten' }).click();
  await page.getByRole('button', { name: 'Opnieuw hulp vragen' }).waitFor({ timeout: 6000 });

  // At tablet size the same pages.
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.getByRole('link', { name: 'Mijn portfolio' }).click();
  await page.getByRole('heading', { name: 'Mijn portfolio' }).waitFor();
  await shot(page, '768-portfolio');
  await page.getByRole('link', { name: 'Mijn week' }).click();
  await page.getByText('Riet · Kerkstraat').waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
  await shot(page, '768-week');
  await page.setViewportSize({ width: 390, height: 844 });
});

it('a call nobody answers in time reaches the other coördinator’s open page too', async () => {
  const ilse = await coordinatorPage('ilse');
  await page.getByRole('button', { name: 'Opnieuw hulp vragen' }).click();
  await page.getByRole('button', { name: 'Bel me' }).click();
  await page.getByTestId('help-answer').filter({ hasText: 'Je vraag is verstuurd naar Ahmed' }).waitFor();
  // Not Ilse's yet: Ahmed is on call.
  await new Promise((r) => setTimeout(r, 1000));
  expect(await ilse.getByTestId('help-alert').count()).toBe(0);

  clock.set(new Date(clock.at.getTime() + 10 * 60_000));
  expect(await t.app.scheduler.runEscalations()).toBe(1);
  const escalated = Date.now();
  await ilse
    .getByTestId('help-alert')
    .filter({ hasText: 'Sanne de Vries vraagt om hulp: Bel me' })
    .waitFor({ timeout: 2000 });
  expect(Date.now() - escalated).toBeLessThan(2000);
  await ilse.getByText('niet op tijd opgepakt').waitFor();
  await shot(ilse, '768-escalated');
  await ilse.getByRole('button', { name: 'Ik bel' }).click();
  await page.getByTestId('help-answer').filter({ hasText: 'Ilse belt je' }).waitFor({ timeout: 6000 });
  await shot(page, '390-6-escalated-answered');
});
