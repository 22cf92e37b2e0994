import { bpmnModelNamespace, bpmnNamespace, isoDuration, juelOf } from './bpmn';
import { transitionsOf, type Definition, type StateConfig, type TransitionConfig } from './definition';
import { portableDefinition } from './package';
import { describe } from './rules';
import { indexStates, kind, resolveTarget, type StateEntry } from './tree';
import { escapeXml } from './xml';

/**
 * A workflow as BPMN 2.0 that Camunda Modeler and bpmn.io draw, with the diagram (BPMNDiagram,
 * BPMNShape, BPMNEdge) laid out, so a projectleider can show the process in the tools a
 * municipality uses. A statechart says more than a BPMN process can, so the drawing is for
 * people, in BPMN's own idiom, and the definition itself travels in elements of our namespace:
 *
 * - a step is a user task, a step with steps inside an expanded sub-process (its start event
 *   points at the first step), a final step an end event, a step that only waits a timer an
 *   intermediate timer event, a step that only decides by itself (eventless) an exclusive gateway;
 * - an action is a sequence flow named by its label, through an exclusive gateway when a step
 *   offers several; a rule on it is the flow's condition (JUEL where the rule only compares
 *   fields); an action of a step with steps inside is an interrupting message boundary event;
 * - a timer is an interrupting timer boundary event with its ISO 8601 duration;
 * - an action that leaves a sub-process from inside it ends there in an escalation end event,
 *   caught by an escalation boundary event on the sub-process at the target's level (BPMN's flows
 *   cannot cross a sub-process's edge);
 * - a parallel step is a sub-process in which a parallel gateway starts every region (a
 *   sub-process of its own) and another joins them; what follows a finished step is the
 *   sub-process's outgoing flow;
 * - actions possible from every step start an event sub-process ("Vanuit elke stap").
 *
 * Every element of ours has an id starting `wlb_`; the import reads the steps back from their
 * `wlb:state`, `wlb:child` and `wlb:transition` elements, and the rest from `wlb:workflow`.
 */

type Tag =
  | 'userTask'
  | 'subProcess'
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'boundaryEvent'
  | 'exclusiveGateway'
  | 'parallelGateway';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Node extends Box {
  id: string;
  tag: Tag;
  name?: string;
  attrs: Record<string, string | undefined>;
  documentation?: string;
  ext: string[];
  /** Event definitions and the like, after the flows in and out. */
  body: string[];
  inner?: Container;
  host?: Node;
  incoming: Flow[];
  outgoing: Flow[];
}

interface Flow {
  id: string;
  source: Node;
  target: Node;
  name?: string;
  condition?: string;
  documentation?: string;
  points: { x: number; y: number }[];
}

interface Container {
  /** The step whose steps it holds ('' for the process). */
  path: string;
  nodes: Node[];
  boundaries: Node[];
  flows: Flow[];
  /** Drawn below the rest (the event sub-process). */
  below?: Node;
  width: number;
  height: number;
}

const sizes: Record<Tag, [number, number]> = {
  userTask: [100, 80],
  subProcess: [100, 80],
  startEvent: [36, 36],
  endEvent: [36, 36],
  intermediateCatchEvent: [36, 36],
  boundaryEvent: [36, 36],
  exclusiveGateway: [50, 50],
  parallelGateway: [50, 50],
};

/** JSON as element content, in CDATA so that it stays readable in the file. */
const json = (v: unknown) => `<![CDATA[${JSON.stringify(v).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const attrs = (a: Record<string, string | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v!)}"`)
    .join('');
const pid = (path: string) => path || '_';
const parentOf = (path: string) => (path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '');
const inside = (path: string, container: string) => !container || path.startsWith(`${container}.`);

/** A state's own settings, without its children and transitions (those are written apart). */
function own(config: StateConfig): StateConfig {
  const { states: _s, on: _o, after: _a, always: _al, onDone: _d, ...rest } = config;
  return rest;
}

function slotsOf(config: StateConfig): [slot: string, event: string, list: TransitionConfig[]][] {
  return [
    ...Object.entries(config.on ?? {}).map(
      ([e, t]) => ['on', e, transitionsOf(t)] as [string, string, TransitionConfig[]],
    ),
    ...Object.entries(config.after ?? {}).map(
      ([d, t]) => ['after', d, transitionsOf(t)] as [string, string, TransitionConfig[]],
    ),
    ...(config.always ? [['always', '', transitionsOf(config.always)] as [string, string, TransitionConfig[]]] : []),
    ...(config.onDone ? [['onDone', '', transitionsOf(config.onDone)] as [string, string, TransitionConfig[]]] : []),
  ];
}

