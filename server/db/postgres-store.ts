import pg from 'pg';
import type { Definition } from '../../engine';
import { caseNotFound } from '../errors';
import type { CaseReader, CaseRecord, CaseStore, DecideChange } from './case-store';
import { GroupCommit, StaleRows, type BatchTx, type BatchWrites } from './group-commit';
import { caseColumns, caseRecord, columns, othersInSteps, readStatements, type Names } from './raw-sql';
import { RecentSessions, storedSession, type StoredSession } from './sessions';

type Row = Record<string, unknown>;

/** Every statement of this store, built once from the metadata's names; each is prepared by name. */
export function postgresStatements(n: Names) {
  const { case: c, history: h, timer: t } = n;
  const reads = readStatements(n, (i) => `$${i}`);
  return {
    ...reads,
    // Locked in the order of their ids, so two batches that share cases cannot deadlock on them.
    lock: `select ${columns(c, caseColumns)} from ${c.table} where ${c.id} = any($1::text[]) order by ${c.id} for update`,
    referenced: `${reads.referenced} for update of c`,
    // A batch in one statement: its cases (each only at its revision from before the batch), its
    // history rows, the timers it cancels and those it schedules. The parts see the rows as they
    // were before the statement, so a cancel never touches a timer this batch inserts.
    write:
      'with v as (select * from json_to_recordset($1::json) as v(id text, before int, snapshot json, ' +
      'state text, outcome text, title text, updated_at timestamptz, revision int)), ' +
      `u as (update ${c.table} c set ${c.snapshot} = v.snapshot, ${c.state} = v.state, ${c.outcome} = v.outcome, ` +
      `${c.title} = v.title, ${c.updatedAt} = v.updated_at, ${c.revision} = v.revision ` +
      `from v where c.${c.id} = v.id and c.${c.revision} = v.before returning c.${c.id}), ` +
      `h as (insert into ${h.table} (${h.case}, ${h.site}, ${h.revision}, ${h.at}, ${h.actor}, ${h.event}, ` +
      `${h.fromState}, ${h.toState}, ${h.data}) ` +
      'select case_id, site, revision, at, actor, event, from_state, to_state, data ' +
      'from json_to_recordset($2::json) as h(case_id text, site text, revision int, at timestamptz, actor text, ' +
      'event text, from_state text, to_state text, data json)), ' +
      `x as (update ${t.table} t set ${t.status} = 'cancelled' ` +
      'from json_to_recordset($3::json) as k(case_id text, timer_id text) ' +
      `where t.${t.case} = k.case_id and t.${t.timerId} = k.timer_id and t.${t.status} = 'scheduled'), ` +
      `n as (insert into ${t.table} (${t.case}, ${t.site}, ${t.timerId}, ${t.event}, ${t.dueAt}, ${t.status}, ` +
      `${t.createdAt}) select case_id, site, timer_id, event, due_at, 'scheduled', created_at ` +
      'from json_to_recordset($4::json) as n(case_id text, site text, timer_id text, event text, ' +
      'due_at timestamptz, created_at timestamptz)) ' +
      'select count(*)::int as "changed" from u',
  };
}

/** A deadlock or a serialization failure: deciding again from fresh rows cures it. */
const retryableCodes = new Set(['40P01', '40001']);

export interface PostgresStoreOptions {
  /** Connections of this store's pool (MikroORM keeps a pool of its own for the rest). */
  connections?: number;
  /** Batches written at once, each on a connection of its own. */
  batches?: number;
  /** An idle connection failed (the server restarted, say): the pool drops it and goes on. */
  onIdleError?: (err: Error) => void;
}

/**
 * The fast store on PostgreSQL: a `pg` pool with named (prepared) statements and group commit
 * with a few batches in flight (see group-commit.ts). A batch locks its cases with `select … for
 * update` in id order, decides each change on the rows as they are, and writes all of its rows
 * in one statement: four round trips and one commit for many events, and no lost update with any
 * number of server processes on the database, since every writer takes the row lock first.
 */
export class PostgresCaseStore extends RecentSessions implements CaseStore {
  onCommit?: () => void;
  readonly kind = 'fast' as const;
  private readonly sql: ReturnType<typeof postgresStatements>;
  private readonly commits: GroupCommit;

  constructor(
    private readonly pool: pg.Pool,
    names: Names,
    batches: number,
  ) {
    super();
    this.sql = postgresStatements(names);
    this.commits = new GroupCommit({
      begin: (ids) => this.begin(ids),
      batches,
      committed: () => this.onCommit?.(),
      retryable: (err) =>
        err instanceof StaleRows || retryableCodes.has(String((err as { code?: unknown } | null)?.code)),
    });
  }

