/**
 * Where the diagram's arrows run and where their labels stand: plain geometry on the boxes of
 * the layout, so that what the diagram draws can be checked on every shipped workflow without a
 * browser. The diagram draws each arrow along `route` and its label where `placeLabels` put it.
 */
import { say, type Locale } from '../../../../engine/text';
import { groupHeader, type Box } from './layout';
import type { StepNode, TransitionEdge } from './model';

export interface Point {
  x: number;
  y: number;
}

/** An arrow's place among those leaving its step (`rank`) and among those with its source and target (`lane`), counted from the middle. */
export interface Spread {
  rank: number;
  lane: number;
}

/** What an arrow's route needs besides its two ends: its spread and the widths of its steps. */
export interface RouteShape extends Spread {
  sourceWidth: number;
  targetWidth: number;
  /** From a step to itself: drawn as a loop beside the step. */
  loop: boolean;
  /** How far below its start an arrow going down runs across, where that crosses fewest steps. */
  bend?: number;
}

/** px between the lines of arrows side by side, and between the bends of arrows leaving one step. */
const spreadGap = 24;
const spreadLine = 26;
/** How far an arrow goes straight out of a handle before it bends (React Flow's smoothstep default). */
const bendOffset = 20;
/** How far an arrow back up, or a loop, keeps beside the steps it passes. */
const besideGap = 28;
/** How far React Flow's handle sticks out of a box: where an arrow starts and ends. */
const handleReach = 4;

/**
 * Arrows that leave one step (the choices of a gateway, a timer beside "when done") get their
 * bends one above the other, and those that also end at the same step lie side by side; drawn
 * the usual way their lines and labels would lie on each other.
 */
export function spread(edges: TransitionEdge[]): Map<string, Spread> {
  const group = (key: (e: TransitionEdge) => string) => {
    const groups = new Map<string, string[]>();
    for (const e of edges) groups.set(key(e), [...(groups.get(key(e)) ?? []), e.id]);
    const place = new Map<string, number>();
    for (const ids of groups.values()) ids.forEach((id, i) => place.set(id, i - (ids.length - 1) / 2));
    return place;
  };
  const ranks = group((e) => e.source);
  const lanes = group((e) => `${e.source}\u0000${e.target}`);
  return new Map(edges.map((e) => [e.id, { rank: ranks.get(e.id) ?? 0, lane: lanes.get(e.id) ?? 0 }]));
}

/**
 * The corners of an arrow from the bottom of its source (`s`) to the top of its target (`t`):
 * straight down with one bend between the steps; back up beside both steps; to its own step
 * round the step's right side, so that it never crosses the step it belongs to.
 */
export function route(s: Point, t: Point, shape: RouteShape): Point[] {
  const { rank, lane } = shape;
  if (shape.loop) {
    const x = s.x + shape.sourceWidth / 2 + besideGap + Math.abs(lane) * spreadGap;
    const below = s.y + bendOffset / 2 + Math.abs(lane) * 6;
    const above = t.y - bendOffset / 2 - Math.abs(lane) * 6;
    return [s, { x: s.x, y: below }, { x, y: below }, { x, y: above }, { x: t.x, y: above }, t];
  }
  const shift = lane * spreadGap;
  const sx = s.x + shift;
  const tx = t.x + shift;
  const down = t.y - s.y;
  const out = bendOffset + Math.abs(rank) * spreadLine;
  if (down > 2 * out) {
    const y = s.y + (shape.bend ?? down / 2 + rank * spreadLine);
    return [
      { x: sx, y: s.y },
      { x: sx, y },
      { x: tx, y },
      { x: tx, y: t.y },
    ];
  }
  const x = Math.max(s.x + shape.sourceWidth / 2, t.x + shape.targetWidth / 2) + besideGap + Math.abs(rank) * spreadGap;
  const below = s.y + bendOffset + Math.abs(rank) * 8;
  const above = t.y - bendOffset - Math.abs(rank) * 8;
  return [
    { x: sx, y: s.y },
    { x: sx, y: below },
    { x, y: below },
    { x, y: above },
    { x: tx, y: above },
    { x: tx, y: t.y },
  ];
}

