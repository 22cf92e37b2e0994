import { XMLParser } from 'fast-xml-parser';
import {
  durationPattern,
  eventPattern,
  identifierPattern,
  transitionsOf,
  type Definition,
  type RaiseAction,
  type StateConfig,
  type TransitionConfig,
} from './definition';
import { durationMs, durationOf, parseDuration } from './duration';
import { eventFor, identifierFrom } from './names';
import { parseTimerKey } from './timer-key';
import { problem, type Problem } from './problem';
import { indexStates, kind, resolveTarget, type StateEntry } from './tree';
import { markupIn, structureProblems } from './validate';
import { escapeXml, unescapeXml, xmlLimits, xmlProblems } from './xml';

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

const esc = escapeXml;
const attrs = (a: Record<string, string | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(v!)}"`)
    .join('');
const json = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));

const timerEvent = (duration: string) => `wlb.after.${duration}`;

/** An event as SCXML writes it: by the name it had in another tool where it has one, our name kept beside it. */
const eventAttrs = (def: Definition, name: string) => {
  const alias = def.machine.aliases?.[name];
  return alias === undefined ? { event: name } : { event: alias, 'wlb:event': name };
};

const raiseXml = (def: Definition, xs: readonly RaiseAction[] | undefined, pad: string) =>
  (xs ?? []).map((x) => `${pad}<raise${attrs(eventAttrs(def, x.raise))}/>\n`).join('');

