import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Definition, OnCall, PersistedSnapshot, SiteCalendar, SiteSchedule, Upstream } from '../../engine';

// JSON columns are `json`, not PostgreSQL's `jsonb`: jsonb reorders object keys, and the order of
// a definition's steps, actions and form fields is what people see.

/** A WijkLeerbedrijf. Everything else belongs to exactly one site. */
export const Site = defineEntity({
  name: 'Site',
  tableName: 'site',
  properties: {
    id: p.string().primary().length(60),
    name: p.string(),
    /** The host's own site, made on the first start: its admins create the other sites. */
    host: p.boolean().default(false),
    /** Its time zone and closed periods (school holidays), kept by a manager; none: Europe/Amsterdam, never closed. */
    calendar: p.json<SiteCalendar>().columnType('json').nullable(),
    /** Its lesson half-days and presence moments, kept by a manager; none: the engine's defaultSchedule. */
    schedule: p.json<SiteSchedule>().columnType('json').nullable(),
    /** Which coördinator is on call which weekday, and when a call for help escalates; none: nobody, the default minutes. */
    onCall: p.json<OnCall>().columnType('json').nullable(),
    /** The smallest group the stuurgroep's report shows as a number, set by a manager; none: the engine's default (5). */
    smallGroupMinimum: p.integer().nullable(),
    /** Its own places per workflow key, set by a manager; a workflow not named has its definition's capacity. */
    places: p.json<Record<string, number>>().columnType('json').nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type ISite = InferEntity<typeof Site>;

export const User = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p.integer().primary().autoincrement(),
    site: () => p.manyToOne(Site),
    /** Unique on its site: the same name may be used at another site (log in as `naam@locatie`). */
    username: p.string().length(80),
    displayName: p.string(),
    role: p.string().length(20),
    /** `docent` | `coordinator`: what this person does in the team; none for a projectleider or beheerder. */
    function: p.string().length(20).nullable(),
    /** `scrypt$<salt>$<hash>`, hex; a salt per user. */
    passwordHash: p.string(),
    /** An account of someone who left: it cannot log in, and its name stays in the history. */
    active: p.boolean().default(true),
    lastLoginAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** A student's account: the one case (their own) it sees; none for anyone else. */
    caseId: p.string().length(36).nullable().index(),
    /** The SHA-256 of a one-time invitation code that sets the password, and until when it holds. */
    inviteHash: p.string().length(64).nullable().unique(),
    inviteExpiresAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['site', 'username'] }],
});
export type IUser = InferEntity<typeof User>;

/**
 * Every change to an account, by whom and when: made, role, function or name changed, password
 * reset or changed, deactivated or reactivated. Append-only; passwords are never in it.
 */