const transitionExt = (slot: string, event: string, list: TransitionConfig[]) =>
  list.map(
    (t, i) =>
      `<wlb:transition${attrs({ slot, event: event || undefined, index: String(i) })}>${json(t)}</wlb:transition>`,
  );

/** A step that only waits for one timer: drawn as BPMN's intermediate timer event. */
const onlyWaits = (c: StateConfig) =>
  !c.on &&
  !c.always &&
  !c.meta?.checklist?.length &&
  Object.keys(c.after ?? {}).length === 1 &&
  transitionsOf(Object.values(c.after!)[0]).length === 1;
/** A step that only decides by itself: drawn as an exclusive gateway. */
const onlyDecides = (c: StateConfig) => !!c.always && !c.on && !c.after;

class Drawing {
  readonly index;
  readonly nodes = new Map<string, Node>();
  readonly containers = new Map<string, Container>();
  readonly escalations: string[] = [];
  private flowCount = 0;

  constructor(readonly def: Definition) {
    this.index = indexStates(def);
  }

  node(container: Container, id: string, tag: Tag, name?: string): Node {
    const [w, h] = sizes[tag];
    const n: Node = { id, tag, name, attrs: {}, ext: [], body: [], incoming: [], outgoing: [], x: 0, y: 0, w, h };
    if (tag === 'boundaryEvent') container.boundaries.push(n);
    else container.nodes.push(n);
    return n;
  }

  flow(container: Container, source: Node, target: Node, props: Partial<Flow> = {}): Flow {
    const f: Flow = { id: `wlb_flow_${++this.flowCount}`, source, target, points: [], ...props };
    container.flows.push(f);
    source.outgoing.push(f);
    target.incoming.push(f);
    return f;
  }

  container(path: string): Container {
    const c: Container = { path, nodes: [], boundaries: [], flows: [], width: 0, height: 0 };
    this.containers.set(path, c);
    return c;
  }

  /** Every step inside `entry` as a node of `into`, recursively, with its start event. */
  fill(entry: StateEntry, into: Container, start = true) {
    for (const key of Object.keys(entry.config.states ?? {})) {
      const child = this.index.byPath.get(entry.path ? `${entry.path}.${key}` : key)!;
      const c = child.config;
      const k = kind(c);
      if (k === 'history') continue;
      const label = c.meta?.label?.nl ?? key;
      const id = `wlb_${child.path}`;
      let n: Node;
      if (k === 'final') n = this.node(into, id, 'endEvent', label);
      else if (k === 'compound' || k === 'parallel') {
        n = this.node(into, id, 'subProcess', label);
        n.inner = this.container(child.path);
        if (k === 'parallel') this.fillParallel(child, n.inner);
        else this.fill(child, n.inner);
      } else if (onlyWaits(c)) {
        n = this.node(into, id, 'intermediateCatchEvent', label);
        n.body.push(this.timerDefinition(id, Object.keys(c.after!)[0]));
      } else if (onlyDecides(c)) n = this.node(into, id, 'exclusiveGateway', label);
      else n = this.node(into, id, 'userTask', label);
      if (c.meta?.description?.nl) n.documentation = c.meta.description.nl;
      n.ext.push(`<wlb:state${attrs({ key })}>${json(own(c))}</wlb:state>`);
      for (const [hk, h] of Object.entries(c.states ?? {}))
        if (kind(h) === 'history') n.ext.push(`<wlb:child${attrs({ key: hk })}>${json(own(h))}</wlb:child>`);
      for (const [slot, event, list] of slotsOf(c)) n.ext.push(...transitionExt(slot, event, list));
      this.nodes.set(child.path, n);
    }
    const initial = entry.config.initial;
    const first = start && initial && this.nodes.get(entry.path ? `${entry.path}.${initial}` : initial);
    if (first) this.flow(into, this.node(into, `wlb_${pid(entry.path)}_start`, 'startEvent'), first);
  }

