import { describe, expect, it } from 'vitest';
import { shippedWorkflows } from '../workflows';
import { applyEvent, fireTimer, startCase, type PersistedSnapshot } from './cases';
import { progress, relevantItems } from './progress';

const def = shippedWorkflows().find((d) => d.key === 'student-traject')!;
const staff = { role: 'staff' as const, function: 'coordinator' as const };
const day = 86_400_000;

function enrolled(route: string): { s: PersistedSnapshot; at: Date } {
  let at = new Date('2026-08-20T09:00:00Z');
  const r = startCase(def, { naam: 'x', aanmelder: 'uwv', instroomroute: route }, at);
  if (!r.ok) throw new Error();
  let s = r.snapshot;
  const timers = [...r.timers.schedule];
  const step = (type: string, data: Record<string, unknown>) => {
    const a = applyEvent(def, s, { type, data }, staff, at);
    if (!a.ok) throw new Error(`${type}: ${a.message.en}`);
    s = a.snapshot;
    timers.push(...a.timers.schedule);
  };
  step('INTAKE_PLANNEN', { intakeDatum: '2026-08-27' });
  step('MATCH', { taalniveau: 'b1', coach: 'Ans' });
  step('INGESCHREVEN', {
    inschrijfdatum: '2026-09-01',
    niveau: '2',
    startmoment: 'september',
    ...(route === 'bijstand' ? { behoudUitkering: true } : {}),
  });
  at = new Date(at.getTime() + 90 * day);
  // The start moment, then the ten weeks it starts: each due timer fired, the ones they set too.
  for (let t = timers.shift(); t; t = timers.shift()) {
    if (Date.parse(t.due) > at.getTime()) continue;
    const f = fireTimer(def, s, t.event, new Date(t.due));
    if (f.ok) s = f.snapshot;
    if (f.ok) timers.push(...f.timers.schedule);
  }
  step('LEERROUTE_AFGESPROKEN', {
    duur: '12',
    leerroute: 'x',
    dagdelen: ['ma-ochtend'],
    coach: 'Ans',
    coordinator: 'Mieke',
  });
  return { s, at };
}

describe('progress against the plan', () => {
  it('counts only the sign-off items of the route the student can still take', () => {
    const ids = (route: string) => relevantItems(def, enrolled(route).s).map((i) => i.id.split('-')[0]);
    expect(new Set(ids('gilde'))).toEqual(new Set(['intro', 'welzijn', 'zorg']));
    expect(new Set(ids('ww'))).toEqual(new Set(['intro', 'welzijn', 'werkgever']));
  });

  it('plans the end from the start date and duration, and flags a student behind the plan', () => {
    const { s } = enrolled('gilde');
    const early = progress(def, s, new Date('2026-10-01T00:00:00Z'));
    expect(early).toMatchObject({ start: '2026-09-01', plannedEnd: '2027-09-01', signed: 0, total: 13, behind: false });
    const late = progress(def, s, new Date('2027-06-01T00:00:00Z'));
    expect(late.elapsed).toBeCloseTo(0.75, 1);
    expect(late.behind).toBe(true);
  });
});
