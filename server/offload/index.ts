import { Worker } from 'node:worker_threads';
import { appError } from '../errors';
import type * as jobs from './jobs';

type Jobs = typeof jobs;
type Job = keyof Jobs;
type Answer<K extends Job> = Awaited<ReturnType<Jobs[K]>>;

/** Longer than the largest import the limits let through takes here, several of them queued. */
const defaultTimeoutMs = 60_000;

interface Pending {
  job: Job;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  timer: NodeJS.Timeout;
}

/**
 * One thread beside the one that answers requests, for the engine's work whose cost grows with
 * what a person sends: reading a package, an SCXML or BPMN file, checking and comparing a
 * definition. A 50,000-state SCXML takes seconds to read; on the request thread it made every
 * other request of every site wait, here it makes only the imports queue behind each other.
 * The thread starts at the first job and keeps the process alive only while a job is waited for.
 */
export class Offload {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly timeoutMs = defaultTimeoutMs) {}

  run<K extends Job>(job: K, ...args: Parameters<Jobs[K]>): Promise<Answer<K>> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => this.timedOut(id), this.timeoutMs).unref();
      this.pending.set(id, { job, args, resolve: resolve as (v: unknown) => void, reject, timer });
      const w = this.thread();
      w.postMessage({ id, job, args });
      this.holdOpen();
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error('offload closed'));
    }
    this.pending.clear();
    await w?.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./worker.mjs', import.meta.url));
    w.on('message', (m: { id?: number; ok?: boolean; value?: unknown; error?: string }) => {
      const p = m.id === undefined ? undefined : this.pending.get(m.id);
      if (!p || m.id === undefined) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      this.holdOpen();
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(`offload ${p.job}: ${m.error}`));
    });
    w.on('error', (err) => this.lost(w, err));
    w.on('exit', (code) => this.lost(w, new Error(`offload thread ended (${code})`)));
    this.worker = w;
    return w;
  }

  /** A job waited for keeps the process alive, as any I/O would; an idle thread does not. */
  private holdOpen() {
    if (this.pending.size) this.worker?.ref();
    else this.worker?.unref();
  }

  /** A job that ran too long is refused; the thread is ended and the jobs behind it start again on a new one. */
  private timedOut(id: number) {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.reject(
      appError(
        'PAYLOAD_TOO_LARGE',
        'Dit bestand is te groot of te ingewikkeld om in te lezen',
        'This file is too large or too complex to read',
      ),
    );
    const w = this.worker;
    this.worker = null;
    const again = [...this.pending.entries()];
    if (w) {
      w.removeAllListeners('exit');
      w.removeAllListeners('error');
      void w.terminate();
    }
    for (const [jobId, q] of again) this.thread().postMessage({ id: jobId, job: q.job, args: q.args });
    this.holdOpen();
  }

  private lost(w: Worker, err: Error) {
    if (this.worker !== w) return;
    this.worker = null;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    this.pending.clear();
  }
}

/** The process's one offload thread. */
export const offload = new Offload();