  /** A parallel step: a parallel gateway starts every region, another joins them. */
  fillParallel(entry: StateEntry, into: Container) {
    const start = this.node(into, `wlb_${entry.path}_start`, 'startEvent');
    const fork = this.node(into, `wlb_${entry.path}_fork`, 'parallelGateway');
    this.fill(entry, into, false);
    const join = this.node(into, `wlb_${entry.path}_join`, 'parallelGateway');
    const end = this.node(into, `wlb_${entry.path}_end`, 'endEvent');
    this.flow(into, start, fork);
    for (const key of Object.keys(entry.config.states ?? {})) {
      const region = this.nodes.get(`${entry.path}.${key}`);
      if (!region) continue;
      this.flow(into, fork, region);
      this.flow(into, region, join);
    }
    this.flow(into, join, end);
  }

  timerDefinition(id: string, duration: string) {
    return `<bpmn:timerEventDefinition id="${id}_time"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${isoDuration(duration)}</bpmn:timeDuration></bpmn:timerEventDefinition>`;
  }

  boundary(host: Node, id: string, name: string | undefined, definition: string): Node {
    const container = this.containers.get(parentOfNode(this, host))!;
    const b = this.node(container, id, 'boundaryEvent', name);
    b.host = host;
    b.attrs.attachedToRef = host.id;
    b.body.push(definition);
    return b;
  }

  /** Draws a transition from `from` (in the container of step path `at`) to the step `target`. */
  route(from: Node, at: string, target: StateEntry, props: Partial<Flow>): Flow | undefined {
    const container = this.containers.get(at)!;
    if (inside(target.path, at)) {
      const rest = at ? target.path.slice(at.length + 1) : target.path;
      const drawn = this.nodes.get(at ? `${at}.${rest.split('.')[0]}` : rest.split('.')[0]);
      return drawn && this.flow(container, from, drawn, props);
    }
    // Out of this sub-process: an escalation here, caught on the sub-process at the target's level.
    const n = this.escalations.length + 1;
    const code = `wlb_escalation_${n}`;
    this.escalations.push(props.name ?? target.config.meta?.label?.nl ?? target.path);
    const end = this.node(container, `wlb_${pid(at)}_exit_${n}`, 'endEvent', props.name);
    end.body.push(`<bpmn:escalationEventDefinition id="${code}_throw" escalationRef="${code}"/>`);
    const first = this.flow(container, from, end, props);
    let holder = at;
    while (!inside(target.path, parentOf(holder)) || target.path === parentOf(holder)) holder = parentOf(holder);
    const catcher = this.boundary(
      this.nodes.get(holder)!,
      `wlb_${holder}_catch_${n}`,
      undefined,
      `<bpmn:escalationEventDefinition id="${code}_catch" escalationRef="${code}"/>`,
    );
    this.route(catcher, parentOf(holder), target, {});
    return first;
  }

  /** Several ways out of one point: through an exclusive gateway, each with its rule. */
  routes(from: Node, at: string, source: StateEntry, list: TransitionConfig[], gatewayId: string, human: boolean) {
    const drawn = list.filter((t) => t.target !== undefined && resolveTarget(this.def, source, t.target));
    if (!drawn.length) return;
    let start = from;
    if (drawn.length > 1) {
      start = this.node(this.containers.get(at)!, gatewayId, 'exclusiveGateway');
      this.flow(this.containers.get(at)!, from, start);
    }
    for (const t of drawn) {
      const first = this.route(start, at, resolveTarget(this.def, source, t.target!)!, {
        name: t.meta?.label?.nl,
        condition: t.guard ? juelOf(t.guard.params) : undefined,
        documentation: t.guard ? describe(this.def, t.guard.params).nl : undefined,
      });
      // A decision by rules goes the unguarded way when no rule holds: the gateway's default flow.
      if (first && !t.guard && !human && start.tag === 'exclusiveGateway') start.attrs.default = first.id;
    }
  }

