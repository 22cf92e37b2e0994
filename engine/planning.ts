import type { Definition, Exclusive } from './definition';
import { inSteps, studentExclusive } from './exclusive';
import { addDays, halfDayCodes, halfDayLabel, halfDaysIn, parseHalfDay } from './halfdays';
import { closedOn, type SiteCalendar } from './calendar';
import { lessonLabel, lessonOn, type Lesson } from './schedule';
import type { Message } from './text';
import { indexStates, lineage, offeredEvents, stateLabel } from './tree';

/**
 * The coördinator's week (report 3.3: "koppelen de hulpvraag aan een student … maken
 * planningen"): which student is where on which half-day, who can still take a client, and why a
 * match cannot be. Pure: the server reads the cases, the site's timetable, the help sessions and
 * the absences of the week, and hands them in.
 */

/** A case as the planning reads it: its name, where it is and its data. */
export interface PlanCase {
  id: string;
  title: string;
  /** The first active step: the case's `state`, whose name the planning shows. */
  state: string;
  /**
   * Every active step, when the case is in a parallel step (a student in the care placement who
   * still helps in the wijk, report 3.2 *Diensten*); absent, the case is in `state` alone.
   */
  active?: readonly string[];
  outcome?: string | null;
  def: Definition;
  data: Readonly<Record<string, unknown>>;
}

type StepFlag = 'takesClients' | 'atSite';

/** Every step a case is in: each region's step inside a parallel step, else its one step (`active` names `state` first). */
export const stepsOf = (c: Pick<PlanCase, 'state' | 'active'>): readonly string[] =>
  c.active?.[0] === c.state ? c.active : [c.state];

/**
 * Whether a step of a workflow with `planning` has the flag: the innermost step around it that
 * says yes or no decides, and none saying means no. In a parallel step each region's step is
 * asked and one yes is enough: the help in the wijk goes on beside the care placement. A
 * workflow without `planning` does not place its students, so every running student counts
 * (the behaviour before planning existed).
 */
function stepFlag(def: Definition, at: string | readonly string[], flag: StepFlag): boolean {
  if (!def.planning) return true;
  const index = indexStates(def);
  return (typeof at === 'string' ? [at] : at).some((state) => {
    for (const e of lineage(index.byPath.get(state))) {
      const v = e.config.meta?.[flag];
      if (v !== undefined) return v;
    }
    return false;
  });
}

/** A student in this step (or these, in a parallel step) takes clients in the wijk: only they can be matched. */
export const takesClients = (def: Definition, at: string | readonly string[]) => stepFlag(def, at, 'takesClients');

/** A student in this step (or these) is expected at the site's presence moments. */
export const expectedAtSite = (def: Definition, at: string | readonly string[]) => stepFlag(def, at, 'atSite');

/** The steps in which a workflow's students take clients, by their own name. */
function clientSteps(def: Definition): Message[] {
  return [...indexStates(def).byPath.values()]
    .filter((e) => e.config.meta?.takesClients === true)
    .map((e) => ({
      nl: e.config.meta?.label?.nl ?? e.path,
      en: e.config.meta?.label?.en || e.config.meta?.label?.nl || e.path,
    }));
}

/** A student's fixed half-days in the wijk (the planning's half-day field). */
export function wijkHalfDays(s: Pick<PlanCase, 'def' | 'data'>): string[] {
  const field = s.def.planning?.halfDaysField;
  return field ? halfDaysIn(s.data[field]) : [];
}

const names = (codes: string[], def?: Definition, field?: string) => ({
  nl: codes.map((c) => halfDayLabel(c, def, field).nl).join(', '),
  en: codes.map((c) => halfDayLabel(c, def, field).en).join(', '),
});

/** The number a count field holds: a number, or a choice whose value is a number ("2"). */
function countOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export interface Refusal {
  path: string;
  message: Message;
}

/**
 * Why a client cannot be matched to this student on these half-days, each in words and naming
 * the clash; empty when nothing stands in the way. `studentName` is the name as the person
 * matching may see it. The double booking (another client on the half-day) is the rule across
 * cases' own check (`exclusiveClash`).
 */
