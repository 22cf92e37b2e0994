import { BpmnModdle } from 'bpmn-moddle';
import { bpmnModelNamespace, durationFromIso, ruleFromCondition, type FieldUse } from './bpmn';
import {
  eventPattern,
  identifierPattern,
  timerKeyPattern,
  type Definition,
  type Field,
  type FormField,
  type Rule,
  type StaffFunction,
  type StateConfig,
  type TransitionConfig,
} from './definition';
import { eventFor, identifierFrom, keyFor } from './names';
import { problem, type Problem } from './problem';
import { markupIn, structureProblems } from './validate';
import { xmlProblems } from './xml';

/**
 * BPMN 2.0 into a workflow definition, from Camunda Modeler, bpmn.io and our own export.
 *
 * A process drawn elsewhere is read by BPMN's meaning: start and end events, user and manual tasks
 * (and plain and receive tasks) as steps with an action, exclusive gateways as choices (by a
 * person when their flows have no conditions, by rules when the conditions are simple
 * comparisons), parallel gateways as parallel regions, sub-processes as steps with steps inside,
 * timer events with an ISO 8601 duration as timers, lanes as the function whose work a step is.
 * Service, script, business rule and send tasks, call activities and other constructs a workflow
 * cannot hold are refused by name, with their place (the element's id) and what to use instead.
 *
 * Our own export (`wlb:workflow` on the process) is read back exactly from its `wlb:` elements.
 */

export type BpmnImport =
  | {
      ok: true;
      definition: Definition;
      warnings: Problem[];
      /** Whether the file carried the whole workflow (our export); else fields and settings are defaults. */
      complete: boolean;
    }
  | { ok: false; problems: Problem[] };

/** A BPMN element as bpmn-moddle gives it; read loosely, by its `$type`. */
interface El {
  $type: string;
  id?: string;
  name?: string;
  $attrs?: Record<string, string>;
  $body?: string;
  [key: string]: unknown;
}

const identifier = new RegExp(identifierPattern);
const list = (e: El | undefined, key: string): El[] => ((e?.[key] as El[] | undefined) ?? []).filter(Boolean);
const one = (e: El | undefined, key: string) => e?.[key] as El | undefined;
const extensions = (e: El, type?: string) =>
  list(one(e, 'extensionElements'), 'values').filter((v) => !type || v.$type === type);
const is = (e: El | undefined, ...types: string[]) => !!e && types.includes(e.$type.replace(/^bpmn:/, ''));
const nameOf = (e: El) => (e.name ?? '').replace(/\s+/g, ' ').trim();
const words = (e: El) => nameOf(e) || e.id || '';

/** What people call each kind of element, for the messages. */
const kinds: Record<string, { nl: string; en: string; instead: [string, string] }> = {
  ServiceTask: {
    nl: 'Servicetaak',
    en: 'Service task',
    instead: [
      'roept een systeem aan, en een workflow bevat geen code; maak er een gebruikerstaak van die iemand afrondt',
      'calls a system, and a workflow holds no code; make it a user task someone completes',
    ],
  },
  ScriptTask: {
    nl: 'Scripttaak',
    en: 'Script task',
    instead: [
      'voert een script uit, en een workflow bevat geen code; maak er een gebruikerstaak van',
      'runs a script, and a workflow holds no code; make it a user task',
    ],
  },
  BusinessRuleTask: {
    nl: 'Bedrijfsregeltaak',
    en: 'Business rule task',
    instead: [
      'leest een beslistabel; schrijf de keuze als exclusieve gateway met eenvoudige voorwaarden',
      'reads a decision table; write the choice as an exclusive gateway with simple conditions',
    ],
  },
  SendTask: {
    nl: 'Verzendtaak',
    en: 'Send task',
    instead: [
      'verstuurt een bericht naar een systeem; maak er een gebruikerstaak van',
      'sends a message to a system; make it a user task',
    ],
  },
  CallActivity: {
    nl: 'Aanroepactiviteit',
    en: 'Call activity',
    instead: [
      'start een ander proces; teken dat proces hier als deelproces',
      'starts another process; draw that process here as a sub-process',
    ],
  },
  InclusiveGateway: {
    nl: 'Inclusieve gateway',
    en: 'Inclusive gateway',
    instead: [
      'kan meerdere wegen tegelijk nemen; gebruik een exclusieve of een parallelle gateway',
      'can take several ways at once; use an exclusive or a parallel gateway',
    ],
  },
  ComplexGateway: {
    nl: 'Complexe gateway',
    en: 'Complex gateway',
    instead: ['gebruik een exclusieve of een parallelle gateway', 'use an exclusive or a parallel gateway'],
  },
  EventBasedGateway: {
    nl: 'Gebeurtenisgateway',
    en: 'Event-based gateway',
    instead: [
      'gebruik een taak met een grensgebeurtenis (bericht of timer) per mogelijkheid',
      'use a task with a boundary event (message or timer) per option',
    ],
  },
  Transaction: {
    nl: 'Transactie',
    en: 'Transaction',
    instead: ['gebruik een gewoon deelproces', 'use a plain sub-process'],
  },
  AdHocSubProcess: {
    nl: 'Ad-hocdeelproces',
    en: 'Ad-hoc sub-process',
    instead: ['gebruik een deelproces met een volgorde', 'use a sub-process with an order'],
  },
};

function refusal(e: El, what: { nl: string; en: string }, instead: [string, string]): Problem {
  const name = nameOf(e) ? ` '${nameOf(e)}'` : '';
  return problem(e.id ?? '(root)', `${what.nl}${name} ${instead[0]}`, `${what.en}${name} ${instead[1]}`);
}

/** The element a lane or `camunda:candidateGroups` names, as the team's function (or role). */
function workOf(name: string): { functions?: StaffFunction[]; roles?: ['manager'] } | undefined {
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  if (/docent|leraar|teacher|onderwijs/.test(plain)) return { functions: ['docent'] };
  if (/co-?ordinator/.test(plain)) return { functions: ['coordinator'] };
  if (/projectleider|manager|leidinggevende/.test(plain)) return { roles: ['manager'] };
  return undefined;
}

