import type { EntityManager } from '@mikro-orm/core';
import {
  addDays,
  boundStudent,
  defaultSchedule,
  endsCase,
  leafPaths,
  planWeek,
  scheduleProblems,
  studentExclusive,
  type PlanCase,
  type SessionRecord,
  type SessionStatus,
  type SiteCalendar,
  type SiteSchedule,
  type WeekPlan,
} from '../../engine';
import { Attendance, Case, HelpSession, Site, type ICase } from '../db/entities';
import { fromProblems } from '../errors';
import type { Actor } from '../auth/caller';
import type { DefinitionCache } from './definitions';

/**
 * The coördinator's week (report 3.3, 4.1): the server's side of the engine's planning. It reads
 * the site's open cases (a site has some twenty students and eighty clients running, so all of
 * them are read at once), the site's schedule, the week's help sessions and absences, and hands
 * them to `planWeek`.
 */

/** The site's lessons and presence moments; the engine's default until a manager sets them. */
export async function scheduleOf(em: EntityManager, site: string): Promise<SiteSchedule> {
  const s = await em.findOne(Site, { id: site }, { fields: ['id', 'schedule'] });
  return s?.schedule ?? defaultSchedule;
}

/** A manager sets the site's schedule; a schedule that cannot be (moments out of order) is 422. */
export async function saveSchedule(em: EntityManager, actor: Actor, schedule: SiteSchedule): Promise<SiteSchedule> {
  const problems = scheduleProblems(schedule);
  if (problems.length)
    throw fromProblems(
      'INVALID_FORM',
      { nl: 'Dit rooster klopt niet', en: 'This schedule does not add up' },
      problems.map((p) => ({ ...p, path: `body.${p.path}` })),
    );
  const s = await em.findOneOrFail(Site, { id: actor.site });
  s.schedule = schedule;
  await em.flush();
  return schedule;
}

/** A case as the planning reads it (its data from the snapshot). */
async function asPlanCase(em: EntityManager, cache: DefinitionCache, c: ICase): Promise<PlanCase> {
  return {
    id: c.id,
    title: c.title,
    state: c.state,
    active: leafPaths(c.snapshot.value),
    outcome: c.outcome ?? null,
    def: await cache.get(em, c.workflow.id),
    data: c.snapshot.context.data,
  };
}

/** One case of the site for the planning (a client's student), or undefined when the site has none. */
export async function planCase(
  em: EntityManager,
  cache: DefinitionCache,
  site: string,
  id: string,
): Promise<PlanCase | undefined> {
  const c = await em.fork().findOne(Case, { id, site });
  return c ? asPlanCase(em, cache, c) : undefined;
}

export interface SiteCases {
  /** Running students, and the students bound clients still name (also those who left). */
  students: PlanCase[];
  /** Running clients of workflows with a matching rule. */
  clients: PlanCase[];
}

/** The site's open students and clients the planning reads. */
export async function siteCases(em: EntityManager, cache: DefinitionCache, site: string): Promise<SiteCases> {
  const open = await em.find(Case, { site, outcome: null }, { orderBy: { id: 'asc' } });
  const students: PlanCase[] = [];
  const clients: PlanCase[] = [];
  for (const c of open) {
    const pc = await asPlanCase(em, cache, c);
    if (endsCase(pc.def, pc.state)) continue;
    if (pc.def.subject === 'student') students.push(pc);
    else if (studentExclusive(pc.def)) clients.push(pc);
  }
  const known = new Set(students.map((s) => s.id));
  const named = [...new Set(clients.map((c) => boundStudent(c)?.student).filter((id): id is string => !!id))].filter(
    (id) => !known.has(id),
  );
  if (named.length)
    for (const c of await em.find(Case, { site, id: { $in: named } })) students.push(await asPlanCase(em, cache, c));
  return { students, clients };
}

/** The help sessions recorded on the days from `from` to `to`, as the planning reads them. */
export async function sessionsBetween(em: EntityManager, site: string, from: string, to: string) {
  const rows = await em.find(HelpSession, { site, day: { $gte: from, $lte: to } }, { orderBy: { id: 'asc' } });
  return rows.map((r): SessionRecord => ({
    client: r.client.id,
    student: r.student?.id ?? null,
    day: r.day,
    halfDay: r.halfDay,
    status: r.status as SessionStatus,
    hours: Number(r.hours),
  }));
}

/**
 * A student's absence on each day of a week: called in or away at any moment of the day
 * (`afgemeld` before `afwezig`: a student who called in is excused for the rest of the day).
 */
async function absencesBetween(em: EntityManager, site: string, from: string, to: string) {
  const rows = await em.find(
    Attendance,
    { site, day: { $gte: from, $lte: to }, status: { $in: ['afgemeld', 'afwezig'] } },
    { orderBy: { id: 'asc' } },
  );
  const byDay = new Map<string, { student: string; day: string; status: string }>();
  for (const r of rows) {
    const key = `${r.case.id} ${r.day}`;
    if (byDay.get(key)?.status !== 'afgemeld') byDay.set(key, { student: r.case.id, day: r.day, status: r.status });
  }
  return [...byDay.values()];
}

/** The week's board from Monday `monday`, with the cases it was made of. */
export async function weekOf(
  em: EntityManager,
  cache: DefinitionCache,
  site: string,
  monday: string,
  calendar?: SiteCalendar,
): Promise<{ plan: WeekPlan; schedule: SiteSchedule; cases: SiteCases }> {
  const friday = addDays(monday, 4);
  const [cases, schedule, sessions, absences] = [
    await siteCases(em, cache, site),
    await scheduleOf(em, site),
    await sessionsBetween(em, site, monday, friday),
    await absencesBetween(em, site, monday, friday),
  ];
  const plan = planWeek({
    monday,
    students: cases.students,
    clients: cases.clients,
    lessons: schedule.lessons,
    sessions,
    absences,
    ...(calendar ? { calendar } : {}),
  });
  return { plan, schedule, cases };
}
