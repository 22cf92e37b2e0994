import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { Session, User } from './db/entities';
import { newToken, tokenHash } from './auth/passwords';
import { loginName } from './auth/login-name';

const usage = `wlb: workflows delen tussen WijkLeerbedrijven / share workflows between sites

  wlb export <key> [--version n] [--out file|-]     a published version as a package file
        [--format scxml|bpmn]                       ... or as SCXML or BPMN 2.0 (with its diagram)
  wlb import <file> [--dry-run]                     a package file as a draft (after checks);
                                                    a BPMN file (Camunda Modeler, bpmn.io) as well:
        [--key k] [--subject student|client]        the workflow it lands on, and for a new one its subject;
                                                    an SCXML file replaces the machine of --key's draft

Where (one of):
  --url http://host:3000 --token=T                  a running server, with a session token (=: a token may start with -)
  --url http://host:3000 --user u --password p      a running server, logging in
  --db data/wlb.sqlite --as username                the local database (SQLite file or postgres://…)
Environment: WLB_URL, WLB_TOKEN, WLB_USER, WLB_PASSWORD, DATABASE_URL.
  --lang en                                         English messages (Dutch by default)

Exit codes: 0 done, 1 refused (the reasons are printed with their paths), 2 wrong use.`;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
type Send = (method: 'GET' | 'POST', url: string, body?: string, type?: string) => Promise<Answer>;

class UsageError extends Error {}

/** Talks to a running server over HTTP. */
async function remote(
  base: string,
  token: string | undefined,
  user: string | undefined,
  password: string | undefined,
  lang: string,
): Promise<{ send: Send; close(): Promise<void> }> {
  const call = async (
    method: string,
    url: string,
    body: string | undefined,
    auth: string | undefined,
    type = 'application/json',
  ): Promise<Answer> => {
    const res = await fetch(new URL(url, base), {
      method,
      headers: {
        'accept-language': lang,
        ...(auth ? { authorization: `Bearer ${auth}` } : {}),
        ...(body !== undefined ? { 'content-type': type } : {}),
      },
      body,
    });
    return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
  };
  let auth = token;
  if (!auth) {
    if (!user || !password)
      throw new UsageError('Geef --token, of --user en --password / give --token, or --user and --password');
    const login = await call('POST', '/api/auth/login', JSON.stringify({ username: user, password }), undefined);
    if (login.status !== 200) return { send: async () => login, close: async () => {} };
    auth = (JSON.parse(login.body) as { token: string }).token;
  }
  return { send: (method, url, body, type) => call(method, url, body, auth, type), close: async () => {} };
}

/**
 * Works on the database directly, through the same routes and checks as the server: the app is
 * built without listening, and a session of a few minutes is made for the named user.
 */
