import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { endsCase, type Definition } from '../../engine';
import { Attendance, Case, Site, type IAttendance, type ICase } from '../db/entities';
import { appError, caseNotFound } from '../errors';
import type { PresenceBodyT } from '../contract';
import type { DefinitionCache } from './definitions';
import type { Actor } from '../auth/caller';

/**
 * Daily presence (report 4.1): every morning the coördinatoren check who is there and on time,
 * and phone the same day whoever stayed away without notice. A row per student and day; the
 * call list is the day's `afwezig` rows nobody has phoned about yet.
 *
 * "Running student": an open case of a workflow whose definition says `subject: "student"` (any
 * workflow, a site's own variant too; no key is named here), in any step that does not end it.
 * Students still in aanmelding or intake are on the list too: the definition does not (yet) say
 * from which step a student comes to the site, and no step is named here.
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

/** What the list reads of a case. */
type StudentCase = Pick<ICase, 'id' | 'title' | 'state' | 'outcome' | 'workflow'>;

/** A running student, with the definition of their case's version. */
export interface Student {
  c: StudentCase;
  def: Definition;
}

/** A student on one day, and what was recorded for them (nothing yet: no row). */
export interface PresenceRecord {
  student: Student;
  attendance?: IAttendance;
}

async function asStudent(em: EntityManager, cache: DefinitionCache, c: StudentCase): Promise<Student | undefined> {
  if (c.outcome) return undefined;
  const def = await cache.get(em, c.workflow.id);
  return def.subject === 'student' && !endsCase(def, c.state) ? { c, def } : undefined;
}

/**
 * The site's running students, in no order of their names: the list is sorted by the name its
 * reader sees (presenters/presence.ts). Snapshots are not read: the state column is enough.
 */
async function runningStudents(em: EntityManager, cache: DefinitionCache, site: string): Promise<Student[]> {
  const cases = await em.find(
    Case,
    { site, outcome: null, workflow: { subject: 'student' } },
    { fields: ['id', 'title', 'state', 'outcome', 'workflow'], orderBy: { id: 'asc' } },
  );
  const students: Student[] = [];
  for (const c of cases) {
    const s = await asStudent(em, cache, c);
    if (s) students.push(s);
  }
  return students;
}

/** The day's list: every running student with what was recorded. */
export async function presence(
  em: EntityManager,
  cache: DefinitionCache,
  site: string,
  day: string,
): Promise<{ day: string; students: PresenceRecord[] }> {
  checkDay(day, 'querystring.day');
  const students = await runningStudents(em, cache, site);
  const rows = await em.find(Attendance, { site, day });
  const byCase = new Map(rows.map((a) => [a.case.id, a]));
  return { day, students: students.map((student) => ({ student, attendance: byCase.get(student.c.id) })) };
}

/** 404 for a case the caller's site does not have; 422 for one that is not a running student. */
async function findStudent(em: EntityManager, cache: DefinitionCache, site: string, id: string): Promise<Student> {
  const c = await em.findOne(Case, { id, site });
  if (!c) throw caseNotFound();
  const s = await asStudent(em, cache, c);
  if (s) return s;
  const def = await cache.get(em, c.workflow.id);
  if (def.subject !== 'student') {
    throw appError('NOT_A_STUDENT', 'Aanwezigheid is er alleen voor studenten', 'Presence is only kept for students', [
      {
        path: 'params.caseId',
        message: {
          nl: `Dit dossier hoort bij '${def.title.nl}', dat niet over een student gaat`,
          en: `This case belongs to '${def.title.en || def.title.nl}', which is not about a student`,
        },
      },
    ]);
  }
  throw appError(
    'CASE_CLOSED',
    'Dit traject is afgesloten; aanwezigheid houden kan niet meer',
    'This trajectory has ended; presence can no longer be recorded',
  );
}

/**
 * Records or changes a student's status for a day. A phone call already made stays recorded:
 * it happened, whatever the status says now. Two people recording the same student at once
 * both succeed; the later one wins (the unique row is created once, then updated).
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
  const values = { status: body.status, note: body.note?.trim() || null, recordedBy: actor.username, recordedAt: now };
  for (let attempt = 0; ; attempt++) {
    const work = em.fork();
    try {
      let a = await work.findOne(Attendance, { case: caseId, day });
      if (a) work.assign(a, values);
      else
        a = work.create(Attendance, {
          site: work.getReference(Site, actor.site),
          case: work.getReference(Case, caseId),
          day,
          ...values,
          calledAt: null,
          calledBy: null,
        });
      await work.flush();
      return { student: s, attendance: a };
    } catch (err) {
      // Someone created the row between our read and our insert: update theirs instead.
      if (err instanceof UniqueConstraintViolationException && attempt === 0) continue;
      throw err;
    }
  }
}

/** Marks the phone call after an absence without notice as done (once; a second call keeps the first). */
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
  const a = await em.findOne(Attendance, { case: caseId, day });
  if (!a || a.status !== 'afwezig') {
    throw appError(
      'EVENT_NOT_ALLOWED',
      'Alleen wie zonder afmelding afwezig is, staat op de bellijst',
      'Only a student absent without notice is on the call list',
    );
  }
  if (!a.calledAt) {
    a.calledAt = now;
    a.calledBy = actor.username;
    await em.flush();
  }
  return { student: s, attendance: a };
}
