import { describe, expect, it } from 'vitest';
import type { Definition } from '../../../../engine';
import student from '../../../../workflows/student-traject.json';
import { publishImpact } from './impact';
import { applyEdit } from './model';

const v1 = student as unknown as Definition;

describe('what publishing does to running cases', () => {
  it('says per step whether the draft keeps it, changes it, has it elsewhere or lacks it, and when the start moves', () => {
    let draft = applyEdit(v1, { kind: 'deleteState', path: 'uitgepland' });
    draft = applyEdit(draft, { kind: 'updateState', path: 'intake', label: { nl: 'Intakegesprek' } });
    draft = applyEdit(draft, { kind: 'addState', parent: '', key: 'voorgesprek', label: { nl: 'Voorgesprek' } });
    draft = applyEdit(draft, { kind: 'setInitial', parent: '', key: 'voorgesprek' });
    const running = [
      { version: 1, state: 'aanmelding', label: 'Aanmelding', cases: 3 },
      { version: 1, state: 'intake', label: 'Intake', cases: 2 },
      { version: 1, state: 'uitgepland', label: 'Stage uitgepland', cases: 1 },
    ];
    const impact = publishImpact(v1, draft, running, new Map([[1, v1]]));
    expect(impact.steps.map((s) => [s.state, s.fate, s.to])).toEqual([
      ['aanmelding', 'same', 'aanmelding'],
      ['intake', 'changed', 'intake'],
      ['uitgepland', 'gone', undefined],
    ]);
    expect(impact.start).toEqual({
      from: { nl: 'Aanmelding', en: 'Registration' },
      to: { nl: 'Voorgesprek', en: 'Voorgesprek' },
    });
    // A version without its definition at hand is left out rather than guessed.
    expect(publishImpact(v1, v1, running, new Map()).steps).toEqual([]);
  });
});
