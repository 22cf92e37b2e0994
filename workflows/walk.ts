import {
  addDuration,
  applyEvent,
  checklistSignEvent,
  startEvent,
  availableEvents,
  fireTimer,
  openChecklist,
  position,
  signChecklistItem,
  startCase,
  type Definition,
  type PersistedSnapshot,
  type Place,
  type RecordedEvent,
  type SiteCalendar,
  type TimerEffects,
  type Viewer,
} from '../engine';

/**
 * One case walked straight through the engine as staff would: forms, signatures, and due timers
 * fired as the server's scheduler would. Shared by the workflows' tests. `log` is its history as
 * the server would record it, for replaying against a draft.
 */
export class Walk {
  s: PersistedSnapshot;
  timers = new Map<string, { event: string; due: string }>();
  readonly log: RecordedEvent[] = [];
  /** The site's places as the server would count them for this case; without them a place is free. */
  place?: Place;
  private readonly by: RecordedEvent['by'];

  constructor(
    readonly d: Definition,
    data: Record<string, unknown>,
    readonly who: Viewer & { username: string },
    public now: Date,
    readonly calendar?: SiteCalendar,
  ) {
    const r = startCase(d, data, now, undefined, { calendar });
    if (!r.ok) throw new Error(r.message.en);
    this.s = r.snapshot;
    this.track(r.timers);
    this.by = { role: who.role, ...(who.function ? { function: who.function } : {}) };
    this.log.push({ event: startEvent, at: now.toISOString(), data: r.values, by: this.by });
  }

  private track(t: TimerEffects) {
    t.cancel.forEach((id) => this.timers.delete(id));
    t.schedule.forEach((x) => this.timers.set(x.id, x));
  }

  /**
   * Lets days pass on the site's calendar (the same time of day, also across summer time) and
   * fires the timers that come due on the way, earliest first, each at its due time.
   */
  wait(days: number) {
    if (!Number.isInteger(days) || days < 0) throw new Error(`wait(${days}): whole days only`);
    this.now = new Date(addDuration(this.now.getTime(), `${days}d`, this.calendar));
    for (;;) {
      const [next] = [...this.timers.entries()]
        .filter(([, t]) => Date.parse(t.due) <= this.now.getTime())
        .sort(([, a], [, b]) => a.due.localeCompare(b.due));
      if (!next) return this;
      const [id, t] = next;
      this.timers.delete(id);
      const r = fireTimer(this.d, this.s, t.event, new Date(t.due), { calendar: this.calendar });
      if (!r.ok) throw new Error(r.message.en);
      this.s = r.snapshot;
      this.track(r.timers);
      if (r.changed) this.log.push({ event: t.event, at: t.due, data: {}, timer: true });
    }
  }

  try(type: string, data?: Record<string, unknown>) {
    return applyEvent(this.d, this.s, { type, data }, this.who, this.now, {
      calendar: this.calendar,
      place: this.place,
    });
  }

  do(type: string, data?: Record<string, unknown>) {
    const r = this.try(type, data);
    if (!r.ok) throw new Error(`${type} in ${this.state}: ${r.message.en} ${JSON.stringify(r.details ?? [])}`);
    this.s = r.snapshot;
    this.track(r.timers);
    this.log.push({ event: type, at: this.now.toISOString(), data: r.values, by: this.by });
    return this;
  }

  sign(...ids: string[]) {
    for (const item of ids) {
      const r = signChecklistItem(this.d, this.s, { item, signed: true }, this.who, this.now);
      if (!r.ok) throw new Error(r.message.en);
      this.s = r.snapshot;
      this.log.push({ event: checklistSignEvent, at: this.now.toISOString(), data: { item }, by: this.by });
    }
    return this;
  }

  /** Signs what the current phase shows on its aftekenlijst. */
  signPhase() {
    return this.sign(...openChecklist(this.d, this.s).map((i) => i.id));
  }

  event(type: string) {
    return availableEvents(this.d, this.s, this.who, this.now, { calendar: this.calendar, place: this.place }).find(
      (e) => e.type === type,
    );
  }

  get state() {
    return position(this.d, this.s).state;
  }
  get position() {
    return position(this.d, this.s);
  }
}

/**
 * A client agreement as the shipped client request asks it at the home visit (report 3.1, 3.2):
 * a safe workplace, a request not too complex, rights and duties explained, consent to the data,
 * the date signed, the service in return agreed (and its kind) and when to review it.
 */
export const clientAgreement = {
  veiligeWerkplek: true,
  nietTeComplex: true,
  rechtenPlichtenBesproken: true,
  toestemmingGegevens: true,
  overeenkomstDatum: '2026-11-02',
  wederdienst: 'Samen Nederlands oefenen',
  wederdienstSoort: 'taal',
  evaluatieDatum: '2027-05-03',
};
