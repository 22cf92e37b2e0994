import { inSteps, type OtherCase } from '../../engine';
import { caseNotFound, staleRevision } from '../errors';
import type { CaseReader, CaseRecord, CaseWrite, DecideChange } from './case-store';

/** A row was no longer at the revision the batch read it at: the batch is decided again. */
export class StaleRows extends Error {
  constructor() {
    super('a case was changed by another writer after the batch read it');
  }
}

/** One queued change of a case, answered once its batch is committed. */
interface Job {
  site: string;
  id: string;
  revision?: number;
  decide: DecideChange;
  resolve: (r: CaseRecord) => void;
  reject: (e: unknown) => void;
  /** How often a batch with this job failed; each failure decides it again. */
  tries: number;
  /** In a batch of its own: a batch it was part of failed, and whatever failed is its own alone. */
  alone: boolean;
}

/** A batch's rows, collected while its changes are decided and written together at the end. */
export class BatchWrites {
  /** Each changed case: the revision it had before the batch, and its last write. */
  readonly cases = new Map<string, { before: number; written: CaseRecord }>();
  readonly history: {
    caseId: string;
    site: string;
    revision: number;
    at: Date;
    actor: string;
    event: string;
    from: string | null;
    to: string;
    data: Record<string, unknown>;
  }[] = [];
  /** Scheduled timers of cases to cancel: only those that were there before the batch. */
  readonly cancels: { caseId: string; timerId: string }[] = [];
  timers: { caseId: string; site: string; timerId: string; event: string; dueAt: Date; createdAt: Date }[] = [];

  latest(id: string): CaseRecord | undefined {
    return this.cases.get(id)?.written;
  }

  /** Adds one change on top of the case as it is now; answers the case as written. */
  add(current: CaseRecord, w: CaseWrite): CaseRecord {
    const revision = current.revision + 1;
    this.history.push({ caseId: current.id, site: current.site, revision, at: w.at, ...w.history });
    const t = w.timers;
    if (t && (t.cancel.length || t.schedule.length)) {
      // A step entered again restarts its timer: the earlier one of the same id is cancelled
      // first, also when this batch scheduled it and has not written it yet.
      for (const timerId of [...t.cancel, ...t.schedule.map((s) => s.id)]) {
        this.timers = this.timers.filter((x) => x.caseId !== current.id || x.timerId !== timerId);
        this.cancels.push({ caseId: current.id, timerId });
      }
      for (const s of t.schedule)
        this.timers.push({
          caseId: current.id,
          site: current.site,
          timerId: s.id,
          event: s.event,
          dueAt: new Date(s.due),
          createdAt: w.at,
        });
    }
    const written: CaseRecord = {
      ...current,
      snapshot: w.snapshot,
      state: w.state,
      outcome: w.outcome,
      title: w.title,
      revision,
      updatedAt: w.at,
    };
    this.cases.set(current.id, { before: this.cases.get(current.id)?.before ?? current.revision, written });
    return written;
  }
}

/** One open transaction of a store, for one batch. */
export interface BatchTx {
  /** The batch's cases as they are now, by id; a missing id was not found. */
  cases: Map<string, CaseRecord>;
  reader: CaseReader;
  /** Whether a statement of this transaction failed, so that it cannot go on. */
  broken(): boolean;
  /** Writes the batch's rows; throws when a case is no longer the revision it was read at. */
  write(w: BatchWrites): Promise<void>;
  commit(w: BatchWrites): Promise<void>;
  rollback(): Promise<void>;
}

export interface GroupCommitOptions {
  /** Opens a transaction for a batch and reads its cases, locked where the database needs it. */
  begin(ids: readonly string[]): Promise<BatchTx>;
  /** How many batches may be written at once: one on SQLite, a few on a PostgreSQL pool. */
  batches: number;
  /** A failure that deciding the batch again from fresh rows can cure (a stale read, a deadlock). */
  retryable(err: unknown): boolean;
  /** Told after each committed batch. */
  committed?(): void;
}

const batchSize = 256;
const maxTries = 3;

