// The designer on a large workflow in Chromium: open (load, elk layout, interactive) and one edit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorsOnly, validateDefinition, type Definition } from '../../engine';
import { applyEdit, type Edit } from '../../designer/src/process-designer/model/model';
import { buildApp } from '../../server/app';
import { ensureBuilt, openBrowser } from '../support/chromium';
import { percentile } from './advance';

const password = 'bench-admin-123';

/**
 * A valid workflow of `groups` × `perGroup` steps inside `groups` parent steps plus two ends,
 * built with the designer's own edits: every step leads on (NEXT) and can skip one (SKIP, behind
 * a rule), every group can be left as a whole; about two transitions per step.
 */
export function bigWorkflow(groups = 18, perGroup = 10): Definition {
  let def: Definition = {
    key: 'groot-proces',
    subject: 'student',
    title: { nl: 'Groot proces' },
    titleField: 'naam',
    fields: {
      naam: { type: 'string', label: { nl: 'Naam' } },
      klaar: { type: 'boolean', label: { nl: 'Klaar voor de volgende stap' } },
      niveau: { type: 'number', label: { nl: 'Niveau' }, min: 1, max: 4 },
    },
    startForm: [{ field: 'naam', required: true }],
    machine: { id: 'groot-proces', initial: 'g0', states: {} },
  };
  const edits: Edit[] = [];
  for (let g = 0; g < groups; g++) {
    edits.push({ kind: 'addState', parent: '', key: `g${g}`, label: { nl: `Fase ${g + 1}` } });
    for (let s = 0; s < perGroup; s++)
      edits.push({ kind: 'addState', parent: `g${g}`, key: `s${s}`, label: { nl: `Stap ${g + 1}.${s + 1}` } });
  }
  edits.push({ kind: 'addState', parent: '', key: 'klaar', label: { nl: 'Afgerond' }, final: true });
  edits.push({ kind: 'addState', parent: '', key: 'gestopt', label: { nl: 'Gestopt' }, final: true });
  const step = (g: number, s: number) =>
    s < perGroup ? `g${g}.s${s}` : g + 1 < groups ? `g${g + 1}.s${s - perGroup}` : 'klaar';
  for (let g = 0; g < groups; g++) {
    for (let s = 0; s < perGroup; s++) {
      edits.push({
        kind: 'addTransition',
        source: `g${g}.s${s}`,
        event: 'NEXT',
        target: step(g, s + 1),
        label: { nl: 'Volgende' },
      });
      edits.push({
        kind: 'addTransition',
        source: `g${g}.s${s}`,
        event: 'SKIP',
        target: step(g, s + 2),
        label: { nl: 'Overslaan' },
      });
      edits.push({
        kind: 'updateTransition',
        ref: { source: `g${g}.s${s}`, on: 'on', key: 'SKIP', index: 0 },
        guard: {
          all: [
            { field: 'klaar', op: 'eq', value: true },
            { field: 'niveau', op: 'gte', value: 2 },
          ],
        },
      });
    }
    edits.push({
      kind: 'addTransition',
      source: `g${g}`,
      event: 'STOPPEN',
      target: 'gestopt',
      label: { nl: 'Stoppen' },
    });
    edits.push({
      kind: 'addTransition',
      source: `g${g}`,
      event: 'FASE_OVERSLAAN',
      target: g + 1 < groups ? `g${g + 1}` : 'klaar',
      label: { nl: 'Fase overslaan' },
    });
  }
  edits.push({ kind: 'setInitial', parent: '', key: 'g0' });
  for (const e of edits) def = applyEdit(def, e);
  const errors = errorsOnly(validateDefinition(def));
  if (errors.length) throw new Error(`generated workflow is invalid: ${errors[0].path} ${errors[0].message.en}`);
  return def;
}

