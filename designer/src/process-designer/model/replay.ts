/**
 * Replaying the site's recorded histories against the draft (`engine/replay.ts`), in a Web Worker
 * so that thousands of cases never hold up the page; where no worker exists (the unit tests, on
 * Node) it runs in place. Nothing is stored and no case changes.
 */
import type { Definition } from '../../../../engine/definition';
import { replayCases, type CaseReplay, type RecordedCase, type ReplaySummary } from '../../../../engine/replay';

export interface ReplayRequest {
  definition: Definition;
  cases: RecordedCase[];
}

export type ReplayAnswer =
  { ok: true; results: CaseReplay[]; summary: ReplaySummary; ms: number } | { ok: false; error: string };

export type Replayed = Extract<ReplayAnswer, { ok: true }>;

export function replayAgainst(definition: Definition, cases: RecordedCase[]): Promise<Replayed> {
  if (typeof Worker === 'undefined') {
    const started = performance.now();
    return Promise.resolve({ ok: true, ...replayCases(definition, cases), ms: performance.now() - started });
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./replay.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<ReplayAnswer>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message));
    };
    worker.postMessage({ definition, cases } satisfies ReplayRequest);
  });
}
