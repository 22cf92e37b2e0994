import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashInFirstForm, scryptCost } from '../../server/auth/passwords';
import { User } from '../../server/db/entities';
import { testApp, testDatabases, type TestApp } from '../support/helpers';

describe.each(testDatabases)('passwords on %s', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    // Built at OWASP's cost, not the tests' cheaper one: that cost is what is checked here.
    t = await testApp({ db, passwordCost: scryptCost });
  });
  afterAll(() => t.close());

  const create = async (username: string, role: string, password: string) =>
    t.request({
      method: 'POST',
      url: '/api/users',
      headers: await t.as('admin'),
      payload: { username, role, password },
    });

  it('refuses a common password at the field, in Dutch, and makes no account', async () => {
    const res = await create('ans', 'staff', 'Welkom2024!');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'body.password', message: expect.stringMatching(/^Dit wachtwoord is te makkelijk te raden/) },
    ]);
    const em = t.app.orm.em.fork();
    expect(await em.count(User, { username: 'ans' })).toBe(0);
  });

  it('asks twelve characters of a projectleider', async () => {
    const res = await create('leider', 'manager', 'kast-fiets1');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].message).toBe('Een wachtwoord van een projectleider heeft minstens 12 tekens');
    expect((await create('leider', 'manager', 'kast-fiets-12')).statusCode).toBe(201);
  });

  it('makes a hash of before the cost was raised anew at the next login, and the password still works', async () => {
    expect((await create('oud', 'staff', 'oud-account-wachtwoord')).statusCode).toBe(201);
    const em = t.app.orm.em.fork();
    await em.nativeUpdate(User, { username: 'oud' }, { passwordHash: await hashInFirstForm('oud-account-wachtwoord') });
    await t.as('oud', 'oud-account-wachtwoord');
    const stored = (await t.app.orm.em.fork().findOneOrFail(User, { username: 'oud' })).passwordHash;
    expect(stored).toMatch(/^scrypt\$N=32768,r=8,p=3\$/);
    await t.as('oud', 'oud-account-wachtwoord');
  });
});

describe.each(testDatabases)('the first admin password on %s', (db) => {
  it('is refused at the first start when it is easy to guess', async () => {
    await expect(testApp({ db, adminPassword: 'wachtwoord2026' })).rejects.toMatchObject({
      details: [{ path: 'WLB_ADMIN_PASSWORD', message: { nl: expect.stringMatching(/te makkelijk te raden/) } }],
    });
  });
});
