import { describe, expect, it } from 'vitest';
import { shippedWorkflows } from '../workflows';
import { introWorkflow } from '../test/support/fixtures';
import type { Definition } from './definition';
import { studentExclusive } from './exclusive';
import { halfDayLabel, isoWeek, weekStart, halfDaysOn, dateOfHalfDay } from './halfdays';
import {
  coverFor,
  expectedAtSite,
  matchRefusals,
  planWeek,
  studentDay,
  studentGone,
  takesClients,
  type PlanCase,
} from './planning';
import { callList, missedParts, type Check } from './presence';
import { defaultSchedule, partStarts, scheduleProblems } from './schedule';
import { validateDefinition } from './validate';

const student = shippedWorkflows().find((d) => d.key === 'student-traject')!;
const client = shippedWorkflows().find((d) => d.key === 'client-hulpvraag')!;
const ex = studentExclusive(client)!;

const sanne: PlanCase = {
  id: 's-sanne',
  title: 'Sanne de Vries',
  state: 'opleiding.leerbedrijf.school.welzijnsstage',
  active: ['opleiding.leerbedrijf.school.welzijnsstage', 'opleiding.leerbedrijf.wijk.helpt'],
  def: student,
  data: { naam: 'Sanne de Vries', dagdelen: ['di-ochtend', 'do-ochtend', 'vr-middag'] },
};
const mo: PlanCase = {
  ...sanne,
  id: 's-mo',
  title: 'Mo Bakker',
  data: { naam: 'Mo', dagdelen: ['di-ochtend', 'wo-middag'] },
};
const ilse: PlanCase = { ...sanne, id: 's-ilse', title: 'Ilse', state: 'intake', data: { naam: 'Ilse' } };
const gilde = [{ halfDay: 'ma-ochtend', label: { nl: 'Les Gilde', en: 'Gilde lesson' } }, { halfDay: 'wo-ochtend' }];
const clientOf = (id: string, title: string, data: Record<string, unknown>, state = 'actief.loopt'): PlanCase => ({
  id,
  title,
  state,
  def: client,
  data: { naam: title, ...data },
});

describe('where a student is', () => {
  it('takes clients only in the welfare placement, and is at the site in the programme but not at a WW employer', () => {
    expect(takesClients(student, 'opleiding.leerbedrijf.wijk.helpt')).toBe(true);
    // The help in the wijk runs beside the school's steps (report 3.2 Diensten): one of them is enough.
    expect(
      takesClients(student, ['opleiding.leerbedrijf.school.zorgstage.loopt', 'opleiding.leerbedrijf.wijk.helpt']),
    ).toBe(true);
    expect(
      takesClients(student, [
        'opleiding.leerbedrijf.school.introductie.lopend',
        'opleiding.leerbedrijf.wijk.voorbereiding',
      ]),
    ).toBe(false);
    for (const s of [
      'intake',
      'opleiding.leerbedrijf.school.welzijnsstage',
      'opleiding.leerbedrijf.school.zorgstage.loopt',
      'opleiding.leerbedrijf.school.introductie.lopend',
      'praktijkstage.loopt',
      'opleiding.werkgever',
      'uitgepland',
    ])
      expect(takesClients(student, s), s).toBe(false);
    expect(expectedAtSite(student, 'opleiding.leerbedrijf.school.introductie.lopend')).toBe(true);
    expect(expectedAtSite(student, 'opleiding.leerbedrijf.school.zorgstage.loopt')).toBe(true);
    expect(expectedAtSite(student, 'opleiding.werkgever')).toBe(false);
    expect(expectedAtSite(student, 'aanmelding')).toBe(false);
    expect(expectedAtSite(student, 'verlof')).toBe(false);
  });

  it('places every running student of a workflow without planning, as before', () => {
    expect(takesClients(introWorkflow, 'introductie.lopend')).toBe(true);
    expect(expectedAtSite(introWorkflow, 'leerroute')).toBe(true);
  });
});