  /** Every transition of a step, drawn in BPMN's idiom for its kind. */
  draw(entry: StateEntry) {
    const c = entry.config;
    const at = parentOf(entry.path);
    const n = this.nodes.get(entry.path);
    if (!n) return;
    const id = `wlb_${entry.path}`;
    const own = Object.entries(c.on ?? {});
    if (n.tag === 'userTask') {
      const list = own.flatMap(([, t]) => transitionsOf(t));
      this.routes(n, at, entry, list, `${id}_choice`, true);
    } else if (n.tag === 'subProcess') {
      for (const [event, t] of own) {
        const list = transitionsOf(t);
        if (!list.some((x) => x.target !== undefined)) continue;
        const b = this.boundary(
          n,
          `${id}_on_${event}`,
          list[0].meta?.label?.nl ?? event,
          `<bpmn:messageEventDefinition id="${id}_on_${event}_message"/>`,
        );
        this.routes(b, at, entry, list, `${id}_on_${event}_choice`, false);
      }
      if (c.onDone) this.routes(n, at, entry, transitionsOf(c.onDone), `${id}_done_choice`, false);
    }
    for (const [d, t] of Object.entries(c.after ?? {})) {
      const from =
        n.tag === 'intermediateCatchEvent'
          ? n
          : this.boundary(
              n,
              `${id}_after_${d}`,
              transitionsOf(t)[0].meta?.label?.nl,
              this.timerDefinition(`${id}_after_${d}`, d),
            );
      this.routes(from, at, entry, transitionsOf(t), `${id}_after_${d}_choice`, false);
    }
    if (n.tag === 'exclusiveGateway') this.routes(n, at, entry, transitionsOf(c.always!), `${id}_always`, false);
  }

  /** Actions possible from every step: an event sub-process that any of them starts. */
  drawEverywhere(root: Container) {
    const on = Object.entries(this.def.machine.on ?? {});
    if (!on.length) return;
    const sub = this.node(root, 'wlb_everywhere', 'subProcess', 'Vanuit elke stap');
    root.nodes.splice(root.nodes.indexOf(sub), 1);
    root.below = sub;
    sub.attrs.triggeredByEvent = 'true';
    sub.inner = this.container('#everywhere');
    for (const [event, t] of on) {
      const list = transitionsOf(t);
      const start = this.node(sub.inner, `wlb_everywhere_${event}`, 'startEvent', list[0].meta?.label?.nl ?? event);
      start.body.push(`<bpmn:messageEventDefinition id="wlb_everywhere_${event}_message"/>`);
      list.forEach((tr, i) => {
        const target = tr.target !== undefined ? resolveTarget(this.def, this.index.root, tr.target) : undefined;
        if (!target) return;
        const to = this.node(
          sub.inner!,
          `wlb_everywhere_${event}_${i}`,
          'endEvent',
          target.config.meta?.label?.nl ?? target.path,
        );
        this.flow(sub.inner!, start, to, {
          condition: tr.guard ? juelOf(tr.guard.params) : undefined,
          documentation: tr.guard ? describe(this.def, tr.guard.params).nl : undefined,
        });
      });
    }
  }
}

function parentOfNode(d: Drawing, n: Node): string {
  for (const [path, c] of d.containers) if (c.nodes.includes(n) || c.boundaries.includes(n)) return path;
  return '';
}

// --- Layout ----------------------------------------------------------------------------------

const gapX = 60;
const gapY = 50;
const boundaryGap = 90;
const pad = { left: 40, top: 40, right: 40, bottom: 40 };

/**
 * A layered drawing of one container, inside out: each node's column is its longest distance
 * from the start along the flows (back flows ignored), its row its order in that column; rows
 * are shared by all columns so a straight run of steps stays on one line.
 */
