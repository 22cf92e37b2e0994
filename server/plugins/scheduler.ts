import fp from 'fastify-plugin';
import type { DefinitionCache } from '../commands/definitions';
import type { SiteCalendars } from '../commands/calendar';
import { fireDueTimers, scheduleMissingDeadlines, timerAttempts, type TimerFailure } from '../commands/timers';
import { isStorageFull } from '../db/failures';
import { runRetention } from '../commands/retention';
import { escalateHelp } from '../commands/signals';

declare module 'fastify' {
  interface FastifyInstance {
    scheduler: {
      /** Fires every timer due now; tests call it with a stepped clock. */
      runDue(): Promise<number>;
      /** Sets the rows of running cases' deadlines that have none (done at start); how many. */
      scheduleMissingDeadlines(): Promise<number>;
      /** Pseudonymises the cases whose retention period has ended (the daily job); how many. */
      runRetention(): Promise<number>;
      /** Sends the calls for help nobody answered in time to everyone (each pass); how many. */
      runEscalations(): Promise<number>;
    };
  }
}

export interface SchedulerOptions {
  now: () => Date;
  definitions: DefinitionCache;
  /** The sites' calendars, which timers and deadlines count on. */
  calendars: SiteCalendars;
  /** How often to look for due timers; 0 turns the loop off (tests drive it by hand). */
  intervalMs: number;
}

/**
 * Durable timers and deadlines: due times are rows, so nothing is lost while the server is down.
 * At start it sets the rows of deadlines that have none and catches up on what fell due
 * meanwhile (a resumed timer at the time it had left), then looks again every `intervalMs`. A timer whose
 * firing fails is logged and tried again in the next pass; after `timerAttempts` it is given up.
 */
export default fp<SchedulerOptions>(
  async (app, opts) => {
    const logFailure = ({ timerId, caseId, attempts, failed, error }: TimerFailure) => {
      const where = { err: error, timer: timerId, case: caseId, attempts };
      if (failed) app.log.error(where, `timer given up after ${attempts} failed firings`);
      else app.log.warn(where, `timer firing failed (attempt ${attempts} of ${timerAttempts}); tried again next pass`);
    };
    let running: Promise<number> | undefined;
    const runDue = () => {
      // One pass at a time in this process; other processes are kept out by the claim itself.
      running ??= fireDueTimers(app.orm.em, opts.definitions, opts.calendars, opts.now(), logFailure).finally(
        () => (running = undefined),
      );
      return running;
    };
    const setMissing = () => scheduleMissingDeadlines(app.orm.em, opts.definitions, opts.calendars, opts.now());
    const retention = () => runRetention(app.orm.em.fork(), opts.definitions, opts.now());
    const escalations = () =>
      escalateHelp({ cache: opts.definitions, cases: app.caseStore, em: app.orm.em }, opts.now());
    app.decorate('scheduler', {
      runDue,
      scheduleMissingDeadlines: setMissing,
      runRetention: retention,
      runEscalations: escalations,
    });
    if (opts.intervalMs <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    const failed = (what: string) => (err: unknown) => {
      if (isStorageFull(err)) app.storage.full();
      app.log.error({ err }, what);
    };
    // The retention job runs on the first pass of each day (by the injected clock), and at start.
    let retainedOn = '';
    const daily = async () => {
      const today = opts.now().toISOString().slice(0, 10);
      if (today === retainedOn) return;
      await retention();
      retainedOn = today;
    };
    const tick = () => {
      runDue()
        .catch(failed('timer pass failed'))
        .then(() => escalations().catch(failed('escalating calls for help failed')))
        .then(() => daily().catch(failed('retention job failed')))
        .finally(() => {
          if (timer !== undefined) timer = setTimeout(tick, opts.intervalMs);
        });
    };
    let starting: Promise<unknown> | undefined;
    app.addHook('onReady', async () => {
      // Once, before the first pass; the passes follow even when it fails.
      timer = setTimeout(() => {
        starting = setMissing()
          .catch(failed('setting missing deadline rows failed'))
          .finally(() => {
            if (timer !== undefined) tick();
          });
      }, 0);
    });
    app.addHook('onClose', async () => {
      clearTimeout(timer);
      timer = undefined;
      await starting;
      await running;
    });
  },
  { name: 'scheduler', dependencies: ['db'] },
);
