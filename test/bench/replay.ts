// Replaying recorded histories against a draft in Chromium: 5,000 real-looking student histories
// (the report's cohort, walked through the engine again and again), fetched in pages from the
// real server and replayed in the designer's Web Worker against a draft with one more rule.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { position, type Definition } from '../../engine';
import { buildApp } from '../../server/app';
import { timerActor } from '../../server/commands/history';
import { shippedWorkflows } from '../../workflows';
import { cohort, replay, type Driver } from '../../workflows/cohort';
import { Walk } from '../../workflows/walk';
import { ensureBuilt, openBrowser, signIn } from '../support/chromium';
import { percentile } from './advance';

const password = 'bench-admin-123';
const student = shippedWorkflows().find((d) => d.key === 'student-traject')!;
const coordinator = { role: 'staff' as const, function: 'coordinator' as const, username: 'docent' };

/** `count` histories as the engine records them, cycling through the cohort. */
async function histories(count: number) {
  const out: { name: string; walk: Walk }[] = [];
  const people = cohort();
  for (let i = 0; out.length < count; i++) {
    const p = people[i % people.length];
    let walk: Walk | undefined;
    const d: Driver = {
      now: () => walk?.now ?? new Date(0),
      start: (data, at) => void (walk = new Walk(student, { ...data, naam: `${p.name} · ${i}` }, coordinator, at)),
      act: (type, data) => void walk!.do(type, data),
      wait: (days) => void walk!.wait(days),
      signPhase: () => void walk!.signPhase(),
    };
    await replay(p, d);
    out.push({ name: `${p.name} · ${i}`, walk: walk! });
  }
  return out;
}

/** Writes the cases and their history rows straight into the database, as the server would have. */
async function fill(file: string, cases: Awaited<ReturnType<typeof histories>>) {
  const db = new sqlite3.Database(file);
  const run = (sql: string, params: unknown[] = []) =>
    new Promise<void>((res, rej) => db.run(sql, params, (e) => (e ? rej(e) : res())));
  const get = (sql: string) =>
    new Promise<Record<string, unknown>>((res, rej) =>
      db.get(sql, (e: Error | null, r: Record<string, unknown>) => (e ? rej(e) : res(r))),
    );
  const wf = await get(`select id from workflow_version where key = 'student-traject' and version = 1`);
  await run('pragma synchronous = OFF');
  await run('begin');
  const insertCase = db.prepare(
    'insert into wf_case (id, site_id, workflow_id, workflow_key, title, state, outcome, snapshot, revision, created_at, updated_at, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertRow = db.prepare(
    "insert into history (case_id, site_id, revision, at, actor, event, from_state, to_state, data) values (?, 'venray', ?, ?, ?, ?, null, ?, ?)",
  );
  const stmt = (s: sqlite3.Statement, params: unknown[]) =>
    new Promise<void>((res, rej) => s.run(params, (e) => (e ? rej(e) : res())));
  for (const { name, walk } of cases) {
    const id = randomUUID();
    const here = position(student, walk.s);
    const log = walk.log;
    const first = Date.parse(log[0].at);
    const last = Date.parse(log[log.length - 1].at);
    await stmt(insertCase, [
      id,
      'venray',
      wf.id,
      'student-traject',
      name,
      here.state,
      here.outcome ?? null,
      JSON.stringify(walk.s),
      log.length,
      first,
      last,
      'docent',
    ]);
    for (let r = 0; r < log.length; r++) {
      const e = log[r];
      await stmt(insertRow, [
        id,
        r + 1,
        Date.parse(e.at),
        e.timer ? timerActor : 'docent',
        e.event,
        here.state,
        JSON.stringify(e.data),
      ]);
    }
  }
  insertCase.finalize();
  insertRow.finalize();
  await run('commit');
  await new Promise((r) => db.close(r));
}

/** The draft replayed: WW students no longer planned for an intake (one more rule). */
function draftWithRule(): Definition {
  const { version: _v, ...draft } = structuredClone(student);
  draft.machine.states.aanmelding.on!.INTAKE_PLANNEN = {
    ...(draft.machine.states.aanmelding.on!.INTAKE_PLANNEN as object),
    guard: { type: 'rule', params: { field: 'instroomroute', op: 'ne', value: 'ww' } },
  };
  return draft as Definition;
}

export async function replaySpeed(count = 5000, rounds = 3) {
  const dir = mkdtempSync(join(tmpdir(), 'wlb-bench-replay-'));
  const file = join(dir, 'bench.sqlite');
  const options = { databaseUrl: file, adminPassword: password, timerIntervalMs: 0, logger: false as const };
  // A first start makes the schema, the shipped workflows and the users.
  const setup = await buildApp({ ...options, staticDir: tmpdir() });
  const admin = (
    await setup.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password } })
  ).json().token;
  for (const [username, role, fn] of [
    ['docent', 'staff', 'coordinator'],
    ['projectleider', 'manager', undefined],
  ] as const) {
    await setup.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: `Bearer ${admin}` },
      payload: { username, password: `${username}-wachtwoord`, role, ...(fn ? { function: fn } : {}) },
    });
  }
  await setup.close();
  await fill(file, await histories(count));

  const app = await buildApp({ ...options, staticDir: await ensureBuilt() });
  const browser = await openBrowser();
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'projectleider', password: 'projectleider-wachtwoord' },
    });
    const headers = { authorization: `Bearer ${login.json().token}` };
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/workflows/student-traject/draft',
      headers,
      payload: { definition: draftWithRule(), revision: 0 },
    });
    if (saved.statusCode !== 200) throw new Error(saved.body);

    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, base, 'projectleider');
    await page.goto(`${base}/processen/student-traject`);
    await page.locator('.react-flow__node[data-id="aanmelding"]').waitFor();
    await page.getByRole('tab', { name: 'Afspelen' }).click();
    const panel = page.getByRole('region', { name: 'Echte dossiers afspelen' });

    const replays: number[] = [];
    const totals: number[] = [];
    let fetched = NaN;
    for (let i = 0; i < rounds; i++) {
      await panel.locator('form button[type="submit"]').click();
      await page.waitForFunction((n) => performance.getEntriesByName('designer-replay-total').length === n, i + 1, {
        timeout: 120_000,
      });
      const t = await page.evaluate(() => ({
        replay: performance.getEntriesByName('designer-replay').at(-1)!.duration,
        fetch: performance.getEntriesByName('designer-replay-fetch').at(-1)!.duration,
        total: performance.getEntriesByName('designer-replay-total').at(-1)!.duration,
      }));
      // Later rounds take the pages from the app's cache: only the first one fetches.
      if (i === 0) fetched = t.fetch;
      replays.push(t.replay);
      totals.push(t.total);
    }
    const summary = await panel.getByTestId('replay-result').locator('.replay-summary').textContent();
    if (!summary?.includes(`Van ${count} dossiers`)) throw new Error(`unexpected replay answer: ${summary}`);
    return {
      cases: count,
      replay: {
        p50: percentile(
          replays.sort((a, b) => a - b),
          50,
        ),
        max: Math.max(...replays),
      },
      fetch: fetched,
      first: totals[0],
    };
  } finally {
    await browser.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
