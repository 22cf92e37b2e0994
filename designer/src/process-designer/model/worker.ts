/**
 * Work on a whole draft (replaying thousands of histories, walking every path) runs in a Web
 * Worker, so the page stays usable meanwhile; where no worker exists (the unit tests, on Node) it
 * runs in place. The worker answers once, with the result or the error's name and message.
 */
export type WorkerAnswer<T> =
  { ok: true; value: T; ms: number } | { ok: false; name: string; error: string; detail?: unknown };

/** The answer of `work(request)`, with how long the work itself took. */
export interface Timed<T> {
  value: T;
  ms: number;
}

/** An error thrown in the worker, by its name (e.g. `TooManyPaths`), message and own fields. */
export class WorkerError extends Error {
  constructor(
    readonly kind: string,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

function timed<Req, T>(work: (r: Req) => T, request: Req): WorkerAnswer<T> {
  const started = performance.now();
  try {
    return { ok: true, value: work(request), ms: performance.now() - started };
  } catch (err) {
    return err instanceof Error
      ? { ok: false, name: err.name, error: err.message, detail: (err as { detail?: unknown }).detail }
      : { ok: false, name: 'Error', error: String(err) };
  }
}

const settle = <T>(answer: WorkerAnswer<T>): Timed<T> => {
  if (!answer.ok) throw new WorkerError(answer.name, answer.error, answer.detail);
  return { value: answer.value, ms: answer.ms };
};

/** `spawn` must be `() => new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`, literally, for Vite to bundle it. */
export function offThread<Req, T>(spawn: () => Worker, request: Req, work: (r: Req) => T): Promise<Timed<T>> {
  if (typeof Worker === 'undefined') return Promise.resolve().then(() => settle(timed(work, request)));
  return new Promise((resolve, reject) => {
    const worker = spawn();
    worker.onmessage = (e: MessageEvent<WorkerAnswer<T>>) => {
      worker.terminate();
      try {
        resolve(settle(e.data));
      } catch (err) {
        reject(err as Error);
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message));
    };
    worker.postMessage(request);
  });
}

/** The worker's side: answers each request with `work`'s result. */
export function serve<Req, T>(work: (r: Req) => T) {
  const scope = self as unknown as { onmessage: (e: MessageEvent<Req>) => void; postMessage: (a: unknown) => void };
  scope.onmessage = (e) => scope.postMessage(timed(work, e.data));
}