describe('matching with the facts', () => {
  const values = (dagdelen: string[], frequentie = String(dagdelen.length)) => ({
    student: sanne.id,
    dagdelen,
    frequentie,
  });

  it('finds nothing against a student in the wijk on their own half-days', () => {
    expect(matchRefusals(client, ex, values(['di-ochtend', 'vr-middag']), sanne, gilde, sanne.title)).toEqual([]);
  });

  it('refuses a student who takes no clients now, naming the step and where students do', () => {
    const [r] = matchRefusals(client, ex, values(['di-ochtend']), ilse, gilde, 'Ilse');
    expect(r).toEqual({
      path: 'data.student',
      message: {
        nl: 'Ilse neemt nu geen klanten aan (Intake); alleen in Welzijnsstage in de wijk helpt een student klanten',
        en: 'Ilse does not take clients now (Intake); students help clients only in Welfare placement in the neighbourhood',
      },
    });
  });

  it('refuses as many half-days as the frequency does not ask', () => {
    const [r] = matchRefusals(
      client,
      ex,
      values(['di-ochtend', 'do-ochtend', 'vr-middag'], '2'),
      sanne,
      [],
      sanne.title,
    );
    expect(r.path).toBe('data.dagdelen');
    expect(r.message.nl).toBe('Hoe vaak: twee keer per week, maar 3 dagdelen gekozen; kies er 2');
  });

  it('refuses a half-day the student is not in the wijk, naming their fixed half-days', () => {
    const [r] = matchRefusals(client, ex, values(['ma-middag']), sanne, [], sanne.title);
    expect(r.message.nl).toBe(
      'Sanne de Vries is op maandag middag niet in de wijk (vaste dagdelen in de wijk: dinsdag ochtend, donderdag ochtend, vrijdag middag); kies een dagdeel waarop de student in de wijk is',
    );
  });

  it('refuses a half-day with a lesson, naming the lesson', () => {
    const withLesson = { ...sanne, data: { ...sanne.data, dagdelen: ['ma-ochtend', 'di-ochtend'] } };
    const [r] = matchRefusals(client, ex, values(['ma-ochtend']), withLesson, gilde, sanne.title);
    expect(r.message.nl).toBe('Sanne de Vries heeft op maandag ochtend les (Les Gilde); kies een dagdeel zonder les');
  });

  it('says which way a bound client lost its student', () => {
    expect(studentGone(sanne, sanne.title)).toBeUndefined();
    expect(studentGone({ ...sanne, state: 'uitgepland' }, sanne.title)?.nl).toBe(
      'Sanne de Vries is niet meer in de wijk (Stage uitgepland); zoek een andere student of plan de hulp opnieuw',
    );
    expect(studentGone({ ...sanne, state: 'zonder-diploma', outcome: 'zonder-diploma' }, 'S')?.nl).toContain(
      'S is gestopt',
    );
    expect(studentGone(undefined, 'S')?.nl).toBe('De student is er niet meer');
  });
});

