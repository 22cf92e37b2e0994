import { describe, expect, it } from 'vitest';
import { holdsPlace } from '.';
import { shippedWorkflows } from '../workflows';

describe('holdsPlace on the Venray student trajectory', () => {
  const def = shippedWorkflows().find((d) => d.key === 'student-traject')!;

  it('holds a place from enrolment through the programme, a pause and a leave', () => {
    for (const state of [
      'inschrijving',
      'wacht-op-start',
      'opleiding.leerbedrijf.school.welzijnsstage',
      'uitgepland',
      'verlof',
    ])
      expect(holdsPlace(def, state, {}), state).toBe(true);
  });

  it('holds none while waiting for one, at the employer, or after the diploma in follow-up', () => {
    // A student followed up for a year after leaving would otherwise keep someone else off the list.
    for (const state of [
      'wachtlijst',
      'opleiding.werkgever',
      'nazorg.wacht-zes',
      'nazorg.twaalf-maanden',
      'uitgestroomd',
    ])
      expect(holdsPlace(def, state, {}), state).toBe(false);
  });

  it('holds none in follow-up even for a workflow that names no steps of its own (every open case counts there)', () => {
    const { activeIn: _steps, ...reports } = def.reports!;
    const open = { ...def, reports };
    const enrolled = { inschrijfdatum: '2026-09-01' };
    expect(holdsPlace(open, 'opleiding.leerbedrijf.school.welzijnsstage', enrolled)).toBe(true);
    expect(holdsPlace(open, 'nazorg.wacht-zes', enrolled)).toBe(false);
  });
});
