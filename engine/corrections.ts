import { settle, type PersistedSnapshot, type TimeOptions } from './cases';
import type { TimerEffects } from './timers';
import type { Definition } from './definition';
import { validateForm } from './forms';
import { problem, type Problem } from './problem';

/** A correction as the history keeps it: the field, its value before and after, and why. */
export interface Correction {
  field: string;
  from?: unknown;
  to?: unknown;
  reason: string;
}

/** A timer or deadline a correction set again (with its new due time) or ended (without one). */
export interface Rescheduled {
  id: string;
  dueAt?: string;
}

/**
 * A field set to a corrected value, the case staying where it is: only the data changes, so no
 * step is taken and no action runs; the rules read the new value from then on. What reads the
 * data moves with it, once: the planned end (`reports.plan.endField`) and the timers until a date
 * field are worked out again (`timers`; the caller adds the deadlines that moved). The planned end
 * itself is not corrected: it follows the start and the duration. An empty value clears an
 * optional field. Refuses an unknown field or a value of the wrong type.
 */
export function correctField(
  def: Definition,
  snapshot: PersistedSnapshot,
  input: { field: string; value?: unknown; reason: string },
  now: Date,
  options: TimeOptions = {},
):
  | { ok: true; snapshot: PersistedSnapshot; correction: Correction; timers: TimerEffects }
  | { ok: false; problems: Problem[] } {
  const field = def.fields[input.field];
  if (!field) return { ok: false, problems: [problem('field', 'Onbekend veld', 'Unknown field')] };
  if (input.field === def.reports?.plan?.endField)
    return {
      ok: false,
      problems: [
        problem(
          'field',
          'De geplande einddatum volgt uit de startdatum en de duur: corrigeer een van die',
          'The planned end follows from the start date and the duration: correct one of those',
        ),
      ],
    };
  const { values, problems } = validateForm(
    def,
    [{ field: input.field, required: input.field === def.titleField }],
    input.value === undefined ? {} : { [input.field]: input.value },
  );
  if (problems.length) return { ok: false, problems: problems.map((p) => ({ ...p, path: 'value' })) };
  const before = snapshot.context.data;
  const { [input.field]: from, ...rest } = before;
  const to = values[input.field];
  const data = to === undefined ? rest : { ...before, [input.field]: to };
  const settled = settle(def, snapshot, { ...snapshot, context: { ...snapshot.context, data } }, [], now, options);
  return {
    ok: true,
    snapshot: settled.snapshot,
    correction: {
      field: input.field,
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      reason: input.reason.trim(),
    },
    timers: settled.timers,
  };
}

/** What a correction's timer effects set again and ended, for its history row. */
export function rescheduled(effects: TimerEffects): Rescheduled[] {
  const set = new Set(effects.schedule.map((s) => s.id));
  return [
    ...effects.schedule.map((s) => ({ id: s.id, dueAt: s.due })),
    ...effects.cancel.filter((id) => !set.has(id)).map((id) => ({ id })),
  ];
}