function transitionXml(
  def: Definition,
  source: StateEntry,
  event: Record<string, string | undefined>,
  t: TransitionConfig,
  pad: string,
): string {
  const target = t.target !== undefined ? resolveTarget(def, source, t.target) : undefined;
  // SCXML's transitions are external unless said: one that stays inside its step says so.
  const within = !!target && (!source.path || target === source || target.path.startsWith(`${source.path}.`));
  const a = attrs({
    ...event,
    target: target?.path,
    type: within && !t.reenter ? 'internal' : undefined,
    'wlb:rule': json(t.guard?.params),
    'wlb:meta': json(t.meta),
    'wlb:description': t.description,
  });
  const body = raiseXml(def, t.actions, `${pad}  `);
  return body ? `${pad}<transition${a}>\n${body}${pad}</transition>\n` : `${pad}<transition${a}/>\n`;
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
  const inner = `${pad}  `;
  let body = '';
  if (k === 'history' && c.target) {
    const target = resolveTarget(def, entry, c.target);
    body += `${inner}<transition${attrs({ target: target?.path })}/>\n`;
  }
  // A timer until a date has no delay SCXML can say without an expression: only its transition.
  const after = Object.keys(c.after ?? {}).filter((d) => parseDuration(d));
  const sends = after.map(
    (d) =>
      `${inner}  <send${attrs({ event: timerEvent(d), delay: `${durationMs(d) / 1000}s`, id: `${id}.${timerEvent(d)}` })}/>\n`,
  );
  const entryBody = raiseXml(def, c.entry, `${inner}  `) + sends.join('');
  if (entryBody) body += `${inner}<onentry>\n${entryBody}${inner}</onentry>\n`;
  const exitBody =
    raiseXml(def, c.exit, `${inner}  `) +
    after.map((d) => `${inner}  <cancel${attrs({ sendid: `${id}.${timerEvent(d)}` })}/>\n`).join('');
  if (exitBody) body += `${inner}<onexit>\n${exitBody}${inner}</onexit>\n`;
  for (const [event, t] of Object.entries(c.on ?? {}))
    for (const tr of transitionsOf(t)) body += transitionXml(def, entry, eventAttrs(def, event), tr, inner);
  for (const [d, t] of Object.entries(c.after ?? {}))
    for (const tr of transitionsOf(t)) body += transitionXml(def, entry, { event: timerEvent(d) }, tr, inner);
  for (const tr of c.always ? transitionsOf(c.always) : []) body += transitionXml(def, entry, {}, tr, inner);
  for (const tr of c.onDone ? transitionsOf(c.onDone) : [])
    body += transitionXml(def, entry, { event: `done.state.${id}` }, tr, inner);
  const index = indexStates(def);
  for (const key of Object.keys(c.states ?? {})) body += stateXml(def, index.byPath.get(childPath(key))!, inner);
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
const childrenOf = (n: Node) => (Array.isArray(n[tagOf(n)]) ? (n[tagOf(n)] as Node[]) : []);
const attr = (n: Node, name: string) => {
  const v = n[':@']?.[`@_${name}`];
  return v === undefined ? undefined : unescapeXml(v);
};
const under = (path: string, part: string) => (path ? `${path}.${part}` : part);
const stateTags = ['state', 'parallel', 'final', 'history'];
/** An element of another namespace (a tool's own, such as Qt's `qt:editorinfo`): SCXML says to pass it by. */
const foreign = (tag: string) => tag.includes(':');
const blank = (tag: string) => tag === '#text' || tag === '#comment' || foreign(tag);

/** A duration in the definition's words from an SCXML delay ("600s", "1.5s", "250ms", also "2h", "3d"). */
function durationFromDelay(delay: string): string | undefined {
  const m = /^\s*(\d*(?:\.\d+)?)\s*(ms|s|min|m|h|d)?\s*$/.exec(delay);
  if (!m || !m[1]) return undefined;
  const unit = { ms: 1, s: 1000, min: 60_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms') as 'ms'];
  const ms = Number(m[1]) * unit;
  // Milliseconds are the finest a timer keeps; a finer delay would be rounded, which it is not.
  return Number.isInteger(Math.round(ms * 1000) / 1000) ? durationOf(ms) : undefined;
}

/** The timer key of a `wlb.after.<key>` event that needs no `<send>` (a timer until a date). */
function timerKeyOf(event: string): string | undefined {
  const key = /^wlb\.after\.(@.+)$/.exec(event)?.[1];
  return key && parseTimerKey(key) ? key : undefined;
}

export type ScxmlImport =
  { ok: true; machine: Definition['machine']; warnings: Problem[] } | { ok: false; problems: Problem[] };

/** The document parsed, keeping the order of elements, with SCXML's own elements without prefix. */
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
  const root = doc.find((n) => /^([A-Za-z_][\w.-]*:)?scxml$/.test(tagOf(n)));
  if (!root) return { problems: [problem('(root)', 'Geen <scxml>-element gevonden', 'No <scxml> element found')] };
  const prefix = tagOf(root).slice(0, -'scxml'.length);
  if (!prefix) return { root };
  // `<sc:scxml xmlns:sc="…/scxml">`: the same elements under a prefix.
  const strip = (n: Node): Node => {
    const tag = tagOf(n);
    const own = tag.startsWith(prefix) ? tag.slice(prefix.length) : tag;
    return { [own]: childrenOf(n).map(strip), ...(n[':@'] ? { ':@': n[':@'] } : {}) } as Node;
  };
  return { root: strip(root) };
}

/** What reading one document shares: its states by SCXML id, its events by name, what was refused where. */
interface Reader {
  machineId: string;
  /** Every state's SCXML id → its dotted path in the definition. */
  paths: Map<string, string>;
  /** Every SCXML event descriptor → the definition's event name. */
  events: Map<string, string>;
  /** The definition's event name → the name it had in the document, where they differ. */
  aliases: Record<string, string>;
  problems: Problem[];
  /** Where the engine does what the document says differently from the W3C algorithm. */
  warnings: Problem[];
}

const refuse = (r: Reader, at: string, nl: string, en: string) => r.problems.push(problem(at, nl, en));
const note = (r: Reader, at: string, nl: string, en: string) => r.warnings.push(problem(at, nl, en, 'warning'));

function parseJson(r: Reader, at: string, text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    refuse(r, at, 'Geen geldige JSON in dit attribuut', 'Not valid JSON in this attribute');
    return undefined;
  }
}

/**
 * The definition's name for an SCXML event: upper case with underscores (`t.done` → T_DONE), the
 * name it had kept as an alias the engine also matches. `wlb:event` (written by our export) keeps
 * a name exactly. A trailing `.*` adds nothing in SCXML and is dropped.
 */