/** An SVG path through the corners, each corner rounded. */
export function roundedPath(points: Point[], radius = 8): string {
  const [first, ...rest] = points;
  let d = `M ${first.x} ${first.y}`;
  for (let i = 0; i < rest.length - 1; i++) {
    const [a, c, b] = [points[i], rest[i], rest[i + 1]];
    const r = Math.min(radius, distance(a, c) / 2, distance(c, b) / 2);
    const from = toward(c, a, r);
    const to = toward(c, b, r);
    d += ` L ${from.x} ${from.y} Q ${c.x} ${c.y} ${to.x} ${to.y}`;
  }
  const last = rest.at(-1) ?? first;
  return `${d} L ${last.x} ${last.y}`;
}

const distance = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y);
const toward = (from: Point, to: Point, r: number): Point => {
  const d = distance(from, to) || 1;
  return { x: from.x + ((to.x - from.x) * r) / d, y: from.y + ((to.y - from.y) * r) / d };
};

/** The point a fraction `f` of the way along the route, and whether the line runs upright there. */
export function pointAlong(points: Point[], f: number): Point & { upright: boolean } {
  const lengths = points.slice(1).map((p, i) => distance(points[i], p));
  let left = f * lengths.reduce((a, b) => a + b, 0);
  for (let i = 0; i < lengths.length; i++) {
    if (left <= lengths[i] || i === lengths.length - 1) {
      const [a, b] = [points[i], points[i + 1]];
      const k = lengths[i] ? Math.min(1, left / lengths[i]) : 0;
      return { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k, upright: Math.abs(b.x - a.x) < Math.abs(b.y - a.y) };
    }
    left -= lengths[i];
  }
  return { ...points[0], upright: true };
}

