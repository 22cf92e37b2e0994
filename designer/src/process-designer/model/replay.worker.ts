/// <reference lib="webworker" />
// Replays recorded histories against a draft off the page's thread: a few thousand cases take a
// second or two, and the diagram stays usable meanwhile.
import { replayCases } from '../../../../engine/replay';
import type { ReplayRequest, ReplayAnswer } from './replay';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<ReplayRequest>) => {
  const started = performance.now();
  try {
    const out = replayCases(e.data.definition, e.data.cases);
    scope.postMessage({ ok: true, ...out, ms: performance.now() - started } satisfies ReplayAnswer);
  } catch (err) {
    scope.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) } satisfies ReplayAnswer);
  }
};