export function matchRefusals(
  clientDef: Definition,
  ex: Exclusive,
  values: Readonly<Record<string, unknown>>,
  student: PlanCase | undefined,
  lessons: readonly Lesson[],
  studentName: string,
): Refusal[] {
  const out: Refusal[] = [];
  const mine = halfDaysIn(values[ex.overlap]);
  const chosen = Array.isArray(values[ex.overlap]) ? (values[ex.overlap] as unknown[]).length : 0;
  const wanted = ex.count ? countOf(values[ex.count]) : undefined;
  const overlapPath = `data.${ex.overlap}`;
  if (student?.def.planning && !takesClients(student.def, stepsOf(student))) {
    const here = stateLabel(student.def, student.state);
    const where = clientSteps(student.def);
    out.push({
      path: `data.${ex.field}`,
      message: {
        nl: `${studentName} neemt nu geen klanten aan (${here.nl}); ${where.length ? `alleen in ${where.map((w) => w.nl).join(', ')} helpt een student klanten` : 'in deze workflow helpt geen student klanten'}`,
        en: `${studentName} does not take clients now (${here.en}); ${where.length ? `students help clients only in ${where.map((w) => w.en).join(', ')}` : 'no student helps clients in this workflow'}`,
      },
    });
  }
  if (wanted !== undefined && ex.count && chosen !== wanted) {
    const field = clientDef.fields[ex.count];
    const option = field?.options?.find((o) => o.value === String(values[ex.count!]));
    const asked = {
      nl: option?.label.nl ?? String(wanted),
      en: option?.label.en || option?.label.nl || String(wanted),
    };
    out.push({
      path: overlapPath,
      message: {
        nl: `${field?.label.nl ?? ex.count}: ${asked.nl.toLowerCase()}, maar ${chosen} ${chosen === 1 ? 'dagdeel' : 'dagdelen'} gekozen; kies er ${wanted}`,
        en: `${field?.label.en || field?.label.nl || ex.count}: ${asked.en.toLowerCase()}, but ${chosen} half-day${chosen === 1 ? '' : 's'} chosen; choose ${wanted}`,
      },
    });
  }
  if (student?.def.planning?.halfDaysField) {
    const wijk = wijkHalfDays(student);
    const outside = mine.filter((c) => !wijk.includes(c));
    if (outside.length) {
      const o = names(outside, clientDef, ex.overlap);
      const w = names(wijk, student.def, student.def.planning.halfDaysField);
      out.push({
        path: overlapPath,
        message: {
          nl: `${studentName} is op ${o.nl} niet in de wijk (${wijk.length ? `vaste dagdelen in de wijk: ${w.nl}` : 'nog geen vaste dagdelen in de wijk'}); kies een dagdeel waarop de student in de wijk is`,
          en: `${studentName} is not in the neighbourhood on ${o.en} (${wijk.length ? `fixed half-days there: ${w.en}` : 'no fixed half-days there yet'}); choose a half-day the student is there`,
        },
      });
    }
  }
  const onLesson = mine.filter((c) => lessonOn({ lessons }, c));
  if (onLesson.length) {
    const o = names(onLesson, clientDef, ex.overlap);
    const what = lessonLabel(lessonOn({ lessons }, onLesson[0])!);
    out.push({
      path: overlapPath,
      message: {
        nl: `${studentName} heeft op ${o.nl} les (${what.nl}); kies een dagdeel zonder les`,
        en: `${studentName} has a lesson on ${o.en} (${what.en}); choose a half-day without a lesson`,
      },
    });
  }
  return out;
}

/** A client bound to a student by the matching rule, in a step where the rule holds. */
export function boundStudent(client: PlanCase): { ex: Exclusive; student: string } | undefined {
  const ex = studentExclusive(client.def);
  const student = ex && client.data[ex.field];
  return ex && typeof student === 'string' && inSteps(client.state, ex.activeIn) ? { ex, student } : undefined;
}

/** A bound client whose help does not run now (paused): it keeps its half-days, but nobody goes. */
export function helpPaused(client: PlanCase): boolean {
  const care = client.def.reports?.care?.activeIn;
  return !!care && !inSteps(client.state, care);
}

/** A client whose step offers the matching: it waits for a student. */
export function waitsForMatch(client: PlanCase): boolean {
  return offeredEvents(client.def, [client.state]).some((o) =>
    o.candidates.some((c) => c.meta?.exclusive?.refersTo === 'student'),
  );
}

/** How many half-days a week a client asks (its count field), one when it does not say. */
export function askedPerWeek(client: PlanCase): number {
  const ex = studentExclusive(client.def);
  return (ex?.count && countOf(client.data[ex.count])) || 1;
}