export async function designerSpeed(rounds = 5) {
  const def = bigWorkflow();
  const dir = mkdtempSync(join(tmpdir(), 'wlb-bench-designer-'));
  const app = await buildApp({
    databaseUrl: join(dir, 'bench.sqlite'),
    adminPassword: password,
    timerIntervalMs: 0,
    staticDir: await ensureBuilt(),
    logger: false,
  });
  const browser = await openBrowser();
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password },
    });
    const headers = { authorization: `Bearer ${login.json().token}` };
    const saved = await app.inject({
      method: 'PUT',
      url: `/api/workflows/${def.key}/draft`,
      headers,
      payload: { definition: def },
    });
    if (saved.statusCode !== 200) throw new Error(saved.body);
    const published = await app.inject({
      method: 'POST',
      url: `/api/workflows/${def.key}/publish`,
      headers,
      payload: {},
    });
    if (published.statusCode !== 200) throw new Error(published.body);

    const page = await browser.context.newPage();
    await page.goto(base);
    await page.getByLabel('Gebruikersnaam').fill('admin');
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: 'Dossiers' }).waitFor();

    const states =
      Object.keys(def.machine.states).length +
      Object.values(def.machine.states).reduce((n, s) => n + Object.keys(s.states ?? {}).length, 0);
    const opens: number[] = [];
    const layouts: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // In the page's own clock, so the test driver's round trips do not count: from the click on
      // "Openen" to the diagram drawn and ready, plus from Enter on the first step to its panel.
      await page.goto(`${base}/processen`);
      const link = page.getByRole('row', { name: /Groot proces/ }).getByRole('link', { name: 'Openen' });
      await link.waitFor();
      await page.evaluate(() => {
        const w = window as unknown as Record<string, number>;
        document.addEventListener('click', (e) => (w.clickedAt = e.timeStamp), { capture: true, once: true });
        document.addEventListener(
          'keydown',
          (e) => {
            if (e.key !== 'Enter') return;
            w.enterAt = e.timeStamp;
            const seen = new MutationObserver(() => {
              if (![...document.querySelectorAll('.designer-side h3')].some((h) => h.textContent?.includes('Stap 1.1')))
                return;
              seen.disconnect();
              requestAnimationFrame(() => (w.answeredAt = performance.now()));
            });
            seen.observe(document.body, { childList: true, subtree: true, characterData: true });
          },
          { capture: true, once: true },
        );
      });
      await link.click();
      await page.waitForFunction((n) => document.documentElement.dataset.designerReady === String(n), states, {
        polling: 'raf',
      });
      // The keyboard's way in: focusing a step brings it into view, Enter chooses it.
      await page.locator('.react-flow__node[data-id="g0.s0"]').focus();
      await page.keyboard.press('Enter');
      await page.locator('.designer-side h3', { hasText: 'Stap 1.1' }).waitFor();
      await page.waitForFunction(() => (window as unknown as Record<string, number>).answeredAt !== undefined);
      const t = await page.evaluate(() => {
        const w = window as unknown as Record<string, number>;
        const ready = performance.getEntriesByName('designer-ready').at(-1)!.startTime;
        return {
          drawn: ready - w.clickedAt,
          answered: w.answeredAt - w.enterAt,
          layout: performance.getEntriesByName('designer-layout').at(-1)?.duration ?? NaN,
        };
      });
      opens.push(t.drawn + t.answered);
      layouts.push(t.layout);
    }

    const edits: number[] = [];
    const commits: number[] = [];
    const name = page.locator('.designer-side').getByLabel('Naam (Nederlands)');
    for (let i = 0; i < rounds * 4; i++) {
      // Rename the chosen step: from the Enter key to the graph showing the new name, painted.
      await name.fill(`Stap 1.1 (${i})`);
      const took = await page.evaluate(
        (text) =>
          new Promise<[number, number]>((resolve) => {
            const title = document.querySelector('.react-flow__node[data-id="g0.s0"] .step-title')!;
            const observer = new MutationObserver(() => {
              if (title.textContent !== text) return;
              observer.disconnect();
              const committed = performance.now() - started;
              requestAnimationFrame(() => resolve([committed, performance.now() - started]));
            });
            observer.observe(title, { characterData: true, childList: true, subtree: true });
            const input = document.activeElement as HTMLInputElement;
            const started = performance.now();
            input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
          }),
        `Stap 1.1 (${i})`,
      );
      commits.push(took[0]);
      edits.push(took[1]);
    }
    return {
      states,
      transitions: JSON.stringify(def.machine).match(/"target"/g)!.length,
      open: {
        p50: percentile(
          opens.sort((a, b) => a - b),
          50,
        ),
        max: Math.max(...opens),
      },
      /** Of which the automatic layout (elk, in its worker). */
      layout: {
        p50: percentile(
          layouts.sort((a, b) => a - b),
          50,
        ),
      },
      /** From Enter to the new name in the DOM (React's commit), and to the next frame. */
      commit: {
        p50: percentile(
          commits.sort((a, b) => a - b),
          50,
        ),
        p99: percentile(commits, 99),
      },
      edit: {
        p50: percentile(
          edits.sort((a, b) => a - b),
          50,
        ),
        p99: percentile(edits, 99),
      },
    };
  } finally {
    await browser.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
