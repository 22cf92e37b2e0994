import { XMLParser } from 'fast-xml-parser';
import { transitionsOf, type Definition, type StateConfig, type TransitionConfig } from './definition';
import { durationMs } from './duration';
import { problem, type Problem } from './problem';
import { indexStates, kind, resolveTarget, type StateEntry } from './tree';
import { structureProblems } from './validate';
import { escapeXml, unescapeXml, xmlLimits, xmlProblems } from './xml';

/**
 * W3C SCXML for a definition's machine, so other statechart tools can read and draw it.
 *
 * - A state's SCXML id is its dotted path (ids are document-wide in SCXML, paths are unique).
 * - The machine itself is one outer `<state>` with the machine's id (`wlb:root`), because SCXML
 *   has no transitions on `<scxml>` and a definition has (e.g. leaving from any step).
 * - A timer is what SCXML writes for one: `<send event delay>` on entry, `<cancel>` on exit, and a
 *   transition on that event. The event is `wlb.after.<duration>`, so the duration comes back.
 * - What SCXML has no words for (labels, roles, forms, checklists, outcomes, rules) travels as JSON
 *   in attributes of the `wlb` namespace; other tools ignore them, an import reads them back.
 */
export const wlbNamespace = 'https://wijkleerbedrijf.nl/scxml';
const scxmlNamespace = 'http://www.w3.org/2005/07/scxml';

const esc = escapeXml;
const attrs = (a: Record<string, string | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(v!)}"`)
    .join('');
const json = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));

const timerEvent = (duration: string) => `wlb.after.${duration}`;

function transitionXml(def: Definition, source: StateEntry, event: string, t: TransitionConfig, pad: string): string {
  const target = t.target !== undefined ? resolveTarget(def, source, t.target) : undefined;
  return `${pad}<transition${attrs({
    event,
    target: target?.path,
    'wlb:rule': json(t.guard?.params),
    'wlb:meta': json(t.meta),
    'wlb:description': t.description,
  })}/>\n`;
}

function stateXml(def: Definition, entry: StateEntry, pad: string, root = false): string {
  const c = entry.config;
  const k = root ? 'compound' : kind(c);
  const tag = k === 'parallel' ? 'parallel' : k === 'final' ? 'final' : k === 'history' ? 'history' : 'state';
  const id = root ? def.machine.id : entry.path;
  const childPath = (key: string) => (entry.path ? `${entry.path}.${key}` : key);
  const a = attrs({
    id,
    ...(root ? { 'wlb:root': 'true' } : {}),
    initial: (k === 'compound' || root) && c.initial ? childPath(c.initial) : undefined,
    type: k === 'history' ? (c.history ?? 'shallow') : undefined,
    'wlb:id': root ? undefined : c.id,
    'wlb:meta': json(c.meta),
    'wlb:description': c.description,
  });
  let body = '';
  if (k === 'history' && c.target) {
    const target = resolveTarget(def, entry, c.target);
    body += `${pad}  <transition${attrs({ target: target?.path })}/>\n`;
  }
  const after = Object.keys(c.after ?? {});
  if (after.length) {
    body += `${pad}  <onentry>\n${after.map((d) => `${pad}    <send${attrs({ event: timerEvent(d), delay: `${durationMs(d) / 1000}s`, id: `${id}.${timerEvent(d)}` })}/>\n`).join('')}${pad}  </onentry>\n`;
    body += `${pad}  <onexit>\n${after.map((d) => `${pad}    <cancel${attrs({ sendid: `${id}.${timerEvent(d)}` })}/>\n`).join('')}${pad}  </onexit>\n`;
  }
  for (const [event, t] of Object.entries(c.on ?? {}))
    for (const tr of transitionsOf(t)) body += transitionXml(def, entry, event, tr, `${pad}  `);
  for (const [d, t] of Object.entries(c.after ?? {}))
    for (const tr of transitionsOf(t)) body += transitionXml(def, entry, timerEvent(d), tr, `${pad}  `);
  const index = indexStates(def);
  for (const key of Object.keys(c.states ?? {})) body += stateXml(def, index.byPath.get(childPath(key))!, `${pad}  `);
  return body ? `${pad}<${tag}${a}>\n${body}${pad}</${tag}>\n` : `${pad}<${tag}${a}/>\n`;
}

