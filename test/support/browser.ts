import { afterAll, beforeAll, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureBuilt, openBrowser } from './chromium';
import type { AppOptions } from '../../server/app';
import { testApp, type TestApp } from './helpers';

export { artefacts, chromiumPath, ensureBuilt, openBrowser, signIn } from './chromium';

/**
 * A browser test's world: the real app on a fresh database, listening on a free port, and a
 * fresh Chromium page. Call in a test file's top level; `page`, `base` and `app` are set before
 * the first test runs.
 */
export function browserSuite(options: AppOptions = {}) {
  const suite = {} as { app: TestApp; base: string; page: Page };
  let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;
  beforeAll(async () => {
    suite.app = await testApp({ staticDir: await ensureBuilt(), ...options });
    suite.base = await suite.app.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await openBrowser();
    suite.page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await suite.app?.close();
  });
  return suite;
}

/**
 * Chooses a step of the open diagram by its name in the step search, which selects it and brings
 * it into view: the diagram opens at a readable zoom, so most steps are not on screen.
 */
export async function findStep(page: Page, name: string) {
  const search = page.getByLabel('Stap zoeken');
  await search.fill(name);
  await search.press('Enter');
  await expect.poll(() => search.inputValue()).toBe('');
}
