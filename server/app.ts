import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Definition } from '../engine';
import { shippedWorkflows } from '../workflows';
import db from './plugins/db';
import loginLimit from './plugins/login-limit';
import auth from './plugins/auth';
import { useScryptCost, type ScryptCost } from './auth/passwords';
import errors, { clientError, errorForLog, frameworkError } from './plugins/errors';
import input from './plugins/input';
import originCheck from './plugins/origin-check';
import securityHeaders from './plugins/security-headers';
import scheduler from './plugins/scheduler';
import accessLog from './plugins/access-log';
import { bootstrap } from './commands/bootstrap';
import { DefinitionCache } from './commands/definitions';
import { Directory } from './commands/directory';
import { SiteCalendars } from './commands/calendar';
import { ErrorResponse } from './contract';
import type { CaseStoreKind } from './db/case-store';
import healthRoutes from './routes/health';
import authRoutes from './routes/auth';
import workflowRoutes from './routes/workflows';
import caseRoutes from './routes/cases';
import metricsRoutes from './routes/metrics';
import worklistRoutes from './routes/worklist';
import presenceRoutes from './routes/presence';
import signalRoutes from './routes/signals';
import planningRoutes from './routes/planning';
import sharingRoutes from './routes/sharing';
import siteRoutes from './routes/sites';
import calendarRoutes from './routes/calendar';
import privacyRoutes from './routes/privacy';
import studentRoutes from './routes/student';
import onCallRoutes from './routes/oncall';
import activityRoutes from './routes/activities';
import signalStream from './plugins/signal-stream';

export interface AppOptions {
  /** A SQLite file path, `postgres://…`, or unset for `data/wlb.sqlite`. */
  databaseUrl?: string;
  /** Which case store writes changes: the database's `fast` one (default) or the plain `orm` one. */
  caseStore?: CaseStoreKind;
  /** The admin's password on first start; a random one is made (and reported) otherwise. */
  adminPassword?: string;
  /**
   * The scrypt cost of new password hashes; OWASP's by default. The tests make hundreds of
   * accounts and logins and use a cheaper one; the default is tested on its own.
   */
  passwordCost?: ScryptCost;
  /** Called once with a generated admin password, so it can be shown to the person starting the server. */
  onGeneratedPassword?: (password: string) => void;
  /** The clock. Tests pass a simulated one. */
  now?: () => Date;
  /** The built app to serve at `/`; defaults to `dist/app`. */
  staticDir?: string;
  workflows?: Definition[];
  logger?: FastifyServerOptions['logger'];
  /** How often the scheduler looks for due timers (ms); 0 for none (tests call runDue). */
  timerIntervalMs?: number;
  secureCookies?: boolean;
  /** Unused this long, a session ends (12 hours after login at the latest); 120 by default. */
  sessionIdleMinutes?: number;
  /** Which proxies' X-Forwarded-For to believe (Fastify's `trustProxy`); none by default. */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Origins besides the server's own whose pages may send changes with the session cookie. */
  allowedOrigins?: string[];
  /** How often each process looks for signal changes to push to open pages (ms); 0: only when polled by hand. */
  signalPollMs?: number;
  /** How long the access log (who was shown which case's personal data) is kept; 730 days by default. */
  accessLogDays?: number;
}

/** Builds the whole server without listening: `npm start` listens, tests use `inject`. */
export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  useScryptCost(options.passwordCost);
  const logger = options.logger ?? false;
  const app = Fastify({
    logger: logger && { ...(logger === true ? {} : logger), serializers: { err: errorForLog } },
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
    frameworkErrors: frameworkError,
    clientErrorHandler: clientError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(securityHeaders);
  await app.register(errors);
  await app.register(input);
  await app.register(originCheck, { allowedOrigins: options.allowedOrigins });
  await app.register(cookie);
  await app.register(db, { databaseUrl: options.databaseUrl, caseStore: options.caseStore });
  await app.register(loginLimit);
  await app.register(auth, {
    now,
    ...(options.sessionIdleMinutes ? { idleMs: options.sessionIdleMinutes * 60_000 } : {}),
  });
  const accessLogDays = options.accessLogDays ?? 730;
  await app.register(accessLog, { now, keepDays: accessLogDays });
  app.addSchema(ErrorResponse);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'WijkLeerbedrijf workflow API',
        version: '0.1.0',
        description: 'Cases, workflows and accounts of a WijkLeerbedrijf.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'wlb_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (json.$id as string) || `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const definitions = new DefinitionCache();
  const directory = new Directory();
  const calendars = new SiteCalendars();
  await app.register(scheduler, { now, definitions, calendars, intervalMs: options.timerIntervalMs ?? 5000 });
  await app.register(signalStream, { pollMs: options.signalPollMs ?? 500 });
  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes, { now, directory, secureCookies: options.secureCookies ?? false });
      await api.register(workflowRoutes, { now, definitions, calendars, directory });
      await api.register(caseRoutes, { now, definitions, calendars, directory });
      await api.register(metricsRoutes, { now, definitions });
      await api.register(worklistRoutes, { now, definitions, calendars });
      await api.register(presenceRoutes, { now, definitions, directory });
      await api.register(signalRoutes, { now, definitions, directory });
      await api.register(planningRoutes, { now, definitions });
      await api.register(sharingRoutes, { now });
      await api.register(siteRoutes, { now });
      await api.register(calendarRoutes, { calendars });
      await api.register(privacyRoutes, { now, definitions, calendars, accessLogDays, directory });
      await api.register(studentRoutes, { now, definitions, calendars, directory });
      await api.register(onCallRoutes, { now });
      await api.register(activityRoutes, { now, definitions, directory });
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api' },
  );

  const staticDir = resolve(options.staticDir ?? 'dist/app');
  if (existsSync(resolve(staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: staticDir, prefix: '/', wildcard: false });
    // The app routes in the browser: any other page that is not the API gets index.html.
    app.get('/*', { schema: { hide: true } }, async (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  } else {
    app.log.warn(`No built app in ${staticDir}: run "npm run build" to serve the pages.`);
  }

  const { generatedPassword } = await bootstrap(
    app.orm.em.fork(),
    options.workflows ?? shippedWorkflows(),
    options.adminPassword,
  );
  if (generatedPassword) options.onGeneratedPassword?.(generatedPassword);
  return app;
}