/** The parsed document, or why it cannot be read: limits first, then XML, then BPMN itself. */
async function parse(xml: string): Promise<{ definitions: El } | { problems: Problem[] }> {
  const limits = xmlProblems(xml, { nl: 'Het BPMN-bestand', en: 'The BPMN file' });
  if (limits.length) return { problems: limits };
  if (!xml.includes(bpmnModelNamespace) || !/<([\w.-]+:)?definitions[\s>]/.test(xml))
    return {
      problems: [
        problem(
          '(root)',
          'Dit is geen BPMN 2.0-bestand (verwacht <definitions> in de BPMN-namespace)',
          'This is not a BPMN 2.0 file (expected <definitions> in the BPMN namespace)',
        ),
      ],
    };
  try {
    const { rootElement, warnings } = await new BpmnModdle().fromXML(xml);
    const definitions = rootElement as El;
    const serious = warnings.filter((w) => !/unknown attribute/.test(w.message));
    if (serious.length)
      return {
        problems: serious.slice(0, 20).map((w) => {
          const m = w.message.split('\n')[0];
          return problem('(root)', `Het BPMN-bestand klopt niet: ${m}`, `The BPMN file is not right: ${m}`);
        }),
      };
    if (!is(definitions, 'Definitions'))
      return { problems: [problem('(root)', 'Geen BPMN <definitions> gevonden', 'No BPMN <definitions> found')] };
    return { definitions };
  } catch (err) {
    const m = (err as Error).message.split('\n')[0];
    return { problems: [problem('(root)', `Geen geldige XML: ${m}`, `Not valid XML: ${m}`)] };
  }
}

/**
 * Reads a BPMN 2.0 document into a workflow definition. Our own export comes back exactly; a
 * process from another tool gets what BPMN cannot say (fields, start form) as defaults: a name
 * field, and a field for each one its gateways' conditions compare.
 */
export async function fromBpmn(xml: string): Promise<BpmnImport> {
  const parsed = await parse(xml);
  if ('problems' in parsed) return { ok: false, problems: parsed.problems };
  const roots = list(parsed.definitions, 'rootElements');
  const processes = roots.filter((r) => is(r, 'Process'));
  const ours = processes.find((p) => extensions(p, 'wlb:workflow').length);
  const drawn = processes.filter((p) => list(p, 'flowElements').length);
  if (!ours && drawn.length !== 1)
    return {
      ok: false,
      problems: [
        drawn.length
          ? problem(
              '(root)',
              `Het bestand heeft ${drawn.length} processen (pools: ${drawn.map(words).join(', ')}); een workflow is één proces: zet elk in een eigen bestand`,
              `The file has ${drawn.length} processes (pools: ${drawn.map(words).join(', ')}); a workflow is one process: put each in its own file`,
            )
          : problem('(root)', 'Het bestand heeft geen proces met stappen', 'The file has no process with steps'),
      ],
    };
  const result = ours ? readOurs(ours) : new Foreign(roots, drawn[0]).read();
  if (!result.ok) return result;
  // A name drawn as `<script>` is refused here, as a package's is: labels are plain text.
  const shape = [...structureProblems(result.definition)];
  if (!shape.length) shape.push(...markupIn(result.definition));
  return shape.length ? { ok: false, problems: shape } : result;
}

// --- Our own export -------------------------------------------------------------------------