describe('the week', () => {
  const monday = '2026-11-30';
  const riet = clientOf('c-riet', 'Riet', {
    student: sanne.id,
    dagdelen: ['di-ochtend', 'vr-middag'],
    frequentie: '2',
  });
  const kees = clientOf('c-kees', 'Kees', { student: mo.id, dagdelen: ['wo-middag'], frequentie: '1' }, 'gepauzeerd');
  const wim = clientOf('c-wim', 'Wim', { frequentie: '3' }, 'matching');
  const gone = clientOf('c-an', 'An', { student: 's-weg', dagdelen: ['ma-middag'], frequentie: '1' });
  const left = { ...mo, id: 's-weg', title: 'Weg', state: 'uitgepland' };
  const plan = planWeek({
    monday,
    students: [sanne, mo, ilse, left],
    clients: [riet, kees, wim, gone],
    lessons: gilde,
    sessions: [
      { client: riet.id, student: sanne.id, day: '2026-12-01', halfDay: 'di-ochtend', status: 'gedaan', hours: 3 },
    ],
    absences: [{ student: mo.id, day: '2026-12-01', status: 'afwezig' }],
    calendar: { closed: [{ from: '2026-12-04', to: '2026-12-04', label: { nl: 'Studiedag' } }] },
  });
  const row = (id: string) => plan.rows.find((r) => r.student.id === id)!;
  const cell = (id: string, code: string) => row(id).cells.find((c) => c.halfDay === code)!;

  it('has a row per student at the site or with clients, by name, and none for one in intake', () => {
    expect(plan.rows.map((r) => r.student.title)).toEqual(['Mo Bakker', 'Sanne de Vries', 'Weg']);
    expect(plan.days.map((d) => d.date)).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
    ]);
  });

  it('fills each half-day: lesson, the client with its session, a free half-day in the wijk, closed days', () => {
    expect(cell(sanne.id, 'ma-ochtend')).toMatchObject({ kind: 'les', lesson: { nl: 'Les Gilde' } });
    expect(cell(sanne.id, 'di-ochtend')).toMatchObject({
      kind: 'klant',
      date: '2026-12-01',
      clients: [{ client: { id: 'c-riet' }, paused: false, session: { status: 'gedaan', hours: 3 } }],
    });
    expect(cell(sanne.id, 'do-ochtend').kind).toBe('vrij');
    expect(cell(sanne.id, 'vr-middag')).toMatchObject({ kind: 'gesloten', closed: { nl: 'Studiedag' } });
    expect(cell(sanne.id, 'di-middag').kind).toBe('geen');
    expect(row(sanne.id).free).toEqual(['do-ochtend']);
    expect(cell(mo.id, 'di-ochtend')).toMatchObject({ kind: 'vrij', absent: 'afwezig' });
    expect(cell(mo.id, 'wo-middag')).toMatchObject({ kind: 'klant', clients: [{ paused: true }] });
  });

  it('lists the clients waiting for a student and those whose student left, and sets supply against demand', () => {
    expect(plan.waiting.map((w) => [w.client.title, w.perWeek])).toEqual([['Wim', 3]]);
    expect(plan.orphaned.map((o) => o.client.title)).toEqual(['An']);
    // Sanne: di-ochtend, do-ochtend (vr-middag closed); Mo: di-ochtend, wo-middag.
    expect(plan.totals).toEqual({
      students: 3,
      takingClients: 2,
      supply: 4,
      planned: 1,
      free: 3,
      demand: 2 + 3 + 1,
      waiting: 1,
      clients: 2,
    });
  });

  it('finds who could cover an absent student, and what a student does on a day', () => {
    expect(coverFor(plan, '2026-12-03', 'do-ochtend', new Set()).map((s) => s.id)).toEqual([sanne.id]);
    expect(coverFor(plan, '2026-12-01', 'di-ochtend', new Set([mo.id]))).toEqual([]);
    expect(studentDay(plan, sanne.id, '2026-12-01').map((c) => c.kind)).toEqual(['klant', 'geen']);
  });
});

describe('half-days and weeks', () => {
  it('knows the week a day is in and the half-days of a date', () => {
    expect(weekStart('2026-12-03')).toBe('2026-11-30');
    expect(weekStart('2026-12-06')).toBe('2026-11-30');
    expect(isoWeek('2026-12-03')).toEqual({ year: 2026, week: 49 });
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(halfDaysOn('2026-12-02')).toEqual(['wo-ochtend', 'wo-middag']);
    expect(halfDaysOn('2026-12-05')).toEqual([]);
    expect(dateOfHalfDay('2026-11-30', 'vr-middag')).toBe('2026-12-04');
    expect(halfDayLabel('do-middag')).toEqual({ nl: 'donderdag middag', en: 'Thursday afternoon' });
  });
});

