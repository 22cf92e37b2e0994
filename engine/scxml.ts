import { XMLParser } from 'fast-xml-parser';
import { utf8Length } from './bytes';
import { definitionLimits, sizeProblem } from './limits';
import { transitionsOf, type Definition, type StateConfig, type TransitionConfig } from './definition';
import { durationMs, parseDuration } from './duration';
import { parseTimerKey } from './timer-key';
import { problem, type Problem } from './problem';
import { indexStates, kind, resolveTarget, type StateEntry } from './tree';
import { structureProblems } from './validate';

/**
 * W3C SCXML for a definition's machine, so other statechart tools can read and draw it.
 *
 * - A state's SCXML id is its dotted path (ids are document-wide in SCXML, paths are unique).
 * - The machine itself is one outer `<state>` with the machine's id (`wlb:root`), because SCXML
 *   has no transitions on `<scxml>` and a definition has (e.g. leaving from any step).
 * - A timer is what SCXML writes for one: `<send event delay>` on entry, `<cancel>` on exit, and a
 *   transition on that event. The event is `wlb.after.<key>`, so the timer comes back exactly:
 *   SCXML's delay is in seconds, so months are written as their average length there. A timer
 *   until a date has no delay SCXML can say without an expression (code): it is only the
 *   transition on its `wlb.after.@…` event, which other tools show as a step that waits.
 * - What SCXML has no words for (labels, roles, forms, checklists, outcomes, rules) travels as JSON
 *   in attributes of the `wlb` namespace; other tools ignore them, an import reads them back.
 */
export const wlbNamespace = 'https://wijkleerbedrijf.nl/scxml';
const scxmlNamespace = 'http://www.w3.org/2005/07/scxml';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
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
  const after = Object.keys(c.after ?? {}).filter((d) => parseDuration(d));
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

/** The characters XML 1.0 allows (§2.2 Char): any other, written or referred to, is not XML. */
function xmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const charReference = /&#(x[0-9a-fA-F]+|[0-9]+);/g;

/** A character XML does not allow, or a reference to one (`&#x110000;`, `&#0;`), by its line. */
function forbiddenCharacter(xml: string): Problem | undefined {
  const line = (index: number) => xml.slice(0, index).split('\n').length;
  const raw = notXmlChar.exec(xml);
  if (raw) {
    const cp = raw[0].codePointAt(0)!;
    return problem(
      '(root)',
      `Regel ${line(raw.index)}: het teken U+${cp.toString(16).toUpperCase().padStart(4, '0')} is in XML niet toegestaan`,
      `Line ${line(raw.index)}: the character U+${cp.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`,
    );
  }
  for (const m of xml.matchAll(charReference)) {
    const cp = m[1][0] === 'x' ? parseInt(m[1].slice(1), 16) : Number(m[1]);
    if (!xmlChar(cp))
      return problem(
        '(root)',
        `Regel ${line(m.index)}: ${m[0]} verwijst naar een teken dat XML niet kent`,
        `Line ${line(m.index)}: ${m[0]} refers to a character XML does not have`,
      );
  }
  return undefined;
}

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const tagOf = (n: Node) => Object.keys(n).find((k) => k !== ':@')!;
const childrenOf = (n: Node) => (n[tagOf(n)] as Node[]) ?? [];
/** The five XML entities and character references; a DOCTYPE (with its own entities) never gets here. */
const unescape = (v: string) =>
  v.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === 'lt'
      ? '<'
      : e === 'gt'
        ? '>'
        : e === 'quot'
          ? '"'
          : e === 'apos'
            ? "'"
            : e === 'amp'
              ? '&'
              : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
const attr = (n: Node, name: string) => {
  const v = n[':@']?.[`@_${name}`];
  return v === undefined ? undefined : unescape(v);
};
const under = (path: string, part: string) => (path ? `${path}.${part}` : part);

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

