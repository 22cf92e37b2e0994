// `npm run bench`: measures in one run and prints ratios, because these machines are noisy.
// Settings: BENCH_CLIENTS (32), BENCH_SECONDS (5), BENCH_WARMUP (1), BENCH_CASES (100000), and
// BENCH_ONLY, a comma-separated choice of sqlite, postgres, peer, scale, designer, replay (all by default).
// PostgreSQL: WLB_BENCH_POSTGRES or WLB_TEST_POSTGRES, else the local cluster, started if need be.
import { advanceBare, advanceOverHttp, warmupSeconds } from './advance';
import { advanceBarePostgres, advanceOnPostgres, benchPostgres } from './postgres';
import { peerComparison } from './peer';
import { scale } from './scale';
import { designerSpeed } from './designer';
import { replaySpeed } from './replay';

const clients = Number(process.env.BENCH_CLIENTS ?? 32);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const cases = Number(process.env.BENCH_CASES ?? 100_000);
const parts = ['sqlite', 'postgres', 'peer', 'scale', 'designer', 'replay'];
const only = (process.env.BENCH_ONLY ?? parts.join(',')).split(',').map((p) => p.trim());
const unknown = only.filter((p) => !parts.includes(p));
if (unknown.length) throw new Error(`BENCH_ONLY: unknown ${unknown.join(', ')}; choose from ${parts.join(', ')}`);
const steps = parts.filter((p) => only.includes(p));
let step = 0;
const say = (what: string) => console.error(`${++step}/${steps.length} ${what}`);

const fmt = (n: number, d = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '–';
const rows: string[][] = [['measure', 'result', 'p50', 'p99', 'target']];
const row = (...cells: string[]) => rows.push(cells);
const print = () => {
  const width = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (c ?? '').padEnd(width[i])).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows.slice(1)) console.log(line(r));
};

const pct = (n: number) => `${fmt(n * 100)}%`;
if (only.includes('sqlite')) {
  say(
    `advancing cases on SQLite: ${clients} clients, ${warmupSeconds} s warm-up and ${seconds} s measured each, WAL synchronous=FULL …`,
  );
  const bare = await advanceBare(clients, seconds);
  const grouped = await advanceBare(clients, seconds, true);
  const ours = await advanceOverHttp(clients, seconds);
  row(
    'bare baseline: Fastify + XState + raw sqlite3, one transaction per event',
    `${fmt(bare.perSecond)} events/s`,
    `${fmt(bare.p50, 1)} ms`,
    `${fmt(bare.p99, 1)} ms`,
    '',
  );
  row(
    'bare baseline: Fastify + XState + raw sqlite3, group commit (many events per commit)',
    `${fmt(grouped.perSecond)} events/s`,
    `${fmt(grouped.p50, 1)} ms`,
    `${fmt(grouped.p99, 1)} ms`,
    '',
  );
  row(
    'POST /api/cases/:id/events (auth, form, rules, snapshot, history)',
    `${fmt(ours.perSecond)} events/s`,
    `${fmt(ours.p50, 1)} ms`,
    `${fmt(ours.p99, 1)} ms`,
    '≥ 2,000/s, p99 < 25 ms',
  );
  row(
    `… its first ${fmt(warmupSeconds)} s after start (warm-up, JIT compiling; not in the figures above)`,
    '',
    '',
    `${fmt(ours.warmupP99, 1)} ms`,
    '',
  );
  row('ratio product / bare baseline', `${fmt(ours.perSecond / bare.perSecond, 2)}×`, '', '', '≥ 0.5×');
  row("product's share of the group-commit baseline", pct(ours.perSecond / grouped.perSecond), '', '', '≥ 50%');
  if (bare.errors || grouped.errors || ours.errors)
    row('errors', `${bare.errors} bare, ${grouped.errors} group commit, ${ours.errors} product`, '', '', '0');
}

