import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import {
  applyNodeChanges,
  Background,
  BaseEdge,
  Controls,
  Handle,
  MarkerType,
  MiniMap,
  Position as Side,
  ReactFlow,
  type Edge,
  type EdgeChange,
  type EdgeProps,
  type Node,
  type NodeChange,
  type NodeProps,
  getSmoothStepPath,
  useReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { say, type Locale } from '../../../engine/text';
import type { Box } from './model/layout';
import { GLOBAL_NODE, refId, type Position, type Selection, type StepNode, type TransitionEdge } from './model/model';

export type Mark = 'added' | 'changed' | 'removed';

export interface GraphProps {
  nodes: StepNode[];
  edges: TransitionEdge[];
  boxes: Record<string, Box>;
  locale: Locale;
  selection: Selection;
  /** Steps active in the simulation. */
  active?: ReadonlySet<string>;
  /** Compare colours, by node id or edge id. */
  marks?: ReadonlyMap<string, Mark>;
  /** Nodes and edges with an error. */
  faulty?: ReadonlySet<string>;
  readOnly: boolean;
  /** A node to bring into view (a new `n` each time, so the same node can be asked for again). */
  focus?: { id: string; n: number };
  onSelect: (s: Selection) => void;
  onMove: (positions: Record<string, Position>) => void;
  onConnect: (source: string, target: string) => void;
}

type StepData = {
  step: StepNode;
  title: string;
  detail: string;
  classes: string;
};

const StepView = memo(function StepView({ data }: NodeProps<Node<StepData>>) {
  const { step } = data;
  const group = step.kind === 'compound' || step.kind === 'parallel';
  return (
    <div className={`step-node ${data.classes}`} data-step={step.id}>
      {step.id !== GLOBAL_NODE && <Handle type="target" position={Side.Top} />}
      {step.kind === 'history' ? (
        <span className="step-title" title={data.title}>
          H
        </span>
      ) : (
        <>
          <span className="step-title">{data.title}</span>
          {!group && data.detail && <span className="step-detail">{data.detail}</span>}
        </>
      )}
      {step.kind !== 'final' && <Handle type="source" position={Side.Bottom} />}
    </div>
  );
});

const nodeTypes = { step: StepView };

/**
 * Actions that leave one step (the choices of a gateway, a timer beside "when done") are drawn
 * with their bends and labels one above the other, and those that also end at the same step side
 * by side; drawn the usual way their labels would lie on each other.
 */
const SpreadEdge = memo(function SpreadEdge(props: EdgeProps<Edge<Spread, 'spread'>>) {
  const { rank = 0, lane = 0 } = props.data ?? {};
  const shift = lane * spreadGap;
  const down = props.targetY - props.sourceY;
  const [path, labelX, labelY] = getSmoothStepPath({
    sourceX: props.sourceX + shift,
    sourceY: props.sourceY,
    sourcePosition: props.sourcePosition,
    targetX: props.targetX + shift,
    targetY: props.targetY,
    targetPosition: props.targetPosition,
    // Only where the bend lies between the steps; an arrow back up is routed as React Flow does.
    ...(down > 2 * (bendOffset + Math.abs(rank) * spreadLine)
      ? { centerY: props.sourceY + down / 2 + rank * spreadLine }
      : {}),
  });
  return (
    <BaseEdge
      id={props.id}
      path={path}
      labelX={labelX}
      labelY={labelY}
      label={props.label}
      labelStyle={props.labelStyle}
      labelShowBg={props.labelShowBg}
      labelBgStyle={props.labelBgStyle}
      labelBgPadding={props.labelBgPadding}
      labelBgBorderRadius={props.labelBgBorderRadius}
      style={props.style}
      markerStart={props.markerStart}
      markerEnd={props.markerEnd}
      interactionWidth={props.interactionWidth}
    />
  );
});

const edgeTypes = { spread: SpreadEdge };

/** An edge's place among those leaving its step (`rank`) and among those with its source and target (`lane`), counted from the middle. */
type Spread = { rank: number; lane: number };
/** px between the lines of edges side by side, and between the bends of edges leaving one step. */
const spreadGap = 24;
const spreadLine = 26;
/** React Flow's smoothstep default: how far an edge goes straight out of a handle. */
const bendOffset = 20;

function spread(edges: TransitionEdge[]): Map<string, Spread> {
  const group = (key: (e: TransitionEdge) => string) => {
    const groups = new Map<string, string[]>();
    for (const e of edges) {
      if (!groups.has(key(e))) groups.set(key(e), []);
      groups.get(key(e))!.push(e.id);
    }
    const place = new Map<string, number>();
    for (const ids of groups.values())
      if (ids.length > 1) ids.forEach((id, i) => place.set(id, i - (ids.length - 1) / 2));
    return place;
  };
  const ranks = group((e) => e.source);
  const lanes = group((e) => `${e.source}\u0000${e.target}`);
  return new Map([...ranks].map(([id, rank]) => [id, { rank, lane: lanes.get(id) ?? 0 }]));
}

function stepDetail(n: StepNode, locale: Locale): string {
  const parts: string[] = [];
  if (n.kind === 'final')
    parts.push(
      locale === 'nl' ? `einde${n.outcome ? `: ${n.outcome}` : ''}` : `end${n.outcome ? `: ${n.outcome}` : ''}`,
    );
  if (n.checklist) parts.push(locale === 'nl' ? `${n.checklist} aftekenpunten` : `${n.checklist} sign-off items`);
  if (n.staying) parts.push(locale === 'nl' ? `${n.staying} acties in de stap` : `${n.staying} actions in step`);
  return parts.join(' · ');
}

/** React Flow's view of the model; the model stays the source, this only draws and reports. */
export function Graph(props: GraphProps) {
  const {
    nodes,
    edges,
    boxes,
    locale,
    selection,
    active,
    marks,
    faulty,
    readOnly,
    focus,
    onSelect,
    onMove,
    onConnect,
  } = props;
  const flow = useReactFlow();
  const large = nodes.length > largeGraph;
  // Only where the graph opens; later edits keep the person's own view.
  const [startViewport] = useState(() => {
    const first = nodes.find((n) => n.initial && !n.parent);
    const box = first ? boxes[first.id] : undefined;
    const zoom = 0.8;
    return { x: 40 - (box?.x ?? 0) * zoom, y: 40 - (box?.y ?? 0) * zoom, zoom };
  });
  useEffect(() => {
    if (!focus) return;
    // A node added by this same edit is drawn in the next frame; look for it then.
    const frame = requestAnimationFrame(
      () => void flow.fitView({ nodes: [{ id: focus.id }], duration: 300, maxZoom: 1.2 }),
    );
    return () => cancelAnimationFrame(frame);
  }, [focus, flow]);
  const selectedNode =
    selection && 'state' in selection ? selection.state : selection && 'global' in selection ? GLOBAL_NODE : undefined;
  const selectedEdge = selection && 'transition' in selection ? refId(selection.transition) : undefined;

  const freshNodes = useMemo<Node<StepData>[]>(
    () =>
      nodes.map((n): Node<StepData> => {
        const box = boxes[n.id] ?? { x: 0, y: 0, width: 190, height: 62 };
        const group = n.kind === 'compound' || n.kind === 'parallel';
        const title = say(n.label, locale);
        const classes = [
          `kind-${n.kind}`,
          n.id === GLOBAL_NODE ? 'global' : '',
          n.initial ? 'initial' : '',
          active?.has(n.id) ? 'active' : '',
          marks?.get(n.id) ? `mark-${marks.get(n.id)}` : '',
          faulty?.has(n.id) ? 'faulty' : '',
        ]
          .filter(Boolean)
          .join(' ');
        return {
          id: n.id,
          type: 'step',
          position: { x: box.x, y: box.y },
          ...(n.parent ? { parentId: n.parent } : {}),
          data: { step: n, title, detail: stepDetail(n, locale), classes },
          // Sizes given, not only styled: the map and "Alles in beeld" read them without measuring.
          width: box.width,
          height: box.height,
          style: { width: box.width, height: box.height },
          selected: n.id === selectedNode,
          draggable: !readOnly,
          connectable: !readOnly,
          ariaLabel: `${title}${n.kind === 'final' ? (locale === 'nl' ? ' (eindstap)' : ' (final step)') : ''}${group ? (locale === 'nl' ? ' (met stappen erin)' : ' (with steps inside)') : ''}`,
          zIndex: group ? 0 : 1,
        };
      }),
    [nodes, boxes, locale, active, marks, faulty, selectedNode, readOnly],
  );
  // While dragging, React Flow moves nodes through changes; between edits the model decides.
  const [shown, setShown] = useState(freshNodes);
  useKept(freshNodes, setShown);
  const onNodesChange = useCallback(
    (changes: NodeChange<Node<StepData>>[]) => {
      // Only dragging moves a node here. Sizes are the model's, and React Flow keeps what it
      // measured itself: giving it back node objects with `measured` set would make every node
      // new to it on the next edit, and every arrow be measured again.
      const moves = changes.filter((c) => c.type === 'position');
      if (moves.length) setShown((ns) => applyNodeChanges(moves, ns));
      // Choosing a step with the keyboard (Tab, then Enter) chooses it in the model too.
      const chosen = changes.find((c) => c.type === 'select' && c.selected);
      if (chosen && chosen.type === 'select')
        onSelect(chosen.id === GLOBAL_NODE ? { global: true } : { state: chosen.id });
    },
    [onSelect],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const chosen = changes.find((c) => c.type === 'select' && c.selected);
      const t = chosen && chosen.type === 'select' ? edges.find((x) => x.id === chosen.id) : undefined;
      if (t) onSelect({ transition: t.ref });
    },
    [edges, onSelect],
  );

  const freshEdges = useMemo<Edge[]>(() => {
    const spreadOf = spread(edges);
    return edges.map((e): Edge => {
      const text = [
        e.timer ? `⏱ ${say(e.timer, locale)}` : say(e.label, locale),
        e.guard ? `⚖ ${short(say(e.guard, locale))}` : '',
      ]
        .filter(Boolean)
        .join('\n');
      const mark = marks?.get(e.id);
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        label: text,
        ...(spreadOf.has(e.id) ? { type: 'spread', data: spreadOf.get(e.id)! } : { type: 'smoothstep' }),
        selected: e.id === selectedEdge,
        className: [
          mark ? `mark-${mark}` : '',
          faulty?.has(e.id) ? 'faulty' : '',
          e.timer ? 'timer' : '',
          e.guard ? 'guarded' : '',
        ]
          .filter(Boolean)
          .join(' '),
        markerEnd: { type: MarkerType.ArrowClosed },
        labelBgPadding: [4, 2] as [number, number],
        ariaLabel: `${say(e.label, locale)}${e.guard ? `, ${locale === 'nl' ? 'als' : 'when'} ${say(e.guard, locale)}` : ''}`,
        zIndex: 2,
      };
    });
  }, [edges, locale, marks, faulty, selectedEdge]);
  const flowEdges = useKept(freshEdges);

  return (
    <ReactFlow
      nodes={shown}
      edges={flowEdges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onNodeClick={(_, n) => onSelect(n.id === GLOBAL_NODE ? { global: true } : { state: n.id })}
      onEdgeClick={(_, e) => {
        const t = edges.find((x) => x.id === e.id);
        if (t) onSelect({ transition: t.ref });
      }}
      onPaneClick={() => onSelect(null)}
      onNodeDragStop={(_, __, dragged) => {
        if (!readOnly)
          onMove(
            Object.fromEntries(
              dragged.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }]),
            ),
          );
      }}
      onConnect={(c) => {
        if (!readOnly && c.source && c.target) onConnect(c.source, c.target);
      }}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      elementsSelectable
      // A large workflow fitted whole is too small to read: it opens at its first step, readable,
      // drawing only what is in view; "Alles in beeld" and the map show the whole.
      {...(large ? { defaultViewport: startViewport } : { fitView: true })}
      onlyRenderVisibleElements={large}
      minZoom={0.1}
      // Delete is the page's shortcut (useShortcuts), on the model's selection like every edit.
      deleteKeyCode={null}
      ariaLabelConfig={locale === 'nl' ? dutchAria : undefined}
      proOptions={{ hideAttribution: true }}
      aria-label={locale === 'nl' ? 'Processchema' : 'Process diagram'}
    >
      <Background gap={24} />
      <Controls showInteractive={false} />
      <MiniMap pannable zoomable />
    </ReactFlow>
  );
}

