// `npm run bench`: measures in one run and prints ratios, because these machines are noisy.
import { advanceBare, advanceOverHttp, type LoadResult } from './advance';

const clients = Number(process.env.BENCH_CLIENTS ?? 32);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');
const rows: string[][] = [];
const row = (...cells: string[]) => rows.push(cells);

function loadRow(name: string, r: LoadResult) {
  row(name, `${fmt(r.perSecond)} ev/s`, `p50 ${fmt(r.p50, 1)} ms`, `p99 ${fmt(r.p99, 1)} ms`, `${r.events} ok, ${r.errors} errors`);
}

console.log(`advancing cases: ${clients} concurrent clients, ${seconds} s each, SQLite WAL synchronous=FULL`);
const bare = await advanceBare(clients, seconds);
loadRow('bare baseline (Fastify + XState + raw sqlite3)', bare);
const ours = await advanceOverHttp(clients, seconds);
loadRow('POST /api/cases/:id/events', ours);
row('ratio product / bare', fmt(ours.perSecond / bare.perSecond, 2), '', '', '');

const width = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(width[i])).join('  '));
