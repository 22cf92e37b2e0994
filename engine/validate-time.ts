import { isDate } from './calendar';
import {
  transitionsOf,
  type Deadline,
  type Definition,
  type FormField,
  type TimeCondition,
  type TimeSinceCondition,
} from './definition';
import { durationProblem } from './duration';
import { problem, type Problem } from './problem';
import { parseTimerKey } from './timer-key';
import { indexStates, kind, reachable, resolveTarget, type StateEntry } from './tree';

/**
 * The validator's part on time: durations within the limits (at least a minute, at most ten
 * years: a `0m` timer between two steps fires forever, a `999999999w` one cannot be scheduled),
 * date fields that exist and are dates, timer settings where they mean something, deadlines
 * that say one thing, and no ring of timers until a date (once the date is past they would
 * fire forever).
 */

function durationAt(duration: string, path: string, out: Problem[]) {
  const wrong = durationProblem(duration);
  if (wrong) out.push({ path, message: wrong, severity: 'error' });
}

function dateField(def: Definition, name: string, path: string, out: Problem[]) {
  const field = def.fields[name];
  if (!field) out.push(problem(path, `Onbekend veld '${name}'`, `Unknown field '${name}'`));
  else if (field.type !== 'date')
    out.push(
      problem(
        path,
        `Veld '${field.label.nl}' moet een datum zijn`,
        `Field '${name}' must be a date (it is ${field.type})`,
      ),
    );
}

export function checkTimeRule(def: Definition, rule: TimeCondition | TimeSinceCondition, path: string, out: Problem[]) {
  if ('timeInStep' in rule) return durationAt(rule.timeInStep.duration, `${path}.timeInStep.duration`, out);
  durationAt(rule.timeSince.duration, `${path}.timeSince.duration`, out);
  dateField(def, rule.timeSince.field, `${path}.timeSince.field`, out);
}

/** A month and day that every year has (so not 29 February). */
function everyYear(monthDay: string): boolean {
  return isDate(`2023-${monthDay}`);
}

function checkTimerKey(def: Definition, key: string, at: string, out: Problem[]) {
  const spec = parseTimerKey(key);
  if (!spec) {
    out.push(problem(at, `'${key}' zegt niet wanneer de timer afgaat`, `'${key}' does not say when the timer fires`));
    return;
  }
  if (spec.kind === 'duration') return durationAt(key, at, out);
  if (spec.kind === 'field') {
    dateField(def, spec.field, at, out);
    if (spec.offset) durationAt(spec.offset.duration, at, out);
    return;
  }
  const seen = new Set<string>();
  for (const d of spec.dates) {
    if (!everyYear(d))
      out.push(
        problem(
          at,
          `'${d}' is geen datum die elk jaar voorkomt (maand-dag, zoals 09-01)`,
          `'${d}' is not a date every year has (month-day, such as 09-01)`,
        ),
      );
    if (seen.has(d)) out.push(problem(at, `Datum '${d}' staat er twee keer`, `Date '${d}' is listed twice`));
    seen.add(d);
  }
}

function checkTimerSettings(def: Definition, entry: StateEntry, key: string, at: string, out: Problem[]) {
  const t = entry.config.after![key];
  const spec = parseTimerKey(key);
  transitionsOf(t).forEach((tr, i) => {
    const tp = Array.isArray(t) ? `${at}.${i}` : at;
    const m = tr.meta;
    if (m?.due)
      out.push(
        problem(
          `${tp}.meta.due`,
          'Een timer heeft geen termijn: hij gaat zelf af',
          'A timer has no deadline: it fires by itself',
        ),
      );
    if (m?.resume === undefined && m?.openDays === undefined) return;
    if (i > 0) {
      out.push(
        problem(
          `${tp}.meta`,
          'De instellingen van een timer (resume, openDays) staan bij zijn eerste overgang',
          "A timer's settings (resume, openDays) belong on its first transition",
        ),
      );
      return;
    }
    if (m.resume !== undefined && spec?.kind !== 'duration')
      out.push(
        problem(
          `${tp}.meta.resume`,
          'Een timer tot een datum loopt altijd tot die datum; doorgaan met de resterende tijd kan alleen bij een duur',
          'A timer until a date always runs to that date; going on with the time left is for a duration only',
        ),
      );
    if (m.openDays && spec?.kind === 'dates')
      out.push(
        problem(
          `${tp}.meta.openDays`,
          'Open dagen tellen alleen bij een duur, niet bij vaste datums',
          'Open days count only for a duration, not for fixed dates',
        ),
      );
    if (m.openDays && spec?.kind === 'field' && !spec.offset)
      out.push(
        problem(
          `${tp}.meta.openDays`,
          'Open dagen tellen alleen bij een duur; deze timer gaat af op de datum zelf',
          'Open days count only for a duration; this timer fires on the date itself',
        ),
      );
  });
}

function checkDeadline(def: Definition, due: Deadline, at: string, out: Problem[]) {
  if (!due.within === !due.by)
    out.push(
      problem(
        at,
        due.within
          ? "Een termijn is 'binnen' een duur (within) óf 'uiterlijk' op een datum (by), niet allebei"
          : 'Een termijn zegt binnen welke tijd (within) of uiterlijk op welke datum (by)',
        due.within
          ? "A deadline is 'within' a duration or 'by' a date, not both"
          : 'A deadline says within what time (within) or by which date (by)',
      ),
    );
  if (due.within) durationAt(due.within, `${at}.within`, out);
  if (due.by) dateField(def, due.by, `${at}.by`, out);
  if (due.minus) {
    durationAt(due.minus, `${at}.minus`, out);
    if (!due.by) out.push(problem(`${at}.minus`, "'minus' hoort bij een datum (by)", "'minus' goes with a date (by)"));
  }
  if (due.until && !def.fields[due.until])
    out.push(problem(`${at}.until`, `Onbekend veld '${due.until}'`, `Unknown field '${due.until}'`));
}