function layout(c: Container) {
  for (const n of c.nodes) if (n.inner) layout(n.inner);
  if (c.below?.inner) layout(c.below.inner);
  // A host is wide enough for its boundary events to stand apart with their names.
  const boundaries = (n: Node) => c.boundaries.filter((b) => b.host === n).length;
  for (const n of c.nodes) {
    if (n.inner) {
      n.w = Math.max(sizes.subProcess[0], n.inner.width);
      n.h = Math.max(sizes.subProcess[1], n.inner.height);
    }
    n.w = Math.max(n.w, boundaries(n) * boundaryGap + 20);
  }
  if (c.below?.inner) {
    c.below.w = c.below.inner.width;
    c.below.h = c.below.inner.height;
  }
  const hostOf = (n: Node) => n.host ?? n;
  const next = new Map<Node, Node[]>();
  for (const f of c.flows) {
    const s = hostOf(f.source);
    if (s !== f.target) next.set(s, [...(next.get(s) ?? []), f.target]);
  }
  // Depth-first from the start events, then from whatever is left, in document order.
  const order: Node[] = [];
  const state = new Map<Node, 'open' | 'done'>();
  const back = new Set<string>();
  const visit = (start: Node) => {
    const stack: [Node, number][] = [[start, 0]];
    state.set(start, 'open');
    while (stack.length) {
      const top = stack[stack.length - 1];
      const out = next.get(top[0]) ?? [];
      if (top[1] < out.length) {
        const m = out[top[1]++];
        if (state.get(m) === 'open') back.add(`${top[0].id}>${m.id}`);
        else if (!state.has(m)) {
          state.set(m, 'open');
          stack.push([m, 0]);
        }
      } else {
        state.set(top[0], 'done');
        order.push(top[0]);
        stack.pop();
      }
    }
  };
  for (const n of c.nodes) if (n.tag === 'startEvent' && !state.has(n)) visit(n);
  const fromStart = order.length;
  for (const n of c.nodes) if (!state.has(n)) visit(n);
  // What the start does not reach (steps only the event sub-process leads to) stands after the rest.
  const ranked = [...order.slice(0, fromStart).reverse(), ...order.slice(fromStart).reverse()];
  const rank = new Map<Node, number>();
  let last = 0;
  ranked.forEach((n, i) => {
    const r = rank.get(n) ?? (i >= fromStart ? last + 1 : 0);
    rank.set(n, r);
    if (i < fromStart) last = Math.max(last, r);
    for (const m of next.get(n) ?? []) if (!back.has(`${n.id}>${m.id}`)) rank.set(m, Math.max(rank.get(m) ?? 0, r + 1));
  });
  const columns: Node[][] = [];
  for (const n of ranked) (columns[rank.get(n)!] ??= []).push(n);
  // Each column in the order of the rows its predecessors stand in, so that flows cross less.
  const row = new Map<Node, number>();
  const previous = new Map<Node, Node[]>();
  for (const [from, tos] of next) for (const to of tos) previous.set(to, [...(previous.get(to) ?? []), from]);
  for (const col of columns) {
    if (!col) continue;
    const key = (n: Node) => Math.min(Infinity, ...(previous.get(n) ?? []).map((p) => row.get(p) ?? Infinity));
    // Ends after the steps that go on, so the main line stays straight.
    col.sort((a, b) => key(a) - key(b) || Number(a.tag === 'endEvent') - Number(b.tag === 'endEvent'));
    col.forEach((n, i) => row.set(n, i));
  }
  const widths = columns.map((col) => Math.max(0, ...(col ?? []).map((n) => n.w)));
  const rows = Math.max(0, ...columns.map((col) => col?.length ?? 0));
  const heights = Array.from({ length: rows }, (_, r) => Math.max(0, ...columns.map((col) => col?.[r]?.h ?? 0)));
  let x = pad.left;
  columns.forEach((col, i) => {
    let y = pad.top;
    (col ?? []).forEach((n, r) => {
      n.x = x + (widths[i] - n.w) / 2;
      n.y = y + (heights[r] - n.h) / 2;
      y += heights[r] + gapY;
    });
    x += widths[i] + gapX;
  });
  c.width = Math.max(x - gapX + pad.right, 200);
  c.height = pad.top + heights.reduce((a, b) => a + b + gapY, 0) - (rows ? gapY : 0) + pad.bottom;
  if (c.below) {
    c.below.x = pad.left;
    c.below.y = c.height;
    c.height += c.below.h + pad.bottom;
    c.width = Math.max(c.width, c.below.w + pad.left + pad.right);
  }
  // Boundary events on the lower edge of their host, from the right.
  const seen = new Map<Node, number>();
  for (const b of c.boundaries) {
    const host = b.host!;
    const k = seen.get(host) ?? 0;
    seen.set(host, k + 1);
    b.x = host.x + host.w - 18 - 8 - boundaryGap * k - 18;
    b.y = host.y + host.h - 18;
  }
}