function readOurs(process: El): BpmnImport {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const parseBody = (e: El): unknown => {
    try {
      return JSON.parse(e.$body ?? '');
    } catch {
      problems.push(
        problem(e.$parent ? String((e.$parent as El).id) : '(root)', 'Geen geldige JSON', 'Not valid JSON'),
      );
      return undefined;
    }
  };
  // Names read from the file become keys: each must be what the grammar allows before it is one,
  // so that no name (`__proto__`) reaches an object's prototype and no index makes a huge list.
  const names: Record<string, RegExp> = {
    on: new RegExp(eventPattern),
    after: new RegExp(timerKeyPattern),
    always: /^$/,
    onDone: /^$/,
  };
  const transitionsInto = (holder: El, config: StateConfig | Definition['machine']) => {
    const slots = new Map<string, Map<string, { many: boolean; list: TransitionConfig[] }>>();
    for (const t of extensions(holder, 'wlb:transition')) {
      const slot = String(t.slot);
      const event = String(t.event ?? '');
      const index = Number(t.index);
      if (
        !Object.hasOwn(names, slot) ||
        !names[slot].test(event) ||
        !Number.isInteger(index) ||
        index < 0 ||
        index > 99
      ) {
        problems.push(
          problem(
            String(holder.id ?? '(root)'),
            `Een overgang (wlb:transition slot="${slot}" event="${event}") klopt niet`,
            `A transition (wlb:transition slot="${slot}" event="${event}") is not right`,
          ),
        );
        continue;
      }
      if (!slots.has(slot)) slots.set(slot, new Map());
      const byEvent = slots.get(slot)!;
      if (!byEvent.has(event)) byEvent.set(event, { many: t.many === 'true', list: [] });
      byEvent.get(event)!.list[index] = parseBody(t) as TransitionConfig;
    }
    const value = (x: { many: boolean; list: TransitionConfig[] }) =>
      x.many || x.list.length > 1 ? Array.from(x.list) : x.list[0];
    const c = config as StateConfig;
    for (const [slot, byEvent] of slots) {
      if (slot === 'on' || slot === 'after')
        c[slot] = Object.fromEntries([...byEvent].map(([e, x]) => [e, value(x)])) as never;
      else c[slot as 'always' | 'onDone'] = value(byEvent.get('')!) as never;
    }
  };
  const keyOf = (e: El, holder: El) => {
    const key = String(e.key);
    if (identifier.test(key)) return key;
    problems.push(
      problem(String(holder.id ?? '(root)'), `'${key}' kan geen stap heten`, `'${key}' cannot name a state`),
    );
    return undefined;
  };
  const readContainer = (container: El): Record<string, StateConfig> => {
    const states: Record<string, StateConfig> = {};
    for (const e of list(container, 'flowElements')) {
      // Code is refused in our own drawing too, wherever it was added.
      const kind = kinds[e.$type.replace(/^bpmn:/, '')];
      if (kind) problems.push(refusal(e, kind, kind.instead));
      const state = extensions(e, 'wlb:state')[0];
      if (!state) {
        if (!String(e.id).startsWith('wlb_') && !is(e, 'SequenceFlow'))
          warnings.push(
            problem(
              e.id ?? '(root)',
              `'${words(e)}' is later in de tekening gezet en wordt niet gelezen: een export van deze workflow leest alleen zijn eigen stappen`,
              `'${words(e)}' was added to the drawing later and is not read: an export of this workflow reads only its own steps`,
              'warning',
            ),
          );
        continue;
      }
      const config = parseBody(state) as StateConfig;
      if (!config) continue;
      // A step renamed in the modeller keeps its new name.
      const name = nameOf(e);
      if (name && config.meta?.label && config.meta.label.nl !== name)
        config.meta = { ...config.meta, label: { ...config.meta.label, nl: name } };
      const children = is(e, 'SubProcess') ? readContainer(e) : {};
      for (const child of extensions(e, 'wlb:child')) {
        const key = keyOf(child, e);
        if (key) children[key] = parseBody(child) as StateConfig;
      }
      if (Object.keys(children).length) config.states = children;
      transitionsInto(e, config);
      const key = keyOf(state, e);
      if (key) states[key] = config;
    }
    return states;
  };
  const workflow = parseBody(extensions(process, 'wlb:workflow')[0]) as Definition | undefined;
  if (!workflow || typeof workflow !== 'object')
    return { ok: false, problems: problems.length ? problems : [problem('(root)', 'Geen workflow', 'No workflow')] };
  const states = readContainer(process);
  for (const child of extensions(process, 'wlb:child')) {
    const key = keyOf(child, process);
    if (key) states[key] = parseBody(child) as StateConfig;
  }
  const machine = { ...workflow.machine, states } as Definition['machine'];
  transitionsInto(process, machine);
  if (problems.length) return { ok: false, problems };
  const { machine: _m, ...rest } = workflow;
  return { ok: true, definition: { ...rest, machine } as Definition, warnings, complete: true };
}

// --- Another tool's process -----------------------------------------------------------------

interface Candidate {
  target: string;
  guard?: Rule;
}

/** A parallel gateway that starts regions, with the one that joins them and the nodes of each region. */
interface Fork {
  fork: El;
  join: El;
  regions: El[][];
}

const all = (a: Rule | undefined, b: Rule | undefined): Rule | undefined =>
  a && b ? { all: [...('all' in a ? a.all : [a]), ...('all' in b ? b.all : [b])] } : (a ?? b);