/** The timer key of a `wlb.after.<key>` event that needs no `<send>` (a timer until a date). */
function timerKeyOf(event: string): string | undefined {
  const key = /^wlb\.after\.(@.+)$/.exec(event)?.[1];
  return key && parseTimerKey(key) ? key : undefined;
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

/**
 * Reads the SCXML subset the engine supports back into a definition's `machine`: states,
 * parallel and final states, history, event transitions with one target, and timers written as
 * a delayed `<send>` with its transition. Expressions (`cond`, `<script>`, `<assign>`) are code,
 * which a definition never holds: they are refused with their place. Document type declarations
 * (and with them entity expansion, "billion laughs") are refused before parsing.
 */
export function fromScxml(xml: string): ScxmlImport {
  const fail = (p: Problem[]): ScxmlImport => ({ ok: false, problems: p });
  const size = sizeProblem(utf8Length(xml), { nl: 'Het SCXML-bestand', en: 'The SCXML file' });
  if (size) return fail([size]);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    return fail([
      problem(
        '(root)',
        'Een DOCTYPE of ENTITY wordt niet gelezen (SCXML heeft ze niet nodig)',
        'A DOCTYPE or ENTITY is not read (SCXML does not need them)',
      ),
    ]);
  }
  const character = forbiddenCharacter(xml);
  if (character) return fail([character]);
  let depth = 0;
  let max = 0;
  for (const m of xml.matchAll(/<(\/?)[A-Za-z][^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else if (!m[2]) max = Math.max(max, ++depth);
  }
  if (max > definitionLimits.depth)
    return fail([
      problem(
        '(root)',
        `Het SCXML-bestand is ${max} lagen diep genest; meer dan ${definitionLimits.depth} wordt niet gelezen`,
        `The SCXML file nests ${max} levels deep; more than ${definitionLimits.depth} is not read`,
      ),
    ]);

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
    return fail([
      problem('(root)', `Geen geldige XML: ${(err as Error).message}`, `Not valid XML: ${(err as Error).message}`),
    ]);
  }
  const root = doc.find((n) => tagOf(n) === 'scxml');
  if (!root) return fail([problem('(root)', 'Geen <scxml>-element gevonden', 'No <scxml> element found')]);

  const problems: Problem[] = [];
  const refuse = (at: string, nl: string, en: string) => problems.push(problem(at, nl, en));
  const parseJson = (at: string, text: string | undefined): unknown => {
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      refuse(at, 'Geen geldige JSON in dit attribuut', 'Not valid JSON in this attribute');
      return undefined;
    }
  };

  // First pass: every state's SCXML id → its path and its node, for targets anywhere.
  const machineId = attr(root, 'name') ?? 'scxml';
  const top = childrenOf(root).filter((n) => ['state', 'parallel', 'final'].includes(tagOf(n)));
  const wrapper = top.length === 1 && attr(top[0], 'wlb:root') === 'true' ? top[0] : undefined;
  const paths = new Map<string, string>();
  // Our ids are paths (`opleiding.introductie`); another tool's are any unique names.
  const keyOf = (id: string, parentPath: string) =>
    parentPath && id.startsWith(`${parentPath}.`) ? id.slice(parentPath.length + 1) : id;
  const collect = (nodes: Node[], parentPath: string) => {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (!['state', 'parallel', 'final', 'history'].includes(tag)) continue;
      const id = attr(n, 'id');
      if (!id) {
        refuse(`${parentPath || machineId}`, `Een <${tag}> zonder id`, `A <${tag}> without id`);
        continue;
      }
      const key = keyOf(id, parentPath);
      const path = parentPath ? `${parentPath}.${key}` : key;
      if (paths.has(id)) refuse(path, `Id '${id}' komt twee keer voor`, `Id '${id}' appears twice`);
      paths.set(id, path);
      collect(childrenOf(n), path);
    }
  };
  const topNodes = wrapper ? childrenOf(wrapper) : childrenOf(root);
  collect(topNodes, '');

  const pathOf = (target: string | undefined, at: string): string | undefined => {
    if (target === undefined) return undefined;
    if (/\s/.test(target.trim())) {
      refuse(
        at,
        'Een overgang naar meerdere doelen tegelijk wordt niet ondersteund',
        'A transition to several targets at once is not supported',
      );
      return undefined;
    }
    const path = paths.get(target);
    if (!path) refuse(at, `Onbekend doel '${target}'`, `Unknown target '${target}'`);
    return path;
  };
  // Targets are written as the definition's own `#machine.path`, which resolves from anywhere.
  const targetText = (path: string) => `#${machineId}.${path}`;

  const readState = (n: Node, path: string): StateConfig => {
    const tag = tagOf(n);
    const config: StateConfig = {};
    if (tag === 'final') config.type = 'final';
    if (tag === 'parallel') config.type = 'parallel';
    if (tag === 'history') {
      config.type = 'history';
      const type = attr(n, 'type');
      if (type === 'deep') config.history = 'deep';
      else if (type && type !== 'shallow')
        refuse(under(path, 'history'), `Onbekende soort geschiedenis '${type}'`, `Unknown history type '${type}'`);
    }
    const sid = attr(n, 'wlb:id');
    if (sid) config.id = sid;
    const meta = parseJson(under(path, 'meta'), attr(n, 'wlb:meta'));
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
          at,
          `<${ct}> wordt niet ondersteund: een workflow bevat geen code`,
          `<${ct}> is not supported: a workflow holds no code`,
        );
        continue;
      }
      if (ct === 'onentry' || ct === 'onexit') {
        for (const x of childrenOf(child)) {
          const xt = tagOf(x);
          if (ct === 'onentry' && xt === 'send' && attr(x, 'delay') && attr(x, 'event')) {
            const event = attr(x, 'event')!;
            const d = /^wlb\.after\.(.+)$/.exec(event)?.[1] ?? durationFromDelay(attr(x, 'delay')!);
            if (!d)
              refuse(
                `${at}.send`,
                `Wachttijd '${attr(x, 'delay')}' is geen heel aantal minuten`,
                `Delay '${attr(x, 'delay')}' is not a whole number of minutes`,
              );
            else timers.set(event, d);
          } else if (!(ct === 'onexit' && xt === 'cancel') && xt !== '#comment') {
            refuse(
              `${at}.${xt}`,
              `<${xt}> wordt niet ondersteund: alleen een timer (<send delay>) en het stoppen ervan`,
              `<${xt}> is not supported: only a timer (<send delay>) and its cancel`,
            );
          }
        }
      }
      if (ct === 'initial') {
        const t = childrenOf(child).find((x) => tagOf(x) === 'transition');
        initial = t ? attr(t, 'target') : undefined;
      }
    }
    for (const child of childrenOf(n)) {
      const ct = tagOf(child);
      if (ct === 'transition') {
        const event = attr(child, 'event');
        const at = under(path, `transition${event ? `[${event}]` : ''}`);
        if (tag === 'history') {
          const target = pathOf(attr(child, 'target'), at);
          if (target) config.target = targetText(target);
          continue;
        }
        if (!event) {
          refuse(
            at,
            'Een overgang zonder gebeurtenis (eventless) wordt niet ondersteund',
            'A transition without an event (eventless) is not supported',
          );
          continue;
        }
        if (attr(child, 'cond') !== undefined) {
          refuse(
            `${at}.cond`,
            "Een voorwaarde als code ('cond') wordt niet ondersteund; gebruik een regel (wlb:rule)",
            "A condition as code ('cond') is not supported; use a rule (wlb:rule)",
          );
          continue;
        }
        const tr: TransitionConfig = {};
        const target = pathOf(attr(child, 'target'), at);
        if (target) tr.target = targetText(target);
        const rule = parseJson(`${at}.rule`, attr(child, 'wlb:rule'));
        if (rule !== undefined) tr.guard = { type: 'rule', params: rule as never };
        const tmeta = parseJson(`${at}.meta`, attr(child, 'wlb:meta'));
        if (tmeta !== undefined) tr.meta = tmeta as TransitionConfig['meta'];
        else if (!timers.has(event) && !timerKeyOf(event)) tr.meta = { label: { nl: event } };
        const tdesc = attr(child, 'wlb:description');
        if (tdesc) tr.description = tdesc;
        const d = timers.get(event) ?? timerKeyOf(event);
        if (d) (after[d] ??= []).push(tr);
        else (on[event] ??= []).push(tr);
      } else if (['state', 'parallel', 'final', 'history'].includes(ct)) {
        const childPath = paths.get(attr(child, 'id') ?? '');
        if (childPath) states[childPath.slice(path ? path.length + 1 : 0)] = readState(child, childPath);
      }
    }
    if (initial) {
      const p = pathOf(initial, under(path, 'initial'));
      if (p) config.initial = p.slice(path ? path.length + 1 : 0);
    }
    if (Object.keys(states).length) config.states = states;
    const one = (xs: Record<string, TransitionConfig[]>) =>
      Object.fromEntries(Object.entries(xs).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
    if (Object.keys(on).length) config.on = one(on);
    if (Object.keys(after).length) config.after = one(after);
    if (meta !== undefined) config.meta = meta as StateConfig['meta'];
    else if (path && tag !== 'history') config.meta = { label: { nl: path.split('.').pop()! } };
    return config;
  };

  const rootConfig = wrapper
    ? readState(wrapper, '')
    : readState({ state: topNodes, ':@': { '@_initial': attr(root, 'initial') ?? '' } } as Node, '');
  if (!wrapper && !attr(root, 'initial') && topNodes[0]) rootConfig.initial = paths.get(attr(topNodes[0], 'id') ?? '');
  delete rootConfig.meta;
  if (problems.length) return fail(problems);
  const machine = {
    id: machineId,
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
  return shape.length ? fail(shape) : { ok: true, machine };
}
