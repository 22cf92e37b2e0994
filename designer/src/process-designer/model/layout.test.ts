import { describe, expect, it } from 'vitest';
import type { Definition } from '../../../../engine';
import student from '../../../../workflows/student-traject.json';
import { autoLayout, newStep, placeBoxes, stepBox } from './layout';
import { applyEdit, toGraph, type StepNode } from './model';

describe('step boxes', () => {
  const step = (nl: string, extra: Partial<StepNode> = {}): StepNode => ({
    id: 's',
    label: { nl, en: nl },
    kind: 'atomic',
    initial: false,
    checklist: 0,
    staying: 0,
    depth: 1,
    ...extra,
  });
  it('grow with a long name and detail, and keep the usual size for a short one', () => {
    expect(stepBox(step('Intake'))).toEqual({ width: 190, height: 62 });
    const long = stepBox(step('Gesprek over de voortgang met de praktijkbegeleider en de docent', { checklist: 3 }));
    expect(long.width).toBe(190);
    expect(long.height).toBeGreaterThanOrEqual(20 + 4 * 17 + 2 + 15);
  });
});

describe('a new step', () => {
  it('stands beside the selected step, at its height, and every other step keeps its place', async () => {
    const def = student as Definition;
    const { nodes, edges } = toGraph(def);
    const boxes = placeBoxes(nodes, await autoLayout(nodes, edges));
    const { edit, path } = newStep(def, boxes, { state: 'intake' }, '', 'Voorgesprek');
    expect(path).toBe('voorgesprek');
    if (edit.kind !== 'addState') throw new Error(edit.kind);
    const intake = boxes.intake;
    expect(edit.positions?.[path]).toEqual({ x: Math.round(intake.x + intake.width + 40), y: Math.round(intake.y) });
    expect(edit.positions?.aanmelding).toEqual({
      x: Math.round(boxes.aanmelding.x),
      y: Math.round(boxes.aanmelding.y),
    });
    // Without a selection it goes right of everything at the top level.
    const alone = newStep(def, boxes, null, '', 'Voorgesprek').edit;
    if (alone.kind !== 'addState') throw new Error(alone.kind);
    const right = Math.max(...nodes.filter((n) => !n.parent).map((n) => boxes[n.id].x + boxes[n.id].width));
    expect(alone.positions?.voorgesprek.x).toBeGreaterThan(right);
    expect(applyEdit(def, edit).machine.states!.voorgesprek).toBeDefined();
  }, 30_000); // elk lays out the whole trajectory, which has the parallel step's regions since issue 23
});
