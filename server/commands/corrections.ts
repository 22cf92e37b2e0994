import { correctField, correctionEvent, hiddenFields, refusal, voidEvent, voidOutcome } from '../../engine';
import type { Actor } from '../auth/caller';
import { AppError, fromProblems } from '../errors';
import { changeCase, type Store } from './cases';

/**
 * Corrects one field of a running or ended case, with the reason, through the case store: the
 * history row keeps the value before and after, the case stays in its step (see correctField).
 * Only someone who may see the field may correct it: writing what one cannot read back
 * overwrites what one cannot check.
 */
export function correctCase(
  store: Store,
  actor: Actor,
  id: string,
  input: { field: string; value?: unknown; reason: string; revision?: number },
  now: () => Date,
) {
  return changeCase(store, actor, id, input.revision, now, (def, c) => {
    if (hiddenFields(def, actor).has(input.field)) {
      const r = refusal(def, [input.field]);
      throw new AppError('PERSONAL_DATA_HIDDEN', r.message);
    }
    const r = correctField(def, c.snapshot, input);
    if (!r.ok)
      throw fromProblems(
        'INVALID_FORM',
        { nl: 'De correctie is niet geldig', en: 'The correction is not valid' },
        r.problems,
      );
    return {
      snapshot: r.snapshot,
      from: c.state,
      to: c.state,
      event: correctionEvent,
      data: { ...r.correction },
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
