import { addDuration } from '../../engine';
import { cohort, replay, type Driver } from '../../workflows/cohort';
import type { TestApp } from './helpers';

/** A clock a test app reads (`now: () => clock.now`) and a script moves. */
export interface TestClock {
  now: Date;
}

/** The cohort's script through the real API: every action a request, timers by the scheduler. */
export class ApiDriver implements Driver {
  id = '';
  constructor(
    protected readonly t: TestApp,
    protected readonly clock: TestClock,
    private readonly headers: Record<string, string>,
  ) {}
  now() {
    return this.clock.now;
  }
  private async post(url: string, payload: Record<string, unknown>) {
    const res = await this.t.request({ method: 'POST', url, headers: this.headers, payload });
    if (res.statusCode >= 300) throw new Error(`${url} ${JSON.stringify(payload)}: ${res.statusCode} ${res.body}`);
    return res.json();
  }
  async start(data: Record<string, unknown>, at: Date) {
    this.clock.now = at;
    this.id = (await this.post('/api/cases', { workflow: 'student-traject', data })).id;
  }
  async act(type: string, data: Record<string, unknown>) {
    await this.post(`/api/cases/${this.id}/events`, { type, data });
  }
  async wait(days: number) {
    // Days on the site's calendar: the same time of day across summer time.
    this.clock.now = new Date(addDuration(this.clock.now.getTime(), `${days}d`));
    await this.t.app.scheduler.runDue();
  }
  async signPhase() {
    const c = (await this.t.request({ method: 'GET', url: `/api/cases/${this.id}`, headers: this.headers })).json();
    for (const item of c.checklist.filter((i: { current: boolean; signed?: unknown }) => i.current && !i.signed)) {
      await this.post(`/api/cases/${this.id}/checklist`, { item: item.id, signed: true });
    }
  }
}

/** The report's whole cohort (2016–2020) as real cases with their histories, as `headers` does it. */
export async function loadCohort(
  t: TestApp,
  clock: TestClock,
  headers: Record<string, string>,
  driver: () => ApiDriver = () => new ApiDriver(t, clock, headers),
) {
  for (const p of cohort()) await replay(p, driver());
}
