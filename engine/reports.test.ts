import { describe, expect, it } from 'vitest';
import { shippedWorkflows } from '../workflows';
import { outcomeReport, type ReportCase } from './reports';

const student = shippedWorkflows().find((d) => d.key === 'student-traject')!;
const client = shippedWorkflows().find((d) => d.key === 'client-hulpvraag')!;
const at = (d: string) => new Date(`${d}T09:00:00Z`);

function clientCase(
  halfDays: string[],
  history: [string, string | null, string][],
  state: string,
  outcome: string | null = null,
): ReportCase {
  return {
    def: client,
    data: { naam: 'x', dagdelen: halfDays },
    state,
    outcome,
    createdAt: at(history[0][0]),
    history: history.map(([d, from, to]) => ({ at: at(d), from, to })),
  };
}

describe('outcomeReport', () => {
  it('counts informal care from the hours of the help sessions done, with the half-days planned while the help ran beside it (no hours assumed for them)', () => {
    const ten = clientCase(
      ['ma-ochtend', 'do-middag'],
      [
        ['2026-01-05', null, 'hulpvraag'],
        ['2026-01-12', 'hulpvraag', 'matching'],
        ['2026-01-19', 'matching', 'actief.loopt'],
        ['2026-03-30', 'actief.loopt', 'afgesloten'],
      ],
      'afgesloten',
      'afgesloten',
    );
    const running = clientCase(
      ['wo-ochtend'],
      [
        ['2026-06-01', null, 'hulpvraag'],
        ['2026-06-08', 'hulpvraag', 'actief.loopt'],
      ],
      'actief.loopt',
    );
    // Four weeks of help, four weeks paused, two more weeks: the pause is not planned help.
    const paused = clientCase(
      ['vr-middag'],
      [
        ['2026-02-02', null, 'hulpvraag'],
        ['2026-02-09', 'hulpvraag', 'actief.loopt'],
        ['2026-03-09', 'actief.loopt', 'gepauzeerd'],
        ['2026-04-06', 'gepauzeerd', 'actief.loopt'],
        ['2026-04-20', 'actief.loopt', 'afgesloten'],
      ],
      'afgesloten',
      'afgesloten',
    );
    const done = (client: string, day: string, hours = 3) => ({ workflow: 'client-hulpvraag', client, day, hours });
    const sessions = [
      ...['2026-01-19', '2026-01-22', '2026-01-26', '2026-01-29', '2026-02-02', '2026-02-05', '2026-02-09'].map((d) =>
        done('ten', d),
      ),
      done('ten', '2026-02-12', 2.5),
      ...['2026-06-10', '2026-06-17', '2026-06-24'].map((d) => done('running', d)),
      // Outside the period, and another workflow's: not counted.
      done('ten', '2025-12-29'),
      { workflow: 'elders', client: 'x', day: '2026-03-03', hours: 3 },
    ];
    const r = outcomeReport(
      [ten, running, paused],
      { from: '2026-01-01', to: '2026-12-31' },
      at('2026-07-06'),
      [student, client],
      sessions,
    );
    // Done: 7 × 3 + 2.5 + 3 × 3 = 32.5 h by two clients in 11 sessions. Planned: 10 weeks × 2 = 20
    // half-days, 4 weeks so far × 1 = 4, and 6 weeks of help × 1 = 6 (not the pause).
    expect(r.care).toEqual([
      {
        hours: 32.5,
        plannedHalfDays: 30,
        target: 10000,
        from: '2026-01-01',
        to: '2026-12-31',
        clients: 2,
        sessions: 11,
      },
    ]);
    expect(r.capacity.find((c) => c.workflow === 'client-hulpvraag')).toMatchObject({ now: 1, places: 80 });
    // A period that starts after today holds no care yet, and aims for none.
    const later = outcomeReport([ten, running], { from: '2027-01-01' }, at('2026-07-06'), [student, client], sessions);
    expect(later.care).toEqual([
      { hours: 0, plannedHalfDays: 0, target: 0, from: '2027-01-01', to: '2027-01-01', clients: 0, sessions: 0 },
    ]);
  });

  it('measures stays per step (median and spread) and names the step people leave from', () => {
    const s = (days: number, outcome: string | null): ReportCase => ({
      def: student,
      data: {
        naam: 's',
        inschrijfdatum: '2026-09-01',
        startmoment: 'september',
        instroomroute: 'gilde',
        redenVertrek: outcome ? 'Verhuisd' : undefined,
      },
      state: outcome ? 'zonder-diploma' : 'opleiding.leerbedrijf.school.welzijnsstage',
      outcome,
      createdAt: at('2026-08-01'),
      history: [
        { at: at('2026-09-01'), from: 'inschrijving', to: 'opleiding.leerbedrijf.school.introductie.lopend' },
        {
          at: new Date(at('2026-09-01').getTime() + days * 86_400_000),
          from: 'opleiding.leerbedrijf.school.introductie.lopend',
          to: outcome ? 'zonder-diploma' : 'opleiding.leerbedrijf.school.welzijnsstage',
        },
      ],
    });
    const r = outcomeReport([s(10, 'zonder-diploma'), s(70, null), s(80, null)], {}, at('2027-01-01'), [student]);
    expect(r.flow.find((f) => f.state === 'opleiding.leerbedrijf.school.introductie.lopend')).toMatchObject({
      open: 0,
      stays: 3,
      medianDays: 70,
      p25Days: 40,
      p75Days: 75,
    });
    expect(r.flow.find((f) => f.state === 'opleiding.leerbedrijf.school.welzijnsstage')).toMatchObject({
      open: 2,
      stays: 0,
    });
    expect(r.exits).toEqual([
      {
        workflow: 'student-traject',
        state: 'opleiding.leerbedrijf.school.introductie.lopend',
        label: expect.objectContaining({ nl: expect.stringContaining('Introductieprogramma') }),
        count: 1,
      },
    ]);
    expect(r.totals).toMatchObject({
      started: 3,
      without: 1,
      running: 2,
      rate: 0,
      reasons: [{ reason: 'Verhuisd', count: 1 }],
    });
    expect(r.capacity.find((c) => c.workflow === 'student-traject')).toMatchObject({ now: 2, warning: true });
  });

  it('does not count who never started (no enrolment) among the students', () => {
    const notEnrolled: ReportCase = {
      def: student,
      data: { naam: 'n', instroomroute: 'gilde' },
      state: 'afgewezen',
      outcome: 'afgewezen-bij-intake',
      createdAt: at('2026-01-01'),
      history: [],
    };
    expect(outcomeReport([notEnrolled], {}, at('2026-02-01'), [student]).totals.started).toBe(0);
  });

  it('counts the places taken from the step a place is held in, and lists who waits in the order they came, with their days', () => {
    const student_ = (state: string, history: [string, string | null, string][], data = {}): ReportCase => ({
      def: student,
      data: { naam: 'x', instroomroute: 'gilde', ...data },
      state,
      outcome: null,
      createdAt: at(history[0][0]),
      history: history.map(([d, from, to]) => ({ at: at(d), from, to })),
    });
    const enrolling = student_('inschrijving', [
      ['2026-08-01', null, 'aanmelding'],
      ['2026-08-20', 'intake', 'inschrijving'],
    ]);
    const atEmployer = student_('opleiding.werkgever', [['2026-01-01', null, 'opleiding.werkgever']], {
      inschrijfdatum: '2026-01-01',
    });
    const second = student_('wachtlijst', [
      ['2026-09-01', null, 'aanmelding'],
      ['2026-09-20', 'intake', 'wachtlijst'],
    ]);
    const first = student_('wachtlijst', [
      ['2026-08-01', null, 'aanmelding'],
      ['2026-09-11', 'intake', 'wachtlijst'],
    ]);
    const r = outcomeReport([enrolling, atEmployer, second, first], {}, at('2026-10-01'), [student], [], {
      places: { 'student-traject': 1 },
    });
    // Being enrolled holds the place; a WW student at the employer has left the site's places; the waiting list holds none.
    expect(r.capacity.find((c) => c.workflow === 'student-traject')).toMatchObject({ now: 1, places: 1, minimum: 22 });
    expect(r.waiting).toEqual([
      expect.objectContaining({
        workflow: 'student-traject',
        steps: ['wachtlijst'],
        count: 2,
        days: [20, 11],
        medianDays: 15.5,
      }),
    ]);
  });
});