describe('the call list', () => {
  const moments = defaultSchedule.moments;
  const students = [
    { id: 'a', expected: true },
    { id: 'b', expected: true },
    { id: 'c', expected: true },
    { id: 'd', expected: false },
  ];
  const day = '2026-12-02';
  // 09:40 in Venray: past the start of the day's call time (09:30).
  const now = new Date('2026-12-02T08:40:00Z');
  const checks: Check[] = [
    { student: 'a', moment: 'begin', status: 'aanwezig' },
    { student: 'b', moment: 'begin', status: 'afgemeld' },
  ];

  it('lists, once past the call time, everyone expected whom nobody saw; not who called in, nor who is not expected', () => {
    expect(callList({ day, today: day, now, moments, students, checks, calls: [] })).toEqual([
      { student: 'c', moment: 'begin', why: 'niet-gezien' },
    ]);
    const early = new Date('2026-12-02T08:20:00Z');
    expect(callList({ day, today: day, now: early, moments, students, checks, calls: [] })).toEqual([]);
    // Another day holds only the recorded absences.
    expect(callList({ day: '2026-12-01', today: day, now, moments, students, checks, calls: [] })).toEqual([]);
  });

  it('keeps a student on the list until reached; an undone call counts for nothing', () => {
    const calls = [{ student: 'c', moment: 'begin', outcome: 'niet-bereikt' as const, undone: false }];
    expect(callList({ day, today: day, now, moments, students, checks, calls })).toHaveLength(1);
    const reached = [...calls, { student: 'c', moment: 'begin', outcome: 'bereikt' as const, undone: false }];
    expect(callList({ day, today: day, now, moments, students, checks, calls: reached })).toEqual([]);
    const undone = [{ ...reached[1], undone: true }];
    expect(callList({ day, today: day, now, moments, students, checks, calls: undone })).toHaveLength(1);
  });

  it('phones at lunch who was there in the morning but not seen since', () => {
    const lunch = new Date('2026-12-02T12:05:00Z');
    const seen: Check[] = [...checks, { student: 'c', moment: 'begin', status: 'te-laat' }];
    expect(callList({ day, today: day, now: lunch, moments, students, checks: seen, calls: [] })).toEqual([
      { student: 'a', moment: 'middag', why: 'niet-gezien' },
      { student: 'c', moment: 'middag', why: 'niet-gezien' },
    ]);
  });

  it('says which half-days an absent student misses', () => {
    const c = (student: string, moment: string, status: Check['status']): Check => ({ student, moment, status });
    expect(partStarts(moments)).toEqual({ ochtend: 'begin', middag: 'middag' });
    expect(missedParts(moments, [c('x', 'begin', 'afwezig')], 'x')).toEqual(['ochtend', 'middag']);
    expect(missedParts(moments, [c('x', 'begin', 'afwezig'), c('x', 'middag', 'aanwezig')], 'x')).toEqual(['ochtend']);
    expect(missedParts(moments, [c('x', 'begin', 'aanwezig'), c('x', 'middag', 'afgemeld')], 'x')).toEqual(['middag']);
    expect(missedParts(moments, [c('x', 'einde', 'afwezig')], 'x')).toEqual([]);
  });

  it('checks a schedule: moments in the order of the day, each phoned after it begins', () => {
    expect(scheduleProblems(defaultSchedule)).toEqual([]);
    const wrong = scheduleProblems({
      lessons: [{ halfDay: 'ma-ochtend' }, { halfDay: 'ma-ochtend' }],
      moments: [moments[1], { ...moments[0], callAfter: '08:00' }],
    });
    expect(wrong.map((p) => p.path)).toEqual(['lessons.1.halfDay', 'moments.1.callAfter', 'moments.1.at']);
  });
});

describe('validating the planning', () => {
  it('finds nothing in the shipped workflows, and names wrong planning fields and flags', () => {
    for (const d of shippedWorkflows()) expect(validateDefinition(d).filter((p) => p.severity === 'error')).toEqual([]);
    const bad: Definition = structuredClone(student);
    bad.planning = { halfDaysField: 'instroomroute', phoneField: 'geenVeld', wishField: 'naam' };
    bad.machine.states.afgewezen.meta = { ...bad.machine.states.afgewezen.meta, takesClients: true };
    const exBad: Definition = structuredClone(client);
    (exBad.machine.states.matching.on!.GEMATCHT as { meta: { exclusive: { count: string } } }).meta.exclusive.count =
      'naam';
    const paths = [...validateDefinition(bad), ...validateDefinition(exBad)].map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'planning.halfDaysField',
        'planning.phoneField',
        'planning.wishField',
        'machine.states.afgewezen.meta.takesClients',
        'machine.states.matching.on.GEMATCHT.meta.exclusive.count',
      ]),
    );
    const noPlanning: Definition = structuredClone(student);
    delete noPlanning.planning;
    expect(validateDefinition(noPlanning).find((p) => p.path.endsWith('meta.takesClients'))?.severity).toBe('warning');
  });
});
