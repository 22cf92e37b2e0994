import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import {
  callList,
  coverFor,
  endsCase,
  expectedAtSite,
  stepsOf,
  halfDaysOn,
  missedParts,
  parseHalfDay,
  studentDay,
  weekStart,
  type Check,
  type Message,
  type Moment,
  type PlanCase,
  type PresenceStatus,
  type SiteSchedule,
  type ToCall,
  type WeekCell,
  type WeekPlan,
} from '../../engine';
import { Attendance, Case, PresenceCall, Site, type IAttendance, type IPresenceCall } from '../db/entities';
import { appError, caseNotFound } from '../errors';
import type { CallBodyT, PresenceBodyT } from '../contract';
import type { DefinitionCache } from './definitions';
import type { Actor } from '../auth/caller';
import { planCase, scheduleOf, weekOf } from './planning';

/**
 * Presence (report 3.2, 4.1): at each of the site's moments (start of the day, lunch, end of the
 * day) the coördinatoren check who is there, and phone the same day whoever is missing. A row per
 * student, day and moment; the call list is the engine's `callList` over those rows, the calls
 * made and the clock, so a student expected at the site and not seen by a moment's call time is
 * on it without anyone recording them.
 *
 * "Running student": an open case of a workflow whose definition says `subject: "student"` (any
 * workflow, a site's own variant too; no key is named here), in any step that does not end it.
 * The day's list holds the running students who start their day at the location (report 3.2,
 * 4.4): whose step says so (`atSite`, see engine/planning.ts), so not someone still registering
 * or in the intake, nor a WW student at their employer. A student recorded that day stays on it
 * whatever their step, so a record is never hidden.
 */

const siteZone = 'Europe/Amsterdam';

/** The calendar day in the Netherlands at `now`, `yyyy-mm-dd`: the morning's list, also just after midnight UTC. */
export function dayOf(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: siteZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The time of day in the Netherlands at `now`, `HH:MM`. */
export function timeOf(now: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: siteZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(now)
    .slice(0, 5);
}

/** A day that exists: the schema checks the shape, this the calendar (no 2026-02-30). */
export function checkDay(day: string, path = 'params.day'): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) {
    throw appError('BAD_REQUEST', 'Deze dag bestaat niet', 'This day does not exist', [
      { path, message: { nl: `'${day}' is geen datum (jjjj-mm-dd)`, en: `'${day}' is not a date (yyyy-mm-dd)` } },
    ]);
  }
  return day;
}

/** A moment of the site's day, or 400 naming the ones there are. */
function momentOf(schedule: SiteSchedule, key: string | undefined, path: string): Moment {
  if (key === undefined) return schedule.moments[0];
  const m = schedule.moments.find((x) => x.key === key);
  if (m) return m;
  const keys = schedule.moments.map((x) => x.key).join(', ');
  throw appError('BAD_REQUEST', 'Dit moment kent de locatie niet', 'The site has no such moment', [
    { path, message: { nl: `Kies uit: ${keys}`, en: `Choose from: ${keys}` } },
  ]);
}

/** A student on one day at one moment, and what was recorded for them then (nothing yet: no row). */
export interface PresenceRecord {
  student: PlanCase;
  moment: string;
  attendance?: IAttendance;
  /** Every moment's row of the day. */
  rows: IAttendance[];
  expected: boolean;
  /** The planning's half-days of the student that day. */
  cells: WeekCell[];
}

export interface PresenceList {
  day: string;
  moment: string;
  schedule: SiteSchedule;
  students: PresenceRecord[];
  calls: (ToCall & { record: PresenceRecord; attempts: IPresenceCall[] })[];
  waiting: {
    client: PlanCase;
    halfDay: string;
    student: PlanCase;
    cover: PlanCase[];
  }[];
}

export const running = (s: PlanCase) => !s.outcome && s.def.subject === 'student' && !endsCase(s.def, s.state);

