import sqlite3 from 'sqlite3';
import { inSteps, type Definition, type PersistedSnapshot, type Role, type StaffFunction } from '../../engine';
import type { Caller } from '../auth/caller';
import { AppError, caseNotFound, staleRevision } from '../errors';
import type { CaseReader, CaseRecord, CaseWrite } from './case-store';

type Job = {
  site: string;
  id: string;
  revision?: number;
  change: (c: CaseRecord, reader: CaseReader) => Promise<CaseWrite>;
  resolve: (r: CaseRecord) => void;
  reject: (e: unknown) => void;
  retried?: boolean;
};

/** A remembered case was changed by someone else after all: the batch is decided again. */
class StaleCache extends Error {
  constructor() {
    super('a remembered case was changed by another writer');
  }
}

type Row = Record<string, unknown>;

const sessionRecheckMs = 1000;

/**
 * The hot path on SQLite: sessions and case changes on a connection of their own, with prepared
 * statements and group commit. Changes that arrive while a transaction is being written wait
 * and go together into the next one: one fsync for many acknowledged events, each still checked,
 * written and answered on its own. The rest of the server keeps using MikroORM.
 */
export class SqliteHotPath {
  private queue: Job[] = [];
  private draining = false;
  private statements = new Map<string, sqlite3.Statement>();

  /** Recently written cases by id; trusted only while the row's revision still matches. */
  private recent = new Map<string, CaseRecord>();
  private historyRows: unknown[][] = [];
  /** The batch's changed cases: the revision each had before the batch, and its latest write. */
  private pending = new Map<string, { before: number; written: CaseRecord }>();
  private sessionLookup: sqlite3.Statement | undefined;
  /**
   * Sessions seen in the last second. Reading the session row on every request was a quarter of
   * the database thread's work under load. This process forgets them all when it ends a session
   * or changes an account; a session ended by another process on the same file stops working
   * within a second.
   */
  private knownSessions = new Map<string, { caller: Caller; expiresAt: number; checkedAt: number }>();
  private sessionsGeneration = 0;
  /** Told after each committed batch: the database took a write. */
  onCommit?: () => void;

  private constructor(
    private readonly db: sqlite3.Database,
    /** Sessions are read on a connection of their own, so logins never wait for a write batch. */
    private readonly sessions: sqlite3.Database,
  ) {}

  static async open(file: string): Promise<SqliteHotPath> {
    const connect = () =>
      new Promise<sqlite3.Database>((resolve, reject) => {
        const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
      });
    const hot = new SqliteHotPath(await connect(), await connect());
    for (const p of [
      'pragma journal_mode = WAL',
      'pragma synchronous = FULL',
      'pragma foreign_keys = ON',
      'pragma busy_timeout = 5000',
    ])
      await hot.exec(p);
    await new Promise<void>((resolve, reject) =>
      hot.sessions.exec('pragma busy_timeout = 5000', (err) => (err ? reject(err) : resolve())),
    );
    return hot;
  }

