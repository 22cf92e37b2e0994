/**
 * Replaying the site's recorded histories against the draft (`engine/replay.ts`), off the page's
 * thread (./worker.ts). Nothing is stored and no case changes.
 */
import type { Definition } from '../../../../engine/definition';
import { replayCases, type CaseReplay, type RecordedCase, type ReplaySummary } from '../../../../engine/replay';
import { offThread } from './worker';

export interface ReplayRequest {
  definition: Definition;
  cases: RecordedCase[];
}

export const replayWork = (r: ReplayRequest) => replayCases(r.definition, r.cases);

export interface Replayed {
  results: CaseReplay[];
  summary: ReplaySummary;
  ms: number;
}

export async function replayAgainst(definition: Definition, cases: RecordedCase[]): Promise<Replayed> {
  const { value, ms } = await offThread(
    () => new Worker(new URL('./replay.worker.ts', import.meta.url), { type: 'module' }),
    { definition, cases } satisfies ReplayRequest,
    replayWork,
  );
  return { ...value, ms };
}