/** Absolute positions: a container's nodes sit relative to its sub-process. */
function place(c: Container, dx: number, dy: number, out: { node: Node; box: Box }[], flows: Flow[]) {
  const abs = (n: Node): Box => ({ x: n.x + dx, y: n.y + dy, w: n.w, h: n.h });
  const boxes = new Map<Node, Box>();
  for (const n of [...c.nodes, ...c.boundaries, ...(c.below ? [c.below] : [])]) {
    const box = abs(n);
    boxes.set(n, box);
    out.push({ node: n, box });
    if (n.inner) place(n.inner, box.x, box.y, out, flows);
  }
  let lane = 0;
  for (const f of c.flows) {
    const s = boxes.get(f.source)!;
    const t = boxes.get(f.target)!;
    f.points = waypoints(f.source.tag === 'boundaryEvent', s, t, 12 * (lane % 4));
    if (f.points.length > 2 && t.x <= s.x + s.w) lane++;
    flows.push(f);
  }
}

/** A flow's bends: straight on, or around below when it goes back (each such flow on a lane of its own). */
function waypoints(fromBoundary: boolean, s: Box, t: Box, offset: number) {
  const r = (n: number) => Math.round(n);
  const tl = { x: r(t.x), y: r(t.y + t.h / 2) };
  if (s === t || (s.x === t.x && s.y === t.y)) {
    const below = r(s.y + s.h + 25);
    return [
      { x: r(s.x + s.w / 2), y: r(s.y + s.h) },
      { x: r(s.x + s.w / 2), y: below },
      { x: r(s.x - 25), y: below },
      { x: r(s.x - 25), y: r(s.y + s.h / 2) },
      { x: r(s.x), y: r(s.y + s.h / 2) },
    ];
  }
  if (fromBoundary) {
    const sb = { x: r(s.x + s.w / 2), y: r(s.y + s.h) };
    if (t.x > s.x + s.w)
      return [
        sb,
        { x: sb.x, y: tl.y > sb.y ? tl.y : r(sb.y + 20) },
        ...(tl.y > sb.y
          ? []
          : [
              { x: r(t.x - 20), y: r(sb.y + 20) },
              { x: r(t.x - 20), y: tl.y },
            ]),
        tl,
      ];
    const low = r(Math.max(s.y + s.h, t.y + t.h) + 20 + offset);
    return [sb, { x: sb.x, y: low }, { x: r(t.x + t.w / 2), y: low }, { x: r(t.x + t.w / 2), y: r(t.y + t.h) }];
  }
  const sr = { x: r(s.x + s.w), y: r(s.y + s.h / 2) };
  if (t.x > s.x + s.w) {
    if (sr.y === tl.y) return [sr, tl];
    const mid = r((sr.x + tl.x) / 2);
    return [sr, { x: mid, y: sr.y }, { x: mid, y: tl.y }, tl];
  }
  const low = r(Math.max(s.y + s.h, t.y + t.h) + 25 + offset);
  return [
    { x: r(s.x + s.w / 2), y: r(s.y + s.h) },
    { x: r(s.x + s.w / 2), y: low },
    { x: r(t.x + t.w / 2), y: low },
    { x: r(t.x + t.w / 2), y: r(t.y + t.h) },
  ];
}

// --- XML ------------------------------------------------------------------------------------

function nodeXml(n: Node, pad: string): string {
  const lines: string[] = [];
  const a = attrs({ id: n.id, name: n.name, ...n.attrs });
  lines.push(`${pad}<bpmn:${n.tag}${a}>`);
  if (n.documentation) lines.push(`${pad}  <bpmn:documentation>${escapeXml(n.documentation)}</bpmn:documentation>`);
  if (n.ext.length)
    lines.push(
      `${pad}  <bpmn:extensionElements>`,
      ...n.ext.map((e) => `${pad}    ${e}`),
      `${pad}  </bpmn:extensionElements>`,
    );
  for (const f of n.incoming) lines.push(`${pad}  <bpmn:incoming>${f.id}</bpmn:incoming>`);
  for (const f of n.outgoing) lines.push(`${pad}  <bpmn:outgoing>${f.id}</bpmn:outgoing>`);
  for (const b of n.body) lines.push(`${pad}  ${b}`);
  if (n.inner) lines.push(...containerXml(n.inner, `${pad}  `));
  lines.push(`${pad}</bpmn:${n.tag}>`);
  return lines.join('\n');
}

