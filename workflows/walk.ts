import {
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
  type RecordedEvent,
  type TimerEffects,
  type Viewer,
} from '../engine';

const day = 86_400_000;

/**
 * One case walked straight through the engine as staff would: forms, signatures, and due timers
 * fired as the server's scheduler would. Shared by the workflows' tests. `log` is its history as
 * the server would record it, for replaying against a draft.
 */
export class Walk {
  s: PersistedSnapshot;
  timers = new Map<string, { event: string; due: string }>();
  readonly log: RecordedEvent[] = [];
  private readonly by: RecordedEvent['by'];

  constructor(
    readonly d: Definition,
    data: Record<string, unknown>,
    readonly who: Viewer & { username: string },
    public now: Date,
  ) {
    const r = startCase(d, data, now);
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

  wait(days: number) {
    this.now = new Date(this.now.getTime() + days * day);
    for (const [id, t] of [...this.timers]) {
      if (Date.parse(t.due) > this.now.getTime()) continue;
      this.timers.delete(id);
      const r = fireTimer(this.d, this.s, t.event, new Date(t.due));
      if (!r.ok) throw new Error(r.message.en);
      this.s = r.snapshot;
      this.track(r.timers);
      if (r.changed) this.log.push({ event: t.event, at: t.due, data: {}, timer: true });
    }
    return this;
  }

  try(type: string, data?: Record<string, unknown>) {
    return applyEvent(this.d, this.s, { type, data }, this.who, this.now);
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
    return availableEvents(this.d, this.s, this.who, this.now).find((e) => e.type === type);
  }

  get state() {
    return position(this.d, this.s).state;
  }
  get position() {
    return position(this.d, this.s);
  }
}