/** The steps a transition from `source` to `target` enters, as XState v5 takes it (no re-entry of the source). */
function entered(def: Definition, source: StateEntry, target: StateEntry): Set<string> {
  const inside = (e: StateEntry, a: StateEntry) => e.path.startsWith(`${a.path}.`);
  let domain: StateEntry | undefined = source;
  if (!(target === source || inside(target, source))) {
    domain = source.parent;
    while (domain && domain.path && !inside(target, domain)) domain = domain.parent;
  }
  const all = reachable(def, [target], () => false);
  return new Set([...all].filter((p) => p && (!domain?.path || p.startsWith(`${domain.path}.`))));
}

/** Timers until a date that lead, through other such timers, back to a step they leave from. */
function dateTimerRings(def: Definition, out: Problem[], statePath: (e: StateEntry) => string) {
  const index = indexStates(def);
  const edges = new Map<string, { to: string; at: string }[]>();
  for (const entry of index.byPath.values()) {
    for (const [key, t] of Object.entries(entry.config.after ?? {})) {
      if (parseTimerKey(key)?.kind === 'duration') continue;
      for (const tr of transitionsOf(t)) {
        const target = tr.target ? resolveTarget(def, entry, tr.target) : undefined;
        if (!target) continue;
        for (const to of entered(def, entry, target))
          (edges.get(entry.path) ?? edges.set(entry.path, []).get(entry.path)!).push({
            to,
            at: `${statePath(entry)}.after.${key}`,
          });
      }
    }
  }
  const reported = new Set<string>();
  for (const start of edges.keys()) {
    const seen = new Set<string>();
    const queue = [start];
    while (queue.length) {
      for (const { to, at } of edges.get(queue.shift()!) ?? []) {
        if (to === start && !reported.has(at)) {
          reported.add(at);
          out.push(
            problem(
              at,
              'Timers tot een datum vormen hier een kring: als de datum voorbij is, zouden ze eindeloos afgaan',
              'Timers until a date form a ring here: once the date has passed they would fire forever',
            ),
          );
        }
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
  }
}

/** Every problem of a definition's time: timers, their settings, deadlines, the plan and pauses. */
export function timeProblems(def: Definition, statePath: (e: StateEntry) => string, out: Problem[]) {
  const index = indexStates(def);
  for (const entry of [index.root, ...index.byPath.values()]) {
    const at = statePath(entry);
    const c = entry.config;
    const k = entry.path ? kind(c) : 'compound';
    for (const key of Object.keys(c.after ?? {})) {
      checkTimerKey(def, key, `${at}.after.${key}`, out);
      checkTimerSettings(def, entry, key, `${at}.after.${key}`, out);
    }
    if (c.meta?.due) {
      if (k === 'final' || k === 'history')
        out.push(problem(`${at}.meta.due`, 'Een eindstap heeft geen termijn', 'A final step has no deadline'));
      else checkDeadline(def, c.meta.due, `${at}.meta.due`, out);
    }
    if (c.meta?.pausesPlan) {
      if (k === 'final' || k === 'history')
        out.push(
          problem(
            `${at}.meta.pausesPlan`,
            'Alleen een stap waarin een casus kan blijven, kan het plan stilzetten',
            'Only a step a case can stay in can pause the plan',
          ),
        );
      else if (!def.reports?.plan)
        out.push(
          problem(
            `${at}.meta.pausesPlan`,
            'Deze stap zet het plan stil, maar de workflow heeft geen plan (reports.plan)',
            'This step pauses the plan, but the workflow has no plan (reports.plan)',
            'warning',
          ),
        );
    }
    for (const [event, t] of Object.entries(c.on ?? {})) {
      transitionsOf(t).forEach((tr, i) => {
        const tp = Array.isArray(t) ? `${at}.on.${event}.${i}` : `${at}.on.${event}`;
        for (const setting of ['resume', 'openDays'] as const)
          if (tr.meta?.[setting] !== undefined)
            out.push(
              problem(
                `${tp}.meta.${setting}`,
                `'${setting}' is een instelling van een timer, niet van een actie`,
                `'${setting}' is a setting of a timer, not of an action`,
              ),
            );
        if (tr.meta?.due) {
          if (i > 0)
            out.push(
              problem(
                `${tp}.meta.due`,
                'De termijn van een actie staat bij haar eerste overgang',
                "An action's deadline belongs on its first transition",
              ),
            );
          else checkDeadline(def, tr.meta.due, `${tp}.meta.due`, out);
        }
      });
    }
  }
  const endField = def.reports?.plan?.endField;
  if (endField) {
    dateField(def, endField, 'reports.plan.endField', out);
    const forms: FormField[][] = [def.startForm];
    for (const entry of [index.root, ...index.byPath.values()])
      for (const t of Object.values(entry.config.on ?? {}))
        for (const tr of transitionsOf(t)) forms.push(tr.meta?.form ?? []);
    if (forms.some((f) => f.some((x) => x.field === endField)))
      out.push(
        problem(
          'reports.plan.endField',
          `Veld '${def.fields[endField]?.label.nl ?? endField}' houdt de engine bij; een formulier mag er niet om vragen`,
          `Field '${endField}' is kept by the engine; a form may not ask for it`,
        ),
      );
  }
  dateTimerRings(def, out, statePath);
}