/** The moment under way at `now` on today's list (the last one begun), else the day's first. */
function currentMoment(schedule: SiteSchedule, day: string, now: Date): string {
  if (day !== dayOf(now)) return schedule.moments[0].key;
  const t = timeOf(now);
  return [...schedule.moments].reverse().find((m) => m.at <= t)?.key ?? schedule.moments[0].key;
}

/**
 * The residents who wait in vain today: the clients of each student away for a part of the day
 * (the engine's `missedParts`), on that part's half-day, with the students who could go instead.
 */
function waitingResidents(plan: WeekPlan, day: string, moments: readonly Moment[], checks: Check[]) {
  const out: PresenceList['waiting'] = [];
  const away = new Set<string>();
  const missed = new Map<string, string[]>();
  for (const row of plan.rows) {
    const parts = missedParts(moments, checks, row.student.id);
    if (!parts.length) continue;
    away.add(row.student.id);
    missed.set(
      row.student.id,
      halfDaysOn(day).filter((h) => parts.includes(parseHalfDay(h)!.part)),
    );
  }
  for (const row of plan.rows) {
    for (const halfDay of missed.get(row.student.id) ?? []) {
      const cell = studentDay(plan, row.student.id, day).find((c) => c.halfDay === halfDay);
      for (const slot of cell?.clients ?? []) {
        if (slot.paused || slot.session) continue;
        out.push({ client: slot.client, halfDay, student: row.student, cover: coverFor(plan, day, halfDay, away) });
      }
    }
  }
  return out;
}

/** The day's list at one moment: the students at the location with what was recorded, who to phone, who waits. */
export async function presence(
  em: EntityManager,
  cache: DefinitionCache,
  site: string,
  day: string,
  momentKey: string | undefined,
  now: Date,
): Promise<PresenceList> {
  checkDay(day, 'querystring.day');
  const { plan, schedule, cases } = await weekOf(em, cache, site, weekStart(day));
  const moment = momentKey
    ? momentOf(schedule, momentKey, 'querystring.moment').key
    : currentMoment(schedule, day, now);
  const rows = await em.find(Attendance, { site, day }, { orderBy: { id: 'asc' } });
  const calls = await em.find(PresenceCall, { site, day }, { orderBy: { at: 'asc', id: 'asc' } });
  const students = cases.students
    .filter(running)
    .map((student): PresenceRecord => {
      const mine = rows.filter((r) => r.case.id === student.id);
      return {
        student,
        moment,
        attendance: mine.find((r) => r.moment === moment),
        rows: mine,
        expected: expectedAtSite(student.def, stepsOf(student)),
        cells: studentDay(plan, student.id, day),
      };
    })
    .filter((r) => r.expected || r.rows.length > 0);
  const checks: Check[] = rows.map((r) => ({
    student: r.case.id,
    moment: r.moment,
    status: r.status as PresenceStatus,
  }));
  const toCall = callList({
    day,
    today: dayOf(now),
    now,
    moments: schedule.moments,
    students: students.map((s) => ({ id: s.student.id, expected: s.expected })),
    checks,
    calls: calls.map((c) => ({
      student: c.case.id,
      moment: c.moment,
      outcome: c.outcome as 'bereikt',
      undone: !!c.undoneAt,
    })),
  });
  const byId = new Map(students.map((s) => [s.student.id, s]));
  return {
    day,
    moment,
    schedule,
    students,
    calls: toCall.map((c) => {
      const r = byId.get(c.student)!;
      return {
        ...c,
        record: { ...r, moment: c.moment, attendance: r.rows.find((x) => x.moment === c.moment) },
        attempts: calls.filter((x) => x.case.id === c.student),
      };
    }),
    waiting: waitingResidents(plan, day, schedule.moments, checks),
  };
}

/** What a refusal of a case that is no running student says: what is refused, and where the id was. */
export interface StudentOnly {
  path: string;
  notStudent: Message;
  ended: Message;
}

