// Runs in a worker thread (its own core): `clients` loops, each sending events to its own case
// over keep-alive HTTP, recording every latency. The first `warmupSeconds` warm the server up
// (its JIT compiles the path as it runs) and are counted apart; the `seconds` after them are the
// measurement. Plain JavaScript: workers load it without a TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { Agent, request } from 'undici';

const job = workerData;
const agent = new Agent({ connections: job.clients, pipelining: 1, keepAliveTimeout: 30_000 });
const warmup = [];
const latencies = [];
let errors = 0;
let firstError;
const started = performance.now();
const measureFrom = started + job.warmupSeconds * 1000;
const end = measureFrom + job.seconds * 1000;

async function client(i) {
  const target = job.targets[i % job.targets.length];
  while (performance.now() < end) {
    const t = performance.now();
    const res = await request(`${job.url}${target.path}`, {
      method: 'POST',
      headers: job.headers,
      body: target.body,
      dispatcher: agent,
    });
    const text = await res.body.text();
    if (res.statusCode === 200) (t < measureFrom ? warmup : latencies).push(performance.now() - t);
    else {
      errors++;
      firstError ??= `${res.statusCode} ${text.slice(0, 200)}`;
    }
  }
}

await Promise.all(Array.from({ length: job.clients }, (_, i) => client(i)));
const elapsed = (performance.now() - measureFrom) / 1000;
await agent.close();
parentPort.postMessage({ latencies, warmup, errors, elapsed, firstError });
