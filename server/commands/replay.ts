import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { migrationEvent, noteEvent, type Definition, type Role, type StaffFunction } from '../../engine';
import { Case, HistoryRow, User, type ICase } from '../db/entities';
import { appError } from '../errors';
import type { HistoryRecord } from '../db/case-store';
import type { DefinitionCache } from './definitions';
import { timerActor } from './history';
import { latestVersion } from './workflows';

/** One recorded change as a replay needs it: who by role and function (never by name), or time itself. */
export interface ReplayRow {
  event: string;
  at: Date;
  data: Record<string, unknown>;
  by?: { role: Role; function?: StaffFunction };
  timer?: boolean;
}

export interface ReplayHistory {
  c: Pick<ICase, 'id' | 'title' | 'state' | 'outcome'>;
  def: Definition;
  rows: ReplayRow[];
}

export interface HistoriesFilter {
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

const day = 86_400_000;

/**
 * The recorded histories of a workflow's cases started in a period (running and ended), a page at
 * a time, oldest case first: what replaying them against a draft needs. Notes and migrations
 * are left out (they move no case through its steps, and a note is free text); every case comes
 * with the definition of its version, so the presenter screens it as that version says.
 */
export async function recordedHistories(
  em: EntityManager,
  cache: DefinitionCache,
  site: string,
  key: string,
  f: HistoriesFilter,
): Promise<{ total: number; items: ReplayHistory[] }> {
  await latestVersion(em, site, key);
  if (f.from && f.to && f.from > f.to)
    throw appError('BAD_REQUEST', 'Het begin ligt na het einde', 'The start lies after the end', [
      { path: 'querystring.from', message: { nl: 'Moet vóór de einddatum liggen', en: 'Must be before the end date' } },
    ]);
  const createdAt = {
    ...(f.from ? { $gte: new Date(`${f.from}T00:00:00Z`) } : {}),
    ...(f.to ? { $lt: new Date(Date.parse(`${f.to}T00:00:00Z`) + day) } : {}),
  };
  const [cases, total] = await em.findAndCount(
    Case,
    { site, workflowKey: key, ...(f.from || f.to ? { createdAt } : {}) },
    {
      fields: ['id', 'title', 'state', 'outcome', 'workflow', 'createdAt'],
      orderBy: { createdAt: 'asc', id: 'asc' },
      limit: f.limit,
      offset: f.offset,
    },
  );
  if (!cases.length) return { total, items: [] };
  // Read as plain rows, like a dossier's history: making an entity of each costs more than the rest.
  const raw: (HistoryRecord & { case: string })[] = await (em as SqlEntityManager)
    .createQueryBuilder(HistoryRow)
    .select(['case', 'revision', 'at', 'actor', 'event', 'data'])
    .where({ site, case: { $in: cases.map((c) => c.id) }, event: { $nin: [noteEvent, migrationEvent] } })
    .orderBy({ case: 'asc', revision: 'asc', id: 'asc' })
    .execute('all');
  const people = await em.find(User, { site }, { fields: ['username', 'role', 'function'] });
  const byName = new Map(people.map((u) => [u.username, u]));
  const byCase = new Map<string, ReplayRow[]>();
  for (const r of raw) {
    const u = byName.get(r.actor);
    const row: ReplayRow = {
      event: r.event,
      at: r.at instanceof Date ? r.at : new Date(r.at),
      // SQLite hands JSON back as text, PostgreSQL as a value.
      data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data,
      ...(r.actor === timerActor
        ? { timer: true }
        : u
          ? { by: { role: u.role as Role, ...(u.function ? { function: u.function as StaffFunction } : {}) } }
          : {}),
    };
    const list = byCase.get(r.case);
    if (list) list.push(row);
    else byCase.set(r.case, [row]);
  }
  const items: ReplayHistory[] = [];
  for (const c of cases) items.push({ c, def: await cache.get(em, c.workflow.id), rows: byCase.get(c.id) ?? [] });
  return { total, items };
}
