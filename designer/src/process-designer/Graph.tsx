import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
  useReactFlow,
  useStore,
  useStoreApi,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { say, type Locale } from '../../../engine/text';
import { stepDetail, type Box } from './model/layout';
import { drawEdges, labelBox, labelCentre, roundedPath, route, type LabelPlace, type RouteShape } from './model/routes';
import type { Focus } from './useSelection';
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
  /** A node or arrow to bring into view (a new `n` each time, so the same one can be asked for again). */
  focus?: Focus;
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

/** An arrow along the route the model gives it, with its label where the model placed it. */
const RoutedEdge = memo(function RoutedEdge(props: EdgeProps<Edge<Routed, 'routed'>>) {
  const { shape, place } = props.data!;
  const points = route({ x: props.sourceX, y: props.sourceY }, { x: props.targetX, y: props.targetY }, shape);
  const label = labelCentre(points, place);
  return (
    <BaseEdge
      id={props.id}
      path={roundedPath(points)}
      labelX={label.x}
      labelY={label.y}
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

type Routed = { shape: RouteShape; place: LabelPlace };

const edgeTypes = { routed: RoutedEdge };

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
  const large = nodes.length > largeGraph;
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

  // Routes and label places from the boxes as laid out: labels clear of the steps and of each other.
  const drawnEdges = useMemo(() => drawEdges(nodes, edges, boxes, locale), [nodes, edges, boxes, locale]);
  useView(nodes, drawnEdges, selectedNode, selectedEdge, focus);
  const freshEdges = useMemo<Edge[]>(() => {
    const { shapes, texts, labels } = drawnEdges;
    return edges.map((e): Edge => {
      const mark = marks?.get(e.id);
      const shape: RouteShape = shapes.get(e.id) ?? {
        rank: 0,
        lane: 0,
        sourceWidth: 0,
        targetWidth: 0,
        loop: e.source === e.target,
      };
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        label: texts.get(e.id),
        type: 'routed',
        data: { shape, place: labels.get(e.id) ?? { f: 0.5, dx: 0, dy: 0 } } satisfies Routed,
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
  }, [edges, drawnEdges, locale, marks, faulty, selectedEdge]);
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
      // Until the view is chosen (useView), where a readable start is likeliest.
      defaultViewport={{ x: 40, y: 72, zoom: legibleZoom }}
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

/** From this many steps on, only what is in view is drawn. */
export const largeGraph = 80;

/** The zoom at which a step's name is about 11.5 px high on screen: the diagram never opens smaller. */
export const legibleZoom = 0.8;

/** Room kept free at the top of the diagram for the step search. */
const searchRoom = 56;

/**
 * Where the diagram looks. It opens whole only where the whole is readable; else at a readable
 * zoom at the selected step, or at the start. A selection off-screen is brought into view at the
 * zoom the person chose; a step asked for (`focus`: the search, a problem) also at a readable one.
 */
function useView(
  nodes: StepNode[],
  drawn: ReturnType<typeof drawEdges>,
  selectedNode: string | undefined,
  selectedEdge: string | undefined,
  focus: GraphProps['focus'],
) {
  const flow = useReactFlow();
  const store = useStoreApi();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  // Read when the view moves, not a reason to move it: an edit elsewhere keeps the view.
  const latest = useRef({ nodes, drawn, selectedNode, selectedEdge });
  // First of this hook's effects, so that the ones below read this render's values.
  useEffect(() => {
    latest.current = { nodes, drawn, selectedNode, selectedEdge };
  });
  /** Where a step is drawn, or an arrow's label (else the step it leaves). */
  const whereIs = useCallback((node: string | undefined, edge?: string): Box | undefined => {
    const { drawn } = latest.current;
    const points = edge && drawn.routes.get(edge);
    const place = edge && drawn.labels.get(edge);
    if (points && place) return labelBox(points, place, drawn.sizes.get(edge)!);
    return node ? drawn.abs[node] : undefined;
  }, []);
  const whereSelected = useCallback(() => whereIs(latest.current.selectedNode, latest.current.selectedEdge), [whereIs]);
  const inView = useCallback(
    (b: Box) => {
      const { transform, width, height } = store.getState();
      const [tx, ty, k] = transform;
      return (
        b.x * k + tx >= 0 &&
        b.y * k + ty >= searchRoom &&
        (b.x + b.width) * k + tx <= width &&
        (b.y + b.height) * k + ty <= height
      );
    },
    [store],
  );
  const centre = useCallback(
    (b: Box, zoom: number) => void flow.setCenter(b.x + b.width / 2, b.y + b.height / 2, { zoom, duration: 300 }),
    [flow],
  );

  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !width || !height) return;
    opened.current = true;
    const { nodes, drawn } = latest.current;
    const all = Object.values(drawn.abs);
    const left = Math.min(...all.map((b) => b.x));
    const top = Math.min(...all.map((b) => b.y));
    const right = Math.max(...all.map((b) => b.x + b.width));
    const bottom = Math.max(...all.map((b) => b.y + b.height));
    if ((right - left) * legibleZoom <= width * 0.9 && (bottom - top) * legibleZoom <= (height - searchRoom) * 0.9) {
      void flow.fitView();
      return;
    }
    const selected = whereSelected();
    if (selected) return centre(selected, legibleZoom);
    const start = nodes.find((n) => n.initial && !n.parent);
    const b = (start && drawn.abs[start.id]) ?? { x: left, y: top, width: 0, height: 0 };
    void flow.setViewport({
      x: width / 2 - (b.x + b.width / 2) * legibleZoom,
      y: searchRoom + 16 - b.y * legibleZoom,
      zoom: legibleZoom,
    });
  }, [width, height, flow, whereSelected, centre]);

  const shown = useRef<{ key?: string; n?: number }>({});
  useEffect(() => {
    const key = selectedEdge ?? selectedNode;
    const asked = !!focus && focus.n !== shown.current.n;
    const moved = key !== shown.current.key;
    shown.current = { key, n: focus?.n };
    if (!opened.current || (!asked && !moved)) return;
    // A step added by this same edit is drawn in the next frame; look for it then.
    const frame = requestAnimationFrame(() => {
      const b = asked ? whereIs(focus.id, focus.edge) : whereSelected();
      const zoom = store.getState().transform[2];
      if (!b) return;
      if (asked && (zoom < legibleZoom || !inView(b))) centre(b, Math.max(zoom, legibleZoom));
      else if (!inView(b)) centre(b, zoom);
    });
    return () => cancelAnimationFrame(frame);
  }, [selectedNode, selectedEdge, focus, whereIs, whereSelected, inView, centre, store]);
}

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
