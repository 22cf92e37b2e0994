import type { EntityManager } from '@mikro-orm/core';
import { position, systemActor, type Definition, type PersistedSnapshot } from '../../engine';
import type { CaseWrite } from '../db/case-store';
import type { ICase } from '../db/entities';
import { writeChange } from '../db/orm-store';

/** The actor named in history when time, not a person, moved a case. */
export const timerActor = systemActor;

/** A case's title in lists: its title field, cut to what a list shows. */
export function caseTitle(def: Definition, data: Record<string, unknown>): string {
  const v = data[def.titleField];
  // Titles are for lists; the full value stays in the case's data.
  return (typeof v === 'string' && v ? v : def.title.nl).slice(0, 200);
}

/** What a change writes: the snapshot, the columns derived from it, and its history row. */
export function caseWrite(
  def: Definition,
  snapshot: PersistedSnapshot,
  at: Date,
  entry: { actor: string; event: string; from: string | null; to?: string; data: Record<string, unknown> },
): CaseWrite {
  const pos = position(def, snapshot);
  return {
    snapshot,
    state: pos.state,
    outcome: pos.outcome ?? null,
    title: caseTitle(def, snapshot.context.data),
    at,
    history: { actor: entry.actor, event: entry.event, from: entry.from, to: entry.to ?? pos.state, data: entry.data },
  };
}

/** Puts a change into a case entity with its history row, for writers on MikroORM (timers, migrations). */
export function storeChange(
  em: EntityManager,
  c: ICase,
  def: Definition,
  snapshot: PersistedSnapshot,
  at: Date,
  entry: Parameters<typeof caseWrite>[3],
) {
  writeChange(em, c, caseWrite(def, snapshot, at, entry));
}