/**
 * A running student of the site, for what only a running student has (presence, a signal): 404
 * for a case the site does not have, 422 NOT_A_STUDENT or CASE_CLOSED with `refusal`'s words.
 */
export async function runningStudent(
  em: EntityManager,
  cache: DefinitionCache,
  site: string,
  id: string,
  refusal: StudentOnly,
): Promise<PlanCase> {
  const s = await planCase(em, cache, site, id);
  if (!s) throw caseNotFound();
  if (running(s)) return s;
  if (s.def.subject !== 'student') {
    throw appError('NOT_A_STUDENT', refusal.notStudent.nl, refusal.notStudent.en, [
      {
        path: refusal.path,
        message: {
          nl: `Dit dossier hoort bij '${s.def.title.nl}', dat niet over een student gaat`,
          en: `This case belongs to '${s.def.title.en || s.def.title.nl}', which is not about a student`,
        },
      },
    ]);
  }
  throw appError('CASE_CLOSED', refusal.ended.nl, refusal.ended.en);
}

const presenceOnly: StudentOnly = {
  path: 'params.caseId',
  notStudent: { nl: 'Aanwezigheid is er alleen voor studenten', en: 'Presence is only kept for students' },
  ended: {
    nl: 'Dit traject is afgesloten; aanwezigheid houden kan niet meer',
    en: 'This trajectory has ended; presence can no longer be recorded',
  },
};

const findStudent = (em: EntityManager, cache: DefinitionCache, site: string, id: string) =>
  runningStudent(em, cache, site, id, presenceOnly);

async function recordOf(
  em: EntityManager,
  student: PlanCase,
  site: string,
  day: string,
  moment: string,
): Promise<PresenceRecord> {
  const rows = await em.fork().find(Attendance, { site, case: student.id, day }, { orderBy: { id: 'asc' } });
  return {
    student,
    moment,
    attendance: rows.find((r) => r.moment === moment),
    rows,
    expected: expectedAtSite(student.def, stepsOf(student)),
    cells: [],
  };
}

/**
 * Records or changes a student's status at a moment of a day. Calling in (`afgemeld`) asks why.
 * A phone call already made stays recorded: it happened, whatever the status says now. Two
 * people recording the same student at once both succeed; the later one wins (the unique row is
 * created once, then updated).
 */
export async function recordPresence(
  em: EntityManager,
  cache: DefinitionCache,
  actor: Actor,
  caseId: string,
  day: string,
  body: PresenceBodyT,
  now: Date,
): Promise<PresenceRecord> {
  checkDay(day);
  const s = await findStudent(em, cache, actor.site, caseId);
  const moment = momentOf(await scheduleOf(em, actor.site), body.moment, 'body.moment').key;
  if (body.status === 'afgemeld' && !body.reason)
    throw appError('INVALID_FORM', 'Zeg waarom de student zich afmeldt', 'Say why the student called in', [
      { path: 'body.reason', message: { nl: 'Kies een reden van afmelden', en: 'Choose a reason for calling in' } },
    ]);
  const values = {
    status: body.status,
    reason: body.status === 'afgemeld' ? (body.reason ?? null) : null,
    note: body.note?.trim() || null,
    recordedBy: actor.username,
    recordedAt: now,
  };
  for (let attempt = 0; ; attempt++) {
    const work = em.fork();
    try {
      let a = await work.findOne(Attendance, { case: caseId, day, moment });
      if (a) work.assign(a, values);
      else
        a = work.create(Attendance, {
          site: work.getReference(Site, actor.site),
          case: work.getReference(Case, caseId),
          day,
          moment,
          ...values,
          calledAt: null,
          calledBy: null,
        });
      await work.flush();
      return recordOf(em, s, actor.site, day, moment);
    } catch (err) {
      // Someone created the row between our read and our insert: update theirs instead.
      if (err instanceof UniqueConstraintViolationException && attempt === 0) continue;
      throw err;
    }
  }
}

