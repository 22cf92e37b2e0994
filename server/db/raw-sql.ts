import type { EntitySchema, MetadataStorage } from '@mikro-orm/core';
import { inSteps, type OtherCase, type PersistedSnapshot } from '../../engine';
import type { CaseRecord } from './case-store';
import { Case, HistoryRow, LoginAttempt, Session, Site, Timer, User, WorkflowVersion } from './entities';

/**
 * What the raw SQL of the fast stores shares. Table and column names come from MikroORM's
 * metadata, so that an entity and its statements cannot drift apart: a renamed property fails
 * here, at start, and test/integration/schema-drift.test.ts prepares every statement against
 * the migrated schema. The SQL is built once from these names, so naming costs nothing per event.
 */
export type Table<P extends string> = { readonly table: string } & { readonly [K in P]: string };

function table<E, P extends keyof E & string>(
  metadata: MetadataStorage,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema's base entity
  schema: EntitySchema<E, any>,
  props: readonly P[],
): Table<P> {
  const meta = metadata.get(schema.meta.className);
  const out: Record<string, string> = { table: quote(meta.tableName) };
  for (const p of props) {
    const column = meta.properties[p]?.fieldNames?.[0];
    if (!column) throw new Error(`${schema.meta.className}.${p} has no column`);
    out[p] = quote(column);
  }
  return out as Table<P>;
}

/** Double quotes name an identifier in SQLite and PostgreSQL alike. */
const quote = (name: string) => `"${name}"`;

/** `alias."column" as "property", …`: rows come back keyed by property, on both databases. */
export function columns<P extends string>(t: Table<P>, props: readonly P[], alias?: string): string {
  return props.map((p) => `${alias ? `${alias}.` : ''}${t[p]} as "${p}"`).join(', ');
}

/** The columns of a case that the stores read, in the order of a `CaseRecord`. */
export const caseColumns = [
  'id',
  'site',
  'workflow',
  'workflowKey',
  'title',
  'state',
  'outcome',
  'snapshot',
  'revision',
  'createdAt',
  'updatedAt',
  'pseudonymisedAt',
] as const;

const named = new WeakMap<MetadataStorage, ReturnType<typeof readNames>>();

export function namesOf(metadata: MetadataStorage): Names {
  let names = named.get(metadata);
  if (!names) named.set(metadata, (names = readNames(metadata)));
  return names;
}

function readNames(metadata: MetadataStorage) {
  return {
    case: table(metadata, Case, caseColumns),
    history: table(metadata, HistoryRow, [
      'case',
      'site',
      'revision',
      'at',
      'actor',
      'event',
      'fromState',
      'toState',
      'data',
    ]),
    timer: table(metadata, Timer, ['id', 'case', 'site', 'timerId', 'event', 'dueAt', 'status', 'createdAt']),
    session: table(metadata, Session, ['id', 'tokenHash', 'user', 'createdAt', 'expiresAt']),
    user: table(metadata, User, ['id', 'username', 'displayName', 'role', 'function', 'site']),
    version: table(metadata, WorkflowVersion, ['id', 'definition', 'subject']),
    loginAttempt: table(metadata, LoginAttempt, ['keyHash', 'windowStart', 'attempts']),
    site: table(metadata, Site, ['id', 'name']),
  };
}

export type Names = ReturnType<typeof readNames>;

/**
 * The reads both fast stores make, with the database's placeholder for the i-th parameter
 * (`?` on SQLite, `$1` on PostgreSQL).
 */
export function readStatements(n: Names, param: (i: number) => string) {
  const { case: c, session: s, user: u, version: v, site } = n;
  return {
    // A write that changes nothing: it takes the site's row lock (PostgreSQL) or the write lock (SQLite).
    lockPlaces: `update ${site.table} set ${site.name} = ${site.name} where ${site.id} = ${param(1)}`,
    session:
      `select s.${s.id} as "sessionId", s.${s.createdAt} as "createdAt", s.${s.expiresAt} as "expiresAt", ` +
      `${columns(u, ['id', 'username', 'displayName', 'role', 'function', 'site'], 'u')} ` +
      `from ${s.table} s join ${u.table} u on u.${u.id} = s.${s.user} where s.${s.tokenHash} = ${param(1)}`,
    load: `select ${columns(c, caseColumns)} from ${c.table} where ${c.id} = ${param(1)} and ${c.site} = ${param(2)}`,
    definition: `select ${v.definition} as "definition" from ${v.table} where ${v.id} = ${param(1)}`,
    referenced:
      `select c.${c.workflow} as "workflowId", c.${c.title} as "title", c.${c.outcome} as "outcome", w.${v.subject} as "subject" ` +
      `from ${c.table} c join ${v.table} w on w.${v.id} = c.${c.workflow} ` +
      `where c.${c.id} = ${param(1)} and c.${c.site} = ${param(2)}`,
    othersIn:
      `select ${columns(c, ['id', 'title', 'state', 'snapshot'])} from ${c.table} ` +
      `where ${c.site} = ${param(1)} and ${c.workflowKey} = ${param(2)} and ${c.id} <> ${param(3)} ` +
      `and ${c.outcome} is null`,
  };
}

type Row = Record<string, unknown>;

/** A case row read with `columns(names.case, caseColumns)`, on either database. */
export function caseRecord(r: Row): CaseRecord {
  return {
    id: String(r.id),
    site: String(r.site),
    workflowId: Number(r.workflow),
    workflowKey: String(r.workflowKey),
    title: String(r.title),
    state: String(r.state),
    outcome: (r.outcome as string | null) ?? null,
    // SQLite hands JSON back as text and dates as epoch milliseconds; PostgreSQL as values.
    snapshot: typeof r.snapshot === 'string' ? JSON.parse(r.snapshot) : (r.snapshot as PersistedSnapshot),
    revision: Number(r.revision),
    createdAt: new Date(r.createdAt as number | Date),
    updatedAt: new Date(r.updatedAt as number | Date),
    pseudonymisedAt:
      r.pseudonymisedAt === null || r.pseudonymisedAt === undefined
        ? null
        : new Date(r.pseudonymisedAt as number | Date),
  };
}

/** Rows of open cases (id, title, state, snapshot) that are in one of the steps. */
export function othersInSteps(rows: Row[], steps: readonly string[]): OtherCase[] {
  return rows
    .filter((r) => inSteps(String(r.state), steps))
    .map((r) => {
      const snapshot =
        typeof r.snapshot === 'string'
          ? (JSON.parse(r.snapshot) as PersistedSnapshot)
          : (r.snapshot as PersistedSnapshot);
      return {
        id: String(r.id),
        title: String(r.title),
        state: String(r.state),
        data: snapshot.context.data,
        enteredAt: snapshot.context.enteredAt,
      };
    });
}