/** The definition's machine as an SCXML document. */
export function toScxml(def: Definition): string {
  const index = indexStates(def);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<scxml${attrs({ xmlns: scxmlNamespace, 'xmlns:wlb': wlbNamespace, version: '1.0', datamodel: 'null', name: def.machine.id, initial: def.machine.id })}>\n${stateXml(def, index.root, '  ', true)}</scxml>\n`;
}

// ---------------------------------------------------------------------------------------------
// Import

/** The limits of an SCXML import: those of every XML import (engine/xml.ts). */
export const scxmlLimits = xmlLimits;

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const tagOf = (n: Node) => Object.keys(n).find((k) => k !== ':@')!;
const childrenOf = (n: Node) => (n[tagOf(n)] as Node[]) ?? [];
const attr = (n: Node, name: string) => {
  const v = n[':@']?.[`@_${name}`];
  return v === undefined ? undefined : unescapeXml(v);
};
const under = (path: string, part: string) => (path ? `${path}.${part}` : part);
const stateTags = ['state', 'parallel', 'final', 'history'];

/** A duration in the definition's words from an SCXML delay ("600s", "1.5h", "250ms"). */
function durationFromDelay(delay: string): string | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min|h|d)?\s*$/.exec(delay);
  if (!m) return undefined;
  const ms = Number(m[1]) * { ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms') as 'ms'];
  if (ms <= 0 || ms % 60_000 !== 0) return undefined;
  let rest = ms / 60_000;
  let out = '';
  for (const [u, minutes] of [
    ['w', 10080],
    ['d', 1440],
    ['h', 60],
    ['m', 1],
  ] as const) {
    const n = Math.floor(rest / minutes);
    if (n) out += `${n}${u}`;
    rest -= n * minutes;
  }
  return out;
}

/** The tags inside SCXML states that the engine can carry out; anything else is refused by name. */
const allowedInState = new Set([
  'state',
  'parallel',
  'final',
  'history',
  'transition',
  'onentry',
  'onexit',
  'initial',
  '#text',
  '#comment',
  'datamodel',
]);

export type ScxmlImport = { ok: true; machine: Definition['machine'] } | { ok: false; problems: Problem[] };

/** The document parsed, keeping the order of elements; or why it cannot be read. */
function parseScxml(xml: string): { root: Node } | { problems: Problem[] } {
  const limits = xmlProblems(xml, { nl: 'Het SCXML-bestand', en: 'The SCXML file' });
  if (limits.length) return { problems: limits };
  let doc: Node[];
  try {
    doc = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      processEntities: false,
      parseAttributeValue: false,
      parseTagValue: false,
      trimValues: true,
    }).parse(xml, true) as Node[];
  } catch (err) {
    const m = (err as Error).message;
    return { problems: [problem('(root)', `Geen geldige XML: ${m}`, `Not valid XML: ${m}`)] };
  }
  const root = doc.find((n) => tagOf(n) === 'scxml');
  return root
    ? { root }
    : { problems: [problem('(root)', 'Geen <scxml>-element gevonden', 'No <scxml> element found')] };
}

/** What reading one document shares: its states by SCXML id, and what was refused where. */
interface Reader {
  machineId: string;
  /** Every state's SCXML id → its dotted path in the definition. */
  paths: Map<string, string>;
  problems: Problem[];
}

const refuse = (r: Reader, at: string, nl: string, en: string) => r.problems.push(problem(at, nl, en));

function parseJson(r: Reader, at: string, text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    refuse(r, at, 'Geen geldige JSON in dit attribuut', 'Not valid JSON in this attribute');
    return undefined;
  }
}

/** First pass: every state's SCXML id → its path, so that targets can point anywhere. */
function collectStates(r: Reader, nodes: Node[], parentPath: string) {
  // Our ids are paths (`opleiding.introductie`); another tool's are any unique names.
  const keyOf = (id: string) => (parentPath && id.startsWith(`${parentPath}.`) ? id.slice(parentPath.length + 1) : id);
  for (const n of nodes) {
    const tag = tagOf(n);
    if (!stateTags.includes(tag)) continue;
    const id = attr(n, 'id');
    if (!id) {
      refuse(r, `${parentPath || r.machineId}`, `Een <${tag}> zonder id`, `A <${tag}> without id`);
      continue;
    }
    const path = under(parentPath, keyOf(id));
    if (r.paths.has(id)) refuse(r, path, `Id '${id}' komt twee keer voor`, `Id '${id}' appears twice`);
    r.paths.set(id, path);
    collectStates(r, childrenOf(n), path);
  }
}

function pathOf(r: Reader, target: string | undefined, at: string): string | undefined {
  if (target === undefined) return undefined;
  if (/\s/.test(target.trim())) {
    refuse(
      r,
      at,
      'Een overgang naar meerdere doelen tegelijk wordt niet ondersteund',
      'A transition to several targets at once is not supported',
    );
    return undefined;
  }
  const path = r.paths.get(target);
  if (!path) refuse(r, at, `Onbekend doel '${target}'`, `Unknown target '${target}'`);
  return path;
}

/** Targets are written as the definition's own `#machine.path`, which resolves from anywhere. */
const targetText = (r: Reader, path: string) => `#${r.machineId}.${path}`;

/** `<onentry>` and `<onexit>`: only a timer (a delayed `<send>`) and its `<cancel>`; the timers by event. */
function readExecutable(r: Reader, block: Node, at: string, timers: Map<string, string>) {
  const ct = tagOf(block);
  for (const x of childrenOf(block)) {
    const xt = tagOf(x);
    if (ct === 'onentry' && xt === 'send' && attr(x, 'delay') && attr(x, 'event')) {
      const event = attr(x, 'event')!;
      const d = /^wlb\.after\.(.+)$/.exec(event)?.[1] ?? durationFromDelay(attr(x, 'delay')!);
      if (!d)
        refuse(
          r,
          `${at}.send`,
          `Wachttijd '${attr(x, 'delay')}' is geen heel aantal minuten`,
          `Delay '${attr(x, 'delay')}' is not a whole number of minutes`,
        );
      else timers.set(event, d);
    } else if (!(ct === 'onexit' && xt === 'cancel') && xt !== '#comment') {
      refuse(
        r,
        `${at}.${xt}`,
        `<${xt}> wordt niet ondersteund: alleen een timer (<send delay>) en het stoppen ervan`,
        `<${xt}> is not supported: only a timer (<send delay>) and its cancel`,
      );
    }
  }
}

/** One `<transition>` with an event, into `on` or (for a timer's event) `after`. */
function readTransition(
  r: Reader,
  child: Node,
  path: string,
  timers: Map<string, string>,
  on: Record<string, TransitionConfig[]>,
  after: Record<string, TransitionConfig[]>,
) {
  const event = attr(child, 'event');
  const at = under(path, `transition${event ? `[${event}]` : ''}`);
  if (!event) {
    refuse(
      r,
      at,
      'Een overgang zonder gebeurtenis (eventless) wordt niet ondersteund',
      'A transition without an event (eventless) is not supported',
    );
    return;
  }
  if (attr(child, 'cond') !== undefined) {
    refuse(
      r,
      `${at}.cond`,
      "Een voorwaarde als code ('cond') wordt niet ondersteund; gebruik een regel (wlb:rule)",
      "A condition as code ('cond') is not supported; use a rule (wlb:rule)",
    );
    return;
  }
  const tr: TransitionConfig = {};
  const target = pathOf(r, attr(child, 'target'), at);
  if (target) tr.target = targetText(r, target);
  const rule = parseJson(r, `${at}.rule`, attr(child, 'wlb:rule'));
  if (rule !== undefined) tr.guard = { type: 'rule', params: rule as never };
  const tmeta = parseJson(r, `${at}.meta`, attr(child, 'wlb:meta'));
  if (tmeta !== undefined) tr.meta = tmeta as TransitionConfig['meta'];
  else if (!timers.has(event)) tr.meta = { label: { nl: event } };
  const tdesc = attr(child, 'wlb:description');
  if (tdesc) tr.description = tdesc;
  const d = timers.get(event);
  if (d) (after[d] ??= []).push(tr);
  else (on[event] ??= []).push(tr);
}

const single = (xs: Record<string, TransitionConfig[]>) =>
  Object.fromEntries(Object.entries(xs).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));