export const AccountChange = defineEntity({
  name: 'AccountChange',
  tableName: 'account_change',
  indexes: [{ properties: ['site', 'at'] }, { properties: ['user', 'at'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    site: () => p.manyToOne(Site),
    user: () => p.manyToOne(User),
    at: p.datetime(),
    /** The username of whoever made the change. */
    by: p.string().length(80),
    /** `created` | `role` | `function` | `name` | `password-reset` | `password-changed` | `deactivated` | `reactivated` */
    what: p.string().length(20),
    from: p.string().nullable(),
    to: p.string().nullable(),
  },
});
export type IAccountChange = InferEntity<typeof AccountChange>;

/** A login. Only the SHA-256 of the token is stored: a leaked database opens no session. */
export const Session = defineEntity({
  name: 'Session',
  tableName: 'session',
  properties: {
    id: p.integer().primary().autoincrement(),
    tokenHash: p.string().unique().length(64),
    user: () => p.manyToOne(User),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime().index(),
  },
});
export type ISession = InferEntity<typeof Session>;

/** A published, immutable version of a workflow definition. */
export const WorkflowVersion = defineEntity({
  name: 'WorkflowVersion',
  tableName: 'workflow_version',
  uniques: [{ properties: ['site', 'key', 'version'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    site: () => p.manyToOne(Site),
    key: p.string().length(60),
    version: p.integer(),
    subject: p.string().length(20),
    definition: p.json<Definition>().columnType('json'),
    publishedAt: p.datetime().onCreate(() => new Date()),
    publishedBy: p.string().nullable(),
    /** Why it was published, in the manager's words, asked when publishing. */
    note: p.text().nullable(),
    /** The imported package this version derives from, kept whole as the base of a later merge. */
    upstream: p.json<Upstream>().columnType('json').nullable(),
  },
});
export type IWorkflowVersion = InferEntity<typeof WorkflowVersion>;

/** One student or client on one workflow version. `revision` guards against lost updates. */
export const Case = defineEntity({
  name: 'Case',
  tableName: 'wf_case',
  indexes: [
    { properties: ['site', 'workflowKey', 'state'] },
    // Holds every column a list shows, so a search that scans it never reads the cases' snapshots.
    {
      name: 'wf_case_list_index',
      properties: [
        'site',
        'updatedAt',
        'id',
        'title',
        'state',
        'outcome',
        'workflow',
        'workflowKey',
        'revision',
        'createdAt',
      ],
    },
    // A search by name scans this one: narrow, with what finding and ordering the matches needs.
    { name: 'wf_case_search_index', properties: ['site', 'title', 'workflowKey', 'updatedAt', 'id'] },
  ],
  properties: {
    id: p.string().primary().length(36),
    site: () => p.manyToOne(Site),
    workflow: () => p.manyToOne(WorkflowVersion),
    workflowKey: p.string().length(60),
    title: p.string(),
    state: p.string(),
    outcome: p.string().nullable(),
    snapshot: p.json<PersistedSnapshot>().columnType('json'),
    revision: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime(),
    createdBy: p.string(),
    /** When its personal fields were replaced by a pseudonym (erasure or retention); once only. */
    pseudonymisedAt: p.datetime().nullable(),
  },
});
export type ICase = InferEntity<typeof Case>;

/** Append-only: one row per change of a case, naming who did what, when, from where to where. */
export const HistoryRow = defineEntity({
  name: 'HistoryRow',
  tableName: 'history',
  indexes: [{ properties: ['case', 'revision'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    case: () => p.manyToOne(Case),
    site: () => p.manyToOne(Site),
    revision: p.integer(),
    at: p.datetime(),
    actor: p.string(),
    event: p.string(),
    fromState: p.string().nullable(),
    toState: p.string(),
    data: p.json<Record<string, unknown>>().columnType('json'),
  },
});
export type IHistoryRow = InferEntity<typeof HistoryRow>;

/**
 * Who is responsible for a case, one person per function (report 3.3, 4.2): for a student the
 * docent and the coördinator they chose, for a client the coördinator. Changing one is a history
 * row of the case; this table holds who it is now, so "my cases" is one indexed lookup.
 */
export const CaseOwner = defineEntity({
  name: 'CaseOwner',
  tableName: 'case_owner',
  uniques: [{ properties: ['case', 'function'] }],
  indexes: [{ properties: ['user', 'site'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    site: () => p.manyToOne(Site),
    case: () => p.manyToOne(Case),
    user: () => p.manyToOne(User),
    /** `docent` | `coordinator` */
    function: p.string().length(20),
    since: p.datetime(),
    /** The username of whoever chose them. */
    by: p.string().length(80),
  },
});
export type ICaseOwner = InferEntity<typeof CaseOwner>;

/**
 * A durable timer of a case (e.g. the ten weeks of introduction). Due times live in the database,
 * so a restart catches up; firing flips `status` in a conditional UPDATE, so it happens once
 * even when several server processes share the database. `status` is `scheduled`, `fired`,
 * `cancelled`, or `failed` when firing it kept failing. A deadline of a case is a row here too
 * (its `timerId` is the engine's `deadline:…` id): passing it writes one history row.
 */
export const Timer = defineEntity({
  name: 'Timer',
  tableName: 'timer',
  indexes: [{ properties: ['status', 'dueAt'] }, { properties: ['case', 'status'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    case: () => p.manyToOne(Case),
    site: () => p.manyToOne(Site),
    /** XState's id for the delayed event; one scheduled timer per id and case. */
    timerId: p.string(),
    event: p.string(),
    dueAt: p.datetime(),
    status: p.string().length(12),
    createdAt: p.datetime(),
    firedAt: p.datetime().nullable(),
    /** Firings that failed with an error; at `timerAttempts` the timer is given up as `failed`. */
    attempts: p.integer().default(0),
    /** The message of the last failed firing, for whoever looks into a `failed` timer. */
    lastError: p.text().nullable(),
  },
});
export type ITimer = InferEntity<typeof Timer>;

/**
 * Login attempts per key (address and account) in a window that starts at the key's first
 * attempt, shared by every server process on the database. Only a hash of the key is kept, so
 * the table holds no addresses or user names.
 */
export const LoginAttempt = defineEntity({
  name: 'LoginAttempt',
  tableName: 'login_attempt',
  properties: {
    keyHash: p.string().primary().length(64),
    windowStart: p.datetime().index(),
    attempts: p.integer(),
  },
});
export type ILoginAttempt = InferEntity<typeof LoginAttempt>;

/** The one draft of a workflow that a manager edits; publishing turns it into a version. */
export const WorkflowDraft = defineEntity({
  name: 'WorkflowDraft',
  tableName: 'workflow_draft',
  uniques: [{ properties: ['site', 'key'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    site: () => p.manyToOne(Site),
    key: p.string().length(60),
    definition: p.json<Definition>().columnType('json'),
    /** The published version the draft started from, if any. */
    basedOn: p.integer().nullable(),
    /** The imported package the draft derives from (see WorkflowVersion.upstream). */
    upstream: p.json<Upstream>().columnType('json').nullable(),
    revision: p.integer().version(),
    updatedAt: p.datetime(),
    updatedBy: p.string(),
  },
});
export type IWorkflowDraft = InferEntity<typeof WorkflowDraft>;

/** A migration of running cases from one version to another, named in each case's history. */
export const WorkflowMigration = defineEntity({
  name: 'WorkflowMigration',
  tableName: 'workflow_migration',
  properties: {
    id: p.string().primary().length(36),
    site: () => p.manyToOne(Site),
    key: p.string().length(60),
    fromVersion: p.integer(),
    toVersion: p.integer(),
    stateMap: p.json<Record<string, string>>(),
    caseCount: p.integer(),
    by: p.string(),
    at: p.datetime(),
  },
});
export type IWorkflowMigration = InferEntity<typeof WorkflowMigration>;

/**
 * Presence of a student (report 3.2, 4.1): one row per student case, day and moment of the day
 * (start, lunch, end), saying whether the student came, came late, called in (`afgemeld`, with
 * a reason) or stayed away without notice (`afwezig`). `calledAt` is the first call reached.
 */
export const Attendance = defineEntity({
  name: 'Attendance',
  tableName: 'attendance',
  uniques: [{ properties: ['case', 'day', 'moment'] }],
  indexes: [{ properties: ['site', 'day'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    site: () => p.manyToOne(Site),
    case: () => p.manyToOne(Case),
    /** The calendar day in the Netherlands, `yyyy-mm-dd`. */
    day: p.string().length(10),
    /** The key of one of the site's moments (`begin`, `middag`, `einde` by default). */
    moment: p.string().length(20).default('begin'),
    /** `aanwezig` | `te-laat` | `afgemeld` | `afwezig` */
    status: p.string().length(12),
    /** Why a student called in (`afgemeld`): one of the reasons the contract names. */
    reason: p.string().length(20).nullable(),
    note: p.text().nullable(),
    recordedBy: p.string(),
    recordedAt: p.datetime(),
    calledAt: p.datetime().nullable(),
    calledBy: p.string().nullable(),
  },
});
export type IAttendance = InferEntity<typeof Attendance>;

/**
 * A phone call after a student was missed at a moment: its outcome (bereikt, niet bereikt,
 * bericht ingesproken). Calls are never deleted: a call tapped by mistake is marked undone.
 */
export const PresenceCall = defineEntity({
  name: 'PresenceCall',
  tableName: 'presence_call',
  indexes: [{ properties: ['site', 'day'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    site: () => p.manyToOne(Site),
    case: () => p.manyToOne(Case),
    day: p.string().length(10),
    moment: p.string().length(20),
    outcome: p.string().length(20),
    by: p.string(),
    at: p.datetime(),
    undoneAt: p.datetime().nullable(),
    undoneBy: p.string().nullable(),
  },
});
export type IPresenceCall = InferEntity<typeof PresenceCall>;

/**
 * A planned visit to a client on a half-day as it went (done with its hours, cancelled by the
 * client, the student away): the informal care hours of the report count the ones done.
 */
export const HelpSession = defineEntity({
  name: 'HelpSession',
  tableName: 'help_session',
  uniques: [{ properties: ['client', 'day', 'halfDay'] }],
  indexes: [{ properties: ['site', 'day'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    site: () => p.manyToOne(Site),
    client: () => p.manyToOne(Case),
    /** The student who was to go (the client's student at the time), if any. */
    student: () => p.manyToOne(Case).nullable(),
    /** The workflow of the client, so the report counts per workflow without reading cases. */
    workflowKey: p.string().length(60),
    day: p.string().length(10),
    halfDay: p.string().length(12),
    /** `gedaan` | `afgezegd` | `student-afwezig` */
    status: p.string().length(20),
    hours: p.double(),
    recordedBy: p.string(),
    recordedAt: p.datetime(),
  },
});
export type IHelpSession = InferEntity<typeof HelpSession>;

/**
 * A signal that a student is not doing well (engine/signals.ts): open until a coördinator closes
 * it with a note; closing is a conditional update, so it happens once. The case's history has a
 * row for each step too; this table is what the worklist reads, by site and open ones first.
 */
export const Signal = defineEntity({
  name: 'Signal',
  tableName: 'signal',
  indexes: [{ properties: ['site', 'closedAt'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    site: () => p.manyToOne(Site),
    case: () => p.manyToOne(Case),
    kind: p.string().length(20),
    text: p.text().nullable(),
    /** The site's calendar day it was made, yyyy-mm-dd: open after that day's end, it is late. */
    day: p.string().length(10),
    by: p.string(),
    at: p.datetime(),
    closedBy: p.string().nullable(),
    closedAt: p.datetime().nullable(),
    closedText: p.text().nullable(),
    /** A student's call for help: `kom-nu` or `bel-me`; none for a signal staff gave. */
    mode: p.string().length(10).nullable(),
    /** Who was on call when it was made: a call for help goes to them first. */
    forUser: p.string().length(80).nullable(),
    acknowledgedBy: p.string().length(80).nullable(),
    acknowledgedAt: p.datetime().nullable(),
    /** Unanswered for too long, it went to every coördinator and the projectleider. */
    escalatedAt: p.datetime().nullable(),
  },
});
export type ISignal = InferEntity<typeof Signal>;

/**
 * Every change of a signal (made, acknowledged, escalated, closed), in order: each server process
 * reads the rows after the last it saw and pushes them to its open pages, so a change made through
 * another process on the same database reaches them too. Only ids: the pages ask for what they may see.
 */
export const SignalChange = defineEntity({
  name: 'SignalChange',
  tableName: 'signal_change',
  indexes: [{ properties: ['at'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    site: p.string().length(60),
    signal: p.integer(),
    /** `opened` | `acknowledged` | `escalated` | `closed` */
    what: p.string().length(20),
    at: p.datetime(),
  },
});
export type ISignalChange = InferEntity<typeof SignalChange>;

/**
 * Who was shown a case's personal fields, when, and by which route (AVG art. 5(2), 32): a dossier,
 * its history, an export, a search hit. Only ids and names of routes: never a field's value.
 * Written in batches beside the requests (server/db/access-log.ts), kept for a set period.
 */
export const AccessEntry = defineEntity({
  name: 'AccessEntry',
  tableName: 'access_log',
  indexes: [{ properties: ['site', 'caseId', 'at'] }, { properties: ['site', 'actor', 'at'] }, { properties: ['at'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    site: p.string().length(60),
    /** The case's id only: the log outlives nothing it names, and holds no name. */
    caseId: p.string().length(36),
    actor: p.string().length(80),
    at: p.datetime(),
    /** `GET /api/cases/:id`: the route's pattern, never its address with a search text. */
    route: p.string().length(80),
  },
});
export type IAccessEntry = InferEntity<typeof AccessEntry>;

/**
 * A group activity or an excursion (report chapter 6: "excursies naar musea en de Tweede Kamer",
 * much valued by the students), recorded after it took place with its participants and a short
 * evaluation. Each participant's history gets a row of it; the participants are student cases.
 */
export const GroupActivity = defineEntity({
  name: 'GroupActivity',
  tableName: 'group_activity',
  indexes: [{ properties: ['site', 'date'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    site: () => p.manyToOne(Site),
    /** `excursie` | `groepsactiviteit` (engine/group-activities.ts). */
    kind: p.string().length(20),
    title: p.string().length(120),
    /** The day it took place, yyyy-mm-dd on the site's calendar. */
    date: p.string().length(10),
    evaluation: p.text(),
    /** The case ids of the students who took part, in the order chosen. */
    participants: p.json<string[]>().columnType('json'),
    by: p.string().length(80),
    at: p.datetime(),
  },
});
export type IGroupActivity = InferEntity<typeof GroupActivity>;

export const entities = [
  Site,
  User,
  AccountChange,
  Session,
  WorkflowVersion,
  Case,
  HistoryRow,
  CaseOwner,
  Timer,
  WorkflowDraft,
  WorkflowMigration,
  Attendance,
  LoginAttempt,
  PresenceCall,
  Signal,
  SignalChange,
  HelpSession,
  AccessEntry,
  GroupActivity,
];
