// `npm run bench`: measures in one run and prints ratios, because these machines are noisy.
// Settings: BENCH_CLIENTS (32), BENCH_SECONDS (5), BENCH_WARMUP (1), BENCH_CASES (100000).
import { advanceBare, advanceOverHttp, warmupSeconds } from './advance';
import { peerComparison } from './peer';
import { scale } from './scale';
import { designerSpeed } from './designer';
import { replaySpeed } from './replay';

const clients = Number(process.env.BENCH_CLIENTS ?? 32);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const cases = Number(process.env.BENCH_CASES ?? 100_000);

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

console.error(
  `1/5 advancing cases: ${clients} clients, ${warmupSeconds} s warm-up and ${seconds} s measured each, SQLite WAL synchronous=FULL …`,
);
const bare = await advanceBare(clients, seconds);
const ours = await advanceOverHttp(clients, seconds);
row(
  'bare baseline: Fastify + XState + raw sqlite3, one transaction per event',
  `${fmt(bare.perSecond)} events/s`,
  `${fmt(bare.p50, 1)} ms`,
  `${fmt(bare.p99, 1)} ms`,
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
if (bare.errors || ours.errors) row('errors', `${bare.errors} bare, ${ours.errors} product`, '', '', '0');

console.error(`2/5 student trajectory through our engine and through bpmn-engine, ${seconds} s each …`);
const peer = await peerComparison(seconds);
row('engine: student trajectory steps (forms, rules, timer, sign-off, JSON)', `${fmt(peer.ours)} steps/s`, '', '', '');
row('bpmn-engine 25: same trajectory as BPMN (signal, getState, JSON)', `${fmt(peer.peer)} steps/s`, '', '', '');
row('ratio engine / bpmn-engine', `${fmt(peer.ours / peer.peer, 1)}×`, '', '', '≥ 10×');

console.error(`3/5 ${fmt(cases)} cases: list, filter, history, cold start, memory …`);
const big = await scale(cases, 100);
for (const l of big.lists)
  row(l.name, '', `${fmt(l.p50, 1)} ms`, `${fmt(l.p99, 1)} ms`, l.name.includes('history') ? '' : 'p99 < 50 ms');
row(`cold start on ${fmt(cases)} cases (spawn to /api/health)`, `${fmt(big.coldStartMs)} ms`, '', '', '');
row(`server memory (RSS) with ${fmt(cases)} cases, after the queries`, `${fmt(big.rssMb)} MB`, '', '', '');

console.error('4/5 the designer in Chromium on a generated workflow …');
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

console.error('5/5 replaying 5,000 recorded histories against a draft in Chromium …');
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

print();
