import cluster from 'node:cluster';
import { parseDatabaseUrl } from './db/config';
import { superviseWorkers } from './workers';

const workers = Number(process.env.WLB_WORKERS ?? 1);

if (workers > 1 && cluster.isPrimary) {
  // Several processes share one database only on PostgreSQL; SQLite is served by one.
  if (parseDatabaseUrl(process.env.DATABASE_URL).kind !== 'postgresql') {
    console.error('WLB_WORKERS > 1 needs DATABASE_URL=postgres://…; on SQLite the server is one process.');
    process.exit(1);
  }
  superviseWorkers(workers);
} else {
  await serve();
}

async function serve() {
  const { buildApp } = await import('./app');
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const caseStore = process.env.WLB_CASE_STORE;
  if (caseStore !== undefined && caseStore !== 'fast' && caseStore !== 'orm') {
    console.error(`WLB_CASE_STORE is 'fast' (the default) or 'orm', not '${caseStore}'.`);
    process.exit(1);
  }

  const app = await buildApp({
    databaseUrl: process.env.DATABASE_URL,
    caseStore,
    adminPassword: process.env.WLB_ADMIN_PASSWORD,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    secureCookies: process.env.SECURE_COOKIES === '1',
    ...(process.env.WLB_TIMER_INTERVAL_MS ? { timerIntervalMs: Number(process.env.WLB_TIMER_INTERVAL_MS) } : {}),
    onGeneratedPassword: (password) => {
      // Shown once, on the first start; only its hash is stored.
      console.log(
        `\n  First start: user "admin" has password: ${password}\n  (set WLB_ADMIN_PASSWORD to choose it yourself)\n`,
      );
    },
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info(`${signal}: closing`);
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }

  await app.listen({ port, host });
  const worker = cluster.isWorker ? ` (worker ${process.pid})` : '';
  console.log(`WijkLeerbedrijf${worker}: http://${host}:${port}/ (API docs: http://${host}:${port}/api/docs)`);
}
