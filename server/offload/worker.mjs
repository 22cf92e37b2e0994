// The offload thread's entry, in plain JavaScript so it starts alike under tsx (npm start) and
// vitest: it loads the TypeScript jobs through tsx's loader.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const jobs = await import('./jobs.ts');

parentPort.on('message', async ({ id, job, args }) => {
  try {
    parentPort.postMessage({ id, ok: true, value: await jobs[job](...args) });
  } catch (err) {
    parentPort.postMessage({ id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