  static open(url: string, names: Names, opts: PostgresStoreOptions = {}): PostgresCaseStore {
    const pool = new pg.Pool({ connectionString: url, max: opts.connections ?? 6 });
    // Without a listener, an idle connection that the server drops would end the process.
    pool.on('error', opts.onIdleError ?? (() => undefined));
    return new PostgresCaseStore(pool, names, opts.batches ?? 4);
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  change(site: string, id: string, revision: number | undefined, decide: DecideChange): Promise<CaseRecord> {
    return this.commits.change(site, id, revision, decide);
  }

  async load(site: string, id: string): Promise<CaseRecord> {
    const { rows } = await this.pool.query({ name: 'wlb_load', text: this.sql.load, values: [id, site] });
    if (!rows[0]) throw caseNotFound();
    return caseRecord(rows[0]);
  }

  protected async readSession(tokenHash: string): Promise<StoredSession | null> {
    const { rows } = await this.pool.query({ name: 'wlb_session', text: this.sql.session, values: [tokenHash] });
    return rows[0] ? storedSession(rows[0]) : null;
  }

  private async begin(ids: readonly string[]): Promise<BatchTx> {
    const client = await this.pool.connect();
    let broken = false;
    let released = false;
    const release = (destroy?: boolean) => {
      if (!released) client.release(destroy);
      released = true;
    };
    const q = async (name: string | undefined, text: string, values: unknown[] = []): Promise<Row[]> => {
      try {
        return (await client.query(name ? { name, text, values } : text)).rows;
      } catch (err) {
        broken = true;
        throw err;
      }
    };
    const rollback = async () => {
      if (released) return;
      try {
        await client.query('rollback');
        release();
      } catch {
        release(true);
      }
    };
    try {
      await q(undefined, 'begin');
      const cases = new Map<string, CaseRecord>();
      for (const row of await q('wlb_lock', this.sql.lock, [ids])) cases.set(String(row.id), caseRecord(row));
      return {
        cases,
        reader: this.reader(q),
        broken: () => broken,
        write: (w) => this.write(q, w),
        commit: async () => {
          await q(undefined, 'commit');
          release();
        },
        rollback,
      };
    } catch (err) {
      await rollback();
      throw err;
    }
  }

  private reader(q: (name: string, text: string, values: unknown[]) => Promise<Row[]>): CaseReader {
    return {
      definition: async (id) => {
        const [row] = await q('wlb_definition', this.sql.definition, [id]);
        if (!row) throw new Error(`workflow version ${id} is missing`);
        return row.definition as Definition;
      },
      referenced: async (site, id) => {
        const [row] = await q('wlb_referenced', this.sql.referenced, [id, site]);
        return row
          ? {
              workflowId: Number(row.workflowId),
              title: String(row.title),
              subject: String(row.subject),
              outcome: (row.outcome as string | null) ?? null,
            }
          : null;
      },
      othersIn: async (site, workflowKey, excludeId, steps) =>
        othersInSteps(await q('wlb_others', this.sql.othersIn, [site, workflowKey, excludeId]), steps),
      lockPlaces: async (site) => {
        await q('wlb_lock_places', this.sql.lockPlaces, [site]);
      },
    };
  }

  private async write(q: (name: string, text: string, values: unknown[]) => Promise<Row[]>, w: BatchWrites) {
    const cases = [...w.cases.values()].map(({ before, written: c }) => ({
      id: c.id,
      before,
      snapshot: c.snapshot,
      state: c.state,
      outcome: c.outcome,
      title: c.title,
      updated_at: c.updatedAt,
      revision: c.revision,
    }));
    const history = w.history.map((x) => ({
      case_id: x.caseId,
      site: x.site,
      revision: x.revision,
      at: x.at,
      actor: x.actor,
      event: x.event,
      from_state: x.from,
      to_state: x.to,
      data: x.data,
    }));
    const cancels = w.cancels.map((x) => ({ case_id: x.caseId, timer_id: x.timerId }));
    const timers = w.timers.map((x) => ({
      case_id: x.caseId,
      site: x.site,
      timer_id: x.timerId,
      event: x.event,
      due_at: x.dueAt,
      created_at: x.createdAt,
    }));
    const [row] = await q('wlb_write', this.sql.write, [
      JSON.stringify(cases),
      JSON.stringify(history),
      JSON.stringify(cancels),
      JSON.stringify(timers),
    ]);
    // The rows were locked when the batch read them: a mismatch means one was not what it read.
    if (Number(row.changed) !== cases.length) throw new StaleRows();
  }
}