if (only.includes('postgres')) {
  say(`advancing cases on PostgreSQL: ${clients} clients, bare baseline, then the server with one and two processes …`);
  const found = await benchPostgres();
  if ('skipped' in found) row(`PostgreSQL rows skipped: ${found.skipped}`, '', '', '', '');
  else {
    const bare = await advanceBarePostgres(found.server, clients, seconds);
    const one = await advanceOnPostgres(found.server, clients, seconds, 1);
    const two = await advanceOnPostgres(found.server, clients, seconds, 2);
    row(
      'bare baseline: Fastify + XState + pg, one transaction per event',
      `${fmt(bare.perSecond)} events/s`,
      `${fmt(bare.p50, 1)} ms`,
      `${fmt(bare.p99, 1)} ms`,
      '',
    );
    row(
      'POST /api/cases/:id/events on PostgreSQL, one process',
      `${fmt(one.perSecond)} events/s`,
      `${fmt(one.p50, 1)} ms`,
      `${fmt(one.p99, 1)} ms`,
      '≥ 1,500/s and ≥ bare, p99 < 50 ms',
    );
    row(
      '… two processes (WLB_WORKERS=2)',
      `${fmt(two.perSecond)} events/s`,
      `${fmt(two.p50, 1)} ms`,
      `${fmt(two.p99, 1)} ms`,
      '≥ one process',
    );
    row('ratio one process / bare baseline (PostgreSQL)', `${fmt(one.perSecond / bare.perSecond, 2)}×`, '', '', '≥ 1×');
    row('ratio two processes / one', `${fmt(two.perSecond / one.perSecond, 2)}×`, '', '', '≥ 1×');
    row('errors (PostgreSQL)', `${bare.errors} bare, ${one.errors} one process, ${two.errors} two`, '', '', '0');
  }
}

if (only.includes('peer')) {
  say(`student trajectory through our engine and through bpmn-engine, ${seconds} s each …`);
  const peer = await peerComparison(seconds);
  row(
    'engine: student trajectory steps (forms, rules, timer, sign-off, JSON)',
    `${fmt(peer.ours)} steps/s`,
    '',
    '',
    '',
  );
  row('bpmn-engine 25: same trajectory as BPMN (signal, getState, JSON)', `${fmt(peer.peer)} steps/s`, '', '', '');
  row('ratio engine / bpmn-engine', `${fmt(peer.ours / peer.peer, 1)}×`, '', '', '≥ 10×');
}

if (only.includes('scale')) {
  say(`${fmt(cases)} cases: list, filter, history, cold start, memory …`);
  const big = await scale(cases, 100);
  for (const l of big.lists)
    row(l.name, '', `${fmt(l.p50, 1)} ms`, `${fmt(l.p99, 1)} ms`, l.name.includes('history') ? '' : 'p99 < 50 ms');
  row(`cold start on ${fmt(cases)} cases (spawn to /api/health)`, `${fmt(big.coldStartMs)} ms`, '', '', '');
  row(`server memory (RSS) with ${fmt(cases)} cases, after the queries`, `${fmt(big.rssMb)} MB`, '', '', '');
}

if (only.includes('designer')) {
  say('the designer in Chromium on a generated workflow …');
  const d = await designerSpeed();
  row(
    `designer: open ${d.states} steps / ${d.transitions} transitions (click to diagram ready + Enter to panel)`,
    `${fmt(d.open.p50)} ms`,
    `${fmt(d.open.p50)} ms`,
    `max ${fmt(d.open.max)} ms`,
    '< 1,000 ms',
  );
  row(
    'designer: rename a step, Enter to the new name in the DOM',
    '',
    `${fmt(d.commit.p50, 1)} ms`,
    `${fmt(d.commit.p99, 1)} ms`,
    '',
  );
  row(
    'designer: rename a step, Enter to the next frame after it',
    '',
    `${fmt(d.edit.p50, 1)} ms`,
    `${fmt(d.edit.p99, 1)} ms`,
    '< 50 ms',
  );
}

if (only.includes('replay')) {
  say('replaying 5,000 recorded histories against a draft in Chromium …');
  const r = await replaySpeed();
  row(
    `designer: replay ${fmt(r.cases)} histories against a draft (Web Worker, in the page's clock)`,
    `${fmt(r.replay.p50)} ms`,
    `${fmt(r.replay.p50)} ms`,
    `max ${fmt(r.replay.max)} ms`,
    '< 5,000 ms',
  );
  row(
    `… the first run with fetching them (${fmt(r.cases / 1000)} pages over HTTP) (fetch ${fmt(r.fetch)} ms)`,
    `${fmt(r.first)} ms`,
    '',
    '',
    '',
  );
}

print();
