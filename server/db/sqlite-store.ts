import sqlite3 from 'sqlite3';
import type { Definition } from '../../engine';
import { caseNotFound } from '../errors';
import type { CaseReader, CaseRecord, CaseStore, DecideChange } from './case-store';
import { GroupCommit, StaleRows, type BatchTx, type BatchWrites } from './group-commit';
import { caseColumns, caseRecord, columns, othersInSteps, readStatements, type Names } from './raw-sql';
import { RecentSessions, storedSession, type StoredSession } from './sessions';

type Row = Record<string, unknown>;

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
/** A `values` list of `rows` tuples of `width` parameters. */
const tuples = (rows: number, width: number) => Array.from({ length: rows }, () => `(${marks(width)})`).join(', ');

/**
 * Every statement of this store, built once from the metadata's names. Those for many rows or
 * ids take how many there are.
 */
export function sqliteStatements(n: Names) {
  const { case: c, history: h, timer: t } = n;
  return {
    ...readStatements(n, () => '?'),
    loadMany: (count: number) => `select ${columns(c, caseColumns)} from ${c.table} where ${c.id} in (${marks(count)})`,
    revisions: (count: number) =>
      `select ${columns(c, ['id', 'revision'])} from ${c.table} where ${c.id} in (${marks(count)})`,
    // Each row only if its revision is still the one from before the batch.
    update: (rows: number) =>
      `with v (id, before, snapshot, state, outcome, title, updated_at, revision) as (values ${tuples(rows, 8)}) ` +
      `update ${c.table} set ${c.snapshot} = v.snapshot, ${c.state} = v.state, ${c.outcome} = v.outcome, ` +
      `${c.title} = v.title, ${c.updatedAt} = v.updated_at, ${c.revision} = v.revision ` +
      `from v where ${c.table}.${c.id} = v.id and ${c.table}.${c.revision} = v.before`,
    history: (rows: number) =>
      `insert into ${h.table} (${h.case}, ${h.site}, ${h.revision}, ${h.at}, ${h.actor}, ${h.event}, ` +
      `${h.fromState}, ${h.toState}, ${h.data}) values ${tuples(rows, 9)}`,
    cancelTimers: (rows: number) =>
      `update ${t.table} set ${t.status} = 'cancelled' where ${t.status} = 'scheduled' ` +
      `and (${t.case}, ${t.timerId}) in (values ${tuples(rows, 2)})`,
    insertTimers: (rows: number) =>
      `insert into ${t.table} (${t.case}, ${t.site}, ${t.timerId}, ${t.event}, ${t.dueAt}, ${t.status}, ` +
      `${t.createdAt}) values ${tuples(rows, 7)}`,
  };
}

/**
 * The fast store on SQLite: case changes on a connection of their own with prepared statements
 * and group commit (one writer; see group-commit.ts), sessions and loads on a second one, so a
 * login never waits for a write batch. Cases this store wrote are remembered; under the write
 * lock, one query per batch proves them current by revision (any other writer, such as the
 * timer scheduler or a migration, bumps it).
 */
export class SqliteCaseStore extends RecentSessions implements CaseStore {
  onCommit?: () => void;
  readonly kind = 'fast' as const;
  private statements = new Map<string, sqlite3.Statement>();
  private readStatements = new Map<string, sqlite3.Statement>();
  /** Recently written cases by id; trusted only while the row's revision still matches. */
  private recent = new Map<string, CaseRecord>();
  /** Whether a statement of the open transaction failed. */
  private broken = false;
  private readonly sql: ReturnType<typeof sqliteStatements>;
  private readonly commits = new GroupCommit({
    begin: (ids) => this.begin(ids),
    batches: 1,
    committed: () => this.onCommit?.(),
    retryable: (err) => err instanceof StaleRows,
  });

  private constructor(
    private readonly db: sqlite3.Database,
    /** Sessions and loads are read on a connection of their own. */
    private readonly reads: sqlite3.Database,
    names: Names,
    /** A date as MikroORM stores it on SQLite. */
    private readonly toDb: (d: Date) => unknown,
  ) {
    super();
    this.sql = sqliteStatements(names);
  }