async function local(
  databaseUrl: string,
  username: string,
  lang: string,
): Promise<{ send: Send; close(): Promise<void> }> {
  // Building the app on a missing file would make a new, empty site: refuse instead.
  if (!/^postgres(ql)?:\/\//.test(databaseUrl) && !existsSync(databaseUrl.replace(/^(sqlite|file):(\/\/)?/, ''))) {
    throw new UsageError(`Database '${databaseUrl}' bestaat niet / does not exist`);
  }
  const app: FastifyInstance = await buildApp({ databaseUrl, timerIntervalMs: 0, logger: false });
  const em = app.orm.em.fork();
  const named = loginName(username);
  const found = await em.find(
    User,
    { username: named.username, ...(named.site ? { site: named.site } : {}) },
    { limit: 2 },
  );
  if (found.length > 1) {
    await app.close();
    throw new UsageError(
      `'${username}' bestaat op meer locaties: geef naam@locatie / '${username}' exists at more than one site: give name@site`,
    );
  }
  const user = found[0];
  if (!user) {
    await app.close();
    throw new UsageError(
      `Gebruiker '${username}' bestaat niet in deze database / user '${username}' does not exist in this database`,
    );
  }
  const token = newToken();
  const session = em.create(Session, {
    tokenHash: tokenHash(token),
    user,
    createdAt: new Date(),
    expiresAt: new Date(Date.now() + 10 * 60_000),
  });
  await em.flush();
  return {
    send: async (method, url, body, type = 'application/json') => {
      const res = await app.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${token}`,
          'accept-language': lang,
          ...(body !== undefined ? { 'content-type': type } : {}),
        },
        payload: body,
      });
      return { status: res.statusCode, headers: res.headers as Answer['headers'], body: res.body };
    },
    close: async () => {
      await em.nativeDelete(Session, { id: session.id });
      await app.close();
    },
  };
}

/** Prints an API error the way the app shows it: the message, then each detail with its path. */
function refusal(answer: Answer): string {
  try {
    const { error } = JSON.parse(answer.body) as {
      error: { code: string; message: string; details?: { path: string; message: string }[] };
    };
    return [
      `${error.message} (${error.code}, ${answer.status})`,
      ...(error.details ?? []).map((d) => `  ${d.path}: ${d.message}`),
    ].join('\n');
  } catch {
    return `HTTP ${answer.status}`;
  }
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      db: { type: 'string' },
      as: { type: 'string' },
      version: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      key: { type: 'string' },
      subject: { type: 'string' },
      'dry-run': { type: 'boolean' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, arg] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  if (!['export', 'import'].includes(command) || !arg) throw new UsageError(usage);
  if (values.format !== undefined && !['package', 'scxml', 'bpmn'].includes(values.format))
    throw new UsageError('--format is package, scxml of bpmn / package, scxml or bpmn');
  if (values.subject !== undefined && !['student', 'client'].includes(values.subject))
    throw new UsageError('--subject is student of client / student or client');
  const lang = values.lang === 'en' ? 'en' : 'nl';
  const url = values.url ?? process.env.WLB_URL;
  const db = values.db ?? (url ? undefined : process.env.DATABASE_URL);
  if (!url && !db) throw new UsageError('Geef --url of --db / give --url or --db');
  const target = url
    ? await remote(
        url,
        values.token ?? process.env.WLB_TOKEN,
        values.user ?? process.env.WLB_USER,
        values.password ?? process.env.WLB_PASSWORD,
        lang,
      )
    : await local(
        db!,
        values.as ??
          process.env.WLB_USER ??
          (() => {
            throw new UsageError('Geef --as <gebruiker> / give --as <user>');
          })(),
        lang,
      );
  try {
    const en = lang === 'en';
    if (command === 'export') {
      const version = values.version ? `?version=${encodeURIComponent(values.version)}` : '';
      const format = values.format ?? 'package';
      const route = format === 'package' ? 'export' : format;
      const answer = await target.send('GET', `/api/workflows/${encodeURIComponent(arg)}/${route}${version}`);
      if (answer.status !== 200) {
        console.error(refusal(answer));
        return 1;
      }
      if (values.out === '-') {
        process.stdout.write(answer.body);
        return 0;
      }
      const named = /filename="([^"]+)"/.exec(String(answer.headers['content-disposition'] ?? ''))?.[1];
      const file = values.out ?? named ?? `${arg}.wlb.json`;
      writeFileSync(file, answer.body);
      if (format !== 'package') {
        console.log(en ? `${file}: ${arg} as ${format.toUpperCase()}` : `${file}: ${arg} als ${format.toUpperCase()}`);
        return 0;
      }
      const pkg = JSON.parse(answer.body) as { provenance: { version: number }; sha256: string };
      console.log(`${file}: ${arg} versie ${pkg.provenance.version}, sha256 ${pkg.sha256}`);
      return 0;
    }
    const text = readFileSync(arg, 'utf8');
    const format = (values.format as 'package' | 'scxml' | 'bpmn' | undefined) ?? formatOf(text);
    if (format !== 'package') return await importXml(target, format, text, values, en);
    const answer = await target.send('POST', `/api/workflows/import${values['dry-run'] ? '?dryRun=true' : ''}`, text);
    if (answer.status !== 200 && answer.status !== 201) {
      console.error(refusal(answer));
      return 1;
    }
    const r = JSON.parse(answer.body) as {
      key: string;
      latestVersion: number | null;
      changes: { text: string }[];
      warnings: { path: string; message: string }[];
      merge?: { items: unknown[] };
      draft?: { revision: number };
    };
    console.log(
      r.latestVersion === null
        ? en
          ? `${r.key}: a new workflow at this site`
          : `${r.key}: nieuw op deze locatie`
        : en
          ? `${r.key}: differences from this site's workflow (version ${r.latestVersion}):`
          : `${r.key}: verschillen met de workflow van deze locatie (versie ${r.latestVersion}):`,
    );
    printFindings(r, en);
    if (r.merge)
      console.log(
        en
          ? `  A newer version of the upstream: ${r.merge.items.length} change(s) to choose from in the app (page "Delen").`
          : `  Een nieuwere versie van de bron: ${r.merge.items.length} wijziging(en) om uit te kiezen in de app (pagina "Delen").`,
      );
    printStored(r.draft, en);
    return 0;
  } finally {
    await target.close();
  }
}

