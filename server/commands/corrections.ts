import {
  correctField,
  correctionEvent,
  hiddenFields,
  refusal,
  rescheduled,
  voidEvent,
  voidOutcome,
  type TimeOptions,
} from '../../engine';
import type { Actor } from '../auth/caller';
import { AppError, fromProblems } from '../errors';
import { changeCase, type Store } from './cases';
import { withDeadlines } from './deadlines';

/**
 * Corrects one field of a running or ended case, with the reason, through the case store: the
 * history row keeps the value before and after, the case stays in its step (see correctField).
 * Only someone who may see the field may correct it: writing what one cannot read back
 * overwrites what one cannot check. A corrected date moves what reads it, in the same write: the
 * planned end, the timers until a date field and the deadlines, each set again once, and the
 * history row names them (`rescheduled`, and `plannedEnd` when it moved).
 */
export function correctCase(
  store: Store,
  actor: Actor,
  id: string,
  input: { field: string; value?: unknown; reason: string; revision?: number },
  now: () => Date,
  options: TimeOptions = {},
) {
  return changeCase(store, actor, id, input.revision, now, (def, c, at) => {
    if (hiddenFields(def, actor).has(input.field)) {
      const r = refusal(def, [input.field]);
      throw new AppError('PERSONAL_DATA_HIDDEN', r.message);
    }
    const r = correctField(def, c.snapshot, input, at, options);
    if (!r.ok)
      throw fromProblems(
        'INVALID_FORM',
        { nl: 'De correctie is niet geldig', en: 'The correction is not valid' },
        r.problems,
      );
    const timers = withDeadlines(def, c.snapshot, r.snapshot, r.timers, at, options);
    const moved = rescheduled(timers);
    const endField = def.reports?.plan?.endField;
    const [endBefore, endAfter] = endField
      ? [c.snapshot.context.data[endField], r.snapshot.context.data[endField]]
      : [];
    return {
      snapshot: r.snapshot,
      from: c.state,
      to: c.state,
      event: correctionEvent,
      data: {
        ...r.correction,
        ...(endBefore !== endAfter ? { plannedEnd: { from: endBefore ?? null, to: endAfter ?? null } } : {}),
        ...(moved.length ? { rescheduled: moved } : {}),
      },
      timers,
    };
  });
}

/**
 * Voids a case created by mistake (the wrong person, twice): it leaves every list and report,
 * its record and history stay, marked with the reason. For a manager only (the route checks).
 * Its timers are spent when they come due (the scheduler skips a voided case).
 */
export function voidCase(
  store: Store,
  actor: Actor,
  id: string,
  input: { reason: string; revision?: number },
  now: () => Date,
) {
  return changeCase(store, actor, id, input.revision, now, (_def, c) => ({
    snapshot: c.snapshot,
    from: c.state,
    to: c.state,
    event: voidEvent,
    data: { reason: input.reason.trim(), outcome: c.outcome },
    outcome: voidOutcome,
  }));
}
