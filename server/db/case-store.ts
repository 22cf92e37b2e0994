import type { Definition, OtherCase, PersistedSnapshot, TimerEffects } from '../../engine';
import type { Caller } from '../auth/caller';
import type { IHistoryRow } from './entities';

/**
 * The case store: the port through which every change of a case is written, whichever database
 * holds it. Three implementations keep one contract (test/integration/case-store.test.ts):
 * the plain MikroORM store (orm-store.ts) and a fast one per database, SQLite (sqlite-store.ts)
 * and PostgreSQL (postgres-store.ts), both with group commit over raw prepared statements.
 *
 * Deciding a change is pure and may run twice: a store may call `decide` again, on fresher
 * rows, when a batch it was part of could not be written. Only what `decide` returns is written,
 * at most once. Reads for the rest of the server stay on MikroORM.
 */
export interface CaseStore {
  /** Which implementation this is: `orm` everywhere, or the database's `fast` one. */
  readonly kind: CaseStoreKind;
  /** A case of the site as it is now; 404 (`CASE_NOT_FOUND`) when the site has no such case. */
  load(site: string, id: string): Promise<CaseRecord>;
  /**
   * Changes one case in one transaction: reads it as it is, answers 409 when `revision` is given
   * and is not the case's, lets `decide` compute the write (or refuse with a coded error), then
   * writes the case row, its history row and its timers together. Resolves with the case as
   * written, once it is durable. A refusal or a fault of one change is that change's own answer.
   */
  change(site: string, id: string, revision: number | undefined, decide: DecideChange): Promise<CaseRecord>;
  /** The caller a session token's hash stands for, or null when it is unknown or expired. */
  session(tokenHash: string, now: Date): Promise<Caller | null>;
  /** Told after each committed write of this store: the database took a write (there is room). */
  onCommit?: () => void;
  /** After a logout or a change of an account: no session is answered from memory any more. */
  forgetSessions(): void;
  /** Unused this long, a session ends. */
  idleMs: number;
  /** Writes a session's new end when it has been used (at most once a minute). */
  extendSession?: (sessionId: number, expiresAt: Date) => Promise<void>;
  close(): Promise<void>;
}

export type CaseStoreKind = 'orm' | 'fast';

/** Computes the write of one change from the case as it is now; pure, so it may run twice. */
export type DecideChange = (current: CaseRecord, reader: CaseReader) => Promise<CaseWrite>;

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
  /** When its personal fields were replaced by a pseudonym; a change never sets it, every answer says it. */
  pseudonymisedAt: Date | null;
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
  /**
   * A case that a change refers to (a client's student). Its row is locked until the change is
   * written, so two changes that refer to one case are decided one after the other.
   */
  referenced(
    site: string,
    id: string,
  ): Promise<{ workflowId: number; title: string; subject: string; outcome: string | null } | null>;
  othersIn(site: string, workflowKey: string, excludeId: string, steps: readonly string[]): Promise<OtherCase[]>;
  /**
   * Before counting a workflow's places for a change: two changes that may each take the last
   * place are decided one after the other (on SQLite every write already is).
   */
  lockPlaces(site: string, workflowKey: string): Promise<void>;
}

/** One row of a case's history, as presenting it needs. */
export type HistoryRecord = Pick<IHistoryRow, 'revision' | 'at' | 'actor' | 'event' | 'fromState' | 'toState' | 'data'>;
