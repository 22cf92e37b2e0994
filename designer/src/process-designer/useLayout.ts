import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Definition } from '../../../engine';
import { autoLayout, placeBoxes, positionsOf, type Box } from './model/layout';
import { structureKey, toGraph, type StepNode, type TransitionEdge } from './model/model';

export interface Drawn {
  nodes: StepNode[];
  edges: TransitionEdge[];
}

/**
 * The graph of the drawn definition (with the ghosts of what a comparison removed) and its
 * boxes: elk's layout, from its Web Worker, with the positions placed by hand on top.
 */
export function useLayout(drawn: Definition | undefined, ghosts?: Drawn) {
  const graph = useMemo((): Drawn | undefined => {
    if (!drawn) return undefined;
    const g = toGraph(drawn);
    return ghosts ? { nodes: [...g.nodes, ...ghosts.nodes], edges: [...g.edges, ...ghosts.edges] } : g;
  }, [drawn, ghosts]);
  const structure = useMemo(
    () => (drawn ? structureKey(drawn) + (ghosts?.nodes.map((n) => `\n-${n.id}`).join('') ?? '') : ''),
    [drawn, ghosts],
  );

  const [auto, setAuto] = useState<Record<string, Box>>();
  // The structure last sent to elk: only a change of structure moves steps, a new label or rule
  // keeps the layout; and an answer for an older structure than the one asked last is dropped.
  const asked = useRef<string>(undefined);
  useEffect(() => {
    if (!graph || asked.current === structure) return;
    asked.current = structure;
    const started = performance.now();
    void autoLayout(graph.nodes, graph.edges).then((boxes) => {
      if (asked.current !== structure) return;
      setAuto(boxes);
      performance.measure('designer-layout', { start: started });
    });
  }, [graph, structure]);

  const placed = drawn?.layout?.positions;
  const boxes = useMemo(
    () => (graph && auto ? placeBoxes(graph.nodes, auto, placed) : undefined),
    [graph, auto, placed],
  );
  useEffect(() => {
    if (!boxes || !graph) return;
    // For the bench and the browser tests: the diagram is drawn and can be used.
    document.documentElement.dataset.designerReady = String(graph.nodes.length);
    performance.mark('designer-ready');
  }, [boxes, graph]);

  /** Every step where elk would put it, ignoring the hand-placed ones ("Automatisch schikken"). */
  const arrange = useCallback(
    async () => (graph ? positionsOf(await autoLayout(graph.nodes, graph.edges)) : {}),
    [graph],
  );
  return { graph, boxes, arrange };
}
