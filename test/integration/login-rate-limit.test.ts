import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { adminPassword, testApp, type TestApp } from '../support/helpers';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

it('slows down password guessing: after ten attempts a minute, 429 with a clear code', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: `guess-${i}` },
    });
    statuses.push(res.statusCode);
    if (res.statusCode === 429) expect(res.json().error.code).toBe('RATE_LIMITED');
  }
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
  expect(statuses.slice(10)).toEqual([429, 429]);
});

it('limits per account: another account from the same address can still log in', async () => {
  const res = await t.request({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'iemand-anders', password: 'x' },
  });
  expect(res.statusCode).toBe(401);
});

// Every server process on a database counts the same attempts (here two on one SQLite file).
it('counts the attempts of every server process on the database together', async () => {
  const other = await buildApp({ databaseUrl: t.dbFile, adminPassword, timerIntervalMs: 0, staticDir: t.dir });
  try {
    const attempt = (app: FastifyInstance, i: number) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'docent', password: `fout-${i}` } });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await attempt(i % 2 ? other : t.app, i)).statusCode);
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    expect((await attempt(t.app, 11)).statusCode).toBe(429);
  } finally {
    await other.close();
  }
});
