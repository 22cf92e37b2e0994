/**
 * The names a case's history gives to changes that are not an event of its machine: the start,
 * a sign-off, a note, a migration, and what the scheduler records about time (a deadline passed,
 * a timer that came due while its rule held the step back). The commands write them and the
 * presenters name them back.
 */
export const startEvent = 'START';
export const checklistSignEvent = 'checklist.sign';
export const checklistUnsignEvent = 'checklist.unsign';
export const noteEvent = 'note';
/** A signal about the case's student (engine/signals.ts) and its closing, each with a free text. */
export const signalEvent = 'signal';
export const signalClosedEvent = 'signal.closed';
/** A student's call for help (engine/signals.ts) was answered by a coördinator: `{ signal, mode }`, no free text. */
export const signalAcknowledgedEvent = 'signal.acknowledged';
/** A call for help nobody answered in time went to every coördinator and the projectleider. */
export const signalEscalatedEvent = 'signal.escalated';

/** The student took part in a group activity or excursion: `{ activity, kind, title, date, evaluation }`. */
export const groupActivityEvent = 'group-activity';
/**
 * A group activity's record was corrected: `{ activity, kind, title, date, evaluation, reason }` as
 * it is now, or `{ activity, kind, title, date, removed: true, reason }` for a student who was
 * named by mistake and did not take part.
 */
export const groupActivityCorrectedEvent = 'group-activity.corrected';
/** History rows whose `text` is free text about the person (a note, a signal, its closing); their other data is bookkeeping. */
export const freeTextEvents: ReadonlySet<string> = new Set([noteEvent, signalEvent, signalClosedEvent]);
export const migrationEvent = 'MIGRATIE';
/** The people responsible for a case changed: `{ function, user, previous }`, by username. */
export const ownerEvent = 'owner';

/** Who the history names when time itself moved a case (a timer fired): not an account. */
export const systemActor = 'systeem';

export const deadlinePassedEvent = 'deadline.passed';
export const timerHeldEvent = 'timer.held';
/** A field corrected by hand (a typo, a wrong level at intake): data `{ field, from?, to?, reason }`. */
export const correctionEvent = 'correction';
/** A case created by mistake, voided by a manager: data `{ reason }`. */
export const voidEvent = 'void';
/** Personal fields replaced by a pseudonym (erasure on request, or the retention period ended). */
export const pseudonymisedEvent = 'pseudonymised';

/**
 * The outcome a voided case carries instead of its own: it leaves every list of open cases (they
 * ask for no outcome) and the reports, while its record and history stay. Machine outcomes are
 * the definition's words (`diploma`, `afgewezen`); this one is reserved.
 */
export const voidOutcome = 'vervallen';
