import type { EntityManager } from '@mikro-orm/core';
import { position, type Definition, type PersistedSnapshot } from '../../engine';
import { HistoryRow, type ICase } from '../db/entities';

/** The actor named in history when time, not a person, moved a case. */
export const timerActor = 'systeem';

/** A case's title in lists: its title field, cut to what a list shows. */
export function caseTitle(def: Definition, data: Record<string, unknown>): string {
  const v = data[def.titleField];
  // Titles are for lists; the full value stays in the case's data.
  return (typeof v === 'string' && v ? v : def.title.nl).slice(0, 200);
}

/**
 * Puts a new snapshot into a case (with the columns derived from it) and appends the one history
 * row that names the change. The revision bump comes with the flush.
 */
export function storeChange(
  em: EntityManager,
  c: ICase,
  def: Definition,
  snapshot: PersistedSnapshot,
  at: Date,
  entry: { actor: string; event: string; from: string | null; to?: string; data: Record<string, unknown> },
) {
  const pos = position(def, snapshot);
  c.snapshot = snapshot;
  c.state = pos.state;
  c.outcome = pos.outcome ?? null;
  c.title = caseTitle(def, snapshot.context.data);
  c.updatedAt = at;
  em.create(HistoryRow, {
    case: c,
    site: c.site,
    revision: c.revision + 1,
    at,
    actor: entry.actor,
    event: entry.event,
    fromState: entry.from,
    toState: entry.to ?? pos.state,
    data: entry.data,
  });
}
