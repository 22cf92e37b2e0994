import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import {
  availableEvents,
  caseDeadlines,
  boundStudent,
  endsCase,
  forFunction,
  indexStates,
  kind,
  leafPaths,
  nameInMessage,
  openChecklist,
  progress,
  refusalFor,
  screenedFilter,
  studentExclusive,
  studentGone,
  titleHidden,
  whoseWork,
  type AvailableEvent,
  type CaseDeadline,
  type ChecklistItem,
  type Definition,
  type Message,
  type PlanCase,
  type Progress,
  type StaffFunction,
  type StateConfig,
  type StateEntry,
  type TimeOptions,
  type Viewer,
} from '../../engine';
import { Case, type ICase } from '../db/entities';
import type { DbKind } from '../db/config';
import { appError, fromProblems, type Detail } from '../errors';
import { boardFilterFields, type BoardFilterField, type DueFilterT, type WorkKindT } from '../contract';
import { notVoided, ownCaseIds, titleMatches } from './cases';
import { latestVersion } from './workflows';
import { placeAmong, sitePlaces } from './places';
import type { DefinitionCache } from './definitions';

export interface WorkEntry {
  c: ICase;
  def: Definition;
  kind: WorkKindT;
  since: string;
  actions: AvailableEvent[];
  checklist: ChecklistItem[];
  progress?: Progress;
  /** Whose work it is; empty: anyone's. */
  functions: StaffFunction[];
  /** A case the caller is responsible for: listed first. */
  mine: boolean;
  /** The earliest deadline of this work (an action's or its step's), for the function shown. */
  due?: CaseDeadline;
  /** What the item is about, in words (a client whose student left). */
  note?: Message;
}

/** Whose work a set of actions or items is: anyone's as soon as one of them is anyone's. */
function whose(lists: (readonly StaffFunction[] | undefined)[]): StaffFunction[] {
  if (lists.some((l) => !l?.length)) return [];
  return [...new Set(lists.flat() as StaffFunction[])].sort();
}

export interface WorklistFilter {
  workflow?: string;
  kind?: WorkKindT;
  due?: DueFilterT;
  function?: StaffFunction | 'all';
  limit: number;
  offset: number;
}

/**
 * Steps that only wait for a timer (one has `after`, none declares an action itself), e.g. the
 * ten weeks of introduction or the twelve weeks until a client's next evaluation; beside them, in
 * a parallel step, a region's step that waits for the other (the wijk until the route is agreed).
 * Actions inherited from the steps around them (an inhaalplan, a wederdienst) stay possible on
 * the case page, but nothing waits on staff until the timer moves the case on.
 */
function waitsForTimer(def: Definition, leaves: readonly string[]): boolean {
  const configs = leaves.map((leaf) => indexStates(def).byPath.get(leaf)?.config);
  const timed = configs.some((c) => !!c?.after && Object.keys(c.after).length > 0);
  return timed && configs.every((c) => Object.keys(c?.on ?? {}).length === 0);
}

/**
 * What waits on the caller now, derived from the open cases and their definitions alone: no step
 * is named here. A case is on the list when its step offers an action the caller's role may take
 * and a rule allows now (the escape hatches every step offers from the machine's root, like
 * leaving or stopping, do not count), and again when its current steps have items the caller may
 * sign. Ten-week decisions and due evaluations need nothing special: a durable timer moves the
 * case to a step (`opleiding.leerbedrijf.school.introductie.vaststellen`, `actief.evaluatie`) whose action then
 * appears here, dated from the moment the timer fired.
 *
 * Whose work it is comes from the definition too (`functions` on actions, sign-off items and the
 * plan): a docent sees portfolio items, ten-week decisions and students behind schedule, a
 * coördinator intakes, home visits, matching and evaluations. Work that names no function is
 * everyone's.
 *
 * An action comes with its deadline, or its step's ("binnenkort" within a week, "te laat" once
 * passed), and `due` keeps only the work that is soon or late.
 */
