import { clampMs, day, formatDate, isDate, startOfDate, type SiteCalendar } from './calendar';
import type { CaseContext } from './compile';
import type { Deadline, Definition, StaffFunction } from './definition';
import { addDuration, describeDuration, describeSpan } from './duration';
import { evaluate, present } from './rules';
import type { Message } from './text';
import { activeEntries, leafPaths, offeredEvents, stateLabel } from './tree';

/** How close a deadline is before it counts as "soon" (binnenkort) for a worklist. */
export const dueSoonMs = 7 * day;

/** A deadline of a case now: a step to leave or an action to take, by when, for whom. */
export interface CaseDeadline {
  /** Stable per step and action: `deadline:<step>` or `deadline:<step>:<EVENT>`. */
  id: string;
  label: Message;
  dueAt: string;
  /** Whose work it is; empty: everyone's. */
  functions: readonly StaffFunction[];
  overdue: boolean;
  /** Due within `dueSoonMs` and not yet overdue. */
  soon: boolean;
  /** The step it belongs to (for an action: the step that offers it), and the action. */
  step: string;
  event?: string;
  /** "Zorgstage starten: uiterlijk 1 maart 2027, nog 3 weken" / "…, 2 dagen te laat". */
  text: Message;
}

/** A deadline's rule in words: "binnen 2 weken", "uiterlijk 6 maanden vóór 'Geplande einddatum'". */
export function describeDeadline(def: Pick<Definition, 'fields'>, due: Deadline): Message {
  const when = describeWhen(def, due);
  if (!due.until) return when;
  const f = def.fields[due.until];
  const name = { nl: `'${f?.label.nl ?? due.until}'`, en: `'${f?.label.en || f?.label.nl || due.until}'` };
  return { nl: `${when.nl}, tot ${name.nl} is ingevuld`, en: `${when.en}, until ${name.en} is filled in` };
}

function describeWhen(def: Pick<Definition, 'fields'>, due: Deadline): Message {
  const open = due.openDays ? { nl: ' (open dagen)', en: ' (open days)' } : { nl: '', en: '' };
  if (due.within) {
    const d = describeDuration(due.within);
    return { nl: `binnen ${d.nl}${open.nl}`, en: `within ${d.en}${open.en}` };
  }
  const f = due.by ? def.fields[due.by] : undefined;
  const name = { nl: `'${f?.label.nl ?? due.by}'`, en: `'${f?.label.en || f?.label.nl || due.by}'` };
  if (!due.minus) return { nl: `uiterlijk op ${name.nl}`, en: `by ${name.en}` };
  const d = describeDuration(due.minus);
  return { nl: `uiterlijk ${d.nl}${open.nl} vóór ${name.nl}`, en: `${d.en}${open.en} before ${name.en}` };
}

type Snapshot = { value: unknown; status: string; context: CaseContext };

/** When a deadline falls for a step entered at `entered`; undefined when its date field is empty. */
function dueOf(
  due: Deadline,
  entered: string | undefined,
  data: Readonly<Record<string, unknown>>,
  calendar?: SiteCalendar,
): number | undefined {
  const openDays = due.openDays;
  if (due.until && present(data[due.until])) return undefined;
  if (due.within) return entered ? addDuration(Date.parse(entered), due.within, calendar, { openDays }) : undefined;
  const date = due.by ? data[due.by] : undefined;
  if (!isDate(date)) return undefined;
  const start = clampMs(startOfDate(date, calendar));
  return due.minus ? addDuration(start, due.minus, calendar, { openDays, sign: -1 }) : start;
}

function deadline(
  id: string,
  label: Message,
  dueAt: number,
  functions: readonly StaffFunction[],
  now: Date,
  step: string,
  calendar: SiteCalendar | undefined,
  event?: string,
): CaseDeadline {
  const left = dueAt - now.getTime();
  const overdue = left <= 0;
  const span = describeSpan(Math.abs(left));
  const date = { nl: formatDate(dueAt, 'nl', calendar), en: formatDate(dueAt, 'en', calendar) };
  return {
    id,
    label,
    dueAt: new Date(dueAt).toISOString(),
    functions,
    overdue,
    soon: !overdue && left <= dueSoonMs,
    step,
    ...(event ? { event } : {}),
    text: overdue
      ? {
          nl: `${label.nl}: uiterlijk ${date.nl}, ${span.nl} te laat`,
          en: `${label.en}: due by ${date.en}, ${span.en} late`,
        }
      : {
          nl: `${label.nl}: uiterlijk ${date.nl}, nog ${span.nl}`,
          en: `${label.en}: due by ${date.en}, ${span.en} left`,
        },
  };
}

/**
 * The case's deadlines now: of the steps it is in (`meta.due`: leave the step by then) and of
 * the actions offered there (`meta.due` on the action: take it by then), leaving out actions
 * whose rule cannot hold for this case's data (the care placement's deadline is not a WW
 * student's). A deadline moves nothing; `overdue` says it has passed, in the order they fall.
 */
export function caseDeadlines(def: Definition, snapshot: Snapshot, now: Date, calendar?: SiteCalendar): CaseDeadline[] {
  if (snapshot.status !== 'active') return [];
  const { data, entered, enteredAt } = snapshot.context;
  const since = (path: string) => entered?.[path] ?? (entered ? undefined : enteredAt);
  const out: CaseDeadline[] = [];
  for (const entry of activeEntries(def, snapshot.value)) {
    const due = entry.config.meta?.due;
    const at = due && dueOf(due, since(entry.path), data, calendar);
    if (due && at !== undefined) {
      const label = due.label ?? stateLabel(def, entry.path);
      out.push(
        deadline(
          `deadline:${entry.path}`,
          { nl: label.nl, en: label.en || label.nl },
          at,
          due.functions ?? [],
          now,
          entry.path,
          calendar,
        ),
      );
    }
  }
  for (const offer of offeredEvents(def, leafPaths(snapshot.value))) {
    const meta = offer.candidates[0].meta;
    const due = meta?.due;
    if (!due) continue;
    const pending = new Set((meta.form ?? []).map((f) => f.field));
    const open = offer.candidates.some(
      (c) => !c.guard || evaluate(def, c.guard.params, { values: data, ahead: true }, pending) !== false,
    );
    const at = open ? dueOf(due, since(offer.source.path), data, calendar) : undefined;
    if (at === undefined) continue;
    const label = due.label ?? meta.label ?? { nl: offer.type };
    out.push(
      deadline(
        `deadline:${offer.source.path}:${offer.type}`,
        { nl: label.nl, en: label.en || label.nl },
        at,
        due.functions ?? meta.functions ?? [],
        now,
        offer.source.path,
        calendar,
        offer.type,
      ),
    );
  }
  return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/**
 * The deadlines of a case that passed after `since` up to and including `until`: what the
 * server records as a history row once, e.g. on each run of its scheduler (from the previous
 * run to now) or when a case changes (from its last change to now).
 */
export function passedDeadlines(
  def: Definition,
  snapshot: Snapshot,
  since: Date,
  until: Date,
  calendar?: SiteCalendar,
): CaseDeadline[] {
  const [from, to] = [since.getTime(), until.getTime()];
  return caseDeadlines(def, snapshot, until, calendar).filter((d) => {
    const at = Date.parse(d.dueAt);
    return at > from && at <= to;
  });
}
