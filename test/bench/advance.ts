import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import sqlite3 from 'sqlite3';
import { createActor, transition, type AnyMachineSnapshot } from 'xstate';
import { compile, startCase, type Definition } from '../../engine';
import { buildApp } from '../../server/app';

/** A dossier step that stays put, with a form and a rule: the work of one real event. */
export const benchWorkflow: Definition = {
  key: 'bench-notes',
  subject: 'client',
  title: { nl: 'Bench' },
  titleField: 'naam',
  fields: {
    naam: { type: 'string', label: { nl: 'Naam' } },
    notitie: { type: 'text', label: { nl: 'Notitie' } },
    uren: { type: 'number', label: { nl: 'Uren' }, min: 0, max: 8 },
  },
  startForm: [{ field: 'naam', required: true }],
  machine: {
    id: 'bench-notes',
    initial: 'actief',
    states: {
      actief: {
        meta: { label: { nl: 'Actief' } },
        on: {
          BEZOEK: {
            guard: {
              type: 'rule',
              params: {
                all: [
                  { field: 'uren', op: 'gt', value: 0 },
                  { field: 'notitie', op: 'exists' },
                ],
              },
            },
            meta: {
              label: { nl: 'Bezoek vastleggen' },
              form: [
                { field: 'notitie', required: true },
                { field: 'uren', required: true },
              ],
            },
          },
          SLUITEN: { target: 'dicht', meta: { label: { nl: 'Sluiten' } } },
        },
      },
      dicht: { type: 'final', meta: { label: { nl: 'Dicht' }, outcome: 'dicht' } },
    },
  },
};

export interface LoadResult {
  events: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** The p99 of the warm-up before the measurement: a server just started, its JIT still compiling. */
  warmupP99: number;
}

/** Seconds of load before the measurement starts, the same for the product and the baseline. */
export const warmupSeconds = Number(process.env.BENCH_WARMUP ?? 1);

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function load(job: {
  url: string;
  headers: Record<string, string>;
  targets: { path: string; body: string }[];
  clients: number;
  seconds: number;
}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./loadgen.mjs', import.meta.url), { workerData: { ...job, warmupSeconds } });
    w.once(
      'message',
      (m: { latencies: number[]; warmup: number[]; errors: number; elapsed: number; firstError?: string }) => {
        if (m.firstError) console.warn(`  first error: ${m.firstError}`);
        const sorted = m.latencies.sort((a, b) => a - b);
        const warm = m.warmup.sort((a, b) => a - b);
        resolve({
          events: sorted.length,
          perSecond: sorted.length / m.elapsed,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          errors: m.errors,
          warmupP99: percentile(warm, 99),
        });
      },
    );
    w.once('error', reject);
  });
}

export const benchBody = JSON.stringify({
  type: 'BEZOEK',
  data: { notitie: 'Samen boodschappen gedaan en gekookt', uren: 2 },
});

/** The product's own path: HTTP, auth, form, rule, snapshot, history, one transaction per event. */
export async function advanceOverHttp(clients: number, seconds: number): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'wlb-bench-'));
  const app = await buildApp({
    databaseUrl: join(dir, 'bench.sqlite'),
    adminPassword: 'bench-admin-123',
    workflows: [benchWorkflow],
    timerIntervalMs: 0,
    staticDir: dir,
  });
  try {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'bench-admin-123' },
    });
    const headers = { authorization: `Bearer ${login.json().token}`, 'content-type': 'application/json' };
    const targets = [];
    for (let i = 0; i < clients; i++) {
      const c = await app.inject({
        method: 'POST',
        url: '/api/cases',
        headers,
        payload: { workflow: 'bench-notes', data: { naam: `Klant ${i}` } },
      });
      targets.push({ path: `/api/cases/${c.json().id}/events`, body: benchBody });
    }
    return await load({ url, headers, targets, clients, seconds });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An event's work in a bare baseline: the next snapshot of a case, to be written as a history row too. */
export interface BareStep {
  id: string;
  revision: number;
  at: string;
  type: string;
  snapshot: string;
  data: string;
}

/**
 * The bare baselines: a Fastify route doing the XState transition of the bench workflow, with
 * `write` storing the snapshot and a history row however the baseline does it. Nothing else:
 * no auth, no form, no rule.
 */
