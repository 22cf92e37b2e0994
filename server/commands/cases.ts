import { randomUUID } from 'node:crypto';
import type { EntityManager, ObjectQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import {
  applyEvent,
  checklistSignEvent,
  checklistUnsignEvent,
  exclusiveClash,
  exclusiveOf,
  matchRefusals,
  nameInMessage,
  noteEvent,
  personalFieldsWritten,
  position,
  pseudonymOf,
  pseudonymiseHistoryData,
  signChecklistItem,
  startCase,
  startEvent,
  titleHidden,
  type Definition,
  type Exclusive,
  type Failure,
  type PersistedSnapshot,
  type TimeOptions,
  type TimerEffects,
  type Viewer,
  voidOutcome,
} from '../../engine';
import { Case, CaseOwner, HistoryRow, Site, type ICase } from '../db/entities';
import { AppError, appError, caseNotFound, caseVoided, fromProblems } from '../errors';
import type { CaseReader, CaseRecord, CaseStore, HistoryRecord } from '../db/case-store';
import { recordTimerEffects } from '../db/orm-store';
import type { Actor } from '../auth/caller';
import { latestVersions, type DefinitionCache } from './definitions';
import type { DbKind } from '../db/config';
import { withDeadlines } from './deadlines';
import { caseTitle, caseWrite } from './history';
import { latestVersion } from './workflows';
import { planCase, scheduleOf } from './planning';
import { placeInChange } from './places';

function failure(f: Failure): AppError {
  return fromProblems(f.code === 'INVALID_SNAPSHOT' ? 'INTERNAL' : f.code, f.message, f.details);
}

export async function createCase(
  em: EntityManager,
  cache: DefinitionCache,
  actor: Actor,
  input: { workflow: string; data?: Record<string, unknown> },
  now: Date,
  options: TimeOptions = {},
): Promise<{ c: ICase; def: Definition }> {
  const wv = await latestVersion(em, actor.site, input.workflow);
  cache.remember(wv.id, wv.definition);
  const def = await cache.get(em, wv.id);
  const started = startCase(def, input.data ?? {}, now, actor, options);
  if (!started.ok) throw failure(started);
  const pos = position(def, started.snapshot);
  const c = em.create(Case, {
    id: randomUUID(),
    site: em.getReference(Site, actor.site),
    workflow: wv,
    workflowKey: def.key,
    title: caseTitle(def, started.values),
    state: pos.state,
    outcome: pos.outcome ?? null,
    snapshot: started.snapshot,
    createdAt: now,
    updatedAt: now,
    createdBy: actor.username,
  });
  await recordTimerEffects(em, c, withDeadlines(def, undefined, started.snapshot, started.timers, now, options), now);
  em.create(HistoryRow, {
    case: c,
    site: em.getReference(Site, actor.site),
    revision: 1,
    at: now,
    actor: actor.username,
    event: startEvent,
    fromState: null,
    toState: pos.state,
    data: started.values,
  });
  await em.flush();
  return { c, def };
}

export async function findCase(em: EntityManager, site: string, id: string): Promise<ICase> {
  const c = await em.findOne(Case, { id, site });
  if (!c) throw caseNotFound();
  return c;
}

/** A case of the site with the definition of its version. */
export async function readCase(
  em: EntityManager,
  cache: DefinitionCache,
  site: string,
  id: string,
): Promise<{ c: ICase; def: Definition }> {
  const c = await findCase(em, site, id);
  return { c, def: await cache.get(em, c.workflow.id) };
}

type Change = {
  snapshot: PersistedSnapshot;
  from: string;
  to: string;
  event: string;
  data: Record<string, unknown>;
  timers?: TimerEffects;
  /** Instead of the outcome of the step the case is in: a void. */
  outcome?: string;
};

/** Who a history row names, at which site: staff, the scheduler, or a student on their own case. */
export type Recorder = Pick<Actor, 'username' | 'site'>;

type Decide = (def: Definition, c: CaseRecord, at: Date, reader: CaseReader) => Change | Promise<Change>;

/** Where changes are written: the case store, with the definitions of the versions it meets. */
export interface Store {
  cache: DefinitionCache;
  cases: CaseStore;
  /** For reads beside a change (a matched student's facts, the site's schedule): forked per change. */
  em: EntityManager;
}

/**
 * Changes one case through the case store: it loads the case, checks the revision, lets
 * `decide` compute the change (or throw), and stores the snapshot with one history row and the
 * timers, in one transaction. Deciding is pure: the store may run it again on fresher rows.
 */
export async function changeCase(
  store: Store,
  actor: Recorder,
  id: string,
  revision: number | undefined,
  now: () => Date,
  decide: Decide,
): Promise<{ c: CaseRecord; def: Definition }> {
  const { cache, cases } = store;
  let def: Definition | undefined;
  const c = await cases.change(actor.site, id, revision, async (current, reader) => {
    if (current.outcome === voidOutcome) throw caseVoided();
    def = await cache.getWith(current.workflowId, reader.definition);
    const at = now();
    const change = await decide(def, current, at, reader);
    const data = current.pseudonymisedAt ? keptErased(def, current.id, change) : change.data;
    const write = caseWrite(def, change.snapshot, at, {
      actor: actor.username,
      event: change.event,
      from: change.from,
      to: change.to,
      data,
    });
    return { ...write, outcome: change.outcome ?? write.outcome, timers: change.timers };
  });
  return { c, def: def! };
}

/**
 * A pseudonymised case stays so: a change that would write a personal field or a note into it
 * is refused, since it would bring back what the erasure took; other free text of its history
 * row (a correction's reason) is stored pseudonymised, as the erasure left the earlier rows.
 */
function keptErased(def: Definition, id: string, change: Change): Record<string, unknown> {
  const pseudonym = pseudonymOf(id);
  const written = personalFieldsWritten(def, change.snapshot.context.data, pseudonym);
  if (written.length)
    throw new AppError(
      'PERSONAL_DATA_ERASED',
      {
        nl: 'De persoonsgegevens van deze casus zijn gewist (gepseudonimiseerd); ze kunnen niet opnieuw worden ingevuld',
        en: "This case's personal data was erased (pseudonymised); it cannot be filled in again",
      },
      written.map((f) => ({
        path: `data.${f}`,
        message: {
          nl: `${def.fields[f]?.label?.nl ?? f} is gewist en blijft leeg`,
          en: `${def.fields[f]?.label?.en ?? f} was erased and stays empty`,
        },
      })),
    );
  if (change.event === noteEvent)
    throw appError(
      'PERSONAL_DATA_ERASED',
      'De persoonsgegevens van deze casus zijn gewist (gepseudonimiseerd); er komen geen notities meer bij',
      "This case's personal data was erased (pseudonymised); no more notes are added",
    );
  return pseudonymiseHistoryData(def, { event: change.event, data: change.data }, pseudonym);
}

/** Applies one event (an action with its form) to a case, on the site's calendar. */
export function applyCaseEvent(
  store: Store,
  actor: Actor,
  id: string,
  event: { type: string; data?: Record<string, unknown>; revision?: number },
  now: () => Date,
  options: TimeOptions = {},
) {
  return changeCase(store, actor, id, event.revision, now, async (def, c, at, reader) => {
    const place = await placeInChange(store.em, reader, actor.site, def, c);
    const r = applyEvent(def, c.snapshot, event, actor, at, { ...options, place });
    if (!r.ok) throw failure(r);
    const ex = exclusiveOf(def, c.snapshot.value, event.type);
    if (ex) await checkExclusive(store, reader, actor, def, c, ex, { ...c.snapshot.context.data, ...r.values });
    const timers = withDeadlines(def, c.snapshot, r.snapshot, r.timers, at, options);
    return { snapshot: r.snapshot, from: r.from, to: r.to, event: event.type, data: r.values, timers };
  });
}

/**
 * The rule across cases (at most one client per half-day per student), checked inside the
 * transaction. The referenced case's row is locked first, so two coordinators matching two
 * clients to the same student at once are checked one after the other. A student is checked
 * against their facts first (report 3.3): only a student in a step that takes clients, on their
 * own wijk half-days and not on a lesson, on as many half-days as the client asks.
 */
async function checkExclusive(
  store: Store,
  reader: CaseReader,
  actor: Actor,
  def: Definition,
  c: CaseRecord,
  ex: Exclusive,
  values: Record<string, unknown>,
) {
  const site = actor.site;
  const cache = store.cache;
  const key = values[ex.field];
  if (typeof key !== 'string') return;
  const ref = await reader.referenced(site, key);
  if (ex.refersTo && (!ref || ref.subject !== ex.refersTo || ref.outcome)) {
    const label = def.fields[ex.field]?.label;
    throw appError(
      'INVALID_FORM',
      `${label?.nl ?? ex.field}: geen lopend dossier gevonden`,
      `${label?.en ?? ex.field}: no running case found`,
      [{ path: `data.${ex.field}`, message: { nl: 'Kies een lopend dossier', en: 'Choose a running case' } }],
    );
  }
  if (ex.refersTo === 'student') {
    // Read beside the transaction: the student's row is locked above, so its facts hold still.
    const em = store.em.fork();
    const student = await planCase(em, cache, site, key);
    const name = student ? nameInMessage(student.def, student, actor) : key;
    const lessons = (await scheduleOf(em, site)).lessons;
    const refusals = matchRefusals(def, ex, values, student, lessons, name);
    if (refusals.length)
      throw new AppError(
        'MATCH_REFUSED',
        refusals.length === 1
          ? refusals[0].message
          : {
              nl: refusals.map((r) => r.message.nl).join('. '),
              en: refusals.map((r) => r.message.en).join('. '),
            },
        refusals,
      );
  }
  // The refusal names both cases only to whoever may see their names.
  const refName = ref
    ? nameInMessage(await cache.getWith(ref.workflowId, reader.definition), { id: key, title: ref.title }, actor)
    : undefined;
  const others = (await reader.othersIn(site, c.workflowKey, c.id, ex.activeIn)).map((o) => ({
    ...o,
    title: nameInMessage(def, o, actor),
  }));
  const clash = exclusiveClash(def, ex, values, others, refName);
  if (clash) throw new AppError('EXCLUSIVE_CLASH', clash, [{ path: `data.${ex.overlap}`, message: clash }]);
}

/** Signs (or unsigns) one item of the case's aftekenlijst; a history row records who and when. */
export function signCaseChecklist(
  store: Store,
  actor: Actor,
  id: string,
  input: { item: string; signed: boolean; revision?: number },
  now: () => Date,
) {
  return changeCase(store, actor, id, input.revision, now, (def, c, at) => {
    const r = signChecklistItem(def, c.snapshot, input, actor, at);
    if (!r.ok) throw failure(r);
    const here = position(def, c.snapshot).state;
    return {
      snapshot: r.snapshot,
      from: here,
      to: here,
      event: input.signed ? checklistSignEvent : checklistUnsignEvent,
      data: { item: input.item },
    };
  });
}

/**
 * A note in the dossier (e.g. from the fortnightly progress meeting): a history row of its own,
 * so notes are dated, signed and never edited afterwards.
 */
export function addCaseNote(
  store: Store,
  actor: Actor,
  id: string,
  input: { text: string; meeting: boolean },
  now: () => Date,
) {
  return recordOnCase(store, actor, id, noteEvent, { text: input.text.trim(), meeting: input.meeting }, now);
}

/** A history row of a case that does not move it (a note, a signal): the case stays where it is. */
export function recordOnCase(
  store: Store,
  actor: Recorder,
  id: string,
  event: string,
  data: Record<string, unknown>,
  now: () => Date,
) {
  return changeCase(store, actor, id, undefined, now, (_def, c) => ({
    snapshot: c.snapshot,
    from: c.state,
    to: c.state,
    event,
    data,
  }));
}

export interface CaseFilter {
  workflow?: string;
  state?: string;
  outcome?: string;
  q?: string;
  open?: boolean;
  /** Only the cases the caller is responsible for ("mijn dossiers"). */
  mine?: boolean;
  limit: number;
  offset: number;
}

/** Text search on the case title, case-insensitive on both databases (SQLite's LIKE already is). */
export function titleMatches(q: string, db: DbKind) {
  return db === 'postgresql' ? { $ilike: `%${q}%` } : { $like: `%${q}%` };
}

/**
 * The workflows whose case names the caller may not see: a search by name leaves them out, or a
 * hit would tell that a person is a client even with the name screened.
 */
async function screenedNames(em: EntityManager, who: Viewer & { site: string }): Promise<string[]> {
  return (await latestVersions(em, who.site)).filter((v) => titleHidden(v.definition, who)).map((v) => v.key);
}

/** The cases this person is responsible for, at their site (a person has tens, not thousands). */
export async function ownCaseIds(em: EntityManager, who: { id: number; site: string }): Promise<Set<string>> {
  const rows = await em.find(CaseOwner, { user: who.id, site: who.site }, { fields: ['case'] });
  return new Set(rows.map((r) => r.case.id));
}

/** Cases that were not voided (a plain `<>` would leave out the open ones, whose outcome is null). */
export const notVoided: ObjectQuery<ICase>[] = [{ outcome: null }, { outcome: { $ne: voidOutcome } }];

/** A page of the site's cases, each with the definition of its version. */
export async function listCases(
  em: EntityManager,
  cache: DefinitionCache,
  db: DbKind,
  who: Viewer & { site: string; id: number },
  f: CaseFilter,
) {
  const { items, total } = await casePage(em, db, who, f);
  const found = [];
  for (const c of items) found.push({ c, def: await cache.get(em, c.workflow.id) });
  return { items: found, total };
}

async function casePage(em: EntityManager, db: DbKind, who: Viewer & { site: string; id: number }, f: CaseFilter) {
  const site = who.site;
  const where: ObjectQuery<ICase> = { site };
  if (f.mine) where.id = { $in: [...(await ownCaseIds(em, who))] };
  if (f.workflow) where.workflowKey = f.workflow;
  if (f.q) {
    const screened = await screenedNames(em, who);
    if (f.workflow && screened.includes(f.workflow)) return { items: [], total: 0 };
    if (!f.workflow && screened.length) where.workflowKey = { $nin: screened };
  }
  if (f.state) where.state = f.state;
  if (f.outcome) where.outcome = f.outcome;
  if (f.open === true) where.outcome = null;
  // A voided case leaves the lists; asked for by its outcome, the voided ones are found.
  if (where.outcome === undefined) where.$or = notVoided;
  if (f.q) where.title = titleMatches(f.q, db);
  // Lists never need the snapshots, which are most of a case's bytes.
  const fields = [
    'id',
    'workflow',
    'title',
    'state',
    'outcome',
    'revision',
    'createdAt',
    'updatedAt',
    'pseudonymisedAt',
  ] as const;
  if (f.q) {
    const found = await searchPage(em, where, f, fields);
    if (found) return found;
  }
  const [items, total] = await em.findAndCount(Case, where, {
    fields,
    orderBy: { updatedAt: 'desc', id: 'asc' },
    limit: f.limit,
    offset: f.offset,
  });
  return { items, total };
}

/** More matches than this and a search is paged by the database, as other lists are. */
const searchInMemory = 500;

/**
 * A search by name that matches a few hundred cases at most: one pass over a narrow index finds
 * them all (so the total is their number), and only the page shown is read. Counting and paging
 * in the database scanned the cases twice. Undefined when there are more matches.
 */
async function searchPage<F extends readonly (keyof ICase & string)[]>(
  em: EntityManager,
  where: ObjectQuery<ICase>,
  f: CaseFilter,
  fields: F,
) {
  const hits: { id: string; updatedAt: Date }[] = await (em as SqlEntityManager)
    .createQueryBuilder(Case)
    .select(['id', 'updatedAt'])
    .where(where)
    .limit(searchInMemory + 1)
    .execute('all');
  if (hits.length > searchInMemory) return undefined;
  hits.sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = hits.slice(f.offset, f.offset + f.limit).map((h) => h.id);
  const rows = ids.length ? await em.find(Case, { id: { $in: ids } }, { fields }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: ids.map((id) => byId.get(id)!), total: hits.length };
}

export async function caseHistory(
  em: EntityManager,
  cache: DefinitionCache,
  site: string,
  id: string,
): Promise<{ def: Definition; rows: HistoryRecord[] }> {
  const { c, def } = await readCase(em, cache, site, id);
  // Read as plain rows: making an entity of each was three quarters of a long dossier's time.
  const rows = await (em as SqlEntityManager)
    .createQueryBuilder(HistoryRow)
    .select(['revision', 'at', 'actor', 'event', 'fromState', 'toState', 'data'])
    .where({ case: c.id, site })
    .orderBy({ revision: 'asc', id: 'asc' })
    .execute('all');
  // SQLite hands JSON back as text, PostgreSQL as a value.
  return {
    def,
    rows: rows.map((r: HistoryRecord) => ({ ...r, data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data })),
  };
}
