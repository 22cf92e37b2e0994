/**
 * Automatic layout with elkjs (layered, nested steps inside their parent), merged with the
 * positions a manager placed by hand. elk is large, so it is loaded only when a graph is opened.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Definition } from '../../../../engine/definition';
import { say, type Locale } from '../../../../engine/text';
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

/**
 * The room above a group's steps for its name, which wraps at about 22 characters a line in a
 * group as narrow as one step: two lines would otherwise run into the first step inside.
 */
export function groupHeader(n: StepNode): number {
  return 27 + 17 * Math.max(...(['nl', 'en'] as const).map((locale) => wrappedLines(say(n.label, locale), 22)));
}

/** The line under a step's name: how it ends, its sign-off items, the actions that stay in it. */
export function stepDetail(n: StepNode, locale: Locale): string {
  const parts: string[] = [];
  if (n.kind === 'final')
    parts.push(
      locale === 'nl' ? `einde${n.outcome ? `: ${n.outcome}` : ''}` : `end${n.outcome ? `: ${n.outcome}` : ''}`,
    );
  if (n.checklist) parts.push(locale === 'nl' ? `${n.checklist} aftekenpunten` : `${n.checklist} sign-off items`);
  if (n.staying) parts.push(locale === 'nl' ? `${n.staying} acties in de stap` : `${n.staying} actions in step`);
  return parts.join(' · ');
}

/** How many lines a text wraps to at `perLine` characters, breaking between words where it can. */
function wrappedLines(text: string, perLine: number): number {
  let lines = 0;
  let used = perLine;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (used + 1 + word.length <= perLine) used += 1 + word.length;
    else {
      lines += Math.ceil(word.length / perLine);
      used = word.length % perLine || perLine;
    }
  }
  return Math.max(1, lines);
}

/**
 * A step's box: as wide as every step, and tall enough for its name and detail as they wrap in
 * either language (14.5 px bold names in 169 px, about 18 characters a line, counted a little
 * short so that the drawn text never spills), so that a long name stays inside its box.
 */
export function stepBox(n: StepNode): { width: number; height: number } {
  if (n.kind === 'history') return historySize;
  const height = Math.max(
    ...(['nl', 'en'] as const).map((locale) => {
      const detail = n.kind === 'compound' || n.kind === 'parallel' ? '' : stepDetail(n, locale);
      return 20 + 17 * wrappedLines(say(n.label, locale), 18) + (detail ? 2 + 15 * wrappedLines(detail, 24) : 0);
    }),
  );
  return { width: stepSize.width, height: Math.max(stepSize.height, Math.ceil(height)) };
}
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
    const size = stepBox(n);
    return kids.length
      ? {
          id: n.id,
          layoutOptions: {
            'elk.padding': `[top=${groupHeader(n)},left=${padding},bottom=${padding},right=${padding}]`,
          },
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
    const base = auto[n.id] ?? { x: 0, y: 0, ...stepBox(n) };
    // A renamed step keeps its place and gets the height its new name needs.
    boxes[n.id] = { ...base, ...(isGroup(n) ? {} : stepBox(n)), ...(placed[n.id] ?? {}) };
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
