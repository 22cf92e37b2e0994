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

  const { UnusableDatabase } = await import('./db/sqlite-file');
  const { AppError } = await import('./errors');
  const app = await buildApp({
    trustProxy: trustProxy(process.env.WLB_TRUST_PROXY),
    ...(process.env.WLB_SESSION_IDLE_MINUTES
      ? { sessionIdleMinutes: Number(process.env.WLB_SESSION_IDLE_MINUTES) }
      : {}),
    databaseUrl: process.env.DATABASE_URL,
    caseStore,
    adminPassword: process.env.WLB_ADMIN_PASSWORD,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    secureCookies: process.env.SECURE_COOKIES === '1',
    allowedOrigins: process.env.WLB_ALLOWED_ORIGINS?.split(',').filter((o) => o.trim()),
    ...(process.env.WLB_TIMER_INTERVAL_MS ? { timerIntervalMs: Number(process.env.WLB_TIMER_INTERVAL_MS) } : {}),
    onGeneratedPassword: (password) => {
      // Shown once, on the first start; only its hash is stored.
      console.log(
        `\n  First start: user "admin" has password: ${password}\n  (set WLB_ADMIN_PASSWORD to choose it yourself)\n`,
      );
    },
  }).catch((err: unknown) => {
    // The reason, in one line naming the file (or the setting), instead of a stack dump.
    if (err instanceof UnusableDatabase) {
      console.error(err.message);
      process.exit(1);
    }
    const weakAdmin = err instanceof AppError && err.details?.find((d) => d.path === 'WLB_ADMIN_PASSWORD');
    if (!weakAdmin) throw err;
    console.error(`WLB_ADMIN_PASSWORD: ${weakAdmin.message.en}. Nothing was created.`);
    process.exit(1);
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

/**
 * WLB_TRUST_PROXY: `1` believes the X-Forwarded-For of whoever connects (only when nothing but
 * the proxy can reach the server), anything else is a comma-separated list of the proxies'
 * addresses or ranges (`127.0.0.1,10.0.0.0/8`), Fastify's `trustProxy`.
 */
function trustProxy(value: string | undefined): boolean | string[] {
  if (!value || value === '0') return false;
  if (value === '1') return true;
  return value
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}
