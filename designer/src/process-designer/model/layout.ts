/**
 * Automatic layout with elkjs (layered, nested steps inside their parent), merged with the
 * positions a manager placed by hand. elk is large, so it is loaded only when a graph is opened.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Definition } from '../../../../engine/definition';
import {
  childKeys,
  keyFor,
  type Edit,
  type Position,
  type Selection,
  type StepNode,
  type TransitionEdge,
} from './model';

export interface Box extends Position {
  width: number;
  height: number;
}

export const stepSize = { width: 190, height: 62 };
export const historySize = { width: 44, height: 44 };
const header = 44;
const padding = 16;

let elk: Promise<{ layout: (g: ElkNode) => Promise<ElkNode> }> | undefined;

/**
 * elk runs in a Web Worker: a large layout never freezes the page. In a browser without workers
 * (the unit tests, on Node) it runs in place.
 */
function loadElk() {
  elk ??=
    typeof Worker === 'undefined'
      ? import('elkjs/lib/elk.bundled.js').then((m) => new m.default())
      : Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]).then(
          ([api, url]) => new api.default({ workerUrl: url.default, workerFactory: (u) => new Worker(u!) }),
        );
  return elk;
}

/**
 * Starts the layout engine and lays out a small graph once, so that the first real layout runs on
 * warmed-up code: the process list calls this while the manager is still choosing.
 */
export function prewarmLayout(): void {
  void loadElk().then((e) =>
    e.layout({
      id: 'warm',
      layoutOptions: { 'elk.algorithm': 'layered', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' },
      children: [
        { id: 'a', width: 10, height: 10 },
        { id: 'b', children: [{ id: 'c', width: 10, height: 10 }] },
      ],
      edges: [{ id: 'e', sources: ['a'], targets: ['c'], labels: [{ text: 'e', width: 10, height: 10 }] }],
    }),
  );
}

const labelWidth = (e: TransitionEdge) =>
  Math.min(260, 6 * Math.max(e.label.nl.length, e.guard ? Math.min(48, e.guard.nl.length + 2) : 0) + 12);

const isGroup = (n: StepNode) => n.kind === 'compound' || n.kind === 'parallel';

/** Boxes for every node, relative to its parent, computed by elk. */
export async function autoLayout(nodes: StepNode[], edges: TransitionEdge[]): Promise<Record<string, Box>> {
  const children = new Map<string | undefined, StepNode[]>();
  for (const n of nodes) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  const toElk = (n: StepNode): ElkNode => {
    const kids = children.get(n.id) ?? [];
    const size = n.kind === 'history' ? historySize : stepSize;
    return kids.length
      ? {
          id: n.id,
          layoutOptions: { 'elk.padding': `[top=${header},left=${padding},bottom=${padding},right=${padding}]` },
          children: kids.map(toElk),
        }
      : { id: n.id, ...size };
  };
  const within = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeLabels.inline': 'true',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '40',
      'elk.spacing.nodeNode': '36',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      // Fewer crossing-reduction rounds on large workflows: a second instead of several.
      'elk.layered.thoroughness': nodes.length > 80 ? '1' : '7',
    },
    children: (children.get(undefined) ?? []).map(toElk),
    // An edge between a step and its own child says nothing about where to put them.
    edges: edges
      .filter((e) => !within(e.source, e.target))
      // The label's size, so that the layers leave room to read it; on a large workflow that
      // room costs elk twice the time, and its labels are read zoomed in, one part at a time.
      .map((e): ElkExtendedEdge => ({
        id: e.id,
        sources: [e.source],
        targets: [e.target],
        ...(nodes.length > 80 ? {} : { labels: [{ text: e.id, width: labelWidth(e), height: e.guard ? 30 : 16 }] }),
      })),
  };
  const out = await (await loadElk()).layout(graph);
  const boxes: Record<string, Box> = {};
  const visit = (n: ElkNode) => {
    for (const c of n.children ?? []) {
      boxes[c.id] = { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? stepSize.width, height: c.height ?? stepSize.height };
      visit(c);
    }
  };
  visit(out);
  for (const n of nodes) if (isGroup(n) && !boxes[n.id]) boxes[n.id] = { x: 0, y: 0, ...stepSize };
  return boxes;
}

/** Where the boxes stand, in whole pixels: what the definition's layout keeps. */
export function positionsOf(boxes: Record<string, Box>): Record<string, Position> {
  return Object.fromEntries(Object.entries(boxes).map(([id, b]) => [id, { x: Math.round(b.x), y: Math.round(b.y) }]));
}

/**
 * The boxes to draw: elk's, with every hand-placed position taken over, and each parent grown
 * so that its children (moved by hand) stay inside it.
 */
export function placeBoxes(
  nodes: StepNode[],
  auto: Record<string, Box>,
  placed: Record<string, Position> = {},
): Record<string, Box> {
  const boxes: Record<string, Box> = {};
  for (const n of nodes) {
    const base = auto[n.id] ?? { x: 0, y: 0, ...(n.kind === 'history' ? historySize : stepSize) };
    boxes[n.id] = { ...base, ...(placed[n.id] ?? {}) };
  }
  // Deepest first, so a grown child grows its parent in turn.
  for (const n of [...nodes].sort((a, b) => b.depth - a.depth)) {
    if (!n.parent || !boxes[n.parent]) continue;
    const box = boxes[n.id];
    const parent = boxes[n.parent];
    parent.width = Math.max(parent.width, box.x + box.width + padding);
    parent.height = Math.max(parent.height, box.y + box.height + padding);
  }
  return boxes;
}

/**
 * The edit that adds a step called `label` inside `parent` ('' for the top), and the new step's
 * path. It stands beside the chosen step, or right of everything at its level: where the eye
 * already is. Every step's place as drawn now goes with it, so a new step reshuffles nothing.
 */
export function newStep(
  def: Definition,
  boxes: Record<string, Box>,
  selection: Selection,
  parent: string,
  label: string,
): { edit: Edit; path: string } {
  const key = keyFor(label, childKeys(def, parent));
  const path = parent ? `${parent}.${key}` : key;
  const level = (id: string) =>
    parent ? id.startsWith(`${parent}.`) && !id.slice(parent.length + 1).includes('.') : !id.includes('.');
  const within = (id: string) => (parent ? id.startsWith(`${parent}.`) : !id.includes('.'));
  const near = selection && 'state' in selection && within(selection.state) ? boxes[selection.state] : undefined;
  const rightmost = Math.max(
    0,
    ...Object.entries(boxes)
      .filter(([id]) => level(id))
      .map(([, b]) => b.x + b.width),
  );
  const at = near
    ? { x: Math.round(near.x + near.width + 40), y: Math.round(near.y) }
    : { x: Math.round(rightmost + 60), y: parent ? 48 : 16 };
  return {
    edit: { kind: 'addState', parent, key, label: { nl: label }, positions: { ...positionsOf(boxes), [path]: at } },
    path,
  };
}