  async close(): Promise<void> {
    for (const s of [...this.statements.values(), ...(this.sessionLookup ? [this.sessionLookup] : [])])
      await new Promise((r) => s.finalize(r));
    await new Promise((resolve) => this.db.close(() => resolve(undefined)));
    await new Promise((resolve) => this.sessions.close(() => resolve(undefined)));
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

  private get(sql: string, params: unknown[]): Promise<Row | undefined> {
    // A prepared statement that has returned a row keeps its read snapshot open until reset.
    const stmt = this.prepared(sql);
    return new Promise((resolve, reject) =>
      stmt.get(params, (err: Error | null, row: Row | undefined) => {
        stmt.reset(() => (err ? reject(err) : resolve(row)));
      }),
    );
  }

  private all(sql: string, params: unknown[]): Promise<Row[]> {
    return new Promise((resolve, reject) =>
      this.prepared(sql).all(params, (err: Error | null, rows: Row[]) => (err ? reject(err) : resolve(rows))),
    );
  }

  private run(sql: string, params: unknown[]): Promise<number> {
    return new Promise((resolve, reject) =>
      this.prepared(sql).run(params, function (this: sqlite3.RunResult, err: Error | null) {
        return err ? reject(err) : resolve(this.changes);
      }),
    );
  }

  async session(tokenHash: string, now: Date): Promise<Caller | null> {
    const known = this.knownSessions.get(tokenHash);
    if (known && known.expiresAt > now.getTime() && performance.now() - known.checkedAt < sessionRecheckMs)
      return known.caller;
    const generation = this.sessionsGeneration;
    const found = await this.readSession(tokenHash);
    if (!found || found.expiresAt <= now.getTime()) {
      this.knownSessions.delete(tokenHash);
      return null;
    }
    // A session ended while this lookup ran must not be remembered from it.
    if (generation === this.sessionsGeneration) {
      this.knownSessions.delete(tokenHash);
      this.knownSessions.set(tokenHash, { ...found, checkedAt: performance.now() });
      if (this.knownSessions.size > 10_000) this.knownSessions.delete(this.knownSessions.keys().next().value!);
    }
    return found.caller;
  }

  /** After a logout or a change of an account: every session is read again on its next use. */
  forgetSessions(): void {
    this.sessionsGeneration++;
    this.knownSessions.clear();
  }

  private async readSession(tokenHash: string): Promise<{ caller: Caller; expiresAt: number } | null> {
    this.sessionLookup ??= this.sessions.prepare(
      'select s.id as sid, s.expires_at, u.id, u.username, u.display_name, u.role, u.function, u.site_id from session s join app_user u on u.id = s.user_id where s.token_hash = ?',
    );
    const stmt = this.sessionLookup;
    const row = await new Promise<Row | undefined>((resolve, reject) =>
      stmt.get([tokenHash], (err: Error | null, r: Row | undefined) =>
        stmt.reset(() => (err ? reject(err) : resolve(r))),
      ),
    );
    if (!row) return null;
    return {
      expiresAt: Number(row.expires_at),
      caller: {
        id: Number(row.id),
        username: String(row.username),
        displayName: String(row.display_name),
        role: row.role as Role,
        ...(row.function ? { function: row.function as StaffFunction } : {}),
        site: String(row.site_id),
        sessionId: Number(row.sid),
      },
    };
  }

  /** Queues one change of a case; resolves once it is committed, with the case as written. */
  change(site: string, id: string, revision: number | undefined, change: Job['change']): Promise<CaseRecord> {
    return new Promise((resolve, reject) => {
      this.queue.push({ site, id, revision, change, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain() {
    this.draining = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, 256);
        const answers: (() => void)[] = [];
        try {
          // Sent together to keep the lock short. The driver may run the check just before
          // `begin` takes the lock; a case another process writes in that moment makes the
          // batch find a stale revision, and the batch is then decided once more (below).
          const begun = this.exec('begin immediate');
          await Promise.all([begun, this.forgetChangedElsewhere(batch)]);
          for (const job of batch) {
            try {
              const written = await this.applyOne(job);
              answers.push(() => job.resolve(written));
            } catch (err) {
              // A refusal (409, 422, …) is decided before anything of its own is written.
              if (!(err instanceof AppError)) throw err;
              answers.push(() => job.reject(err));
            }
          }
          await Promise.all([this.settleUpdates(), this.flushHistory()]);
          await this.exec('commit');
          this.onCommit?.();
          for (const answer of answers) answer();
        } catch (err) {
          this.historyRows = [];
          this.pending.clear();
          this.recent.clear();
          await this.exec('rollback').catch(() => undefined);
          // Nothing of the batch was written or answered: with the cache emptied, every case
          // is read afresh. Once only, so a fault that is not a stale cache still ends.
          if (err instanceof StaleCache && batch.every((j) => !j.retried)) {
            for (const job of batch) job.retried = true;
            this.queue.unshift(...batch);
            continue;
          }
          for (const job of batch) job.reject(err);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private readonly reader: CaseReader = {
    // On this connection, not MikroORM's: a batch holds the write lock, and MikroORM's single
    // connection may be waiting for that very lock.
    definition: async (id) => {
      const row = await this.get('select definition from workflow_version where id = ?', [id]);
      if (!row) throw new Error(`workflow version ${id} is missing`);
      return JSON.parse(String(row.definition)) as Definition;
    },
    referenced: async (site, id) => {
      const row = await this.get(
        'select c.workflow_id, c.title, c.outcome, w.subject from wf_case c join workflow_version w on w.id = c.workflow_id where c.id = ? and c.site_id = ?',
        [id, site],
      );
      return row
        ? {
            workflowId: Number(row.workflow_id),
            title: String(row.title),
            subject: String(row.subject),
            outcome: (row.outcome as string | null) ?? null,
          }
        : null;
    },
    othersIn: async (site, workflowKey, excludeId, steps) => {
      const rows = await this.all(
        'select id, title, state, snapshot from wf_case where site_id = ? and workflow_key = ? and id <> ? and outcome is null',
        [site, workflowKey, excludeId],
      );
      return rows
        .filter((r) => inSteps(String(r.state), steps))
        .map((r) => ({
          id: String(r.id),
          title: String(r.title),
          state: String(r.state),
          data: (JSON.parse(String(r.snapshot)) as PersistedSnapshot).context.data,
        }));
    },
  };

  private async load(site: string, id: string): Promise<CaseRecord> {
    const row = await this.get(
      'select id, site_id, workflow_id, workflow_key, title, state, outcome, snapshot, revision, created_at, updated_at from wf_case where id = ? and site_id = ?',
      [id, site],
    );
    if (!row) throw caseNotFound();
    return {
      id: String(row.id),
      site: String(row.site_id),
      workflowId: Number(row.workflow_id),
      workflowKey: String(row.workflow_key),
      title: String(row.title),
      state: String(row.state),
      outcome: (row.outcome as string | null) ?? null,
      snapshot: JSON.parse(String(row.snapshot)),
      revision: Number(row.revision),
      createdAt: new Date(Number(row.created_at)),
      updatedAt: new Date(Number(row.updated_at)),
    };
  }

  /**
   * The cases this path remembers are trusted only if no one else has written them since: with
   * the write lock held, one query compares their revisions and forgets the ones that moved.
   */
  private async forgetChangedElsewhere(batch: Job[]) {
    const ids = [...new Set(batch.map((j) => j.id))].filter((id) => this.recent.has(id));
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.all(
        `select id, revision from wf_case where id in (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      const now = new Map(rows.map((r) => [String(r.id), Number(r.revision)]));
      for (const id of chunk) if (now.get(id) !== this.recent.get(id)!.revision) this.recent.delete(id);
    }
  }

  /** One change inside the open transaction, on the case as it is now. */
  private async applyOne(job: Job): Promise<CaseRecord> {
    const cached = this.recent.get(job.id);
    const current = cached && cached.site === job.site ? cached : await this.load(job.site, job.id);
    if (job.revision !== undefined && job.revision !== current.revision) throw staleRevision(current.revision);
    const w = await job.change(current, this.reader);
    const revision = current.revision + 1;
    const at = w.at.getTime();
    // Written at the end of the batch, one statement for all its cases: each statement is a round
    // trip through the main thread, and a case changed twice in one batch is written once.
    const before = this.pending.get(current.id)?.before ?? current.revision;
    this.historyRows.push([
      current.id,
      current.site,
      revision,
      at,
      w.history.actor,
      w.history.event,
      w.history.from,
      w.history.to,
      JSON.stringify(w.history.data),
    ]);
    const t = w.timers;
    if (t && (t.cancel.length || t.schedule.length)) {
      for (const timerId of [...t.cancel, ...t.schedule.map((s) => s.id)]) {
        await this.run(
          "update timer set status = 'cancelled' where case_id = ? and timer_id = ? and status = 'scheduled'",
          [current.id, timerId],
        );
      }
      for (const s of t.schedule) {
        await this.run(
          "insert into timer (case_id, site_id, timer_id, event, due_at, status, created_at) values (?, ?, ?, ?, ?, 'scheduled', ?)",
          [current.id, current.site, s.id, s.event, Date.parse(s.due), at],
        );
      }
    }
    const written = {
      ...current,
      snapshot: w.snapshot,
      state: w.state,
      outcome: w.outcome,
      title: w.title,
      revision,
      updatedAt: w.at,
    };
    this.pending.set(current.id, { before, written });
    this.recent.delete(current.id);
    this.recent.set(current.id, written);
    if (this.recent.size > 5000) this.recent.delete(this.recent.keys().next().value!);
    return written;
  }

  /**
   * The batch's cases, each row only if its revision is still the one this batch started from:
   * all must change, or the batch fails.
   */
  private async settleUpdates() {
    const rows = [...this.pending.values()].map(({ before, written: w }) => [
      w.id,
      before,
      JSON.stringify(w.snapshot),
      w.state,
      w.outcome,
      w.title,
      w.updatedAt.getTime(),
      w.revision,
    ]);
    this.pending.clear();
    const changed = await this.runInChunks(
      rows,
      (values) =>
        `with v (id, before, snapshot, state, outcome, title, updated_at, revision) as (values ${values}) ` +
        'update wf_case set snapshot = v.snapshot, state = v.state, outcome = v.outcome, title = v.title, updated_at = v.updated_at, revision = v.revision ' +
        'from v where wf_case.id = v.id and wf_case.revision = v.before',
    );
    if (changed !== rows.length) throw new StaleCache();
  }

  /** The batch's history rows. */
  private async flushHistory() {
    const rows = this.historyRows;
    this.historyRows = [];
    await this.runInChunks(
      rows,
      (values) =>
        `insert into history (case_id, site_id, revision, at, actor, event, from_state, to_state, data) values ${values}`,
    );
  }

  /**
   * One statement per hundred rows, each row a tuple of parameters in `values`: every statement
   * is a round trip through the main thread. Answers how many rows changed in all.
   */
  private async runInChunks(rows: unknown[][], sql: (values: string) => string): Promise<number> {
    let changed = 0;
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      const values = chunk.map((r) => `(${r.map(() => '?').join(', ')})`).join(', ');
      changed += await this.run(sql(values), chunk.flat());
    }
    return changed;
  }
}
