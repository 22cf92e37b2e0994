import cluster from 'node:cluster';

/** A worker that ends this soon after its start is failing to start: the primary stops. */
const startupMs = 10_000;

/**
 * `WLB_WORKERS=N`: N server processes behind one port (node:cluster hands each new connection
 * to the next worker), all on one PostgreSQL database. The primary only starts the workers,
 * starts another when one dies, and passes SIGINT and SIGTERM on; each worker is the server as
 * `npm start` runs it, with its own database pools and its own scheduler (timers are claimed
 * row by row, so each fires once).
 */
export function superviseWorkers(count: number): void {
  let stopping: number | undefined;
  const startedAt = new Map<number, number>();
  const fork = () => startedAt.set(cluster.fork().id, Date.now());
  const running = () => Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
  const stop = (code: number) => {
    stopping ??= code;
    for (const w of running()) w!.kill('SIGTERM');
    if (!running().length) process.exit(stopping);
  };
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping !== undefined) return stop(stopping);
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (lived < startupMs) {
      console.error(`worker ${worker.process.pid} ended during its start (${how}): stopping all`);
      return stop(1);
    }
    console.error(`worker ${worker.process.pid} ended (${how}): starting another`);
    fork();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop(0));
  for (let i = 0; i < count; i++) fork();
}