/** From this many steps on, a workflow opens at its start instead of fitted whole. */
export const largeGraph = 80;

/**
 * An edit changes one or two steps: every element that draws as it did keeps last time's object,
 * so React Flow redraws only the changed ones. Taken over during the render, not in an effect,
 * so an edit shows in one commit; `onChange` hears of each new list in the same render.
 */
function useKept<T extends { id: string }>(fresh: T[], onChange?: (kept: T[]) => void): T[] {
  const [last, setLast] = useState({ fresh, kept: fresh });
  if (last.fresh === fresh) return last.kept;
  const before = new Map(last.kept.map((item) => [item.id, item]));
  const kept = fresh.map((item) => {
    const old = before.get(item.id);
    return old && sameShape(old, item) ? old : item;
  });
  setLast({ fresh, kept });
  onChange?.(kept);
  return kept;
}

function sameShape(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => sameShape((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const dutchAria = {
  'node.a11yDescription.default':
    'Druk op Enter of spatie om een stap te kiezen. Delete verwijdert hem, Escape annuleert.',
  'node.a11yDescription.keyboardDisabled':
    'Druk op Enter of spatie om een stap te kiezen; met de pijltjestoetsen verplaats je hem. Delete verwijdert hem, Escape annuleert.',
  'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }: { direction: string; x: number; y: number }) =>
    `Stap verplaatst naar ${direction}. Nieuwe plek: x ${x}, y ${y}`,
  'edge.a11yDescription.default':
    'Druk op Enter of spatie om een pijl te kiezen. Delete verwijdert hem, Escape annuleert.',
  'controls.ariaLabel': 'Bediening van het schema',
  'controls.zoomIn.ariaLabel': 'Inzoomen',
  'controls.zoomOut.ariaLabel': 'Uitzoomen',
  'controls.fitView.ariaLabel': 'Alles in beeld',
  'controls.interactive.ariaLabel': 'Bewerken aan of uit',
  'minimap.ariaLabel': 'Overzichtskaart',
  'handle.ariaLabel': 'Verbindingspunt: sleep naar een andere stap voor een nieuwe actie',
};

const short = (s: string) => (s.length > 48 ? `${s.slice(0, 46)}…` : s);