function readState(r: Reader, n: Node, path: string): StateConfig {
  const tag = tagOf(n);
  const config: StateConfig = {};
  if (tag === 'final') config.type = 'final';
  if (tag === 'parallel') config.type = 'parallel';
  if (tag === 'history') {
    config.type = 'history';
    const type = attr(n, 'type');
    if (type === 'deep') config.history = 'deep';
    else if (type && type !== 'shallow')
      refuse(r, under(path, 'history'), `Onbekende soort geschiedenis '${type}'`, `Unknown history type '${type}'`);
  }
  const sid = attr(n, 'wlb:id');
  if (sid) config.id = sid;
  const meta = parseJson(r, under(path, 'meta'), attr(n, 'wlb:meta'));
  const description = attr(n, 'wlb:description');
  if (description) config.description = description;
  const timers = new Map<string, string>();
  const on: Record<string, TransitionConfig[]> = {};
  const after: Record<string, TransitionConfig[]> = {};
  const states: Record<string, StateConfig> = {};
  let initial = attr(n, 'initial');
  for (const child of childrenOf(n)) {
    const ct = tagOf(child);
    const at = under(path, ct);
    if (!allowedInState.has(ct)) {
      refuse(
        r,
        at,
        `<${ct}> wordt niet ondersteund: een workflow bevat geen code`,
        `<${ct}> is not supported: a workflow holds no code`,
      );
      continue;
    }
    if (ct === 'onentry' || ct === 'onexit') readExecutable(r, child, at, timers);
    if (ct === 'initial') {
      const t = childrenOf(child).find((x) => tagOf(x) === 'transition');
      initial = t ? attr(t, 'target') : undefined;
    }
  }
  for (const child of childrenOf(n)) {
    const ct = tagOf(child);
    if (ct === 'transition') {
      if (tag === 'history') {
        const target = pathOf(r, attr(child, 'target'), under(path, 'transition'));
        if (target) config.target = targetText(r, target);
      } else readTransition(r, child, path, timers, on, after);
    } else if (stateTags.includes(ct)) {
      const childPath = r.paths.get(attr(child, 'id') ?? '');
      if (childPath) states[childPath.slice(path ? path.length + 1 : 0)] = readState(r, child, childPath);
    }
  }
  if (initial) {
    const p = pathOf(r, initial, under(path, 'initial'));
    if (p) config.initial = p.slice(path ? path.length + 1 : 0);
  }
  if (Object.keys(states).length) config.states = states;
  if (Object.keys(on).length) config.on = single(on);
  if (Object.keys(after).length) config.after = single(after);
  if (meta !== undefined) config.meta = meta as StateConfig['meta'];
  else if (path && tag !== 'history') config.meta = { label: { nl: path.split('.').pop()! } };
  return config;
}