function eventNamed(r: Reader, descriptor: string, given?: string): string {
  const d = descriptor === '*' ? '*' : descriptor.replace(/\.\*$/, '');
  const known = r.events.get(d);
  if (known) return known;
  // camelCase words (Qt's `startPressed`) keep their boundary: START_PRESSED.
  const words = d === '*' ? 'elke gebeurtenis' : d.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  // Our export's own name comes back as it was, where it is one the grammar allows.
  const name = given && eventName.test(given) ? given : eventFor(words, r.events.values());
  r.events.set(d, name);
  if (name !== d) r.aliases[name] = d;
  return name;
}

const identifier = new RegExp(identifierPattern);
/** The grammar's own names, which a file may carry as they are. */
const durationName = new RegExp(durationPattern);
const eventName = new RegExp(eventPattern);

/** First pass: every state's SCXML id → its path, so that targets can point anywhere. */
function collectStates(r: Reader, nodes: Node[], parentPath: string) {
  const siblings = new Set<string>();
  for (const n of nodes) {
    const tag = tagOf(n);
    if (!stateTags.includes(tag)) continue;
    const id = attr(n, 'id');
    if (!id) {
      refuse(r, `${parentPath || r.machineId}`, `Een <${tag}> zonder id`, `A <${tag}> without id`);
      continue;
    }
    // Our ids are paths (`opleiding.introductie`); another tool's are any unique names.
    const own = parentPath && id.startsWith(`${parentPath}.`) ? id.slice(parentPath.length + 1) : id;
    const key = identifier.test(own) && !siblings.has(own) ? own : identifierFrom(own, siblings);
    siblings.add(key);
    const path = under(parentPath, key);
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
      'Een overgang naar meerdere doelen tegelijk wordt niet ondersteund; laat een overgang naar één stap gaan (een parallelle stap begint al zijn delen zelf)',
      'A transition to several targets at once is not supported; let it go to one step (a parallel step starts all its regions itself)',
    );
    return undefined;
  }
  const path = r.paths.get(target);
  if (!path) refuse(r, at, `Onbekend doel '${target}'`, `Unknown target '${target}'`);
  return path;
}

/** Targets are written as the definition's own `#machine.path`, which resolves from anywhere. */
const targetText = (r: Reader, path: string) => `#${r.machineId}.${path}`;

/** What executable content is refused with, in words a manager can act on. */
const codeRefusals: Record<string, [string, string]> = {
  script: [
    'een workflow bevat geen code; leg gegevens vast met een formulier bij een actie',
    'a workflow holds no code; record data with a form on an action',
  ],
  assign: [
    'gegevens veranderen alleen via het formulier van een actie; vraag het veld in dat formulier',
    'data changes only through the form of an action; ask for the field in that form',
  ],
  if: [
    'een keuze in code wordt niet gelezen; maak er overgangen met een regel (wlb:rule) van',
    'a choice in code is not read; make it transitions with a rule (wlb:rule)',
  ],
  elseif: ['zie <if>', 'see <if>'],
  else: ['zie <if>', 'see <if>'],
  foreach: ['een lus in code wordt niet gelezen', 'a loop in code is not read'],
  invoke: [
    'een workflow start geen andere processen of diensten; maak er een stap met een actie van',
    'a workflow starts no other processes or services; make it a step with an action',
  ],
  datamodel: [
    'de gegevens van een casus staan in de velden van de workflow, niet in een gegevensmodel',
    "a case's data lives in the workflow's fields, not in a data model",
  ],
  data: ['zie <datamodel>', 'see <datamodel>'],
  donedata: [
    'een eindstap geeft geen gegevens terug; leg ze vast met een formulier',
    'a final state returns no data; record it with a form',
  ],
  param: ['gegevens bij een gebeurtenis komen uit een formulier', 'data with an event comes from a form'],
  content: ['gegevens bij een gebeurtenis komen uit een formulier', 'data with an event comes from a form'],
};

function refuseCode(r: Reader, at: string, tag: string) {
  const [nl, en] = codeRefusals[tag] ?? ['de engine kan dit niet uitvoeren', 'the engine cannot carry this out'];
  refuse(r, at, `<${tag}> wordt niet gelezen: ${nl}`, `<${tag}> is not read: ${en}`);
}

