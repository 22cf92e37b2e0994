import { describe, expect, it } from 'vitest';
import { errorsOnly, indexStates, validateDefinition, type Definition } from '../../../../engine';
import student from '../../../../workflows/student-traject.json';
import { Walk } from '../../../../workflows/walk';
import { applyEdit, transitionsOfDefinition } from './model';
import { nextTimer, passTime, timerForm, timerKey, type SimClock } from './time';

const def = student as unknown as Definition;
const who = { role: 'staff' as const, function: 'docent' as const, username: 'proef' };
const errors = (d: Definition) => errorsOnly(validateDefinition(d)).map((p) => `${p.path}: ${p.message.en}`);

describe("a timer's key as choices", () => {
  it.each([
    ['10w', { kind: 'duration', duration: '10w' }],
    ['6mo2w', { kind: 'duration', duration: '6mo2w' }],
    ['@geplandEinde', { kind: 'field', field: 'geplandEinde', shift: 'on', duration: '1w' }],
    ['@geplandEinde-6mo', { kind: 'field', field: 'geplandEinde', shift: 'before', duration: '6mo' }],
    ['@zorgstageStart+3mo', { kind: 'field', field: 'zorgstageStart', shift: 'after', duration: '3mo' }],
    ['@02-01,09-01', { kind: 'dates', dates: ['02-01', '09-01'] }],
  ])('reads %s and writes it back', (key, form) => {
    expect(timerForm(key)).toEqual(form);
    expect(timerKey(timerForm(key)!)).toBe(key);
  });

  it('keeps dates of the year sorted and once each', () => {
    expect(timerKey({ kind: 'dates', dates: ['09-01', '02-01', '09-01'] })).toBe('@02-01,09-01');
  });
});

describe('time edits the engine runs', () => {
  const intro = {
    source: 'opleiding.leerbedrijf.school.introductie.lopend',
    on: 'after' as const,
    key: '10w',
    index: 0,
  };

  it('moves a timer to a date field and back, with its settings and a deadline on a step and an action', () => {
    let d = applyEdit(def, { kind: 'updateTransition', ref: intro, duration: '@inschrijfdatum+10w', openDays: true });
    const moved = transitionsOfDefinition(d).find((t) => t.ref.source === intro.source && t.ref.on === 'after')!;
    expect(moved.ref.key).toBe('@inschrijfdatum+10w');
    expect(moved.config.meta).toMatchObject({ resume: 'remaining', openDays: true });
    d = applyEdit(d, { kind: 'updateTransition', ref: moved.ref, resume: null, openDays: false });
    const settled = transitionsOfDefinition(d).find((t) => t.ref.source === intro.source && t.ref.on === 'after')!;
    expect(settled.config.meta?.resume).toBeUndefined();
    expect(settled.config.meta?.openDays).toBeUndefined();

    d = applyEdit(d, {
      kind: 'updateState',
      path: 'intake',
      due: { within: '3w', functions: ['coordinator'], openDays: true },
    });
    const match = transitionsOfDefinition(d).find((t) => t.ref.source === 'intake' && t.ref.on === 'on')!;
    d = applyEdit(d, { kind: 'updateTransition', ref: match.ref, due: { by: 'intakeDatum', minus: '2d' } });
    expect(errors(d)).toEqual([]);
    d = applyEdit(d, { kind: 'updateState', path: 'intake', due: null });
    expect(JSON.stringify(d.machine.states.intake.meta)).not.toContain('"due"');
    // A date field that is not a date is the validator's to name.
    const wrong = applyEdit(d, { kind: 'updateTransition', ref: settled.ref, duration: '@naam' });
    expect(errors(wrong).some((e) => e.includes('@naam'))).toBe(true);
  });
});

describe('letting time pass in a test run', () => {
  /** A student enrolled in August who starts on 1 September: the ten weeks run from then. */
  function inIntroduction(): SimClock {
    const data = { naam: 'Proef', aanmelder: 'gemeente-venray', instroomroute: 'gilde' };
    const walk = new Walk(def, data, who, new Date('2026-08-20T09:00:00Z'))
      .do('INTAKE_PLANNEN', { intakeDatum: '2026-08-27' })
      .wait(7)
      .do('MATCH', {
        taalniveau: 'op-weg-naar-b1',
        belemmeringen: ['jonge-kinderen'],
        ondersteuning: 'Lesrooster rond schooltijden',
        coach: 'Ans',
        intakeVerslag: 'Wil graag in de zorg werken.',
      })
      .do('INGESCHREVEN', { inschrijfdatum: '2026-09-01', niveau: '2', startmoment: 'september' })
      .wait(5);
    expect(walk.state).toBe('opleiding.leerbedrijf.school.introductie.lopend');
    return { snapshot: walk.s, timers: [...walk.timers.values()].map((t) => ({ ...t, id: t.event })), now: walk.now };
  }

  it('ends the ten weeks on their day and notes the deadline that passes after', () => {
    const start = inIntroduction();
    expect(nextTimer(start)?.due).toBe('2026-11-09T23:00:00.000Z');
    const r = passTime(def, start, new Date('2026-11-30T09:00:00Z'));
    if (!r.ok) throw new Error(r.message.en);
    expect(r.clock.now.toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(r.passed.map((p) => [p.kind, p.at.slice(0, 10), p.label.nl])).toEqual([
      ['timer', '2026-11-09', 'Tien weken voorbij (na 10 weken)'],
      ['deadline', '2026-11-23', 'Duur en leerroute vaststellen'],
    ]);
    // The start state is never changed: stepping back is exact.
    expect(start.snapshot.value).toEqual({
      opleiding: { leerbedrijf: { school: { introductie: 'lopend' }, wijk: 'voorbereiding' } },
    });
  });

  it("counts a deadline's open days on the site's calendar", () => {
    const path = 'opleiding.leerbedrijf.school.introductie.vaststellen';
    const due = indexStates(def).byPath.get(path)!.config.meta!.due!;
    const open = applyEdit(def, { kind: 'updateState', path, due: { ...due, openDays: true } });
    const calendar = { closed: [{ from: '2026-11-16', to: '2026-11-20' }] };
    const r = passTime(open, inIntroduction(), new Date('2026-12-05T09:00:00Z'), { calendar });
    if (!r.ok) throw new Error(r.message.en);
    // Two weeks from 10 November, and the five closed days after: 29 November, 00:00 in the Netherlands.
    expect(r.passed.filter((p) => p.kind === 'deadline').map((p) => p.at)).toEqual(['2026-11-28T23:00:00.000Z']);
  });

  it('passes nothing when no timer or deadline falls in the time', () => {
    const start = inIntroduction();
    const r = passTime(def, start, new Date('2026-09-20T09:00:00Z'));
    if (!r.ok) throw new Error(r.message.en);
    expect(r.passed).toEqual([]);
    expect(r.clock.snapshot).toBe(start.snapshot);
  });
});