/**
 * Reads the SCXML subset the engine supports back into a definition's `machine`: states,
 * parallel and final states, history, event transitions with one target, and timers written as
 * a delayed `<send>` with its transition. Expressions (`cond`, `<script>`, `<assign>`) are code,
 * which a definition never holds: they are refused with their place. Document type declarations
 * (and with them entity expansion, "billion laughs") are refused before parsing.
 */
export function fromScxml(xml: string): ScxmlImport {
  const parsed = parseScxml(xml);
  if ('problems' in parsed) return { ok: false, problems: parsed.problems };
  const { root } = parsed;
  const r: Reader = { machineId: attr(root, 'name') ?? 'scxml', paths: new Map(), problems: [] };
  const top = childrenOf(root).filter((n) => ['state', 'parallel', 'final'].includes(tagOf(n)));
  const wrapper = top.length === 1 && attr(top[0], 'wlb:root') === 'true' ? top[0] : undefined;
  const topNodes = wrapper ? childrenOf(wrapper) : childrenOf(root);
  collectStates(r, topNodes, '');

  const rootConfig = wrapper
    ? readState(r, wrapper, '')
    : readState(r, { state: topNodes, ':@': { '@_initial': attr(root, 'initial') ?? '' } } as Node, '');
  if (!wrapper && !attr(root, 'initial') && topNodes[0])
    rootConfig.initial = r.paths.get(attr(topNodes[0], 'id') ?? '');
  delete rootConfig.meta;
  if (r.problems.length) return { ok: false, problems: r.problems };
  const machine = {
    id: r.machineId,
    initial: rootConfig.initial ?? '',
    states: rootConfig.states ?? {},
    ...(rootConfig.on ? { on: rootConfig.on } : {}),
  } as Definition['machine'];
  const shape = structureProblems({
    key: 'x',
    subject: 'student',
    title: { nl: 'x' },
    titleField: 'x',
    fields: {},
    startForm: [],
    machine,
  }).map((p) => ({ ...p, path: p.path.replace(/^machine\.?/, '') || '(root)' }));
  return shape.length ? { ok: false, problems: shape } : { ok: true, machine };
}