/** What a file is, by its content: a package (JSON), SCXML or BPMN. */
function formatOf(text: string): 'package' | 'scxml' | 'bpmn' {
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<([\w.-]+:)?scxml[\s>]/.test(text)) return 'scxml';
  if (/^\s*</.test(text)) return 'bpmn';
  return 'package';
}

/** An SCXML or BPMN file into a draft, after the server's checks; prints what it found. */
async function importXml(
  target: { send: Send },
  format: 'scxml' | 'bpmn',
  text: string,
  values: { key?: string; subject?: string; 'dry-run'?: boolean },
  en: boolean,
): Promise<number> {
  const query = new URLSearchParams({
    ...(values['dry-run'] ? { dryRun: 'true' } : {}),
    ...(format === 'bpmn' && values.key ? { key: values.key } : {}),
    ...(format === 'bpmn' && values.subject ? { subject: values.subject } : {}),
  }).toString();
  if (format === 'scxml' && !values.key)
    throw new UsageError(
      'Geef --key: de workflow waarvan SCXML het proces vervangt / give --key: the workflow whose machine SCXML replaces',
    );
  const url =
    format === 'scxml' ? `/api/workflows/${encodeURIComponent(values.key!)}/scxml` : '/api/workflows/import/bpmn';
  const answer = await target.send('POST', `${url}${query ? `?${query}` : ''}`, text, 'application/xml');
  if (answer.status !== 200 && answer.status !== 201) {
    console.error(refusal(answer));
    return 1;
  }
  const r = JSON.parse(answer.body) as {
    key?: string;
    latestVersion?: number | null;
    changes: { text: string }[];
    warnings: Listed;
    problems: Listed;
    draft?: { revision: number };
  };
  const key = r.key ?? values.key!;
  console.log(
    r.latestVersion === null
      ? en
        ? `${key}: a new workflow at this site`
        : `${key}: nieuw op deze locatie`
      : en
        ? `${key}: differences from this site's workflow:`
        : `${key}: verschillen met de workflow van deze locatie:`,
  );
  printFindings(r, en);
  printStored(r.draft, en);
  return 0;
}

type Listed = { path: string; message: string }[];

/** What an import found, as the app shows it: each difference, warning and remaining problem. */
function printFindings(
  r: { latestVersion?: number | null; changes: { text: string }[]; warnings: Listed; problems?: Listed },
  en: boolean,
) {
  for (const c of r.changes) console.log(`  - ${c.text}`);
  if (r.latestVersion !== null && !r.changes.length) console.log(en ? '  (none)' : '  (geen)');
  for (const w of r.warnings) console.log(`  ! ${w.path}: ${w.message}`);
  for (const p of r.problems ?? []) console.log(`  ✗ ${p.path}: ${p.message}`);
}

function printStored(draft: { revision: number } | undefined, en: boolean) {
  console.log(
    draft
      ? en
        ? `Stored as draft (revision ${draft.revision}); publish it in the app.`
        : `Opgeslagen als concept (revisie ${draft.revision}); publiceer het in de app.`
      : en
        ? 'Checked; nothing stored (--dry-run).'
        : 'Gecontroleerd; niets opgeslagen (--dry-run).',
  );
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error((err as Error).message);
    process.exitCode = 2;
  } else throw err;
}
