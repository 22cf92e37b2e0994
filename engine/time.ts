import type { PersistedSnapshot, TimeOptions } from './cases';
import { caseDeadlines, type CaseDeadline } from './deadlines';
import type { Definition } from './definition';
import { caseTimers, type CaseTimer } from './timers';

/** What a case's page says about time: its timers and its deadlines, each with its words. */
export interface CaseTime {
  timers: CaseTimer[];
  deadlines: CaseDeadline[];
}

/**
 * A case's timers (running, or held while the case is away from their step) and deadlines
 * (with `overdue`), at `now` on the site's calendar: one pure call for the server's case page
 * and for the designer's simulator.
 */
export function caseTime(def: Definition, snapshot: PersistedSnapshot, now: Date, options: TimeOptions = {}): CaseTime {
  return {
    timers: caseTimers(def, snapshot, now, options.calendar),
    deadlines: caseDeadlines(def, snapshot, now, options.calendar),
  };
}