/** A `<send>` the engine can carry out: a plain event to this machine itself, written in attributes. */
function plainSend(r: Reader, x: Node, at: string): boolean {
  const target = attr(x, 'target');
  const code = ['eventexpr', 'targetexpr', 'typeexpr', 'delayexpr', 'idlocation', 'namelist'].find(
    (a) => attr(x, a) !== undefined,
  );
  if (code) {
    refuse(
      r,
      `${at}.${code}`,
      `Een uitdrukking als code ('${code}') wordt niet gelezen; schrijf de waarde zelf`,
      `An expression as code ('${code}') is not read; write the value itself`,
    );
    return false;
  }
  if ((target !== undefined && target !== '#_internal') || attr(x, 'type') !== undefined) {
    refuse(
      r,
      at,
      'Een bericht naar een ander systeem (<send target/type>) verstuurt een workflow niet',
      'A workflow sends no message to another system (<send target/type>)',
    );
    return false;
  }
  for (const c of childrenOf(x)) if (!blank(tagOf(c))) refuseCode(r, `${at}.${tagOf(c)}`, tagOf(c));
  if (!attr(x, 'event')) {
    refuse(r, at, 'Een <send> zonder event', 'A <send> without event');
    return false;
  }
  return true;
}

/** Raised events in a block of executable content; what cannot be carried out is refused or passed by. */
function readRaises(r: Reader, block: Node, at: string, timers?: Map<string, { duration: string; id?: string }>) {
  const out: RaiseAction[] = [];
  for (const x of childrenOf(block)) {
    const xt = tagOf(x);
    const xat = `${at}.${xt}`;
    if (blank(xt)) continue;
    if (xt === 'raise' && attr(x, 'event')) {
      out.push({ raise: eventNamed(r, attr(x, 'event')!, attr(x, 'wlb:event')) });
    } else if (xt === 'send' && (attr(x, 'delay') !== undefined || attr(x, 'delayexpr') !== undefined)) {
      if (!timers) {
        refuse(
          r,
          xat,
          'Een timer begint bij het binnengaan van een stap: zet <send delay> in <onentry>',
          'A timer starts on entering a step: put <send delay> in <onentry>',
        );
      } else if (plainSend(r, x, xat)) {
        const event = attr(x, 'event')!;
        // Our own timer events carry their duration exactly; only one the grammar knows is taken.
        const named = /^wlb\.after\.(.+)$/.exec(event)?.[1];
        const d = named && durationName.test(named) ? named : durationFromDelay(attr(x, 'delay')!);
        if (!d)
          refuse(
            r,
            `${xat}.delay`,
            `Wachttijd '${attr(x, 'delay')}' is geen tijdsduur (zoals 90s, 1.5s of 250ms)`,
            `Delay '${attr(x, 'delay')}' is not a duration (such as 90s, 1.5s or 250ms)`,
          );
        else timers.set(event, { duration: d, id: attr(x, 'id') });
      }
    } else if (xt === 'send') {
      if (plainSend(r, x, xat)) {
        out.push({ raise: eventNamed(r, attr(x, 'event')!, attr(x, 'wlb:event')) });
        note(
          r,
          xat,
          'Een <send> zonder wachttijd is gelezen als <raise>: de gebeurtenis komt direct na deze stap, vóór een volgende actie',
          'A <send> without delay is read as <raise>: the event comes right after this step, before a next action',
        );
      }
    } else if (xt === 'cancel') {
      // Stopping this step's own timer on leaving it is what a timer does anyway.
      const id = attr(x, 'sendid');
      if (!(block && tagOf(block) === 'onexit' && id !== undefined))
        refuse(
          r,
          xat,
          '<cancel> wordt alleen gelezen om de timer van deze stap te stoppen bij het verlaten (in <onexit>)',
          "<cancel> is only read to stop this step's timer on leaving it (in <onexit>)",
        );
    } else if (xt === 'log') {
      note(
        r,
        xat,
        '<log> is overgeslagen: het verandert niets aan de casus',
        '<log> is passed by: it changes nothing in the case',
      );
    } else refuseCode(r, xat, xt);
  }
  return out;
}