function containerXml(c: Container, pad: string): string[] {
  const out: string[] = [];
  for (const n of [...c.nodes, ...(c.below ? [c.below] : [])]) out.push(nodeXml(n, pad));
  for (const b of c.boundaries) out.push(nodeXml(b, pad));
  for (const f of c.flows) {
    const a = attrs({ id: f.id, name: f.name, sourceRef: f.source.id, targetRef: f.target.id });
    const inner = [
      f.documentation ? `${pad}  <bpmn:documentation>${escapeXml(f.documentation)}</bpmn:documentation>` : '',
      f.condition
        ? `${pad}  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escapeXml(f.condition)}</bpmn:conditionExpression>`
        : '',
    ].filter(Boolean);
    out.push(
      inner.length
        ? `${pad}<bpmn:sequenceFlow${a}>\n${inner.join('\n')}\n${pad}</bpmn:sequenceFlow>`
        : `${pad}<bpmn:sequenceFlow${a}/>`,
    );
  }
  return out;
}

/** The workflow as a BPMN 2.0 document with its diagram. */
export function toBpmn(def: Definition): string {
  const d = new Drawing(def);
  const root = d.container('');
  d.fill(d.index.root, root);
  for (const entry of d.index.byPath.values()) d.draw(entry);
  d.drawEverywhere(root);
  layout(root);
  const shapes: { node: Node; box: Box }[] = [];
  const flows: Flow[] = [];
  place(root, 0, 0, shapes, flows);

  const { machine, ...rest } = portableDefinition(def);
  const { states: _states, on: rootOn, ...machineOwn } = machine;
  const rootExt = [
    `<wlb:workflow>${json({ ...rest, machine: machineOwn })}</wlb:workflow>`,
    ...Object.entries(machine.states)
      .filter(([, s]) => kind(s) === 'history')
      .map(([k, s]) => `<wlb:child${attrs({ key: k })}>${json(own(s))}</wlb:child>`),
    ...Object.entries(rootOn ?? {}).flatMap(([e, t]) => transitionExt('on', e, transitionsOf(t))),
  ];
  const round = (n: number) => Math.round(n);
  const di = [
    ...shapes.map(
      ({ node, box }) =>
        `      <bpmndi:BPMNShape${attrs({ id: `${node.id}_di`, bpmnElement: node.id, isExpanded: node.tag === 'subProcess' ? 'true' : undefined })}>\n        <dc:Bounds x="${round(box.x)}" y="${round(box.y)}" width="${round(box.w)}" height="${round(box.h)}"/>\n      </bpmndi:BPMNShape>`,
    ),
    ...flows.map(
      (f) =>
        `      <bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}">\n${f.points.map((p) => `        <di:waypoint x="${p.x}" y="${p.y}"/>`).join('\n')}\n      </bpmndi:BPMNEdge>`,
    ),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<bpmn:definitions${attrs({
      'xmlns:bpmn': bpmnModelNamespace,
      'xmlns:bpmndi': 'http://www.omg.org/spec/BPMN/20100524/DI',
      'xmlns:dc': 'http://www.omg.org/spec/DD/20100524/DC',
      'xmlns:di': 'http://www.omg.org/spec/DD/20100524/DI',
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xmlns:wlb': bpmnNamespace,
      id: `wlb_definitions_${def.key}`,
      targetNamespace: `${bpmnNamespace}/${def.key}`,
      exporter: 'WijkLeerbedrijf',
      exporterVersion: '1',
    })}>`,
    ...d.escalations.map(
      (name, i) =>
        `  <bpmn:escalation${attrs({ id: `wlb_escalation_${i + 1}`, name, escalationCode: `wlb_escalation_${i + 1}` })}/>`,
    ),
    `  <bpmn:process${attrs({ id: machine.id, name: def.title.nl, isExecutable: 'false' })}>`,
    ...(def.description?.nl ? [`    <bpmn:documentation>${escapeXml(def.description.nl)}</bpmn:documentation>`] : []),
    '    <bpmn:extensionElements>',
    ...rootExt.map((e) => `      ${e}`),
    '    </bpmn:extensionElements>',
    ...containerXml(root, '    '),
    '  </bpmn:process>',
    '  <bpmndi:BPMNDiagram id="wlb_diagram">',
    `    <bpmndi:BPMNPlane id="wlb_plane" bpmnElement="${machine.id}">`,
    ...di,
    '    </bpmndi:BPMNPlane>',
    '  </bpmndi:BPMNDiagram>',
    '</bpmn:definitions>',
    '',
  ].join('\n');
}