/**
 * Why a bound client's student no longer helps them (the student left the wijk step, stopped,
 * or is gone), in words; undefined while the student still takes clients.
 */
export function studentGone(student: PlanCase | undefined, studentName: string): Message | undefined {
  if (!student) return { nl: 'De student is er niet meer', en: 'The student is no longer there' };
  const here = stateLabel(student.def, student.state);
  if (student.outcome)
    return {
      nl: `${studentName} is gestopt (${here.nl}); zoek een andere student of plan de hulp opnieuw`,
      en: `${studentName} has left (${here.en}); find another student or plan the help again`,
    };
  if (!takesClients(student.def, stepsOf(student)))
    return {
      nl: `${studentName} is niet meer in de wijk (${here.nl}); zoek een andere student of plan de hulp opnieuw`,
      en: `${studentName} is no longer in the neighbourhood (${here.en}); find another student or plan the help again`,
    };
  return undefined;
}

export const sessionStatuses = ['gedaan', 'afgezegd', 'student-afwezig'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];

/** A planned visit as it went: done (with its hours), cancelled by the client, or the student was away. */
export interface SessionRecord {
  client: string;
  student: string | null;
  day: string;
  halfDay: string;
  status: SessionStatus;
  hours: number;
}

export interface ClientSlot {
  client: PlanCase;
  paused: boolean;
  session?: SessionRecord;
}

export type CellKind = 'gesloten' | 'les' | 'klant' | 'vrij' | 'geen';

export interface WeekCell {
  halfDay: string;
  date: string;
  kind: CellKind;
  clients: ClientSlot[];
  lesson?: Message;
  closed?: Message;
  /** The student's absence that day (`afwezig`, `afgemeld`). */
  absent?: string;
  /** A client on a half-day the student is no longer in the wijk, or on a lesson. */
  clash?: Message;
}

export interface WeekRow {
  student: PlanCase;
  takesClients: boolean;
  wijk: string[];
  cells: WeekCell[];
  /** Half-days in the wijk without a client, open this week. */
  free: string[];
}

export interface WeekInput {
  monday: string;
  /** The site's running students, and the students bound clients still name. */
  students: readonly PlanCase[];
  /** The site's running clients of workflows with a matching rule. */
  clients: readonly PlanCase[];
  lessons: readonly Lesson[];
  sessions?: readonly SessionRecord[];
  absences?: readonly { student: string; day: string; status: string }[];
  calendar?: SiteCalendar;
}

export interface WeekPlan {
  monday: string;
  days: { date: string; closed?: Message }[];
  rows: WeekRow[];
  /** Clients whose step offers the matching, with the half-days a week they ask. */
  waiting: { client: PlanCase; perWeek: number }[];
  /** Bound clients whose student no longer helps them. */
  orphaned: { client: PlanCase; student?: PlanCase }[];
  totals: {
    students: number;
    takingClients: number;
    /** Half-days in the wijk this week of the students who take clients (lessons and closed days left out). */
    supply: number;
    /** Of those, the half-days with a client whose help runs. */
    planned: number;
    free: number;
    /** What the clients ask a week: those helped and those waiting. */
    demand: number;
    waiting: number;
    clients: number;
  };
}

/**
 * The week's board: a row per running student who is at the site or takes clients, a cell per
 * half-day (closed day, lesson, the client, a free half-day in the wijk, or nothing), the
 * clients waiting for a student, the clients whose student left, and supply against demand.
 */
