import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDuration } from '../../engine';
import { artefacts, browserSuite } from '../support/browser';
import { longSession, type TestApp } from '../support/helpers';

let clock = new Date('2026-08-20T09:00:00Z');
const suite = browserSuite({ now: () => clock });
let t: TestApp;
let page: Page;
let base: string;
let caseId = '';
let docent: Record<string, string> = {};

const shot = (name: string) => page.screenshot({ path: `${artefacts}/portfolio-${name}.png`, fullPage: true });

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  await t.user('docent', 'staff', 'docent');
  const headers = await longSession(t, 'docent', clock);
  docent = headers;
  const post = async (url: string, payload: Record<string, unknown>) => {
    const res = await t.request({ method: 'POST', url, headers, payload });
    expect(res.statusCode, `${url} ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const signCurrent = async () => {
    const c = (await t.request({ method: 'GET', url: `/api/cases/${caseId}`, headers })).json();
    for (const item of c.checklist.filter((i: { current: boolean; signed?: unknown }) => i.current && !i.signed)) {
      await post(`/api/cases/${caseId}/checklist`, { item: item.id, signed: true });
    }
  };
  const wait = async (days: number) => {
    clock = new Date(addDuration(clock.getTime(), `${days}d`));
    await t.app.scheduler.runDue();
  };
  // A Gilde student taken to the care placement, everything signed up to it.
  caseId = (
    await post('/api/cases', {
      workflow: 'student-traject',
      data: { naam: 'Yara Peeters', aanmelder: 'gilde', instroomroute: 'gilde' },
    })
  ).id;
  const event = (type: string, data: Record<string, unknown>) => post(`/api/cases/${caseId}/events`, { type, data });
  await event('INTAKE_PLANNEN', { intakeDatum: '2026-08-27' });
  await wait(7);
  await event('MATCH', { taalniveau: 'b1', coach: 'Ans' });
  await event('INGESCHREVEN', { inschrijfdatum: '2026-09-01', niveau: '2', startmoment: 'september' });
  await wait(5); // to the start moment, 1 September
  await signCurrent();
  await wait(70);
  await event('LEERROUTE_AFGESPROKEN', {
    duur: '12',
    leerroute: 'Niveau 2 in een jaar',
    dagdelen: ['ma-ochtend', 'wo-middag'],
    coach: 'Ans',
    coordinator: 'Mieke',
  });
  await signCurrent();
  await wait(170);
  await event('ZORGSTAGE_STARTEN', {
    zorgstageInstelling: 'proteion',
    zorgstageStart: clock.toISOString().slice(0, 10),
  });
  await event('STARTGESPREK_GEVOERD', {
    startgesprekDatum: '2027-06-01',
    zorgstageBegeleider: 'Petra Willems',
    tussenevaluatieGepland: '2027-06-01',
    eindevaluatieGepland: '2027-06-01',
  });
  await wait(92); // the care placement runs three months before the diploma

  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill('docent');
  await page.getByLabel('Wachtwoord').fill('docent-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Dossiers' }).waitFor();
}, 120_000);

it('puts the student who lags the plan on the worklist, with where they stand', async () => {
  const res = await t.request({ method: 'GET', url: '/api/worklist?kind=behind', headers: docent });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().items).toEqual([
    expect.objectContaining({ caseId, kind: 'behind', label: 'Loopt achter op schema: 9 van 13 afgetekend' }),
  ]);
});

it('a docent signs the portfolio; the diploma stays closed, naming what is missing, until the last item', async () => {
  await page.goto(`${base}/cases/${caseId}`);
  const diploma = page.getByRole('button', { name: 'Diploma uitreiken' });
  await diploma.waitFor();
  const reason = page.locator(`#${await diploma.getAttribute('aria-describedby')}`);
  expect(await diploma.isDisabled()).toBe(true);
  expect(await reason.textContent()).toContain(
    'Nog niet afgetekend (4): Zorghandelingen geoefend en beoordeeld; Evaluatie met de instelling besproken; Praktijkbeoordeling zorgstage voldoende; Examens bij Gilde behaald',
  );
  // Ten months into a year, with the care placement's items not yet signed: behind the plan.
  const progress = page.getByTestId('progress');
  expect(await progress.textContent()).toContain('9 van 13 afgetekend');
  expect(await progress.textContent()).toContain('Loopt achter op schema');
  // The sign-off list counts the same 13: the WW employer's items are not this student's route.
  expect(await page.getByRole('heading', { name: /Aftekenlijst/ }).textContent()).toContain('9/13');
  await shot('1-four-missing');

  const now = page.getByTestId('checklist-now');
  const items = [
    'Zorghandelingen geoefend en beoordeeld',
    'Evaluatie met de instelling besproken',
    'Praktijkbeoordeling zorgstage voldoende',
  ];
  for (const [i, label] of items.entries()) {
    await now.getByLabel(label).click();
    await expect.poll(() => reason.textContent()).toContain(`Nog niet afgetekend (${3 - i})`);
    expect(await diploma.isDisabled()).toBe(true);
  }
  expect(await reason.textContent()).toContain('Nog niet afgetekend (1): Examens bij Gilde behaald');
  await shot('2-one-missing');

  await now.getByLabel('Examens bij Gilde behaald').click();
  await expect.poll(() => diploma.isDisabled()).toBe(false);
  expect(await now.textContent()).toContain('afgetekend door docent');
  await expect.poll(() => progress.textContent()).toContain('13 van 13 afgetekend');
  expect(await progress.textContent()).not.toContain('achter op schema');
  await shot('3-diploma-open');
  const after = (await t.request({ method: 'GET', url: '/api/worklist?kind=behind', headers: docent })).json();
  expect(after.items).toEqual([]);
});
