import { describe, expect, it } from 'vitest';
import type { Definition } from '../../../../engine';
import student from '../../../../workflows/student-traject.json';
import client from '../../../../workflows/client-hulpvraag.json';
import horst from '../../../../workflows/variants/horst-student-traject.wlb.json';
import kinderopvang from '../../../../workflows/variants/venray-student-kinderopvang.wlb.json';
import { autoLayout, groupHeader, placeBoxes, type Box } from './layout';
import { toGraph } from './model';
import { absoluteBoxes, drawEdges, labelBox, obstacles, pointAlong, route, routesOf, shapesOf } from './routes';

/** Every shipped workflow and variant (a new variant joins this list). */
const shipped: [string, Definition][] = [
  ['student-traject', student as Definition],
  ['client-hulpvraag', client as Definition],
  ['horst-student-traject', horst.definition as Definition],
  ['venray-student-kinderopvang', kinderopvang.definition as Definition],
];

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function drawn(def: Definition) {
  const { nodes, edges } = toGraph(def);
  const boxes = placeBoxes(nodes, await autoLayout(nodes, edges), def.layout?.positions);
  return { nodes, edges, ...drawEdges(nodes, edges, boxes, 'nl') };
}

/** Labels over a step's box (a group counts by its title strip) and over each other. */
function collisions(d: Awaited<ReturnType<typeof drawn>>) {
  const labels = [...d.labels].map(([id, place]) => ({
    id,
    box: labelBox(d.routes.get(id)!, place, d.sizes.get(id)!),
  }));
  const steps = d.nodes.map((n) => ({
    id: n.id,
    box: n.kind === 'compound' || n.kind === 'parallel' ? { ...d.abs[n.id], height: groupHeader(n) } : d.abs[n.id],
  }));
  return [
    ...labels.flatMap((l) => steps.filter((s) => overlaps(l.box, s.box)).map((s) => `${l.id} over ${s.id}`)),
    ...labels.flatMap((a, i) =>
      labels
        .slice(i + 1)
        .filter((b) => overlaps(a.box, b.box))
        .map((b) => `${a.id} × ${b.id}`),
    ),
  ];
}

describe('arrow labels', () => {
  it.each(shipped)('on %s, no label covers a step or another label', async (_, def) => {
    const d = await drawn(def);
    expect(d.labels.size).toBe(d.edges.length);
    expect(collisions(d)).toEqual([]);
  });

  it('an arrow from a step to itself loops beside the step, with its label beside it too', async () => {
    const def = structuredClone(client as Definition);
    const intake = def.machine.states!.huisbezoek;
    intake.on = { ...intake.on, NOG_EEN_BEZOEK: { target: 'huisbezoek', meta: { label: { nl: 'Nog een bezoek' } } } };
    const d = await drawn(def);
    const loop = d.edges.find((e) => e.ref.key === 'NOG_EEN_BEZOEK')!;
    const step = d.abs.huisbezoek;
    const points = d.routes.get(loop.id)!;
    // The loop's far side runs right of the step, and only its ends touch the step's edges.
    expect(Math.max(...points.map((p) => p.x))).toBeGreaterThan(step.x + step.width);
    const inner = points.slice(1, -1);
    expect(inner.every((p) => !overlaps({ ...p, width: 0.1, height: 0.1 }, step))).toBe(true);
    const label = labelBox(points, d.labels.get(loop.id)!, d.sizes.get(loop.id)!);
    expect(overlaps(label, step)).toBe(false);
    expect(collisions(d)).toEqual([]);
  });
});

describe('routes', () => {
  it('on the shipped workflows, run across where their lines go through fewer steps than across the middle', async () => {
    const through = async (def: Definition, avoid: boolean) => {
      const { nodes, edges } = toGraph(def);
      const abs = absoluteBoxes(nodes, placeBoxes(nodes, await autoLayout(nodes, edges)));
      const blocked = obstacles(nodes, abs);
      const routes = routesOf(edges, abs, shapesOf(edges, abs, avoid ? blocked : []));
      return edges.flatMap((e) => {
        const points = routes.get(e.id)!;
        return points.slice(1).flatMap((b, i) => {
          const a = points[i];
          const line = {
            x: Math.min(a.x, b.x),
            y: Math.min(a.y, b.y),
            width: Math.abs(b.x - a.x),
            height: Math.abs(b.y - a.y),
          };
          return blocked.filter((o) => o !== abs[e.source] && o !== abs[e.target] && overlaps(line, o));
        });
      }).length;
    };
    let [before, after] = [0, 0];
    for (const [, def] of shipped) {
      const [middle, chosen] = [await through(def, false), await through(def, true)];
      expect(chosen).toBeLessThanOrEqual(middle);
      [before, after] = [before + middle, after + chosen];
    }
    // 61 crossings across the middle, 42 where chosen, when this was written.
    expect(after).toBeLessThan(before * 0.8);
  }, 30_000);

  const shape = { rank: 0, lane: 0, sourceWidth: 190, targetWidth: 190, loop: false };
  it('go down with one bend between the steps, and back up beside both', () => {
    expect(route({ x: 100, y: 100 }, { x: 300, y: 200 }, shape)).toEqual([
      { x: 100, y: 100 },
      { x: 100, y: 150 },
      { x: 300, y: 150 },
      { x: 300, y: 200 },
    ]);
    const up = route({ x: 100, y: 300 }, { x: 300, y: 100 }, shape);
    // Right of both steps (the target's right edge at 395), never through them.
    expect(Math.max(...up.map((p) => p.x))).toBeGreaterThan(395);
    expect(up[0]).toEqual({ x: 100, y: 300 });
    expect(up.at(-1)).toEqual({ x: 300, y: 100 });
  });

  it('a point along a route is measured by length', () => {
    const points = [
      { x: 0, y: 0 },
      { x: 0, y: 10 },
      { x: 30, y: 10 },
    ];
    expect(pointAlong(points, 0.5)).toEqual({ x: 10, y: 10, upright: false });
    expect(pointAlong(points, 0.1)).toEqual({ x: 0, y: 4, upright: true });
  });
});