export async function worklist(
  em: EntityManager,
  cache: DefinitionCache,
  who: Viewer & { site: string; id: number },
  f: WorklistFilter,
  now: Date,
  options: TimeOptions = {},
) {
  const view = f.function ?? who.function ?? 'all';
  const fn = view === 'all' ? undefined : view;
  const where: FilterQuery<ICase> = { site: who.site, outcome: null };
  if (f.workflow) where.workflowKey = f.workflow;
  const [cases, own, places] = await Promise.all([
    em.find(Case, where, { orderBy: { id: 'asc' } }),
    ownCaseIds(em, who),
    sitePlaces(em, who.site),
  ]);
  const entries: WorkEntry[] = [];
  for (const c of cases) {
    if (c.snapshot.status !== 'active') continue;
    const def = await cache.get(em, c.workflow.id);
    const since = c.snapshot.context.enteredAt;
    const mine = own.has(c.id);
    if (f.kind === undefined || f.kind === 'action') {
      const waiting = waitsForTimer(def, leafPaths(c.snapshot.value));
      // Declared on the machine itself, so possible from every step: a way out, not work.
      const everywhere = new Set(Object.keys(def.machine.on ?? {}));
      const actions = waiting
        ? []
        : availableEvents(def, c.snapshot, who, now, {
            ...options,
            // Only the first on a waiting list is offered a free place: the others have no work yet.
            place: placeAmong(def, c, cases, places),
          }).filter((e) => e.allowed && !everywhere.has(e.type) && forFunction(e.functions, fn));
      const due = actions.length
        ? caseDeadlines(def, c.snapshot, now, options.calendar).find(
            (d) => forFunction(d.functions, fn) && (!d.event || actions.some((a) => a.type === d.event)),
          )
        : undefined;
      if (actions.length)
        entries.push({
          c,
          def,
          kind: 'action',
          since,
          actions,
          checklist: [],
          functions: whose(actions.map((a) => a.functions)),
          mine,
          ...(due ? { due } : {}),
        });
    }
    if (f.kind === undefined || f.kind === 'sign') {
      const signed = c.snapshot.context.checklist ?? {};
      const open = openChecklist(def, c.snapshot).filter(
        (i) => !signed[i.id] && !refusalFor(i, who, 'sign') && forFunction(whoseWork(i), fn),
      );
      if (open.length)
        entries.push({
          c,
          def,
          kind: 'sign',
          since,
          actions: [],
          checklist: open,
          functions: whose(open.map(whoseWork)),
          mine,
        });
    }
    // Students whose sign-off list lags the plan: to talk about, and perhaps an inhaalplan.
    const followedBy = def.reports?.plan?.functions;
    if ((f.kind === undefined || f.kind === 'behind') && forFunction(followedBy, fn)) {
      const p = progress(def, c.snapshot, now, undefined, options.calendar);
      if (p.behind)
        entries.push({
          c,
          def,
          kind: 'behind',
          since,
          actions: [],
          checklist: [],
          progress: p,
          functions: whose([followedBy]),
          mine,
        });
    }
  }
  if ((f.kind === undefined || f.kind === 'verweesd') && forFunction(['coordinator'], fn))
    entries.push(...(await orphanedClients(em, cache, who, cases, own, now)));
  const shown = f.due ? entries.filter((e) => (f.due === 'late' ? e.due?.overdue : e.due?.soon)) : entries;
  // One's own cases first (the students one is responsible for), then what has waited longest.
  // Ties keep case and kind order stable.
  shown.sort(
    (a, b) =>
      Number(b.mine) - Number(a.mine) ||
      a.since.localeCompare(b.since) ||
      a.c.id.localeCompare(b.c.id) ||
      a.kind.localeCompare(b.kind),
  );
  return { items: shown.slice(f.offset, f.offset + f.limit), total: shown.length, view };
}

/**
 * Clients whose student no longer helps them (report 3.3): the student left the wijk step, was
 * uitgepland or stopped. Matching is the coördinator's, so each is theirs: back to matching or
 * re-planned, with the client's own actions. Dated from when the student left their step.
 */
async function orphanedClients(
  em: EntityManager,
  cache: DefinitionCache,
  who: Viewer & { site: string },
  cases: ICase[],
  own: ReadonlySet<string>,
  now: Date,
): Promise<WorkEntry[]> {
  const bound: { c: ICase; def: Definition; student: string }[] = [];
  for (const c of cases) {
    const def = await cache.get(em, c.workflow.id);
    if (!studentExclusive(def)) continue;
    const b = boundStudent({ id: c.id, title: c.title, state: c.state, def, data: c.snapshot.context.data });
    if (b) bound.push({ c, def, student: b.student });
  }
  if (!bound.length) return [];
  const ids = [...new Set(bound.map((b) => b.student))];
  const students = new Map((await em.find(Case, { site: who.site, id: { $in: ids } })).map((s) => [s.id, s]));
  const out: WorkEntry[] = [];
  for (const { c, def, student } of bound) {
    const s = students.get(student);
    const pc: PlanCase | undefined = s && {
      id: s.id,
      title: s.title,
      state: s.state,
      active: leafPaths(s.snapshot.value),
      outcome: s.outcome ?? null,
      def: await cache.get(em, s.workflow.id),
      data: s.snapshot.context.data,
    };
    const name = pc ? nameInMessage(pc.def, pc, who) : student;
    const note = studentGone(pc, name);
    if (!note) continue;
    const everywhere = new Set(Object.keys(def.machine.on ?? {}));
    out.push({
      c,
      def,
      kind: 'verweesd',
      since: s?.snapshot.context.enteredAt ?? c.snapshot.context.enteredAt,
      actions: availableEvents(def, c.snapshot, who, now).filter((e) => e.allowed && !everywhere.has(e.type)),
      checklist: [],
      functions: ['coordinator'],
      mine: own.has(c.id),
      note,
    });
  }
  return out;
}