/** The descriptors of a `<transition event>`: several separated by spaces, each taking its prefix. */
const descriptorsOf = (event: string) => event.split(/\s+/).filter(Boolean);

interface StateSlots {
  on: Record<string, TransitionConfig[]>;
  after: Record<string, TransitionConfig[]>;
  always: TransitionConfig[];
  onDone: TransitionConfig[];
}

/** One `<transition>`: into `on`, a timer's `after`, `always` (eventless) or `onDone` (done.state of this step). */
function readTransition(
  r: Reader,
  child: Node,
  self: { id: string; path: string },
  timers: Map<string, { duration: string }>,
  slots: StateSlots,
) {
  const { path } = self;
  const event = attr(child, 'event');
  const at = under(path, `transition${event ? `[${event}]` : ''}`);
  if (attr(child, 'cond') !== undefined) {
    refuse(
      r,
      `${at}.cond`,
      "Een voorwaarde als code ('cond') wordt niet gelezen; schrijf hem als regel (wlb:rule) op een veld, of maak er aparte acties van",
      "A condition as code ('cond') is not read; write it as a rule (wlb:rule) on a field, or make it separate actions",
    );
    return;
  }
  const tr: TransitionConfig = {};
  const target = pathOf(r, attr(child, 'target'), at);
  if (target) tr.target = targetText(r, target);
  // SCXML's default is an external transition: to this step or inside it, it leaves and enters again.
  const within = target !== undefined && path !== '' && (target === path || target.startsWith(`${path}.`));
  if (within && attr(child, 'type') !== 'internal') tr.reenter = true;
  else if (within && target === path) tr.reenter = true; // internal to itself is external (W3C 3.13)
  const rule = parseJson(r, `${at}.rule`, attr(child, 'wlb:rule'));
  if (rule !== undefined) tr.guard = { type: 'rule', params: rule as never };
  const raises = readRaises(r, child, at);
  if (raises.length) tr.actions = raises;
  const tmeta = parseJson(r, `${at}.meta`, attr(child, 'wlb:meta'));
  const tdesc = attr(child, 'wlb:description');
  if (tdesc) tr.description = tdesc;

  if (event === undefined) {
    if (!target) {
      refuse(
        r,
        at,
        'Een overgang zonder gebeurtenis en zonder doel zou steeds opnieuw gaan; geef hem een doel of een gebeurtenis',
        'A transition without event and target would be taken again and again; give it a target or an event',
      );
      return;
    }
    if (tmeta !== undefined) tr.meta = tmeta as TransitionConfig['meta'];
    slots.always.push(tr);
    return;
  }
  for (const descriptor of descriptorsOf(event)) {
    const one = { ...tr };
    const done = /^done\.state\.(.+)$/.exec(descriptor);
    if (done || /^done(\.state)?(\.\*)?$/.test(descriptor) || descriptor.startsWith('done.invoke')) {
      if (done?.[1] === self.id) {
        if (tmeta !== undefined) one.meta = tmeta as TransitionConfig['meta'];
        slots.onDone.push(one);
      } else
        refuse(
          r,
          at,
          done && r.paths.has(done[1])
            ? `Zet de overgang op '${descriptor}' in stap '${done[1]}' zelf: daar volgt hij op het klaar zijn van die stap`
            : `De gebeurtenis '${descriptor}' komt in deze engine niet voor; alleen done.state.<id> in de stap <id> zelf`,
          done && r.paths.has(done[1])
            ? `Put the transition on '${descriptor}' in state '${done[1]}' itself: there it follows that state being done`
            : `Event '${descriptor}' does not occur in this engine; only done.state.<id> in state <id> itself`,
        );
      continue;
    }
    const timer = timers.get(descriptor)?.duration ?? timerKeyOf(descriptor);
    if (timer) {
      if (tmeta !== undefined) one.meta = tmeta as TransitionConfig['meta'];
      (slots.after[timer] ??= []).push(one);
      continue;
    }
    if (/^error(\.|$)/.test(descriptor))
      note(
        r,
        at,
        `De engine werpt '${descriptor}' nooit zelf op: dit is een gewone actie geworden`,
        `The engine never raises '${descriptor}' itself: this became an ordinary action`,
      );
    one.meta = tmeta !== undefined ? (tmeta as TransitionConfig['meta']) : { label: { nl: descriptor } };
    (slots.on[eventNamed(r, descriptor, attr(child, 'wlb:event'))] ??= []).push(one);
  }
}

