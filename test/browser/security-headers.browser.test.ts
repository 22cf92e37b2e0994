import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from '../support/browser';
import { adminPassword, type TestApp } from '../support/helpers';

// Every page of the app under its Content-Security-Policy, as a manager and as an admin: no
// violation, no console error. And the app does not load inside another site's frame.
const suite = browserSuite();
let t: TestApp;
let page: Page;
let base: string;
let caseId: string;
const problems: string[] = [];

beforeAll(async () => {
  ({ app: t, page, base } = suite);
  await t.user('projectleider', 'manager');
  const staff = await t.user('coordinator', 'staff', 'coordinator');
  const res = await t.request({
    method: 'POST',
    url: '/api/cases',
    headers: staff,
    payload: { workflow: 'student-traject', data: { naam: 'Sanne', aanmelder: 'uwv', instroomroute: 'gilde' } },
  });
  caseId = res.json().id;

  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  // An API refusal (401 before logging in, 404 for a process without a draft) is an answer; a
  // page's own file that fails to load is a fault.
  page.on('response', (r) => {
    if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith('/api/'))
      problems.push(`${page.url()}: ${r.status()} ${r.url()}`);
  });
});

async function logIn(username: string, password: string) {
  await page.context().clearCookies();
  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Dossiers' }).waitFor();
}

const pages = () => [
  '/werklijst',
  '/',
  `/cases/${caseId}`,
  '/bord',
  '/overleg',
  '/aanwezigheid',
  '/planning',
  '/activiteiten',
  '/processen',
  '/processen/student-traject',
  '/gebruikers',
  '/delen',
  '/rapportage',
  '/kalender',
  '/bereikbaarheid',
  '/privacy',
  '/account',
];

async function visitAll() {
  for (const path of pages()) {
    await page.goto(base + path);
    await page.waitForLoadState('networkidle');
    if (path === '/processen/student-traject') await page.locator('.react-flow__node').first().waitFor();
  }
}

// The browser logs every failed load as a console error; which of them are faults is decided above.
const faults = () => problems.filter((p) => !p.includes('Failed to load resource'));

it('every page, as a manager, runs under the policy without a violation or a console error', async () => {
  problems.length = 0;
  await logIn('projectleider', 'projectleider-wachtwoord');
  await visitAll();
  expect(faults()).toEqual([]);
});

it('every page, as an admin, and the API docs, the same', async () => {
  problems.length = 0;
  await logIn('admin', adminPassword);
  await visitAll();
  await page.goto(`${base}/api/docs`);
  await page.getByText('WijkLeerbedrijf workflow API').first().waitFor();
  await page.getByText('/api/cases').first().waitFor();
  expect(faults()).toEqual([]);
});

it('sends the headers on the app, the API and its errors', async () => {
  for (const url of ['/', '/api/health', '/api/nergens', '/api/docs']) {
    const res = await t.request({ method: 'GET', url });
    expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    expect(res.headers['x-frame-options'], url).toBe('DENY');
    expect(res.headers['referrer-policy'], url).toBe('no-referrer');
  }
  // Only the swagger UI's pages allow inline styles, and never inline scripts.
  const app = (await t.request({ method: 'GET', url: '/' })).headers['content-security-policy'] as string;
  const docs = (await t.request({ method: 'GET', url: '/api/docs' })).headers['content-security-policy'] as string;
  expect(app).toContain("style-src 'self';");
  expect(app).not.toContain('unsafe');
  expect(docs).toContain("script-src 'self';");
  expect(docs).not.toContain("script-src 'self' 'unsafe");
});

it('does not load inside a frame of another site', async () => {
  const elsewhere = 'http://elders.example/';
  await page.route(elsewhere, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<iframe src="${base}" width="800" height="600"></iframe>` }),
  );
  await page.goto(elsewhere);
  await page.waitForTimeout(1000);
  const frame = page.frames().find((f) => f !== page.mainFrame())!;
  expect(frame.url()).not.toContain(base);
  expect(await frame.getByLabel('Gebruikersnaam').count()).toBe(0);
});