  static async open(file: string, names: Names, toDb: (d: Date) => unknown): Promise<SqliteCaseStore> {
    const connect = () =>
      new Promise<sqlite3.Database>((resolve, reject) => {
        const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
      });
    const store = new SqliteCaseStore(await connect(), await connect(), names, toDb);
    for (const p of [
      'pragma journal_mode = WAL',
      'pragma synchronous = FULL',
      'pragma foreign_keys = ON',
      'pragma busy_timeout = 5000',
    ])
      await store.exec(p);
    await new Promise<void>((resolve, reject) =>
      store.reads.exec('pragma busy_timeout = 5000', (err) => (err ? reject(err) : resolve())),
    );
    return store;
  }

  async close(): Promise<void> {
    for (const s of [...this.statements.values(), ...this.readStatements.values()])
      await new Promise((r) => s.finalize(r));
    await new Promise((resolve) => this.db.close(() => resolve(undefined)));
    await new Promise((resolve) => this.reads.close(() => resolve(undefined)));
  }

  change(site: string, id: string, revision: number | undefined, decide: DecideChange): Promise<CaseRecord> {
    return this.commits.change(site, id, revision, decide);
  }

  async load(site: string, id: string): Promise<CaseRecord> {
    const row = await this.read(this.sql.load, [id, site]);
    if (!row) throw caseNotFound();
    return caseRecord(row);
  }

  protected async readSession(tokenHash: string): Promise<StoredSession | null> {
    const row = await this.read(this.sql.session, [tokenHash]);
    return row ? storedSession(row as Parameters<typeof storedSession>[0]) : null;
  }

  /** One row on the connection for reads. */
  private read(sql: string, params: unknown[]): Promise<Row | undefined> {
    let stmt = this.readStatements.get(sql);
    if (!stmt) this.readStatements.set(sql, (stmt = this.reads.prepare(sql)));
    return getRow(stmt, params);
  }

  private exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  private prepared(sql: string): sqlite3.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** A failed statement marks the open transaction as broken: its batch is rolled back. */
  private tracked<T>(p: Promise<T>): Promise<T> {
    return p.catch((err) => {
      this.broken = true;
      throw err;
    });
  }

  private get(sql: string, params: unknown[]): Promise<Row | undefined> {
    return this.tracked(getRow(this.prepared(sql), params));
  }

  private all(sql: string, params: unknown[]): Promise<Row[]> {
    return this.tracked(
      new Promise((resolve, reject) =>
        this.prepared(sql).all(params, (err: Error | null, rows: Row[]) => (err ? reject(err) : resolve(rows))),
      ),
    );
  }

  private run(sql: string, params: unknown[]): Promise<number> {
    return this.tracked(
      new Promise((resolve, reject) =>
        this.prepared(sql).run(params, function (this: sqlite3.RunResult, err: Error | null) {
          return err ? reject(err) : resolve(this.changes);
        }),
      ),
    );
  }

  private async begin(ids: readonly string[]): Promise<BatchTx> {
    this.broken = false;
    try {
      // Sent together to keep the lock short. The driver may run the check just before `begin`
      // takes the lock; a case another process writes in that moment makes the batch find a
      // stale revision when it writes, and the batch is then decided once more.
      await Promise.all([this.tracked(this.exec('begin immediate')), this.forgetChangedElsewhere(ids)]);
      const cases = new Map<string, CaseRecord>();
      const missing: string[] = [];
      for (const id of ids) {
        const known = this.recent.get(id);
        if (known) cases.set(id, known);
        else missing.push(id);
      }
      for (let i = 0; i < missing.length; i += 500) {
        const chunk = missing.slice(i, i + 500);
        for (const row of await this.all(this.sql.loadMany(chunk.length), chunk))
          cases.set(String(row.id), caseRecord(row));
      }
      return {
        cases,
        reader: this.reader,
        broken: () => this.broken,
        write: (w) => this.write(w),
        commit: (w) => this.commit(w),
        rollback: () => this.rollback(),
      };
    } catch (err) {
      await this.rollback();
      throw err;
    }
  }