const single = (xs: TransitionConfig[]) => (xs.length === 1 ? xs[0] : xs);
const singles = (xs: Record<string, TransitionConfig[]>) =>
  Object.fromEntries(Object.entries(xs).map(([k, v]) => [k, single(v)]));

function readState(r: Reader, n: Node, path: string): StateConfig {
  const tag = tagOf(n);
  const id = attr(n, 'id') ?? '';
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
  const timers = new Map<string, { duration: string; id?: string }>();
  const slots: StateSlots = { on: {}, after: {}, always: [], onDone: [] };
  const states: Record<string, StateConfig> = {};
  let initial = attr(n, 'initial');
  const entry: RaiseAction[] = [];
  const exit: RaiseAction[] = [];
  for (const child of childrenOf(n)) {
    const ct = tagOf(child);
    const at = under(path, ct);
    if (blank(ct) || stateTags.includes(ct) || ct === 'transition') continue;
    if (ct === 'onentry') entry.push(...readRaises(r, child, at, timers));
    else if (ct === 'onexit') exit.push(...readRaises(r, child, at));
    else if (ct === 'initial') {
      const t = childrenOf(child).find((x) => tagOf(x) === 'transition');
      initial = t ? attr(t, 'target') : undefined;
      if (t && childrenOf(t).some((x) => !blank(tagOf(x))))
        refuse(
          r,
          `${at}.transition`,
          'Inhoud bij de beginovergang wordt niet gelezen; zet een <raise> in <onentry> van de beginstap',
          'Content in the initial transition is not read; put a <raise> in <onentry> of the initial state',
        );
    } else if (ct === 'datamodel' && !childrenOf(child).some((x) => !blank(tagOf(x)))) continue;
    else refuseCode(r, at, ct);
  }
  for (const child of childrenOf(n)) {
    const ct = tagOf(child);
    if (ct === 'transition') {
      if (tag === 'history') {
        const target = pathOf(r, attr(child, 'target'), under(path, 'transition'));
        if (target) config.target = targetText(r, target);
      } else readTransition(r, child, { id, path }, timers, slots);
    } else if (stateTags.includes(ct)) {
      const childPath = r.paths.get(attr(child, 'id') ?? '');
      if (childPath) states[childPath.slice(path ? path.length + 1 : 0)] = readState(r, child, childPath);
    }
  }
  timerWarnings(r, n, path, timers);
  if (initial) {
    const p = pathOf(r, initial, under(path, 'initial'));
    if (p) config.initial = p.slice(path ? path.length + 1 : 0);
  } else if (tag === 'state') {
    // W3C: without `initial`, a compound state starts at its first child in document order.
    const first = childrenOf(n).find((x) => ['state', 'parallel', 'final'].includes(tagOf(x)));
    const p = first && r.paths.get(attr(first, 'id') ?? '');
    if (p) config.initial = p.slice(path ? path.length + 1 : 0);
  }
  if (entry.length) config.entry = entry;
  if (exit.length) config.exit = exit;
  if (Object.keys(states).length) config.states = states;
  if (Object.keys(slots.on).length) config.on = singles(slots.on);
  if (Object.keys(slots.after).length) config.after = singles(slots.after);
  if (slots.always.length) config.always = single(slots.always);
  if (slots.onDone.length) config.onDone = single(slots.onDone);
  if (meta !== undefined) config.meta = meta as StateConfig['meta'];
  else if (path && tag !== 'history') config.meta = { label: { nl: id } };
  return config;
}

/**
 * A timer's event must be taken in the step that sends it, where it becomes an `after`; one that
 * is not cancelled on leaving and that other steps also take would reach them in SCXML, not here.
 */