class Foreign {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];
  readonly fields = new Map<string, { use: FieldUse; at: string }>();
  /** Where each state node stands in the definition. */
  readonly paths = new Map<El, string>();
  readonly configs = new Map<string, StateConfig>();
  /** A region's final step, by its fork's join and the region's path. */
  readonly regionEnds = new Map<string, string>();
  /** For each node inside a region: the region's path and its join. */
  readonly regionOf = new Map<El, { path: string; join: El }>();
  readonly lanes = new Map<El, string>();
  readonly forks = new Map<El, Fork>();
  /** The fields each step's conditions read, asked in the form of the action that leads there. */
  private startFields = new Set<string>();

  constructor(
    readonly roots: El[],
    readonly process: El,
  ) {}

  refuse(e: El, nl: string, en: string) {
    this.problems.push(problem(e.id ?? '(root)', nl, en));
  }

  read(): BpmnImport {
    for (const set of list(this.process, 'laneSets')) this.readLanes(set);
    const name = nameOf(this.process) || this.participantName() || this.process.id || 'proces';
    const machineId = identifier.test(this.process.id ?? '')
      ? this.process.id!
      : identifierFrom(this.process.id ?? 'proces', []);
    const states: Record<string, StateConfig> = {};
    const initial = this.readContainer(this.process, '', states, machineId);
    if (this.problems.length) return { ok: false, problems: this.problems };
    const fields: Record<string, Field> = { naam: { type: 'string', label: { nl: 'Naam', en: 'Name' } } };
    for (const [field, { use, at }] of this.fields) {
      const f = this.fieldOf(field, use, at);
      if (f && !(field === 'naam' && f.type === 'string')) fields[field] = f;
    }
    if (this.problems.length) return { ok: false, problems: this.problems };
    const documentation = list(this.process, 'documentation')[0]?.text;
    const definition: Definition = {
      key: keyFor(name, []),
      subject: 'client',
      title: { nl: name },
      ...(typeof documentation === 'string' && documentation.trim()
        ? { description: { nl: documentation.trim() } }
        : {}),
      titleField: 'naam',
      fields,
      startForm: [
        { field: 'naam', required: true },
        ...[...this.startFields].filter((f) => f !== 'naam').map((field) => ({ field, required: true })),
      ],
      machine: { id: machineId, initial, states },
    };
    return { ok: true, definition, warnings: this.warnings, complete: false };
  }

  participantName(): string | undefined {
    for (const c of this.roots.filter((r) => is(r, 'Collaboration')))
      for (const p of list(c, 'participants')) if (one(p, 'processRef') === this.process && nameOf(p)) return nameOf(p);
    return undefined;
  }

  readLanes(set: El) {
    for (const lane of list(set, 'lanes')) {
      for (const node of list(lane, 'flowNodeRef')) this.lanes.set(node, nameOf(lane));
      const child = one(lane, 'childLaneSet');
      if (child) this.readLanes(child);
    }
  }

  /** The type a field gets from how conditions compare it. */
  fieldOf(name: string, use: FieldUse, at: string): Field | undefined {
    if (!identifier.test(name)) {
      this.problems.push(
        problem(at, `'${name}' kan geen veldnaam zijn (letters, cijfers, - en _)`, `'${name}' cannot be a field name`),
      );
      return undefined;
    }
    const label = { nl: name };
    if (use.kinds.size > 1) {
      this.problems.push(
        problem(
          at,
          `Veld '${name}' wordt met verschillende soorten waarden vergeleken (${[...use.kinds].join(', ')})`,
          `Field '${name}' is compared with different kinds of value (${[...use.kinds].join(', ')})`,
        ),
      );
      return undefined;
    }
    const kind = [...use.kinds][0];
    if (kind === 'number') return { type: 'number', label };
    if (kind === 'boolean') return { type: 'boolean', label };
    if (kind === 'string' && !use.ordered)
      return { type: 'enum', label, options: [...use.texts].map((value) => ({ value, label: { nl: value } })) };
    return { type: 'string', label };
  }

  /** A condition on a flow as a rule, or refused where it is code. */
  condition(flow: El): Rule | undefined {
    const expr = one(flow, 'conditionExpression');
    if (!expr) return undefined;
    const language = String(expr.language ?? '');
    const text = String(expr.body ?? '').trim();
    if (expr.resource || /script|javascript|groovy|python/i.test(language) || !text) {
      this.refuse(
        flow,
        `Voorwaarde${nameOf(flow) ? ` '${nameOf(flow)}'` : ''} is een script: een workflow bevat geen code; schrijf een eenvoudige vergelijking zoals \${score >= 5}`,
        `Condition${nameOf(flow) ? ` '${nameOf(flow)}'` : ''} is a script: a workflow holds no code; write a simple comparison such as \${score >= 5}`,
      );
      return undefined;
    }
    const read = ruleFromCondition(text);
    if ('error' in read) {
      this.refuse(
        flow,
        `Voorwaarde '${text}' is geen eenvoudige vergelijking van een veld met een waarde (zoals \${score >= 5} of =status = "goed"); schrijf hem zo, of laat iemand kiezen`,
        `Condition '${text}' is no simple comparison of a field with a value (such as \${score >= 5} or =status = "goed"); write it so, or let someone choose`,
      );
      return undefined;
    }
    for (const [field, use] of read.fields) {
      const known = this.fields.get(field);
      if (!known) this.fields.set(field, { use, at: flow.id ?? '(root)' });
      else {
        use.kinds.forEach((k) => known.use.kinds.add(k));
        use.texts.forEach((t) => known.use.texts.add(t));
        known.use.ordered ||= use.ordered;
      }
    }
    return read.rule;
  }

  private flowsOut?: Map<El, El[]>;
  private flowsIn?: Map<El, El[]>;

  /**
   * The flows leaving a node, read from the flows' sourceRef: a node's own `<outgoing>` list is
   * optional in BPMN and not every tool writes it. Counted once for the whole process.
   */
  outgoing(node: El): El[] {
    if (!this.flowsOut) this.countFlows();
    return this.flowsOut!.get(node) ?? [];
  }

  incoming(node: El): El[] {
    if (!this.flowsIn) this.countFlows();
    return this.flowsIn!.get(node) ?? [];
  }

  private countFlows() {
    this.flowsOut = new Map();
    this.flowsIn = new Map();
    const visit = (container: El) => {
      for (const e of list(container, 'flowElements')) {
        if (is(e, 'SequenceFlow')) {
          const from = one(e, 'sourceRef') as El;
          const to = one(e, 'targetRef') as El;
          this.flowsOut!.set(from, [...(this.flowsOut!.get(from) ?? []), e]);
          this.flowsIn!.set(to, [...(this.flowsIn!.get(to) ?? []), e]);
        }
        if (is(e, 'SubProcess')) visit(e);
      }
    };
    visit(this.process);
  }

  private readonly boundaries = new Map<El, El[]>();

  /** The boundary events on a node, found once per container. */
  boundariesOf(node: El, container: El): El[] {
    if (!this.boundaries.has(container)) {
      this.boundaries.set(container, []);
      for (const e of list(container, 'flowElements'))
        if (is(e, 'BoundaryEvent')) {
          const host = one(e, 'attachedToRef') as El;
          this.boundaries.set(host, [...(this.boundaries.get(host) ?? []), e]);
        }
    }
    return this.boundaries.get(node) ?? [];
  }

  definitionOf(event: El): El | undefined {
    const defs = list(event, 'eventDefinitions');
    if (defs.length > 1) {
      this.refuse(
        event,
        `Gebeurtenis '${words(event)}' heeft meerdere triggers`,
        `Event '${words(event)}' has several triggers`,
      );
      return undefined;
    }
    return defs[0];
  }

  /** A decision someone takes: an exclusive gateway with more than one way out, not all of them by rule. */
  isChoice(g: El): boolean {
    if (!is(g, 'ExclusiveGateway') || this.outgoing(g).length < 2) return false;
    const dflt = one(g, 'default');
    return this.outgoing(g).some((f) => f !== dflt && !one(f, 'conditionExpression'));
  }

  /** A choice right after a task (its only way out) becomes that task's actions. */
  choiceAfter(task: El): El | undefined {
    const out = this.outgoing(task);
    const g = out.length === 1 ? (one(out[0], 'targetRef') as El) : undefined;
    return g && this.isChoice(g) && this.incoming(g).length === 1 ? g : undefined;
  }

  /** Which BPMN nodes are steps of their own. */
  isState(node: El): boolean {
    if (is(node, 'UserTask', 'ManualTask', 'Task', 'ReceiveTask', 'SubProcess', 'IntermediateCatchEvent')) return true;
    if (is(node, 'EndEvent')) {
      const d = list(node, 'eventDefinitions')[0];
      return !d || is(d, 'TerminateEventDefinition');
    }
    if (is(node, 'ParallelGateway')) return this.outgoing(node).length > 1;
    if (is(node, 'ExclusiveGateway')) {
      if (!this.isChoice(node)) return false;
      const incoming = this.incoming(node);
      const from = incoming.length === 1 ? (one(incoming[0], 'sourceRef') as El) : undefined;
      return !(from && is(from, 'UserTask', 'ManualTask', 'Task', 'ReceiveTask') && this.choiceAfter(from) === node);
    }
    return false;
  }

  /**
   * The regions of a parallel gateway that splits: for each way out, the nodes until the gateway
   * that joins them all; a fork inside a region is skipped over to its own join.
   */
  fork(fork: El): Fork | undefined {
    const known = this.forks.get(fork);
    if (known) return known;
    let join: El | undefined;
    const regions: El[][] = [];
    for (const start of this.outgoing(fork)) {
      const seen = new Set<El>();
      const region: El[] = [];
      const queue: El[] = [one(start, 'targetRef') as El];
      for (let at = 0; at < queue.length; at++) {
        const n = queue[at];
        if (seen.has(n)) continue;
        seen.add(n);
        if (is(n, 'ParallelGateway') && this.incoming(n).length > 1) {
          if (join && join !== n) {
            this.refuse(
              fork,
              `De parallelle takken van '${words(fork)}' komen niet in één gateway samen`,
              `The parallel branches of '${words(fork)}' do not join in one gateway`,
            );
            return undefined;
          }
          join = n;
          continue;
        }
        if (is(n, 'EndEvent')) {
          this.refuse(
            n,
            `Een parallelle tak van '${words(fork)}' eindigt in '${words(n)}' zonder samen te komen; laat elke tak naar de samenvoegende gateway gaan`,
            `A parallel branch of '${words(fork)}' ends in '${words(n)}' without joining; let every branch go to the joining gateway`,
          );
          return undefined;
        }
        region.push(n);
        let next = [...this.outgoing(n), ...this.boundariesOf(n, n.$parent as El).flatMap((b) => this.outgoing(b))].map(
          (f) => one(f, 'targetRef') as El,
        );
        if (is(n, 'ParallelGateway') && this.outgoing(n).length > 1) {
          const inner = this.fork(n);
          if (!inner) return undefined;
          inner.regions.flat().forEach((x) => seen.add(x));
          next = this.outgoing(inner.join).map((f) => one(f, 'targetRef') as El);
          seen.add(inner.join);
        }
        queue.push(...next);
      }
      regions.push(region);
    }
    if (!join) {
      this.refuse(
        fork,
        `De parallelle gateway '${words(fork)}' wordt nergens samengevoegd`,
        `Parallel gateway '${words(fork)}' is never joined`,
      );
      return undefined;
    }
    const f = { fork, join, regions };
    this.forks.set(fork, f);
    return f;
  }

  /**
   * The steps of one container (the process or a sub-process), as children of `path`; returns the
   * key of the first step. Nodes inside parallel regions go into the regions.
   */
  readContainer(container: El, path: string, into: Record<string, StateConfig>, machineId: string): string {
    const elements = list(container, 'flowElements');
    for (const e of elements) this.check(e);
    if (this.problems.length) return '';
    const claimed = new Set<El>();
    for (const e of elements)
      if (is(e, 'ParallelGateway') && this.outgoing(e).length > 1) {
        const f = this.fork(e);
        f?.regions.flat().forEach((n) => claimed.add(n));
      }
    const starts = elements.filter((e) => is(e, 'StartEvent'));
    if (is(container, 'SubProcess') && container.triggeredByEvent) return '';
    if (starts.length !== 1) {
      this.refuse(
        container,
        starts.length
          ? `'${words(container)}' heeft ${starts.length} startgebeurtenissen; een workflow begint op één plek`
          : `'${words(container)}' heeft geen startgebeurtenis`,
        starts.length
          ? `'${words(container)}' has ${starts.length} start events; a workflow starts in one place`
          : `'${words(container)}' has no start event`,
      );
      return '';
    }
    const nodes = elements.filter((e) => !claimed.has(e) && this.isState(e));
    this.place(nodes, path, into, machineId);
    for (const n of nodes) this.fill(n, container, machineId);
    const out = this.outgoing(starts[0]);
    if (out.length !== 1) {
      this.refuse(
        starts[0],
        `De start '${words(starts[0])}' moet één uitgaande pijl hebben`,
        `Start '${words(starts[0])}' must have one outgoing flow`,
      );
      return '';
    }
    return this.initialOf(out[0], starts[0], path, into, machineId);
  }

  /** Gives each node a key among its siblings and an empty config, recursively into regions. */
  place(nodes: El[], path: string, into: Record<string, StateConfig>, machineId: string) {
    const taken = new Set(Object.keys(into));
    for (const n of nodes) {
      const key = keyFor(nameOf(n) || (is(n, 'ParallelGateway') ? 'tegelijk' : (n.id ?? 'stap')), taken);
      taken.add(key);
      const at = path ? `${path}.${key}` : key;
      const config: StateConfig = {
        meta: { label: { nl: nameOf(n) || (is(n, 'ParallelGateway') ? 'Tegelijk' : key) } },
      };
      into[key] = config;
      this.paths.set(n, at);
      this.configs.set(at, config);
      const f = is(n, 'ParallelGateway') ? this.fork(n) : undefined;
      if (!f) continue;
      config.type = 'parallel';
      const regions: Record<string, StateConfig> = {};
      config.states = regions;
      f.regions.forEach((region, i) => {
        const flow = this.outgoing(n)[i];
        const rkey = keyFor(nameOf(flow) || `deel ${i + 1}`, Object.keys(regions));
        const rpath = `${at}.${rkey}`;
        const states: Record<string, StateConfig> = {};
        const r: StateConfig = { meta: { label: { nl: nameOf(flow) || `Deel ${i + 1}` } }, states };
        regions[rkey] = r;
        this.configs.set(rpath, r);
        for (const x of [flow, ...region]) this.regionOf.set(x, { path: rpath, join: f.join });
        this.place(
          region.filter((x) => this.isState(x)),
          rpath,
          states,
          machineId,
        );
        const endKey = keyFor('klaar', Object.keys(states));
        states[endKey] = { type: 'final', meta: { label: { nl: 'Klaar', en: 'Done' } } };
        this.regionEnds.set(`${f.join.id}|${rpath}`, `${rpath}.${endKey}`);
        r.initial = this.initialOf(flow, flow, rpath, states, machineId);
      });
    }
  }

  /** Refuses what a workflow cannot hold, by name. */
  check(e: El) {
    const type = e.$type.replace(/^bpmn:/, '');
    const kind = kinds[type];
    if (kind) return this.problems.push(refusal(e, kind, kind.instead));
    if (one(e, 'loopCharacteristics'))
      return this.refuse(
        e,
        `'${words(e)}' herhaalt zich (meervoudige of lussende taak); teken de herhaling als een gewone terugweg`,
        `'${words(e)}' repeats (multi-instance or loop); draw the repetition as a plain way back`,
      );
    if (is(e, 'SubProcess') && e.triggeredByEvent)
      return this.refuse(
        e,
        `Gebeurtenis-deelproces '${words(e)}' wordt niet gelezen; gebruik een grensgebeurtenis op een deelproces`,
        `Event sub-process '${words(e)}' is not read; use a boundary event on a sub-process`,
      );
    if (is(e, 'StartEvent', 'EndEvent', 'IntermediateCatchEvent', 'IntermediateThrowEvent', 'BoundaryEvent')) {
      const d = this.definitionOf(e);
      const allowed: Record<string, string[]> = {
        StartEvent: ['MessageEventDefinition'],
        EndEvent: ['TerminateEventDefinition', 'EscalationEventDefinition', 'ErrorEventDefinition'],
        IntermediateCatchEvent: ['TimerEventDefinition', 'MessageEventDefinition'],
        IntermediateThrowEvent: [],
        BoundaryEvent: [
          'TimerEventDefinition',
          'MessageEventDefinition',
          'EscalationEventDefinition',
          'ErrorEventDefinition',
        ],
      };
      const dt = d?.$type.replace(/^bpmn:/, '');
      if (dt && !allowed[type].includes(dt))
        return this.refuse(
          e,
          `Gebeurtenis '${words(e)}' (${dt.replace('EventDefinition', '').toLowerCase()}) kan een workflow niet uitvoeren; gebruik een taak, een bericht of een timer`,
          `Event '${words(e)}' (${dt.replace('EventDefinition', '').toLowerCase()}) cannot be carried out by a workflow; use a task, a message or a timer`,
        );
      if (is(e, 'IntermediateCatchEvent') && !d)
        return this.refuse(
          e,
          `Tussengebeurtenis '${words(e)}' wacht op niets`,
          `Intermediate event '${words(e)}' waits for nothing`,
        );
      if (is(e, 'BoundaryEvent') && e.cancelActivity === false)
        return this.refuse(
          e,
          `Grensgebeurtenis '${words(e)}' onderbreekt niet: een stap doet één ding tegelijk; maak hem onderbrekend, of teken een parallelle gateway`,
          `Boundary event '${words(e)}' does not interrupt: a step does one thing at a time; make it interrupting, or draw a parallel gateway`,
        );
      if (d && is(d, 'TimerEventDefinition')) this.timerOf(e);
    }
    if (is(e, 'ParallelGateway') && this.outgoing(e).length > 1 && this.incoming(e).length > 1)
      this.refuse(
        e,
        `Parallelle gateway '${words(e)}' voegt samen en splitst tegelijk; teken twee gateways`,
        `Parallel gateway '${words(e)}' joins and splits at once; draw two gateways`,
      );
    if (is(e, 'UserTask', 'ManualTask', 'Task', 'ReceiveTask') && this.outgoing(e).length > 1)
      this.refuse(
        e,
        `Taak '${words(e)}' heeft meerdere uitgaande pijlen, die in BPMN allemaal tegelijk gaan; zet er een exclusieve of parallelle gateway achter`,
        `Task '${words(e)}' has several outgoing flows, which in BPMN all go at once; put an exclusive or parallel gateway after it`,
      );
    const vendor = extensions(e).filter((x) => /^(camunda|zeebe):/.test(x.$type));
    const settings = vendor.filter((x) => !/^zeebe:(assignmentDefinition|userTask)$/.test(x.$type));
    if (settings.length || Object.keys(e.$attrs ?? {}).some((a) => /^(camunda|zeebe):(?!candidateGroups)/.test(a)))
      this.warnings.push(
        problem(
          e.id ?? '(root)',
          `Camunda-instellingen van '${words(e)}' (formulieren, luisteraars, toewijzing) zijn niet overgenomen`,
          `Camunda settings of '${words(e)}' (forms, listeners, assignment) are not taken over`,
          'warning',
        ),
      );
  }

  timerOf(event: El): string | undefined {
    const d = list(event, 'eventDefinitions')[0];
    const duration = one(d, 'timeDuration');
    if (!duration) {
      const other = one(d, 'timeDate')
        ? 'wacht op een datum'
        : one(d, 'timeCycle')
          ? 'herhaalt zich'
          : 'heeft geen tijd';
      const otherEn = one(d, 'timeDate') ? 'waits for a date' : one(d, 'timeCycle') ? 'repeats' : 'has no time';
      this.refuse(
        event,
        `Timer '${words(event)}' ${other}; een timer hier wacht een tijdsduur (timeDuration, zoals P10W)`,
        `Timer '${words(event)}' ${otherEn}; a timer here waits a duration (timeDuration, such as P10W)`,
      );
      return undefined;
    }
    const text = String(duration.body ?? '').trim();
    const r = durationFromIso(text);
    if ('error' in r) {
      this.refuse(
        event,
        r.error === 'months'
          ? `Timer '${words(event)}' (${text}) telt in maanden of jaren, die geen vaste lengte hebben; schrijf weken of dagen (P26W)`
          : `Timer '${words(event)}' heeft geen ISO 8601-duur maar '${text}' (zoals P10W, P3D of PT2H)`,
        r.error === 'months'
          ? `Timer '${words(event)}' (${text}) counts months or years, which have no fixed length; write weeks or days (P26W)`
          : `Timer '${words(event)}' has no ISO 8601 duration but '${text}' (such as P10W, P3D or PT2H)`,
      );
      return undefined;
    }
    return r.duration;
  }

  /** Where a flow leads, through gateways, joins and escalations, as the transitions it makes. */
  resolve(flow: El, from: El, seen = new Set<El>()): Candidate[] {
    const own = this.condition(flow);
    return this.resolveNode(one(flow, 'targetRef') as El, from, seen).map((c) => ({
      target: c.target,
      ...(all(own, c.guard) ? { guard: all(own, c.guard) } : {}),
    }));
  }

  resolveNode(n: El, from: El, seen: Set<El>): Candidate[] {
    if (this.isState(n)) {
      const path = this.paths.get(n);
      return path ? [{ target: path }] : [];
    }
    if (seen.has(n)) {
      this.refuse(n, `'${words(n)}' ligt in een kring zonder taak`, `'${words(n)}' lies in a loop without a task`);
      return [];
    }
    seen.add(n);
    if (is(n, 'ExclusiveGateway', 'IntermediateThrowEvent')) {
      const dflt = one(n, 'default');
      const outs = this.outgoing(n);
      return [
        ...outs.filter((f) => f !== dflt).flatMap((f) => this.resolve(f, from, new Set(seen))),
        ...(dflt ? this.resolve(dflt, from, new Set(seen)).map(({ target }) => ({ target })) : []),
      ];
    }
    if (is(n, 'ParallelGateway')) {
      const region = this.regionOf.get(from);
      const end = region && region.join === n ? this.regionEnds.get(`${n.id}|${region.path}`) : undefined;
      if (!end)
        this.refuse(
          n,
          `De samenvoegende gateway '${words(n)}' wordt bereikt van buiten de takken die hij samenvoegt`,
          `Joining gateway '${words(n)}' is reached from outside the branches it joins`,
        );
      return end ? [{ target: end }] : [];
    }
    if (is(n, 'EndEvent')) {
      // An escalation (or error) end: caught on a sub-process around it, whose boundary event goes on.
      const d = list(n, 'eventDefinitions')[0];
      const code = (one(d, 'escalationRef') ?? one(d, 'errorRef'))?.id;
      for (let p = n.$parent as El | undefined; p && is(p, 'SubProcess'); p = p.$parent as El | undefined) {
        const catcher = this.boundariesOf(p, p.$parent as El).find((b) => {
          const bd = list(b, 'eventDefinitions')[0];
          if (!bd || bd.$type !== d?.$type) return false;
          const ref = (one(bd, 'escalationRef') ?? one(bd, 'errorRef'))?.id;
          return !ref || ref === code;
        });
        if (catcher) return this.outgoing(catcher).flatMap((f) => this.resolve(f, p!, new Set(seen)));
      }
      this.refuse(
        n,
        `'${words(n)}' wordt door geen grensgebeurtenis van een deelproces eromheen opgevangen`,
        `'${words(n)}' is caught by no boundary event of a sub-process around it`,
      );
    }
    return [];
  }

  transitions(candidates: Candidate[], machineId: string): TransitionConfig[] {
    return candidates.map((c) => ({
      target: `#${machineId}.${c.target}`,
      ...(c.guard ? { guard: { type: 'rule' as const, params: c.guard } } : {}),
    }));
  }

  /** The fields the rules of these transitions read: the action's form asks for them. */
  formOf(list: TransitionConfig[]): FormField[] {
    const fields = new Set<string>();
    const visit = (r: Rule) => {
      if ('field' in r) fields.add(r.field);
      else if ('all' in r) r.all.forEach(visit);
      else if ('any' in r) r.any.forEach(visit);
      else if ('not' in r) visit(r.not);
    };
    list.forEach((t) => t.guard && visit(t.guard.params));
    return [...fields].map((field) => ({ field, required: true }));
  }

  /** An action: its label, whose work it is (the lane), and the form its rules need. */
  action(node: El, label: string, list: TransitionConfig[]): TransitionConfig[] {
    const lane = this.lanes.get(node);
    const groups =
      node.$attrs?.['camunda:candidateGroups'] ??
      (extensions(node, 'zeebe:assignmentDefinition')[0]?.candidateGroups as string | undefined);
    const work = (lane && workOf(lane)) || (groups && workOf(groups)) || undefined;
    if (lane && !work && !this.warnedLanes.has(lane)) {
      this.warnedLanes.add(lane);
      this.warnings.push(
        problem(
          node.id ?? '(root)',
          `Baan '${lane}' noemt geen functie van het team (docent, coördinator): het werk is van iedereen`,
          `Lane '${lane}' names no function of the team (docent, coördinator): the work is everyone's`,
          'warning',
        ),
      );
    }
    const form = this.formOf(list);
    return list.map((t) => ({
      ...t,
      meta: { label: { nl: label }, ...(work ?? {}), ...(form.length ? { form } : {}) },
    }));
  }

  private readonly warnedLanes = new Set<string>();

  /** The transitions of one step. */
  fill(n: El, container: El, machineId: string) {
    const path = this.paths.get(n)!;
    const config = this.configs.get(path)!;
    const documentation = list(n, 'documentation')[0]?.text;
    if (typeof documentation === 'string' && documentation.trim())
      config.meta = { ...config.meta, description: { nl: documentation.trim() } };
    const on: Record<string, TransitionConfig[]> = {};
    const addAction = (label: string, list: TransitionConfig[]) => {
      if (!list.length) return;
      const event = eventFor(label, Object.keys(on));
      on[event] = this.action(n, label, list);
    };
    if (is(n, 'EndEvent')) {
      config.type = 'final';
      // What reports count is how a case ended: the ends of the process itself.
      if (!path.includes('.')) config.meta = { ...config.meta, outcome: keyFor(nameOf(n) || n.id || 'einde', []) };
      return;
    }
    if (is(n, 'UserTask', 'ManualTask', 'Task', 'ReceiveTask')) {
      const choice = this.choiceAfter(n);
      if (choice) {
        const dflt = one(choice, 'default');
        for (const f of [...this.outgoing(choice).filter((x) => x !== dflt), ...(dflt ? [dflt] : [])]) {
          const to = one(f, 'targetRef') as El;
          const what = nameOf(f) || words(to);
          addAction(
            nameOf(choice) ? `${nameOf(choice)}: ${what}` : what,
            this.transitions(this.resolve(f, n), machineId),
          );
        }
      } else for (const f of this.outgoing(n)) addAction(words(n), this.transitions(this.resolve(f, n), machineId));
    }
    if (is(n, 'ExclusiveGateway')) {
      const dflt = one(n, 'default');
      for (const f of [...this.outgoing(n).filter((x) => x !== dflt), ...(dflt ? [dflt] : [])]) {
        const to = one(f, 'targetRef') as El;
        const what = nameOf(f) || words(to);
        addAction(nameOf(n) ? `${nameOf(n)}: ${what}` : what, this.transitions(this.resolve(f, n), machineId));
      }
    }
    if (is(n, 'IntermediateCatchEvent')) {
      const d = list(n, 'eventDefinitions')[0];
      const next = this.outgoing(n).flatMap((f) => this.transitions(this.resolve(f, n), machineId));
      if (is(d, 'TimerEventDefinition')) {
        const duration = this.timerOf(n);
        if (duration && next.length) config.after = { [duration]: next.length === 1 ? next[0] : next };
      } else addAction(nameOf(n) || nameOf(one(d, 'messageRef')!) || words(n), next);
    }
    if (is(n, 'SubProcess')) {
      const states: Record<string, StateConfig> = {};
      config.initial = this.readContainer(n, path, states, machineId);
      config.states = states;
      const done = this.outgoing(n).flatMap((f) => this.transitions(this.resolve(f, n), machineId));
      if (done.length) config.onDone = done.length === 1 ? done[0] : done;
    }
    if (is(n, 'ParallelGateway')) {
      const f = this.forks.get(n);
      if (f) {
        for (const region of f.regions)
          for (const x of region) if (this.isState(x) && this.paths.has(x)) this.fill(x, container, machineId);
        const done = this.outgoing(f.join).flatMap((x) => this.transitions(this.resolve(x, n), machineId));
        if (done.length) config.onDone = done.length === 1 ? done[0] : done;
      }
    }
    // Boundary events: a timer, or a message someone records, takes the step elsewhere.
    for (const b of this.boundariesOf(n, container)) {
      const d = list(b, 'eventDefinitions')[0];
      const next = this.outgoing(b).flatMap((f) => this.transitions(this.resolve(f, n), machineId));
      if (is(d, 'TimerEventDefinition')) {
        const duration = this.timerOf(b);
        if (duration && next.length) {
          const t = nameOf(b) ? next.map((x) => ({ ...x, meta: { label: { nl: nameOf(b) } } })) : next;
          config.after = { ...config.after, [duration]: t.length === 1 ? t[0] : t };
        }
      } else if (is(d, 'MessageEventDefinition'))
        addAction(nameOf(b) || nameOf(one(d, 'messageRef') ?? b) || words(b), next);
      else if (is(n, 'UserTask', 'ManualTask', 'Task', 'ReceiveTask'))
        this.refuse(
          b,
          `Een fout of escalatie op taak '${words(n)}' kan niet optreden: een taak doet geen systeemwerk`,
          `An error or escalation on task '${words(n)}' cannot happen: a task does no system work`,
        );
    }
    if (Object.keys(on).length)
      config.on = Object.fromEntries(Object.entries(on).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
  }

  /** The first step: where the start (or a region's) flow leads, or a step that decides by rules at once. */
  initialOf(flow: El, from: El, path: string, into: Record<string, StateConfig>, machineId: string): string {
    const candidates = this.resolve(flow, from);
    if (candidates.length === 1 && !candidates[0].guard) return candidates[0].target.split('.').pop()!;
    if (!candidates.length) return '';
    const key = keyFor('begin', Object.keys(into));
    const transitions = this.transitions(candidates, machineId);
    into[key] = {
      meta: { label: { nl: 'Begin', en: 'Start' } },
      always: transitions.length === 1 ? transitions[0] : transitions,
    };
    if (!path) this.formOf(transitions).forEach((f) => this.startFields.add(f.field));
    return key;
  }
}

/**
 * A process from another tool on the workflow it lands on: the process's machine, and what BPMN
 * cannot say (title, subject, fields, start form, reports, privacy) from that workflow, with the
 * fields the process's conditions compare added. Hand-placed positions belong to the old steps,
 * so the designer lays the new ones out. A new workflow keeps the defaults, with `subject`.
 */
export function onWorkflow(
  imported: Definition,
  local: Definition | null,
  subject?: Definition['subject'],
): Definition {
  if (!local) return { ...imported, subject: subject ?? imported.subject };
  const { layout: _layout, version: _version, ...rest } = local;
  const added = Object.entries(imported.fields).filter(([name]) => !local.fields[name] && name !== 'naam');
  const asked = new Set(local.startForm.map((f) => f.field));
  return {
    ...rest,
    fields: { ...local.fields, ...Object.fromEntries(added) },
    startForm: [...local.startForm, ...imported.startForm.filter((f) => f.field !== 'naam' && !asked.has(f.field))],
    machine: imported.machine,
  };
}