/**
 * Records a call to a student about a moment (bereikt, niet bereikt, bericht ingesproken). The
 * first call that reached them is kept on the moment's row (`calledAt`). Only a student on the
 * call list that day is called about: absent without notice, or not seen and expected.
 */
export async function recordCall(
  em: EntityManager,
  cache: DefinitionCache,
  actor: Actor,
  caseId: string,
  day: string,
  body: CallBodyT,
  now: Date,
): Promise<IPresenceCall> {
  checkDay(day);
  const s = await findStudent(em, cache, actor.site, caseId);
  const list = await presence(em, cache, actor.site, day, body.moment, now);
  const onList = list.calls.find((c) => c.student === s.id);
  const a = list.students.find((x) => x.student.id === s.id)?.rows.find((r) => r.moment === body.moment);
  if (!onList && a?.status !== 'afwezig') {
    throw appError(
      'EVENT_NOT_ALLOWED',
      'Alleen wie op de bellijst staat, wordt gebeld',
      'Only a student on the call list is phoned',
      [
        {
          path: 'params.caseId',
          message: {
            nl: 'De student is afwezig zonder afmelding of niet gezien op tijd',
            en: 'The student must be absent without notice or not seen in time',
          },
        },
      ],
    );
  }
  const work = em.fork();
  const call = work.create(PresenceCall, {
    site: work.getReference(Site, actor.site),
    case: work.getReference(Case, caseId),
    day,
    moment: body.moment,
    outcome: body.outcome,
    by: actor.username,
    at: now,
    undoneAt: null,
    undoneBy: null,
  });
  if (body.outcome === 'bereikt' && a && !a.calledAt) {
    const row = await work.findOneOrFail(Attendance, { id: a.id });
    row.calledAt = now;
    row.calledBy = actor.username;
  }
  await work.flush();
  return call;
}

/** Undoes a call tapped by mistake: it stays in the record, counting for nothing. */
export async function undoCall(em: EntityManager, actor: Actor, callId: number, now: Date): Promise<IPresenceCall> {
  const call = await em.findOne(PresenceCall, { id: callId, site: actor.site });
  if (!call) throw appError('NOT_FOUND', 'Dit gesprek bestaat niet', 'No such call');
  if (!call.undoneAt) {
    call.undoneAt = now;
    call.undoneBy = actor.username;
    // The moment's row keeps the first call that reached the student and still counts.
    const row = await em.findOne(Attendance, { case: call.case.id, day: call.day, moment: call.moment });
    if (row && call.outcome === 'bereikt') {
      const other = await em.findOne(
        PresenceCall,
        {
          case: call.case.id,
          day: call.day,
          moment: call.moment,
          outcome: 'bereikt',
          undoneAt: null,
          id: { $ne: call.id },
        },
        { orderBy: { at: 'asc' } },
      );
      row.calledAt = other?.at ?? null;
      row.calledBy = other?.by ?? null;
    }
    await em.flush();
  }
  return call;
}

/**
 * Marks the phone call after an absence without notice as done (once; a second call keeps the
 * first): a call that reached the student, at the moment they were recorded absent.
 */
export async function markCalled(
  em: EntityManager,
  cache: DefinitionCache,
  actor: Actor,
  caseId: string,
  day: string,
  now: Date,
): Promise<PresenceRecord> {
  checkDay(day);
  const s = await findStudent(em, cache, actor.site, caseId);
  const rows = await em.find(Attendance, { case: caseId, day }, { orderBy: { id: 'asc' } });
  const a = rows.find((r) => r.status === 'afwezig');
  if (!a) {
    throw appError(
      'EVENT_NOT_ALLOWED',
      'Alleen wie zonder afmelding afwezig is, staat op de bellijst',
      'Only a student absent without notice is on the call list',
    );
  }
  if (!a.calledAt) await recordCall(em, cache, actor, caseId, day, { moment: a.moment, outcome: 'bereikt' }, now);
  return recordOf(em, s, actor.site, day, a.moment);
}