export function planWeek(input: WeekInput): WeekPlan {
  const days = [0, 1, 2, 3, 4].map((i) => {
    const date = addDays(input.monday, i);
    const closed = closedOn(date, input.calendar);
    return { date, ...(closed ? { closed } : {}) };
  });
  const byId = new Map(input.students.map((s) => [s.id, s]));
  const bound = new Map<string, ClientSlot[]>();
  const orphaned: WeekPlan['orphaned'] = [];
  const waiting: WeekPlan['waiting'] = [];
  let demand = 0;
  for (const client of input.clients) {
    const b = boundStudent(client);
    if (!b) {
      if (waitsForMatch(client)) {
        waiting.push({ client, perWeek: askedPerWeek(client) });
        demand += askedPerWeek(client);
      }
      continue;
    }
    const paused = helpPaused(client);
    if (!paused) demand += askedPerWeek(client);
    const student = byId.get(b.student);
    if (!student || student.outcome || !takesClients(student.def, stepsOf(student)))
      orphaned.push({ client, ...(student ? { student } : {}) });
    if (!student || student.outcome) continue;
    bound.set(student.id, [...(bound.get(student.id) ?? []), { client, paused }]);
  }
  const sessionOf = (client: string, date: string, halfDay: string) =>
    input.sessions?.find((s) => s.client === client && s.day === date && s.halfDay === halfDay);

  const rows: WeekRow[] = [];
  for (const student of input.students) {
    if (student.outcome) continue;
    const taking = takesClients(student.def, stepsOf(student));
    const atSite = expectedAtSite(student.def, stepsOf(student));
    const mine = bound.get(student.id) ?? [];
    if (!taking && !atSite && !mine.length) continue;
    const wijk = wijkHalfDays(student);
    const cells = halfDayCodes.map((code): WeekCell => {
      const date = addDays(input.monday, parseHalfDay(code)!.weekday);
      const closed = days.find((d) => d.date === date)?.closed;
      const lesson = atSite ? lessonOn({ lessons: input.lessons }, code) : undefined;
      const clients = mine
        .filter((slot) => {
          const ex = studentExclusive(slot.client.def)!;
          return halfDaysIn(slot.client.data[ex.overlap]).includes(code);
        })
        .map((slot) => {
          const session = sessionOf(slot.client.id, date, code);
          return session ? { ...slot, session } : slot;
        });
      const absent = input.absences?.find((a) => a.student === student.id && a.day === date)?.status;
      const base = { halfDay: code, date, clients, ...(absent ? { absent } : {}) };
      if (closed) return { ...base, kind: 'gesloten', closed };
      if (clients.length) {
        const clash = lesson
          ? { nl: `valt op een les (${lessonLabel(lesson).nl})`, en: `falls on a lesson (${lessonLabel(lesson).en})` }
          : student.def.planning?.halfDaysField && !wijk.includes(code)
            ? { nl: 'geen vast dagdeel in de wijk', en: 'not a fixed half-day in the neighbourhood' }
            : undefined;
        return { ...base, kind: 'klant', ...(clash ? { clash } : {}) };
      }
      if (lesson) return { ...base, kind: 'les', lesson: lessonLabel(lesson) };
      return { ...base, kind: taking && wijk.includes(code) ? 'vrij' : 'geen' };
    });
    rows.push({
      student,
      takesClients: taking,
      wijk,
      cells,
      free: cells.filter((c) => c.kind === 'vrij').map((c) => c.halfDay),
    });
  }
  rows.sort((a, b) => a.student.title.localeCompare(b.student.title, 'nl') || a.student.id.localeCompare(b.student.id));

  const taking = rows.filter((r) => r.takesClients);
  const supplyCells = taking.flatMap((r) =>
    r.cells.filter(
      (c) => c.kind !== 'gesloten' && !lessonOn({ lessons: input.lessons }, c.halfDay) && r.wijk.includes(c.halfDay),
    ),
  );
  const planned = supplyCells.filter((c) => c.clients.some((s) => !s.paused)).length;
  return {
    monday: input.monday,
    days,
    rows,
    waiting,
    orphaned,
    totals: {
      students: rows.length,
      takingClients: taking.length,
      supply: supplyCells.length,
      planned,
      free: supplyCells.length - planned,
      demand,
      waiting: waiting.length,
      clients: input.clients.filter((c) => boundStudent(c) && !helpPaused(c)).length,
    },
  };
}

/**
 * Who could cover a half-day for an absent student: students who take clients, are in the wijk
 * that half-day without a client of their own, and are not away that day themselves.
 */
export function coverFor(plan: WeekPlan, date: string, halfDay: string, absent: ReadonlySet<string>): PlanCase[] {
  return plan.rows
    .filter((r) => !absent.has(r.student.id))
    .filter((r) => r.cells.some((c) => c.date === date && c.halfDay === halfDay && c.kind === 'vrij' && !c.absent))
    .map((r) => r.student);
}

/** What a student does on a date: each half-day's cell (lesson, client, free, nothing). */
export function studentDay(plan: WeekPlan, student: string, date: string): WeekCell[] {
  return plan.rows.find((r) => r.student.id === student)?.cells.filter((c) => c.date === date) ?? [];
}