export async function bareBaseline(
  clients: number,
  seconds: number,
  store: { insert(id: string, snapshot: string): Promise<void>; write(step: BareStep): Promise<void> },
): Promise<LoadResult> {
  const machine = compile(benchWorkflow);
  const live = new Map<string, { snapshot: AnyMachineSnapshot; revision: number }>();
  const targets = [];
  for (let i = 0; i < clients; i++) {
    const started = startCase(benchWorkflow, { naam: `Klant ${i}` }, new Date());
    if (!started.ok) throw new Error('start');
    const id = `case-${i}`;
    live.set(id, {
      snapshot: createActor(machine, { snapshot: started.snapshot as never }).getSnapshot() as AnyMachineSnapshot,
      revision: 1,
    });
    await store.insert(id, JSON.stringify(started.snapshot));
    targets.push({ path: `/bare/${id}`, body: benchBody });
  }
  const app = Fastify();
  app.post<{ Params: { id: string }; Body: { type: string; data: Record<string, unknown> } }>(
    '/bare/:id',
    async (req) => {
      const entry = live.get(req.params.id)!;
      const at = new Date().toISOString();
      const [next] = transition(machine, entry.snapshot, { type: req.body.type, data: req.body.data, at } as never);
      const revision = entry.revision + 1;
      await store.write({
        id: req.params.id,
        revision,
        at,
        type: req.body.type,
        snapshot: JSON.stringify(machine.getPersistedSnapshot(next)),
        data: JSON.stringify(req.body.data),
      });
      entry.snapshot = next;
      entry.revision = revision;
      return { revision };
    },
  );
  try {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    return await load({ url, headers: { 'content-type': 'application/json' }, targets, clients, seconds });
  } finally {
    await app.close();
  }
}

/**
 * The bare SQLite baselines, on the product's pragmas (WAL, synchronous=FULL): one raw sqlite3
 * transaction per event, or (`groupCommit`) the events that arrive while a transaction is being
 * written together in the next one, as the product does: the limit of that design.
 */
export async function advanceBare(clients: number, seconds: number, groupCommit = false): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'wlb-bare-'));
  const db = new sqlite3.Database(join(dir, 'bare.sqlite'));
  const run = (sql: string, params: unknown[] = []) =>
    new Promise<void>((res, rej) => db.run(sql, params, (e) => (e ? rej(e) : res())));
  for (const p of ['pragma journal_mode = WAL', 'pragma synchronous = FULL']) await run(p);
  await run('create table snap (id text primary key, snapshot text not null, revision integer not null)');
  await run(
    'create table hist (id integer primary key autoincrement, case_id text not null, revision integer not null, at text not null, event text not null, data text not null)',
  );
  // Today's baseline as it always was: each statement from its text, awaited one by one.
  let queue: Promise<unknown> = Promise.resolve();
  const oneEach = (s: BareStep) => {
    const tx = queue.then(async () => {
      await run('begin');
      await run('update snap set snapshot = ?, revision = ? where id = ?', [s.snapshot, s.revision, s.id]);
      await run('insert into hist (case_id, revision, at, event, data) values (?, ?, ?, ?, ?)', [
        s.id,
        s.revision,
        s.at,
        s.type,
        s.data,
      ]);
      await run('commit');
    });
    queue = tx.catch(() => undefined);
    return tx;
  };
  // The limit of group commit: prepared statements, a batch's statements sent at once.
  const update = db.prepare('update snap set snapshot = ?, revision = ? where id = ?');
  const history = db.prepare('insert into hist (case_id, revision, at, event, data) values (?, ?, ?, ?, ?)');
  const exec = (stmt: sqlite3.Statement, params: unknown[]) =>
    new Promise<void>((res, rej) => stmt.run(params, (e: Error | null) => (e ? rej(e) : res())));
  const writeBatch = (steps: BareStep[]) =>
    Promise.all(
      steps.flatMap((s) => [
        exec(update, [s.snapshot, s.revision, s.id]),
        exec(history, [s.id, s.revision, s.at, s.type, s.data]),
      ]),
    );
  let waiting: { step: BareStep; done: () => void; fail: (e: unknown) => void }[] = [];
  let draining = false;
  const drain = async () => {
    draining = true;
    while (waiting.length) {
      const batch = waiting;
      waiting = [];
      try {
        await run('begin immediate');
        await writeBatch(batch.map((w) => w.step));
        await run('commit');
        for (const w of batch) w.done();
      } catch (e) {
        await run('rollback').catch(() => undefined);
        for (const w of batch) w.fail(e);
      }
    }
    draining = false;
  };
  const together = (step: BareStep) =>
    new Promise<void>((done, fail) => {
      waiting.push({ step, done, fail });
      if (!draining) void drain();
    });
  try {
    return await bareBaseline(clients, seconds, {
      insert: (id, snapshot) => run('insert into snap values (?, ?, 1)', [id, snapshot]),
      write: groupCommit ? together : oneEach,
    });
  } finally {
    for (const stmt of [update, history]) await new Promise((r) => stmt.finalize(r));
    await new Promise((r) => db.close(r));
    rmSync(dir, { recursive: true, force: true });
  }
}
