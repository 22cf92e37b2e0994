import { transitionsOf, type Definition, type RaiseAction, type TransitionConfig } from './definition';
import { problem, type Problem } from './problem';
import { indexStates, kind, lineage, resolveTarget, stateEvents, type StateEntry } from './tree';

/**
 * Whether a workflow could move forever by itself. Within one step of a case, XState keeps going
 * as long as an eventless transition (`always`) is enabled or a raised event waits, as the W3C
 * algorithm does; a ring of those never ends and would hold the server. Rules cannot stop such a
 * ring: they read the case's data and the moment of the event, which stay the same within a step.
 *
 * So the check is on the shape alone: a graph whose nodes are "this step is entered" and "this
 * event is raised", with an edge wherever one can cause the other within the same step, and any
 * cycle in it is refused. It may refuse a ring whose rules could never all hold at once; it never
 * lets a real one through.
 */
export function automaticLoops(def: Definition): Problem[] {
  const index = indexStates(def);
  const edges = new Map<string, Set<string>>();
  const edge = (from: string, to: string) => {
    let set = edges.get(from);
    if (!set) edges.set(from, (set = new Set()));
    set.add(to);
  };
  const stateNode = (e: StateEntry) => `s:${e.path}`;
  const eventNode = (name: string) => `e:${name}`;
  const raise = (from: string, xs: readonly RaiseAction[] | undefined) =>
    xs?.forEach((x) => edge(from, eventNode(x.raise)));

  /** The steps a transition enters, as XState decides: the target and its parents below the transition's domain. */
  const enter = (from: string, source: StateEntry, t: TransitionConfig) => {
    raise(from, t.actions);
    const target = t.target === undefined ? undefined : resolveTarget(def, source, t.target);
    if (!target) return;
    const inside = (e: StateEntry, ancestor: StateEntry) => !ancestor.path || e.path.startsWith(`${ancestor.path}.`);
    let domain: StateEntry | undefined;
    if (!t.reenter && (target === source || inside(target, source))) domain = source;
    else for (domain = source.parent; domain && !inside(target, domain); domain = domain.parent);
    for (let e: StateEntry | undefined = target; e && e !== domain && e.path; e = e.parent) edge(from, stateNode(e));
  };

  for (const entry of index.byPath.values()) {
    const c = entry.config;
    const from = stateNode(entry);
    const child = (key: string) => index.byPath.get(`${entry.path}.${key}`);
    const k = kind(c);
    if (k === 'compound' && c.initial && child(c.initial)) edge(from, stateNode(child(c.initial)!));
    if (k === 'parallel') for (const key of Object.keys(c.states ?? {})) edge(from, stateNode(child(key)!));
    if (k === 'history' && entry.parent) {
      // Coming back restores any step inside the parent.
      for (const e of index.byPath.values())
        if (kind(e.config) !== 'history' && e.path.startsWith(`${entry.parent.path}.`)) edge(from, stateNode(e));
      if (c.target) enter(from, entry, { target: c.target });
    }
    raise(from, c.entry);
    raise(from, c.exit);
    for (const t of c.always ? transitionsOf(c.always) : []) enter(from, entry, t);
    if (k === 'final')
      for (const a of lineage(entry.parent))
        for (const t of a.config.onDone ? transitionsOf(a.config.onDone) : []) enter(from, a, t);
  }
  for (const entry of [index.root, ...index.byPath.values()])
    for (const [event, ts] of stateEvents(def, entry.config)) for (const t of ts) enter(eventNode(event), entry, t);

  return cycles(edges).map((ring) => {
    const steps = ring.filter((n) => n.startsWith('s:')).map((n) => n.slice(2));
    const events = ring.filter((n) => n.startsWith('e:')).map((n) => n.slice(2));
    const names = [...steps.map((p) => `'${index.byPath.get(p)?.config.meta?.label?.nl ?? p}'`), ...events];
    const at = steps[0] ? `machine.states.${steps[0].split('.').join('.states.')}` : 'machine';
    return problem(
      at,
      `Deze stap kan zichzelf eindeloos blijven opvolgen zonder dat iemand iets doet (${names.join(' → ')}); laat een van deze overgangen op een actie of een timer wachten`,
      `This step can keep following itself without anyone acting (${names.join(' → ')}); let one of these transitions wait for an action or a timer`,
    );
  });
}

/** One node list per cycle of a directed graph (Tarjan's strongly connected components, iteratively). */
function cycles(edges: Map<string, Set<string>>): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;
  for (const start of edges.keys()) {
    if (order.has(start)) continue;
    const work: [string, Iterator<string>][] = [];
    const open = (n: string) => {
      order.set(n, counter);
      low.set(n, counter++);
      stack.push(n);
      onStack.add(n);
      work.push([n, (edges.get(n) ?? new Set<string>()).values()]);
    };
    open(start);
    while (work.length) {
      const [n, next] = work[work.length - 1];
      const step = next.next();
      if (!step.done) {
        const m = step.value;
        if (!order.has(m)) open(m);
        else if (onStack.has(m)) low.set(n, Math.min(low.get(n)!, order.get(m)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent)!, low.get(n)!));
      }
      if (low.get(n) === order.get(n)) {
        const component: string[] = [];
        let m: string;
        do {
          m = stack.pop()!;
          onStack.delete(m);
          component.push(m);
        } while (m !== n);
        if (component.length > 1 || edges.get(n)?.has(n)) out.push(component.reverse());
      }
    }
  }
  return out;
}
