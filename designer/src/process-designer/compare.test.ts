import { describe, expect, it } from 'vitest';
import { diffDefinitions, type Definition } from '../../../engine';
import student from '../../../workflows/student-traject.json';
import { marksFor, removedGhosts } from './Compare';
import { applyEdit } from './model/model';

const v1 = student as unknown as Definition;

describe('comparing two versions on the graph', () => {
  it('colours what is new and changed, and draws what was removed as ghosts with their arrows', () => {
    let v2 = applyEdit(v1, { kind: 'deleteState', path: 'uitgepland' });
    v2 = applyEdit(v2, { kind: 'addState', parent: '', key: 'voorgesprek', label: { nl: 'Voorgesprek' } });
    v2 = applyEdit(v2, {
      kind: 'addTransition',
      source: 'intake',
      event: 'WACHTEN',
      target: 'voorgesprek',
      label: { nl: 'Naar het voorgesprek' },
    });
    v2 = applyEdit(v2, { kind: 'updateState', path: 'intake', label: { nl: 'Intakegesprek' } });
    const changes = diffDefinitions(v1, v2);
    const marks = marksFor(v2, changes);
    expect(marks.get('voorgesprek')).toBe('added');
    expect(marks.get('intake|on|WACHTEN|0')).toBe('added');
    expect(marks.get('intake')).toBe('changed');
    expect(marks.has('aanmelding')).toBe(false);

    const ghosts = removedGhosts(v1, v2, changes);
    expect(ghosts.nodes.map((n) => n.id)).toEqual(['uitgepland']);
    // The pause came from the steps of the placement; those arrows are drawn as removed too.
    expect(ghosts.edges.length).toBeGreaterThan(0);
    expect(
      ghosts.edges.every(
        (e) => e.id.startsWith('removed:') && (e.source === 'uitgepland' || e.target === 'uitgepland'),
      ),
    ).toBe(true);
    expect(removedGhosts(v1, v1, diffDefinitions(v1, v1))).toEqual({ nodes: [], edges: [] });
  });

  it("colours a new step's own arrows as new with it", () => {
    let v2 = applyEdit(v1, { kind: 'addState', parent: '', key: 'voorgesprek', label: { nl: 'Voorgesprek' } });
    v2 = applyEdit(v2, {
      kind: 'addTransition',
      source: 'voorgesprek',
      event: 'TERUG',
      target: 'intake',
      label: { nl: 'Terug naar intake' },
    });
    const marks = marksFor(v2, diffDefinitions(v1, v2));
    expect(marks.get('voorgesprek')).toBe('added');
    expect(marks.get('voorgesprek|on|TERUG|0')).toBe('added');
  });
});
