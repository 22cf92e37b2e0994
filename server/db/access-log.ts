import type { EntityManager } from '@mikro-orm/core';
import { AccessEntry, type IAccessEntry } from './entities';

/** One read of a case's personal fields, as the log keeps it (no values, see AccessEntry). */
export interface Access {
  site: string;
  caseId: string;
  actor: string;
  at: Date;
  route: string;
}

export interface AccessLogOptions {
  /** How long entries are kept (days); older ones are deleted once a day. */
  keepDays: number;
  /** How long an entry may wait before its batch is written (ms). */
  flushMs?: number;
  /** Entries that start a write at once, whatever the wait. */
  batchSize?: number;
  /** A batch could not be written: it is kept for the next attempt, and this hears of it. */
  onError?: (err: unknown) => void;
}

const day = 86_400_000;
/** Entries kept in memory at most while the database refuses them: a log must not eat the server. */
const heldAtMost = 100_000;

/**
 * The access log's writer: reads are recorded in memory and written in one insert per batch,
 * beside the requests, so a dossier's answer never waits for its log row and the event path
 * (which reads nothing personal to log) is untouched. `flush` writes what is pending; the app
 * flushes on close. The clock is the server's injected one: the retention of the log counts on it.
 */
export class AccessLog {
  private pending: Access[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private purgedOn = '';

  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date,
    private readonly options: AccessLogOptions,
  ) {}

  record(entries: readonly Access[]): void {
    if (!entries.length) return;
    this.pending.push(...entries);
    if (this.pending.length >= (this.options.batchSize ?? 500)) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs ?? 1000).unref();
  }

  /** Writes every pending entry; resolves when they are stored (or were given back to wait). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  private async write(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      if (batch.length) await this.em.fork().insertMany<IAccessEntry>(AccessEntry, batch);
      await this.purge();
    } catch (err) {
      this.pending = [...batch, ...this.pending].slice(-heldAtMost);
      this.options.onError?.(err);
    }
  }

  /** Once a day: entries older than the period are deleted. */
  private async purge() {
    const now = this.now();
    const today = now.toISOString().slice(0, 10);
    if (this.purgedOn === today) return;
    await this.em
      .fork()
      .nativeDelete(AccessEntry, { at: { $lt: new Date(now.getTime() - this.options.keepDays * day) } });
    this.purgedOn = today;
  }
}
