import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
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

// Login trims and lower-cases the name; the limit counted every spelling apart, ten fresh
// attempts each, and let the right password through on a spelling not yet limited.
it('counts every spelling of a name that login accepts as the same account', async () => {
  // Its own app: the other tests have used up admin's attempts, which creating an account needs.
  const t = await testApp();
  onTestFinished(() => t.close());
  // Creating the account logs it in once: that counts too.
  await t.user('coord-a', 'staff', 'coordinator');
  // Naming the site (coord-a@venray) is a spelling too: it must not buy fresh attempts.
  const spellings = ['coord-a', '  coord-a', 'coord-a  ', 'COORD-A', ' Coord-A\t', 'coord-a@venray', 'Coord-A@Horst'];
  const statuses: number[] = [];
  for (let i = 0; i < 9; i++) {
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: spellings[i % spellings.length], password: `fout-${i}` },
    });
    statuses.push(res.statusCode);
  }
  expect(statuses).toEqual(Array(9).fill(401));
  for (const username of spellings) {
    const res = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'coord-a-wachtwoord' },
    });
    expect(res.statusCode, JSON.stringify(username)).toBe(429);
  }
});

const guesses = async (app: FastifyInstance, username: string, from: (i: number) => string, n: number) => {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++)
    statuses.push(
      (
        await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'x-forwarded-for': from(i) },
          payload: { username, password: `fout-${i}` },
        })
      ).statusCode,
    );
  return statuses;
};

it('without WLB_TRUST_PROXY, X-Forwarded-For is not believed: a guesser cannot make up addresses', async () => {
  expect(await guesses(t.app, 'projectleider', (i) => `10.0.0.${i}`, 11)).toEqual([...Array(10).fill(401), 429]);
});

it('behind a trusted proxy, the client address counts: a guesser elsewhere does not lock the user out', async () => {
  const proxied = await buildApp({
    databaseUrl: t.dbFile,
    adminPassword,
    timerIntervalMs: 0,
    staticDir: t.dir,
    trustProxy: true,
  });
  try {
    expect(await guesses(proxied, 'beheer-b', () => '203.0.113.9', 11)).toEqual([...Array(10).fill(401), 429]);
    expect(await guesses(proxied, 'beheer-b', () => '198.51.100.7', 1)).toEqual([401]);
  } finally {
    await proxied.close();
  }
});
