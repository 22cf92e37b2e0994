import { buildApp } from './app';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

const app = await buildApp({
  databaseUrl: process.env.DATABASE_URL,
  adminPassword: process.env.WLB_ADMIN_PASSWORD,
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
  secureCookies: process.env.SECURE_COOKIES === '1',
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
console.log(`WijkLeerbedrijf: http://${host}:${port}/ (API docs: http://${host}:${port}/api/docs)`);
