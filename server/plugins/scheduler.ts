import fp from 'fastify-plugin';
import type { DefinitionCache } from '../commands/definitions';
import { fireDueTimers, timerAttempts, type TimerFailure } from '../commands/timers';
import { isStorageFull } from '../db/failures';

declare module 'fastify' {
  interface FastifyInstance {
    scheduler: {
      /** Fires every timer due now; tests call it with a stepped clock. */
      runDue(): Promise<number>;
    };
  }
}

export interface SchedulerOptions {
  now: () => Date;
  definitions: DefinitionCache;
  /** How often to look for due timers; 0 turns the loop off (tests drive it by hand). */
  intervalMs: number;
}

/**
 * Durable timers: due times are rows, so nothing is lost while the server is down. At start it
 * catches up on what fell due meanwhile, then looks again every `intervalMs`. A timer whose
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
      running ??= fireDueTimers(app.orm.em, opts.definitions, opts.now(), logFailure).finally(
        () => (running = undefined),
      );
      return running;
    };
    app.decorate('scheduler', { runDue });
    if (opts.intervalMs <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    const tick = () => {
      runDue()
        .catch((err) => {
          if (isStorageFull(err)) app.storage.full();
          app.log.error({ err }, 'timer pass failed');
        })
        .finally(() => {
          if (timer !== undefined) timer = setTimeout(tick, opts.intervalMs);
        });
    };
    app.addHook('onReady', async () => {
      timer = setTimeout(tick, 0);
    });
    app.addHook('onClose', async () => {
      clearTimeout(timer);
      timer = undefined;
      await running;
    });
  },
  { name: 'scheduler', dependencies: ['db'] },
);
