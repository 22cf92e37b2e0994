import type { Definition, OtherCase, PersistedSnapshot, TimerEffects } from '../../engine';
import type { IHistoryRow } from './entities';

/**
 * The records the case store reads and writes, whichever database or write path holds them.
 * Types only: the SQLite hot path (hot-path.ts) and MikroORM (commands/cases.ts) both speak them.
 */

/** A case as the commands and presenters need it, whichever way it was read. */
export interface CaseRecord {
  id: string;
  site: string;
  workflowId: number;
  workflowKey: string;
  title: string;
  state: string;
  outcome: string | null;
  snapshot: PersistedSnapshot;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What one change writes besides the case row: its history row and its timers. */
export interface CaseWrite {
  snapshot: PersistedSnapshot;
  state: string;
  outcome: string | null;
  title: string;
  at: Date;
  history: { actor: string; event: string; from: string | null; to: string; data: Record<string, unknown> };
  timers?: TimerEffects;
}

/** Reads other cases inside the same transaction, for rules across cases. */
export interface CaseReader {
  definition(workflowVersionId: number): Promise<Definition>;
  referenced(
    site: string,
    id: string,
  ): Promise<{ workflowId: number; title: string; subject: string; outcome: string | null } | null>;
  othersIn(site: string, workflowKey: string, excludeId: string, steps: readonly string[]): Promise<OtherCase[]>;
}

/** One row of a case's history, as presenting it needs. */
export type HistoryRecord = Pick<IHistoryRow, 'revision' | 'at' | 'actor' | 'event' | 'fromState' | 'toState' | 'data'>;
