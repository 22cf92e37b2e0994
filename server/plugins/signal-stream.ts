import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SignalChange } from '../db/entities';

declare module 'fastify' {
  interface FastifyInstance {
    signalStream: {
      /** Keeps the request's connection open as Server-Sent Events of its site's signal changes. */
      open(req: FastifyRequest, reply: FastifyReply, site: string): void;
      /** Reads the changes written since the last look and sends them (the poller's pass; tests call it). */
      poll(): Promise<number>;
    };
  }
}

export interface SignalStreamOptions {
  /** How often this process looks for new changes while a page listens; 0: only when `poll` is called. */
  pollMs: number;
}

/** A comment line now and then keeps proxies from closing a quiet stream. */
const heartbeatMs = 20_000;

/**
 * Signals pushed live to open staff pages (report 4.7: a call for help reaches the coördinator at
 * once). Several server processes may share one PostgreSQL database, so a change made in one must
 * reach pages held open by another: each process runs one poller, only while a page listens, that
 * reads the `signal_change` rows after the last id it saw and writes each to its site's pages.
 * An event carries ids only; the page asks `GET /api/signals` for what its person may see.
 * Written by hand on the raw reply (no package): `text/event-stream`, one `data:` line per event.
 */
export default fp<SignalStreamOptions>(
  async (app, opts) => {
    const listeners = new Map<string, Set<FastifyReply>>();
    let lastId: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    let beat: NodeJS.Timeout | undefined;
    let polling: Promise<number> | undefined;
    const all = () => [...listeners.values()].flatMap((s) => [...s]);

    const send = (reply: FastifyReply, text: string) => {
      if (!reply.raw.destroyed) reply.raw.write(text);
    };

    async function pass(): Promise<number> {
      const em = app.orm.em.fork();
      if (lastId === undefined) lastId = await newestId();
      const rows = await em.find(SignalChange, { id: { $gt: lastId } }, { orderBy: { id: 'asc' }, limit: 500 });
      for (const row of rows) {
        lastId = row.id;
        const data = JSON.stringify({ id: row.id, signal: row.signal, what: row.what });
        for (const reply of listeners.get(row.site) ?? [])
          send(reply, `id: ${row.id}\nevent: signal\ndata: ${data}\n\n`);
      }
      return rows.length;
    }
    const newestId = async () => {
      const [newest] = await app.orm.em
        .fork()
        .find(SignalChange, {}, { orderBy: { id: 'desc' }, limit: 1, fields: ['id'] });
      return newest?.id ?? 0;
    };
    const poll = () => {
      polling ??= pass().finally(() => (polling = undefined));
      return polling;
    };

    const loop = () => {
      timer = setTimeout(() => {
        poll()
          .catch((err: unknown) => app.log.error({ err }, 'signal stream poll failed'))
          .finally(() => {
            if (timer !== undefined && all().length) loop();
            else timer = undefined;
          });
      }, opts.pollMs);
    };

    function open(req: FastifyRequest, reply: FastifyReply, site: string) {
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // The first line tells the page it is connected: it reloads the list once, then listens.
      send(reply, `retry: 2000\nevent: ready\ndata: {}\n\n`);
      const set = listeners.get(site) ?? new Set();
      listeners.set(site, set);
      set.add(reply);
      req.raw.on('close', () => {
        set.delete(reply);
        if (!set.size) listeners.delete(site);
      });
      if (opts.pollMs > 0 && timer === undefined) loop();
      beat ??= setInterval(() => all().forEach((r) => send(r, ': bij\n\n')), heartbeatMs);
    }

    app.decorate('signalStream', { open, poll });
    // From the start on, every change counts: a page that opens later has read the list since.
    app.addHook('onReady', async () => {
      lastId ??= await newestId();
    });
    // Open streams would hold the server's close: they end first.
    app.addHook('preClose', async () => {
      clearTimeout(timer);
      timer = undefined;
      clearInterval(beat);
      for (const reply of all()) reply.raw.end();
      listeners.clear();
      await polling;
    });
  },
  { name: 'signal-stream', dependencies: ['db'] },
);
