// Chromium and the built app, without the test runner: shared by browser tests and `npm run bench`.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const artefacts = resolve('test-results/screenshots');

/** Builds the app once if no build is there, so a single test file can run on its own. */
export async function ensureBuilt(): Promise<string> {
  const dir = resolve('dist/app');
  if (!existsSync(join(dir, 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn' });
  }
  return dir;
}

/** Debian's Chromium, headless, with a fresh profile and no calls to the outside world. */
export async function openBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(chromiumPath)) throw new Error(`No Chromium at ${chromiumPath}: apt-get install -y chromium`);
  mkdirSync(artefacts, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'wlb-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1180, height: 820 },
    locale: 'nl-NL',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in on the login page as a test user (password `<name>-wachtwoord`) and waits for the case list. */
export async function signIn(page: Page, base: string, username: string) {
  await page.goto(base);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(`${username}-wachtwoord`);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { name: 'Dossiers' }).waitFor();
}
