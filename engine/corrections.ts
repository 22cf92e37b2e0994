import type { PersistedSnapshot } from './cases';
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

/**
 * A field set to a corrected value, the case staying where it is: only the data changes, so no
 * step is taken, no action runs and no timer starts; the rules read the new value from then on.
 * An empty value clears an optional field. Refuses an unknown field or a value of the wrong type.
 */
export function correctField(
  def: Definition,
  snapshot: PersistedSnapshot,
  input: { field: string; value?: unknown; reason: string },
): { ok: true; snapshot: PersistedSnapshot; correction: Correction } | { ok: false; problems: Problem[] } {
  const field = def.fields[input.field];
  if (!field) return { ok: false, problems: [problem('field', 'Onbekend veld', 'Unknown field')] };
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
  return {
    ok: true,
    snapshot: { ...snapshot, context: { ...snapshot.context, data } },
    correction: {
      field: input.field,
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      reason: input.reason.trim(),
    },
  };
}