  private async commit(w: BatchWrites) {
    await this.tracked(this.exec('commit'));
    for (const { written } of w.cases.values()) {
      this.recent.delete(written.id);
      this.recent.set(written.id, written);
    }
    while (this.recent.size > 5000) this.recent.delete(this.recent.keys().next().value!);
  }

  private async rollback() {
    this.recent.clear();
    await this.exec('rollback').catch(() => undefined);
  }

  /**
   * The cases this store remembers are trusted only if no one else has written them since: with
   * the write lock held, one query compares their revisions and forgets the ones that moved.
   */
  private async forgetChangedElsewhere(batchIds: readonly string[]) {
    const ids = batchIds.filter((id) => this.recent.has(id));
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.all(this.sql.revisions(chunk.length), chunk);
      const now = new Map(rows.map((r) => [String(r.id), Number(r.revision)]));
      for (const id of chunk) if (now.get(id) !== this.recent.get(id)!.revision) this.recent.delete(id);
    }
  }

  private readonly reader: CaseReader = {
    // On this connection, not MikroORM's: a batch holds the write lock, and MikroORM's single
    // connection may be waiting for that very lock. The batch's lock also keeps the referenced
    // case as it is until the batch is written.
    definition: async (id) => {
      const row = await this.get(this.sql.definition, [id]);
      if (!row) throw new Error(`workflow version ${id} is missing`);
      return JSON.parse(String(row.definition)) as Definition;
    },
    referenced: async (site, id) => {
      const row = await this.get(this.sql.referenced, [id, site]);
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
      othersInSteps(await this.all(this.sql.othersIn, [site, workflowKey, excludeId]), steps),
    // One writer: the batch already holds the write lock, and its changes are decided one after the other.
    lockPlaces: async () => {},
  };

  /**
   * The batch's rows: one statement per kind and hundred rows, since each statement is a round
   * trip through the main thread. A case changed twice in one batch is written once, with its
   * last state; all must still be at their revision from before the batch, or the batch fails.
   */
  private async write(w: BatchWrites) {
    const d = this.toDb;
    const cases = [...w.cases.values()].map(({ before, written: c }) => [
      c.id,
      before,
      JSON.stringify(c.snapshot),
      c.state,
      c.outcome,
      c.title,
      d(c.updatedAt),
      c.revision,
    ]);
    const history = w.history.map((h) => [
      h.caseId,
      h.site,
      h.revision,
      d(h.at),
      h.actor,
      h.event,
      h.from,
      h.to,
      JSON.stringify(h.data),
    ]);
    const timers = async () => {
      await this.runInChunks(
        w.cancels.map((x) => [x.caseId, x.timerId]),
        this.sql.cancelTimers,
      );
      await this.runInChunks(
        w.timers.map((x) => [x.caseId, x.site, x.timerId, x.event, d(x.dueAt), 'scheduled', d(x.createdAt)]),
        this.sql.insertTimers,
      );
    };
    const [changed] = await Promise.all([
      this.runInChunks(cases, this.sql.update),
      this.runInChunks(history, this.sql.history),
      timers(),
    ]);
    // A remembered case that another writer changed unseen (see `begin`).
    if (changed !== cases.length) throw new StaleRows();
  }

  /** Rows a hundred to a statement; answers how many rows changed in all. */
  private async runInChunks(rows: unknown[][], sql: (rows: number) => string): Promise<number> {
    let changed = 0;
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      changed += await this.run(sql(chunk.length), chunk.flat());
    }
    return changed;
  }
}

/** A prepared statement that has returned a row keeps its read snapshot open until reset. */
function getRow(stmt: sqlite3.Statement, params: unknown[]): Promise<Row | undefined> {
  return new Promise((resolve, reject) =>
    stmt.get(params, (err: Error | null, row: Row | undefined) => {
      stmt.reset(() => (err ? reject(err) : resolve(row)));
    }),
  );
}
