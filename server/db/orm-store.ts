import { OptimisticLockError, type EntityManager } from '@mikro-orm/core';
import type { TimerEffects } from '../../engine';
import { caseNotFound, staleRevision } from '../errors';
import type { CaseReader, CaseRecord, CaseStore, CaseWrite, DecideChange } from './case-store';
import { Case, HistoryRow, Session, Timer, WorkflowVersion, type ICase } from './entities';
import { namesOf, readStatements, type Names } from './raw-sql';
import { RecentSessions, storedSession, type StoredSession } from './sessions';

export function toRecord(c: ICase): CaseRecord {
  return {
    id: c.id,
    site: c.site.id,
    workflowId: c.workflow.id,
    workflowKey: c.workflowKey,
    title: c.title,
    state: c.state,
    outcome: c.outcome ?? null,
    snapshot: c.snapshot,
    revision: c.revision,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    pseudonymisedAt: c.pseudonymisedAt ?? null,
  };
}

/**
 * The plain store: a MikroORM transaction per change, on either database. The case's row is
 * locked first (a no-op update), the revision is checked, the change is decided and flushed;
 * the revision column makes the update conditional as well (optimistic lock), so two writers
 * can never both win. A change that named no revision is decided again on top of the other's;
 * one that did gets 409. It is the reference the fast stores are held to, and runs on SQLite
 * in `npm test` so the path is never untested.
 */
export class OrmCaseStore extends RecentSessions implements CaseStore {
  readonly kind = 'orm' as const;

  constructor(private readonly em: EntityManager) {
    super();
  }

  async close(): Promise<void> {}

  async load(site: string, id: string): Promise<CaseRecord> {
    const c = await this.em.fork().findOne(Case, { id, site });
    if (!c) throw caseNotFound();
    return toRecord(c);
  }

  protected async readSession(tokenHash: string): Promise<StoredSession | null> {
    const s = await this.em.fork().findOne(Session, { tokenHash }, { populate: ['user'] });
    if (!s) return null;
    const u = s.user;
    return storedSession({
      sessionId: s.id,
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      function: u.function,
      site: u.site.id,
    });
  }

  async change(site: string, id: string, revision: number | undefined, decide: DecideChange): Promise<CaseRecord> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.em.fork().transactional(async (tem) => {
          await lockCaseRow(tem, site, id);
          const c = await tem.findOne(Case, { id, site });
          if (!c) throw caseNotFound();
          if (revision !== undefined && revision !== c.revision) throw staleRevision(c.revision);
          const w = await decide(toRecord(c), ormReader(tem));
          writeChange(tem, c, w);
          if (w.timers) await recordTimerEffects(tem, c, w.timers, w.at);
          await tem.flush();
          return toRecord(c);
        });
      } catch (err) {
        if (err instanceof OptimisticLockError) {
          if (revision === undefined && attempt < 3) continue;
          throw staleRevision();
        }
        throw err;
      }
    }
  }
}

/**
 * Takes a case's row lock (a no-op write): concurrent changes of one case queue here on
 * PostgreSQL, and a SQLite transaction holds the write lock from its first statement.
 */
export function lockCaseRow(em: EntityManager, site: string, id: string) {
  return em
    .getConnection()
    .execute(lockCaseSql(namesOf(em.getMetadata())), [id, site], 'run', em.getTransactionContext());
}

export function lockCaseSql({ case: c }: Names) {
  return `update ${c.table} set ${c.revision} = ${c.revision} where ${c.id} = ? and ${c.site} = ?`;
}

function ormReader(em: EntityManager): CaseReader {
  return {
    async lockPlaces(site) {
      const sql = readStatements(namesOf(em.getMetadata()), () => '?').lockPlaces;
      await em.getConnection().execute(sql, [site], 'run', em.getTransactionContext());
    },
    definition: async (id) => (await em.findOneOrFail(WorkflowVersion, { id })).definition,
    async referenced(site, id) {
      await lockCaseRow(em, site, id);
      const ref = await em.findOne(Case, { id, site }, { populate: ['workflow'] });
      return ref
        ? { workflowId: ref.workflow.id, title: ref.title, subject: ref.workflow.subject, outcome: ref.outcome ?? null }
        : null;
    },
    async othersIn(site, workflowKey, excludeId, steps) {
      const where = steps.flatMap((s) => [{ state: s }, { state: { $like: `${s}.%` } }]);
      const others = await em.find(Case, { site, workflowKey, id: { $ne: excludeId }, outcome: null, $or: where });
      return others.map((o) => ({
        id: o.id,
        title: o.title,
        state: o.state,
        data: o.snapshot.context.data,
        enteredAt: o.snapshot.context.enteredAt,
      }));
    },
  };
}

/**
 * Puts one change into a case entity and appends the history row that names it; the revision
 * bump comes with the flush. Its timers are written by `recordTimerEffects`.
 */
export function writeChange(em: EntityManager, c: ICase, w: CaseWrite): void {
  c.snapshot = w.snapshot;
  c.state = w.state;
  c.outcome = w.outcome;
  c.title = w.title;
  c.updatedAt = w.at;
  em.create(HistoryRow, {
    case: c,
    site: c.site,
    revision: c.revision + 1,
    at: w.at,
    actor: w.history.actor,
    event: w.history.event,
    fromState: w.history.from,
    toState: w.history.to,
    data: w.history.data,
  });
}

/** Stores what the engine asked for: new timers scheduled, left steps' timers cancelled. */
export function recordTimerEffects(
  em: EntityManager,
  c: ICase,
  effects: TimerEffects,
  now: Date,
): Promise<void> | void {
  const ids = [...effects.cancel, ...effects.schedule.map((s) => s.id)];
  const create = () => {
    for (const s of effects.schedule) {
      em.create(Timer, {
        case: c,
        site: c.site,
        timerId: s.id,
        event: s.event,
        dueAt: new Date(s.due),
        status: 'scheduled',
        createdAt: now,
      });
    }
  };
  if (ids.length === 0) return;
  // A step entered again restarts its timer: the earlier one of the same id is cancelled first.
  return em
    .nativeUpdate(Timer, { case: c.id, timerId: { $in: ids }, status: 'scheduled' }, { status: 'cancelled' })
    .then(create);
}
