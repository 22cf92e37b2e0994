import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openRaw } from './raw-sqlite';
import { buildApp } from '../../server/app';
import { percentile } from './advance';

const password = 'bench-admin-123';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Fills a database with `count` cases (students and clients in every step) and one long history. */
async function fill(file: string, count: number) {
  const app = await buildApp({ databaseUrl: file, adminPassword: password, timerIntervalMs: 0, staticDir: tmpdir() });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password } });
  const headers = { authorization: `Bearer ${login.json().token}` };
  const template = (
    await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers,
      payload: { workflow: 'student-traject', data: { naam: 'Sjabloon', aanmelder: 'uwv', instroomroute: 'gilde' } },
    })
  ).json();
  await app.close();

  const { db, run, get } = openRaw(file);
  const row = await get(`select workflow_id, snapshot from wf_case where id = '${template.id}'`);
  const wf = await get(`select id from workflow_version where key = 'client-hulpvraag'`);
  const studentStates = [
    'aanmelding',
    'intake',
    'inschrijving',
    'opleiding.leerbedrijf.school.introductie.lopend',
    'opleiding.leerbedrijf.school.welzijnsstage',
    'opleiding.leerbedrijf.school.zorgstage.loopt',
    'diploma',
  ];
  const clientStates = ['hulpvraag', 'huisbezoek', 'matching', 'actief.loopt', 'gepauzeerd'];
  await run('pragma synchronous = OFF');
  await run('begin');
  const now = Date.now();
  const stmt = db.prepare(
    'insert into wf_case (id, site_id, workflow_id, workflow_key, title, state, outcome, snapshot, revision, created_at, updated_at, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)',
  );
  for (let i = 0; i < count; i++) {
    const student = i % 3 !== 0;
    const states = student ? studentStates : clientStates;
    const state = states[i % states.length];
    const done = i % 11 === 0;
    await new Promise<void>((res, rej) =>
      stmt.run(
        [
          randomUUID(),
          'venray',
          student ? row.workflow_id : wf.id,
          student ? 'student-traject' : 'client-hulpvraag',
          `${student ? 'Student' : 'Klant'} ${String(i).padStart(6, '0')}`,
          done ? (student ? 'uitgestroomd' : 'afgesloten') : state,
          done ? (student ? 'diploma' : 'afgesloten') : null,
          row.snapshot,
          now - i * 1000,
          now - i * 1000,
          'bench',
        ],
        (e) => (e ? rej(e) : res()),
      ),
    );
  }
  stmt.finalize();
  for (let r = 2; r <= 1000; r++) {
    await run(
      "insert into history (case_id, site_id, revision, at, actor, event, from_state, to_state, data) values (?, 'venray', ?, ?, 'docent', 'MATCH', 'intake', 'inschrijving', '{\"taalniveau\":\"b1\",\"coach\":\"Ans\"}')",
      [template.id, r, now + r],
    );
  }
  await run('commit');
  await new Promise((r) => db.close(r));
  return template.id as string;
}

export interface ScaleResult {
  cases: number;
  coldStartMs: number;
  rssMb: number;
  lists: { name: string; p50: number; p99: number }[];
}

/** List and filter at scale, a long history, cold start and memory of the real server process. */
export async function scale(count: number, rounds: number): Promise<ScaleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'wlb-scale-'));
  const file = join(dir, 'scale.sqlite');
  try {
    const longCase = await fill(file, count);
    const port = await freePort();
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, DATABASE_URL: file, PORT: String(port), LOG_LEVEL: 'warn', WLB_ADMIN_PASSWORD: password },
      stdio: 'ignore',
    });
    const base = `http://127.0.0.1:${port}/api`;
    for (;;) {
      try {
        if ((await fetch(`${base}/health`)).ok) break;
      } catch {
        // not yet
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const coldStartMs = performance.now() - started;
    try {
      const { token } = await (
        await fetch(`${base}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password }),
        })
      ).json();
      const headers = { authorization: `Bearer ${token}` };
      const queries: [string, (i: number) => string][] = [
        ['GET /api/cases (newest 50)', () => '/cases?limit=50'],
        [
          '… ?workflow=&state= (filtered)',
          (i) =>
            `/cases?workflow=student-traject&state=${['intake', 'opleiding.leerbedrijf.school.welzijnsstage', 'diploma'][i % 3]}&limit=50`,
        ],
        ['… ?q= (text search)', (i) => `/cases?q=${String(i * 37).padStart(4, '0')}&limit=50`],
        ['… ?offset=5000 (deep page)', () => '/cases?workflow=client-hulpvraag&offset=5000&limit=50'],
        ['GET /api/cases/:id/history (1,000 rows)', () => `/cases/${longCase}/history`],
      ];
      const lists = [];
      for (const [name, url] of queries) {
        const times: number[] = [];
        for (let i = 0; i < rounds; i++) {
          const t = performance.now();
          const res = await fetch(`${base}${url(i)}`, { headers });
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`${url(i)}: ${res.status}`);
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        lists.push({ name, p50: percentile(times, 50), p99: percentile(times, 99) });
      }
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      return { cases: count, coldStartMs, rssMb, lists };
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
