import { afterAll, describe, expect, it } from 'vitest';
import { fromScxml } from '../../engine';
import { AppError } from '../errors';
import { Offload } from './index';

const scxml = (n: number) =>
  `<scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0" initial="s0">${Array.from(
    { length: n },
    (_, i) => `<state id="s${i}"><transition event="NEXT" target="s${(i + 1) % n}"/></state>`,
  ).join('')}</scxml>`;

describe('the offload thread', () => {
  const pool = new Offload();
  afterAll(() => pool.close());

  it('answers what the engine answers on this thread', async () => {
    const doc = scxml(5);
    expect(await pool.run('fromScxml', doc)).toEqual(fromScxml(doc));
  });

  it('leaves this thread free while it reads a large file', async () => {
    await pool.run('fromScxml', scxml(2)); // started
    const doc = scxml(9_000);
    let last = performance.now();
    let longest = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    const began = performance.now();
    const read = await pool.run('fromScxml', doc);
    const took = performance.now() - began;
    clearInterval(tick);
    expect(read.ok).toBe(true);
    // Read here, the whole reading would be one gap; there it is a small share of it.
    expect(longest).toBeLessThan(took / 3);
  });

  it('refuses a job that runs too long with a coded 413', async () => {
    const short = new Offload(30);
    try {
      const err = await short.run('fromScxml', scxml(9_000)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      await short.close();
    }
  });
});