/**
 * Group commit: changes that arrive while a batch is being written queue and go together into
 * the next one, so many acknowledged events share one durable commit. Each change is still
 * checked, decided and answered on its own:
 *
 * - a refusal (a coded error) or a fault while deciding is that change's answer alone; nothing
 *   of its own is written before all of the batch is decided, so the rest of the batch goes on;
 * - a batch that cannot be written (a statement fails) is rolled back and each of its changes
 *   decided and written again in a batch of its own, so whatever failed is one request's 500;
 * - a batch that read a stale row, or lost a deadlock, is decided again from fresh rows.
 *
 * Two batches in flight never hold the same case: a change waits for the batch that holds its
 * case, in the order the changes came.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private running = 0;
  /** Cases held by batches in flight, with how many of their changes each batch holds. */
  private held = new Map<string, number>();

  constructor(private readonly opts: GroupCommitOptions) {}

  change(site: string, id: string, revision: number | undefined, decide: DecideChange): Promise<CaseRecord> {
    return new Promise((resolve, reject) => {
      this.queue.push({ site, id, revision, decide, resolve, reject, tries: 0, alone: false });
      this.pump();
    });
  }

  private pump() {
    while (this.running < this.opts.batches) {
      const batch = this.take();
      if (!batch.length) return;
      this.running++;
      for (const j of batch) this.held.set(j.id, (this.held.get(j.id) ?? 0) + 1);
      void this.run(batch).finally(() => {
        for (const j of batch) {
          const n = this.held.get(j.id)! - 1;
          if (n) this.held.set(j.id, n);
          else this.held.delete(j.id);
        }
        this.running--;
        this.pump();
      });
    }
  }

  /** The next batch: queued changes whose case no batch in flight holds, in order per case. */
  private take(): Job[] {
    const batch: Job[] = [];
    const skipped = new Set<string>();
    const rest: Job[] = [];
    for (const job of this.queue) {
      const free = !this.held.has(job.id) && !skipped.has(job.id);
      const fits = batch.length < batchSize && !(job.alone && batch.length) && !batch[0]?.alone;
      if (free && fits) batch.push(job);
      else {
        skipped.add(job.id);
        rest.push(job);
      }
    }
    this.queue = rest;
    return batch;
  }

  private async run(batch: Job[]) {
    let tx: BatchTx | undefined;
    try {
      tx = await this.opts.begin([...new Set(batch.map((j) => j.id))]);
      const writes = new BatchWrites();
      const reader = withPending(tx.reader, writes);
      const answers: (() => void)[] = [];
      for (const job of batch) {
        try {
          const current = writes.latest(job.id) ?? tx.cases.get(job.id);
          if (!current || current.site !== job.site) throw caseNotFound();
          if (job.revision !== undefined && job.revision !== current.revision) throw staleRevision(current.revision);
          const written = writes.add(current, await job.decide(current, reader));
          answers.push(() => job.resolve(written));
        } catch (err) {
          // Decided before anything of its own was written: its refusal or fault is its own,
          // unless the transaction itself broke.
          if (tx.broken()) throw err;
          answers.push(() => job.reject(err));
        }
      }
      await tx.write(writes);
      await tx.commit(writes);
      this.opts.committed?.();
      for (const answer of answers) answer();
    } catch (err) {
      await tx?.rollback();
      this.failed(batch, err);
    }
  }

  /** Nothing of the batch was written or answered: each change is decided again, or answered. */
  private failed(batch: Job[], err: unknown) {
    const retryable = this.opts.retryable(err);
    const again: Job[] = [];
    for (const job of batch) {
      job.tries++;
      if (batch.length === 1 && !(retryable && job.tries < maxTries)) {
        job.reject(err);
        continue;
      }
      if (!retryable || job.tries >= maxTries) job.alone = true;
      again.push(job);
    }
    this.queue.unshift(...again);
  }
}

/**
 * A reader that sees the batch's own changes, which are written only at its end: two clients
 * matched to one student's half-day in one batch must clash as they would one after the other.
 */
function withPending(reader: CaseReader, writes: BatchWrites): CaseReader {
  return {
    definition: (id) => reader.definition(id),
    lockPlaces: (site, workflowKey) => reader.lockPlaces(site, workflowKey),
    async referenced(site, id) {
      const found = await reader.referenced(site, id);
      const pending = writes.latest(id);
      return found && pending ? { ...found, title: pending.title, outcome: pending.outcome } : found;
    },
    async othersIn(site, workflowKey, excludeId, steps) {
      const pending = [...writes.cases.values()]
        .map((c) => c.written)
        .filter((c) => c.site === site && c.workflowKey === workflowKey && c.id !== excludeId);
      const changed = new Set(pending.map((c) => c.id));
      const stored = (await reader.othersIn(site, workflowKey, excludeId, steps)).filter((o) => !changed.has(o.id));
      return [
        ...stored,
        ...pending
          .filter((c) => c.outcome === null && inSteps(c.state, steps))
          .map((c): OtherCase => ({
            id: c.id,
            title: c.title,
            state: c.state,
            data: c.snapshot.context.data,
            enteredAt: c.snapshot.context.enteredAt,
          })),
      ];
    },
  };
}
