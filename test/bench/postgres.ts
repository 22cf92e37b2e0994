import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { freshPostgres } from '../support/helpers';
import { startServer } from '../support/server-process';
import { bareBaseline, benchBody, benchWorkflow, load, type LoadResult } from './advance';

const password = 'bench-admin-123';

/**
 * The PostgreSQL server to measure on: WLB_BENCH_POSTGRES or WLB_TEST_POSTGRES when set, else
 * the machine's first cluster, started the way .ci/run starts it (pg_ctlcluster, and the role
 * wlb_ci made when it is missing). Says why when there is none.
 */
export async function benchPostgres(): Promise<{ server: string } | { skipped: string }> {
  const given = process.env.WLB_BENCH_POSTGRES ?? process.env.WLB_TEST_POSTGRES;
  if (given)
    return (await reachable(given))
      ? { server: given }
      : { skipped: `cannot connect to ${given.replace(/:[^:@/]*@/, ':…@')}` };
  let cluster: string[];
  try {
    cluster = execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' }).trim().split('\n')[0].split(/\s+/);
  } catch {
    return { skipped: 'no PostgreSQL here (pg_lsclusters not found; apt-get install postgresql)' };
  }
  const [version, name, port] = cluster;
  if (!port) return { skipped: 'no PostgreSQL cluster (pg_lsclusters lists none)' };
  try {
    if (cluster[3] !== 'online') execFileSync('pg_ctlcluster', [version, name, 'start'], { stdio: 'pipe' });
    const psql = (q: string) =>
      execFileSync('su', ['postgres', '-c', `psql -p ${port} -qtAc "${q}"`], { encoding: 'utf8', stdio: 'pipe' });
    if (psql("select 1 from pg_roles where rolname='wlb_ci'").trim() !== '1')
      psql("create role wlb_ci login createdb password 'wlb_ci'");
  } catch (err) {
    return { skipped: `could not start PostgreSQL ${version}/${name}: ${(err as Error).message.split('\n')[0]}` };
  }
  const server = `postgres://wlb_ci:wlb_ci@127.0.0.1:${port}`;
  return (await reachable(server))
    ? { server }
    : { skipped: `PostgreSQL ${version}/${name} does not answer on ${port}` };
}

async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: `${url.replace(/\/$/, '')}/postgres` });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * The product on PostgreSQL: the real server, started as `npm start` starts it, with `workers`
 * processes behind one port (WLB_WORKERS), on a fresh database.
 */
export async function advanceOnPostgres(
  server: string,
  clients: number,
  seconds: number,
  workers: number,
): Promise<LoadResult> {
  const db = await freshPostgres(server);
  const srv = await startServer({
    DATABASE_URL: db.url,
    WLB_ADMIN_PASSWORD: password,
    ...(workers > 1 ? { WLB_WORKERS: String(workers) } : {}),
  });
  try {
    // Every worker must listen before the clients connect: a keep-alive connection stays where it went.
    for (let i = 0; i < 300 && (srv.stdout().match(/^WijkLeerbedrijf/gm) ?? []).length < workers; i++)
      await new Promise((r) => setTimeout(r, 100));
    const call = async (method: string, path: string, payload: unknown, token?: string) => {
      const res = await fetch(`${srv.api}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(payload),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const { token } = await call('POST', '/auth/login', { username: 'admin', password });
    await call('PUT', `/workflows/${benchWorkflow.key}/draft`, { definition: benchWorkflow }, token);
    await call('POST', `/workflows/${benchWorkflow.key}/publish`, {}, token);
    const targets = [];
    for (let i = 0; i < clients; i++) {
      const c = await call('POST', '/cases', { workflow: benchWorkflow.key, data: { naam: `Klant ${i}` } }, token);
      targets.push({ path: `/api/cases/${c.id}/events`, body: benchBody });
    }
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    return await load({ url: srv.api.replace(/\/api$/, ''), headers, targets, clients, seconds });
  } finally {
    await srv.stop();
    await db.drop();
  }
}

/**
 * The bare PostgreSQL baseline: a Fastify route doing the XState transition and one `pg`
 * transaction per event (begin, update the snapshot, insert a history row, commit) on a pool of
 * node-postgres's default size, with named statements.
 */
export async function advanceBarePostgres(server: string, clients: number, seconds: number): Promise<LoadResult> {
  const db = await freshPostgres(server);
  const pool = new pg.Pool({ connectionString: db.url });
  try {
    await pool.query('create table snap (id text primary key, snapshot json not null, revision int not null)');
    await pool.query(
      'create table hist (id serial primary key, case_id text not null, revision int not null, at timestamptz not null, event text not null, data json not null)',
    );
    return await bareBaseline(clients, seconds, {
      insert: async (id, snapshot) => void (await pool.query('insert into snap values ($1, $2, 1)', [id, snapshot])),
      async write(s) {
        const c = await pool.connect();
        try {
          await c.query('begin');
          await c.query({
            name: 'snap',
            text: 'update snap set snapshot = $1, revision = $2 where id = $3',
            values: [s.snapshot, s.revision, s.id],
          });
          await c.query({
            name: 'hist',
            text: 'insert into hist (case_id, revision, at, event, data) values ($1, $2, $3, $4, $5)',
            values: [s.id, s.revision, s.at, s.type, s.data],
          });
          await c.query('commit');
        } finally {
          c.release();
        }
      },
    });
  } finally {
    await pool.end();
    await db.drop();
  }
}