/** The text on an arrow: its action or timer, and the rule that guards it, shortened. */
export function edgeText(e: TransitionEdge, locale: Locale): string {
  const short = (s: string) => (s.length > 48 ? `${s.slice(0, 46)}…` : s);
  return [
    e.timer ? `⏱ ${say(e.timer, locale)}` : say(e.label, locale),
    e.guard ? `⚖ ${short(say(e.guard, locale))}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The size a label draws at (12 px text on one line, with its padding): a little wider than
 * Chromium's average, so that a label placed clear of the steps stays clear when drawn.
 */
export function labelSize(text: string): { width: number; height: number } {
  return { width: Math.ceil(text.length * 7) + 12, height: 20 };
}

/** Where a label stands: `f` of the way along its route, moved by `dx`, `dy` (its centre). */
export interface LabelPlace {
  f: number;
  dx: number;
  dy: number;
}

/** Boxes from the layout's (relative to their parent) to the diagram's own coordinates. */
export function absoluteBoxes(nodes: StepNode[], boxes: Record<string, Box>): Record<string, Box> {
  const parent = new Map(nodes.map((n) => [n.id, n.parent]));
  const out: Record<string, Box> = {};
  const at = (id: string): Box => {
    if (out[id]) return out[id];
    const b = boxes[id] ?? { x: 0, y: 0, width: 0, height: 0 };
    const p = parent.get(id);
    const base = p && boxes[p] ? at(p) : { x: 0, y: 0 };
    return (out[id] = { ...b, x: b.x + base.x, y: b.y + base.y });
  };
  for (const n of nodes) at(n.id);
  return out;
}

/** What labels must not cover: every step, and the title of every step with steps inside. */
export function obstacles(nodes: StepNode[], abs: Record<string, Box>): Box[] {
  return nodes.map((n) => {
    const b = abs[n.id];
    return n.kind === 'compound' || n.kind === 'parallel' ? { ...b, height: Math.min(b.height, groupHeader(n)) } : b;
  });
}

/** The two ends of an arrow between two boxes: the bottom of its source, the top of its target. */
function ends(s: Box, t: Box): [Point, Point] {
  return [
    { x: s.x + s.width / 2, y: s.y + s.height + handleReach },
    { x: t.x + t.width / 2, y: t.y - handleReach },
  ];
}

/** How many of the boxes the route's lines run through. */
function crossings(points: Point[], boxes: Box[]): number {
  let n = 0;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    const line = {
      x: Math.min(a.x, b.x),
      y: Math.min(a.y, b.y),
      width: Math.abs(b.x - a.x),
      height: Math.abs(b.y - a.y),
    };
    for (const o of boxes)
      if (line.x < o.x + o.width && o.x < line.x + line.width && line.y < o.y + o.height && o.y < line.y + line.height)
        n++;
  }
  return n;
}

/**
 * Every arrow's shape: its spread, its steps' widths, and for an arrow going down the height
 * at which it runs across, the middle unless a line there would run through a step.
 */
export function shapesOf(
  edges: TransitionEdge[],
  abs: Record<string, Box>,
  blocked: Box[] = [],
  spreads: Map<string, Spread> = spread(edges),
): Map<string, RouteShape> {
  const shapes = new Map<string, RouteShape>();
  for (const e of edges) {
    const [sb, tb] = [abs[e.source], abs[e.target]];
    if (!sb || !tb) continue;
    const shape: RouteShape = {
      ...(spreads.get(e.id) ?? { rank: 0, lane: 0 }),
      sourceWidth: sb.width,
      targetWidth: tb.width,
      loop: e.source === e.target,
    };
    shapes.set(e.id, shape);
    const [s, t] = ends(sb, tb);
    const out = bendOffset + Math.abs(shape.rank) * spreadLine;
    if (shape.loop || t.y - s.y <= 2 * out) continue;
    const others = blocked.filter((b) => b !== sb && b !== tb && !contains(b, sb) && !contains(b, tb));
    const middle = (t.y - s.y) / 2 + shape.rank * spreadLine;
    let best = { bend: middle, n: crossings(route(s, t, { ...shape, bend: middle }), others) };
    for (let step = 1; best.n > 0 && step <= 24; step++)
      for (const bend of [middle - step * 12, middle + step * 12]) {
        if (bend < bendOffset || bend > t.y - s.y - bendOffset) continue;
        const n = crossings(route(s, t, { ...shape, bend }), others);
        if (n < best.n) best = { bend, n };
      }
    if (best.bend !== middle) shape.bend = best.bend;
  }
  return shapes;
}

/** A group's title strip, or a box, that holds a step: an arrow leaving it crosses it anyway. */
const contains = (outer: Box, inner: Box) =>
  outer.x <= inner.x && outer.x + outer.width >= inner.x + inner.width && outer.y <= inner.y && outer !== inner;

/** Every arrow's route in the diagram's coordinates, from the boxes as laid out. */
export function routesOf(
  edges: TransitionEdge[],
  abs: Record<string, Box>,
  shapes: Map<string, RouteShape> = shapesOf(edges, abs),
): Map<string, Point[]> {
  const routes = new Map<string, Point[]>();
  for (const e of edges) {
    const shape = shapes.get(e.id);
    if (shape) routes.set(e.id, route(...ends(abs[e.source], abs[e.target]), shape));
  }
  return routes;
}

/** Along the route, from the middle outwards: where a label is looked for. */
const fractions = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.12, 0.88];

const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** The centre of a label placed along its route. */
export function labelCentre(points: Point[], place: LabelPlace): Point {
  const p = pointAlong(points, place.f);
  return { x: p.x + place.dx, y: p.y + place.dy };
}

/** The label's box, for a place along its route. */
export function labelBox(points: Point[], place: LabelPlace, size: { width: number; height: number }): Box {
  const c = labelCentre(points, place);
  return { x: c.x - size.width / 2, y: c.y - size.height / 2, width: size.width, height: size.height };
}

/**
 * A place for every label: on its line where that covers no step and no label placed before it,
 * else just beside its line, looked for from the middle of the route outwards; where nothing is
 * free, the place that covers least. Labels of short routes, with the fewest places, go first.
 */
export function placeLabels(
  routes: Map<string, Point[]>,
  sizes: Map<string, { width: number; height: number }>,
  blocked: Box[],
): Map<string, LabelPlace> {
  const margin = 3;
  const grid = new Grid([...blocked]);
  const placed = new Map<string, LabelPlace>();
  const length = (ps: Point[]) => ps.slice(1).reduce((sum, p, i) => sum + distance(ps[i], p), 0);
  const order = [...routes.keys()].sort((a, b) => length(routes.get(a)!) - length(routes.get(b)!) || (a < b ? -1 : 1));
  for (const id of order) {
    const points = routes.get(id)!;
    const size = sizes.get(id) ?? { width: 0, height: 0 };
    let best: { place: LabelPlace; cost: number; box: Box } | undefined;
    for (const f of fractions) {
      const p = pointAlong(points, f);
      const beside = p.upright
        ? [
            { dx: size.width / 2 + 6, dy: 0 },
            { dx: -size.width / 2 - 6, dy: 0 },
          ]
        : [
            { dx: 0, dy: -size.height / 2 - 4 },
            { dx: 0, dy: size.height / 2 + 4 },
          ];
      for (const d of [{ dx: 0, dy: 0 }, ...beside]) {
        const place = { f, ...d };
        const box = labelBox(points, place, size);
        const grown = {
          x: box.x - margin,
          y: box.y - margin,
          width: box.width + 2 * margin,
          height: box.height + 2 * margin,
        };
        const cost = grid.cover(grown, best?.cost ?? Infinity);
        if (!best || cost < best.cost) best = { place, cost, box };
        if (cost === 0) break;
      }
      if (best?.cost === 0) break;
    }
    if (!best) continue;
    placed.set(id, best.place);
    grid.add(best.box);
  }
  return placed;
}

/** Boxes by the cells of a coarse grid they touch: a label is checked against its neighbours only. */
class Grid {
  private cells = new Map<string, Box[]>();
  constructor(boxes: Box[]) {
    for (const b of boxes) this.add(b);
  }
  private keys(b: Box): string[] {
    const keys: string[] = [];
    for (let x = Math.floor(b.x / cell); x <= Math.floor((b.x + b.width) / cell); x++)
      for (let y = Math.floor(b.y / cell); y <= Math.floor((b.y + b.height) / cell); y++) keys.push(`${x},${y}`);
    return keys;
  }
  add(b: Box) {
    for (const k of this.keys(b)) {
      const boxes = this.cells.get(k);
      if (boxes) boxes.push(b);
      else this.cells.set(k, [b]);
    }
  }
  /** The area of `b` that the boxes cover (overlaps counted once a box), up to `enough`. */
  cover(b: Box, enough: number): number {
    const seen = new Set<Box>();
    let sum = 0;
    for (const k of this.keys(b))
      for (const o of this.cells.get(k) ?? []) {
        if (seen.has(o)) continue;
        seen.add(o);
        sum += overlap(b, o);
        if (sum >= enough) return sum;
      }
    return sum;
  }
}
const cell = 160;

/** Arrows and labels as the diagram draws them, from the layout's boxes. */
export function drawEdges(nodes: StepNode[], edges: TransitionEdge[], boxes: Record<string, Box>, locale: Locale) {
  const abs = absoluteBoxes(nodes, boxes);
  const blocked = obstacles(nodes, abs);
  const shapes = shapesOf(edges, abs, blocked);
  const routes = routesOf(edges, abs, shapes);
  const texts = new Map(edges.map((e) => [e.id, edgeText(e, locale)]));
  const sizes = new Map([...texts].map(([id, text]) => [id, labelSize(text)]));
  const labels = placeLabels(routes, sizes, blocked);
  return { abs, shapes, routes, texts, sizes, labels };
}