function timerWarnings(r: Reader, n: Node, path: string, timers: Map<string, { duration: string; id?: string }>) {
  const own = childrenOf(n)
    .filter((c) => tagOf(c) === 'transition')
    .flatMap((c) => descriptorsOf(attr(c, 'event') ?? ''));
  const cancelled = childrenOf(n)
    .filter((c) => tagOf(c) === 'onexit')
    .flatMap((b) =>
      childrenOf(b)
        .filter((x) => tagOf(x) === 'cancel')
        .map((x) => attr(x, 'sendid')),
    );
  for (const [event, t] of timers) {
    const at = under(path, 'onentry.send');
    if (!own.includes(event))
      refuse(
        r,
        at,
        `De timer '${event}' wordt niet in deze stap opgevangen; zet de overgang met event="${event}" in dezelfde stap`,
        `Timer '${event}' is not taken in this state; put the transition with event="${event}" in the same state`,
      );
    else if (!event.startsWith('wlb.after.') && (t.id === undefined || !cancelled.includes(t.id)))
      note(
        r,
        at,
        `De timer '${event}' stopt hier bij het verlaten van de stap; in het bestand loopt hij door`,
        `Timer '${event}' stops here on leaving the state; in the file it keeps running`,
      );
  }
}

/**
 * Reads SCXML into a definition's `machine`: everything the engine can run, from our own export
 * (labels, rules, forms in the `wlb` namespace) and from other tools. States, parallel and final
 * states, history, `initial` as attribute or element (or the first child), transitions with or
 * without event, target or both, internal and external; `<raise>`; timers written as a delayed
 * `<send>` with their transition; `done.state.<id>` in that state. Event names become upper case
 * with the original kept as the label and as an alias the engine matches by SCXML's prefix rule.
 * Code (`cond`, `<script>`, `<assign>`, data models, `<invoke>`) is refused with its place and
 * what to use instead; elements of other namespaces (a tool's layout) are passed by. `warnings`
 * name where the engine runs the document differently from the W3C algorithm.
 */
export function fromScxml(xml: string): ScxmlImport {
  const parsed = parseScxml(xml);
  if ('problems' in parsed) return { ok: false, problems: parsed.problems };
  const { root } = parsed;
  const name = attr(root, 'name');
  const r: Reader = {
    machineId: name && identifier.test(name) ? name : identifierFrom(name ?? 'scxml', []),
    paths: new Map(),
    events: new Map(),
    aliases: {},
    problems: [],
    warnings: [],
  };
  const top = childrenOf(root).filter((n) => ['state', 'parallel', 'final'].includes(tagOf(n)));
  const wrapper = top.length === 1 && attr(top[0], 'wlb:root') === 'true' ? top[0] : undefined;
  // Without our wrapper the document's own children are read as the machine's; with it, the rest here.
  for (const child of wrapper ? childrenOf(root) : []) {
    const ct = tagOf(child);
    if (ct === 'script' || (ct === 'datamodel' && childrenOf(child).some((x) => !blank(tagOf(x)))))
      refuseCode(r, ct, ct);
  }
  const topNodes = wrapper ? childrenOf(wrapper) : childrenOf(root);
  collectStates(r, topNodes, '');

  const rootConfig = wrapper
    ? readState(r, wrapper, '')
    : readState(r, { state: topNodes, ':@': { '@_initial': attr(root, 'initial') ?? '' } } as Node, '');
  delete rootConfig.meta;
  if (r.problems.length) return { ok: false, problems: r.problems };
  const machine = {
    id: r.machineId,
    initial: rootConfig.initial ?? '',
    states: rootConfig.states ?? {},
    ...(rootConfig.on ? { on: rootConfig.on } : {}),
    ...(Object.keys(r.aliases).length ? { aliases: r.aliases } : {}),
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
  if (!shape.length)
    shape.push(...markupIn({ machine } as Definition).map((p) => ({ ...p, path: p.path.replace(/^machine\.?/, '') })));
  return shape.length ? { ok: false, problems: shape } : { ok: true, machine, warnings: r.warnings };
}