/** What a board column is: an atomic step (or a final one, shown only with closed cases). */
function isColumn(config: StateConfig): boolean {
  const k = kind(config);
  return k === 'atomic' || k === 'final';
}

export type BoardFilter = Partial<Record<BoardFilterField, string>> & {
  workflow: string;
  q?: string;
  closed?: boolean;
};

/** A filter on a field the workflow lacks, or a value its options lack, is the caller's mistake. */
function checkFilters(def: Definition, f: BoardFilter): [BoardFilterField, string][] {
  const used = boardFilterFields.filter((k) => f[k] !== undefined).map((k) => [k, f[k]!] as [BoardFilterField, string]);
  const problems: Detail[] = [];
  for (const [name, value] of used) {
    const field = def.fields[name];
    if (!field) {
      problems.push({
        path: `querystring.${name}`,
        message: {
          nl: `Workflow '${def.key}' heeft geen veld '${name}'`,
          en: `Workflow '${def.key}' has no field '${name}'`,
        },
      });
    } else if (field.options?.length && !field.options.some((o) => o.value === value)) {
      const allowed = field.options.map((o) => o.value).join(', ');
      problems.push({
        path: `querystring.${name}`,
        message: { nl: `Kies uit: ${allowed}`, en: `Choose from: ${allowed}` },
      });
    }
  }
  if (problems.length)
    throw appError(
      'BAD_REQUEST',
      'Dit filter past niet bij de workflow',
      'This filter does not fit the workflow',
      problems,
    );
  return used;
}

function holds(value: unknown, wanted: string): boolean {
  if (Array.isArray(value)) return value.some((v) => holds(v, wanted));
  return value !== undefined && value !== null && String(value).trim().toLowerCase() === wanted.trim().toLowerCase();
}

export interface BoardColumn {
  state: string;
  def: Definition;
  cards: ICase[];
  /** Each card's own version, where it is not the column's. */
  own: Map<string, Definition>;
}

/**
 * A step of a parallel step's later region (the help in the wijk beside the school): never a
 * case's `state`, which is the first region's step, so it has no column of its own.
 */
function laterRegion(entry: StateEntry): boolean {
  for (let e: StateEntry = entry; e.parent; e = e.parent)
    if (e.parent.path && kind(e.parent.config) === 'parallel' && Object.keys(e.parent.config.states ?? {})[0] !== e.key)
      return true;
  return false;
}

/**
 * The board of one workflow: a column per atomic step of its latest version in document order,
 * one card per case. A case sits in the column of its `state` (the same value `/api/cases?state=`
 * filters on), so a case of an older version lands by its path; a path the latest version no
 * longer has gets a column of its own after the others, named by the case's own version.
 */
export async function board(
  em: EntityManager,
  cache: DefinitionCache,
  db: DbKind,
  who: Viewer & { site: string },
  f: BoardFilter,
) {
  const site = who.site;
  const wv = await latestVersion(em, site, f.workflow);
  cache.remember(wv.id, wv.definition);
  const def = await cache.get(em, wv.id);
  const filters = checkFilters(def, f);
  const screened = screenedFilter(
    def,
    filters.map(([name]) => name),
    who,
    (name) => `querystring.${name}`,
  );
  if (screened) throw fromProblems('PERSONAL_DATA_HIDDEN', screened.message, screened.details);

  const columns = new Map<string, BoardColumn>();
  for (const entry of indexStates(def).byPath.values()) {
    if (!isColumn(entry.config) || laterRegion(entry)) continue;
    if (!f.closed && endsCase(def, entry.path)) continue;
    columns.set(entry.path, { state: entry.path, def, cards: [], own: new Map() });
  }

  const where: FilterQuery<ICase> = { site, workflowKey: def.key };
  if (!f.closed) where.outcome = null;
  else where.$or = notVoided;
  if (f.q) where.title = titleMatches(f.q, db);
  // A search by a name the caller may not see finds nothing (a hit would tell who is a client).
  const cases = f.q && titleHidden(def, who) ? [] : await em.find(Case, where, { orderBy: { id: 'asc' } });
  const extra = new Map<string, BoardColumn>();
  for (const c of cases) {
    const own = await cache.get(em, c.workflow.id);
    if (!f.closed && endsCase(own, c.state)) continue;
    if (!filters.every(([name, value]) => holds(c.snapshot.context.data[name], value))) continue;
    let column = columns.get(c.state) ?? extra.get(c.state);
    if (!column) extra.set(c.state, (column = { state: c.state, def: own, cards: [], own: new Map() }));
    column.cards.push(c);
    if (own !== column.def) column.own.set(c.id, own);
  }
  const all = [...columns.values(), ...[...extra.values()].sort((a, b) => a.state.localeCompare(b.state))];
  for (const column of all)
    column.cards.sort(
      (a, b) => a.snapshot.context.enteredAt.localeCompare(b.snapshot.context.enteredAt) || a.id.localeCompare(b.id),
    );
  return { def, columns: all };
}
