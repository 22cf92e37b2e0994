import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord, CaseStore, CaseWrite } from '../../server/db/case-store';
import { HistoryRow, Session, Timer, User } from '../../server/db/entities';
import { AppError } from '../../server/errors';
import { tokenHash } from '../../server/auth/passwords';
import { sessionRecheckMs } from '../../server/db/sessions';
import { introWorkflow, notesWorkflow } from '../support/fixtures';
import { testApp, testDatabases, type TestApp } from '../support/helpers';

/**
 * The contract every case store keeps, run against each of them: the fast one and the plain
 * ORM one, on SQLite always and on PostgreSQL when WLB_TEST_POSTGRES names a server.
 */
const stores = testDatabases.flatMap((db) => (['fast', 'orm'] as const).map((kind) => ({ db, kind })));

const site = 'venray';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A note in the case's data: a change that stays in its step, as a NOTITIE event makes. */
function note(c: CaseRecord, text: string, at = new Date()): CaseWrite {
  return {
    snapshot: {
      ...c.snapshot,
      context: { ...c.snapshot.context, data: { ...c.snapshot.context.data, notitie: text } },
    },
    state: c.state,
    outcome: c.outcome,
    title: c.title,
    at,
    history: { actor: 'docent', event: 'NOTITIE', from: c.state, to: c.state, data: { notitie: text } },
  };
}

describe.each(stores)('the case store: $kind on $db', ({ db, kind }) => {
  let t: TestApp;
  let headers: Record<string, string>;
  let store: CaseStore;
  beforeAll(async () => {
    t = await testApp({ db, caseStore: kind, workflows: [notesWorkflow, introWorkflow] });
    headers = await t.user('docent', 'staff', 'docent');
    store = t.app.caseStore;
  });
  afterAll(() => t.close());

  const newCase = async (naam = 'Riet', workflow = 'test-notes'): Promise<{ id: string }> => {
    const res = await t.request({ method: 'POST', url: '/api/cases', headers, payload: { workflow, data: { naam } } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const history = async (id: string) =>
    (await t.app.orm.em.fork().find(HistoryRow, { case: id }, { orderBy: { revision: 'asc', id: 'asc' } })).map(
      (r) => ({ revision: r.revision, event: r.event, notitie: (r.data as { notitie?: string }).notitie }),
    );
  const timers = async (id: string) =>
    (await t.app.orm.em.fork().find(Timer, { case: id }, { orderBy: { id: 'asc' } })).map((x) => [x.timerId, x.status]);
  const codeOf = (r: PromiseSettledResult<unknown>) =>
    r.status === 'rejected' ? (r.reason instanceof AppError ? r.reason.code : 'fault') : 'ok';

  it('is the store the app was asked for', () => {
    expect(store.kind).toBe(kind);
  });

  it('loads a case of the site, and no case of another site or none at all', async () => {
    const c = await newCase('Ans');
    const loaded = await store.load(site, c.id);
    expect(loaded).toMatchObject({ id: c.id, site, workflowKey: 'test-notes', title: 'Ans', state: 'open' });
    expect(loaded.outcome).toBeNull();
    expect(loaded.revision).toBe(1);
    expect(loaded.createdAt).toBeInstanceOf(Date);
    expect(loaded.snapshot.context.data).toEqual({ naam: 'Ans' });
    await expect(store.load('elders', c.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.load(site, '00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('writes a change with its history row and answers the case as written', async () => {
    const c = await newCase('Bep');
    const at = new Date('2026-12-01T10:00:00.000Z');
    const written = await store.change(site, c.id, 1, async (current) => ({
      ...note(current, 'eerste', at),
      state: 'dicht',
      outcome: 'dicht',
      title: 'Bep B.',
    }));
    expect(written).toMatchObject({ id: c.id, revision: 2, state: 'dicht', outcome: 'dicht', title: 'Bep B.' });
    expect(written.updatedAt.toISOString()).toBe(at.toISOString());
    const loaded = await store.load(site, c.id);
    expect(loaded).toMatchObject({ revision: 2, state: 'dicht', outcome: 'dicht', title: 'Bep B.' });
    expect(loaded.snapshot.context.data).toEqual({ naam: 'Bep', notitie: 'eerste' });
    expect(loaded.updatedAt.toISOString()).toBe(at.toISOString());
    expect(await history(c.id)).toEqual([
      { revision: 1, event: 'START', notitie: undefined },
      { revision: 2, event: 'NOTITIE', notitie: 'eerste' },
    ]);
  });

  it('refuses a stale revision with 409 and writes nothing', async () => {
    const c = await newCase();
    await store.change(site, c.id, undefined, async (cur) => note(cur, 'een'));
    await expect(store.change(site, c.id, 1, async (cur) => note(cur, 'twee'))).rejects.toMatchObject({
      code: 'STALE_REVISION',
    });
    expect((await store.load(site, c.id)).revision).toBe(2);
    expect((await history(c.id)).map((r) => r.notitie)).toEqual([undefined, 'een']);
  });

  it('applies changes that name no revision one after the other: none lost, revisions gapless', async () => {
    const c = await newCase();
    const texts = Array.from({ length: 20 }, (_, i) => `notitie ${i}`);
    const written = await Promise.all(
      texts.map((x) => store.change(site, c.id, undefined, async (cur) => note(cur, x))),
    );
    expect(written.map((w) => w.revision).sort((a, b) => a - b)).toEqual(texts.map((_, i) => i + 2));
    const rows = await history(c.id);
    expect(rows.map((r) => r.revision)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(
      rows
        .slice(1)
        .map((r) => r.notitie)
        .sort(),
    ).toEqual([...texts].sort());
  });

  it('answers a refusal to its own change only: the others of the moment are written', async () => {
    const cases = await Promise.all(Array.from({ length: 8 }, (_, i) => newCase(`Klant ${i}`)));
    const results = await Promise.allSettled(
      cases.map((c, i) =>
        store.change(site, c.id, undefined, async (cur) => {
          if (i % 3 === 0) throw new AppError('INVALID_FORM', { nl: 'Nee', en: 'No' });
          return note(cur, `bij ${i}`);
        }),
      ),
    );
    expect(results.map(codeOf)).toEqual(cases.map((_, i) => (i % 3 === 0 ? 'INVALID_FORM' : 'ok')));
    for (const [i, c] of cases.entries()) expect((await history(c.id)).length, `case ${i}`).toBe(i % 3 === 0 ? 1 : 2);
  });

  // Ten changes of one case at once go into a batch together on a fast store (after the first).
  it('fails only the change whose deciding throws: the others of the moment are written', async () => {
    const c = await newCase();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        store.change(site, c.id, undefined, async (cur) => {
          if (i === 5) throw new Error('a bug in deciding this one');
          return note(cur, `n${i}`);
        }),
      ),
    );
    expect(results.map(codeOf)).toEqual(Array.from({ length: 10 }, (_, i) => (i === 5 ? 'fault' : 'ok')));
    const rows = await history(c.id);
    expect(rows.map((r) => r.revision)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(rows.map((r) => r.notitie)).not.toContain('n5');
  });

  it('fails only the change whose write the database refuses: the others of the moment are written', async () => {
    const c = await newCase();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        store.change(site, c.id, undefined, async (cur) => ({
          ...note(cur, `n${i}`),
          // A column that may not be empty: both databases refuse the row.
          ...(i === 5 ? { state: null as unknown as string } : {}),
        })),
      ),
    );
    expect(results.map(codeOf)).toEqual(Array.from({ length: 10 }, (_, i) => (i === 5 ? 'fault' : 'ok')));
    const rows = await history(c.id);
    expect(rows.map((r) => r.revision)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(
      rows
        .slice(1)
        .map((r) => r.notitie)
        .sort(),
    ).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n6', 'n7', 'n8', 'n9']);
    expect((await store.load(site, c.id)).state).toBe('open');
  });

  it('writes the timers a change schedules and cancels, also two changes of one case at once', async () => {
    const c = await newCase('Tim', 'test-intro');
    expect(await timers(c.id)).toEqual([['xstate.after.10w.test-intro.introductie.lopend', 'scheduled']]);
    const due = new Date(Date.now() + 3600_000).toISOString();
    const schedule = (id: string) => ({ schedule: [{ id, event: 'KLAAR', due }], cancel: [] });
    await store.change(site, c.id, undefined, async (cur) => ({ ...note(cur, 'a'), timers: schedule('t1') }));
    // Scheduled again: the earlier one of the same id is cancelled first.
    await store.change(site, c.id, undefined, async (cur) => ({ ...note(cur, 'b'), timers: schedule('t1') }));
    // At once: the first schedules t2, the second cancels it and t1 (a step left).
    await Promise.all([
      store.change(site, c.id, undefined, async (cur) => ({ ...note(cur, 'c'), timers: schedule('t2') })),
      store.change(site, c.id, undefined, async (cur) => ({
        ...note(cur, 'd'),
        timers: { schedule: [], cancel: ['t1', 't2'] },
      })),
    ]);
    const rows = await timers(c.id);
    expect(rows.filter(([id]) => id === 't1')).toEqual([
      ['t1', 'cancelled'],
      ['t1', 'cancelled'],
    ]);
    // Changes at once are applied in some order; the timers follow the order they were written in.
    const order = (await history(c.id)).map((r) => r.notitie);
    const scheduledLast = order.indexOf('c') > order.indexOf('d');
    const t2 = rows.filter(([id]) => id === 't2').map(([, status]) => status);
    // Cancelled, or (scheduled and cancelled in one batch) never written at all.
    if (scheduledLast) expect(t2).toEqual(['scheduled']);
    else expect(t2.filter((status) => status !== 'cancelled')).toEqual([]);
    expect(rows[0]).toEqual(['xstate.after.10w.test-intro.introductie.lopend', 'scheduled']);
  });

  it('reads other cases for rules across cases: the definition, a referenced case, the open ones in steps', async () => {
    const student = await newCase('Student', 'test-intro');
    const a = await newCase('Lezer');
    const b = await newCase('Open');
    const closed = await newCase('Gesloten');
    await store.change(site, closed.id, undefined, async (cur) => ({
      ...note(cur, 'weg'),
      state: 'dicht',
      outcome: 'dicht',
    }));
    let seen: unknown;
    await store.change(site, a.id, undefined, async (cur, reader) => {
      const def = await reader.definition(cur.workflowId);
      seen = {
        key: def.key,
        ref: await reader.referenced(site, student.id),
        elsewhere: await reader.referenced('elders', student.id),
        missing: await reader.referenced(site, '00000000-0000-0000-0000-000000000000'),
        others: (await reader.othersIn(site, 'test-notes', cur.id, ['open'])).map((o) => o.title),
        none: await reader.othersIn(site, 'test-notes', cur.id, ['dicht']),
      };
      return note(cur, 'gelezen');
    });
    expect(seen).toMatchObject({
      key: 'test-notes',
      ref: { title: 'Student', subject: 'student', outcome: null },
      elsewhere: null,
      missing: null,
      none: [],
    });
    const others = (seen as { others: string[] }).others;
    expect(others).toContain('Open');
    expect(others).not.toContain('Lezer');
    expect(others).not.toContain('Gesloten');
    expect((await store.load(site, b.id)).revision).toBe(1);
  });

  // Two coordinators match two clients to the same student at once: the second must see the
  // first, whether they are written in one batch, in two, or in two transactions.
  it('decides two changes that refer to one case one after the other', async () => {
    const student = await newCase('Student', 'test-intro');
    const clients = await Promise.all([newCase('K1'), newCase('K2')]);
    const blockers = await Promise.all(Array.from({ length: 6 }, (_, i) => newCase(`B${i}`)));
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    // Hold the store busy, so the two matchings queue behind work that is still being decided.
    const held = blockers.map((b) =>
      store.change(site, b.id, undefined, async (cur) => {
        await gate;
        return note(cur, 'bezig');
      }),
    );
    const match = (c: { id: string }) =>
      store.change(site, c.id, undefined, async (cur, reader) => {
        const ref = await reader.referenced(site, student.id);
        const taken = (await reader.othersIn(site, 'test-notes', cur.id, ['open'])).some(
          (o) => o.data.notitie === `gekoppeld aan ${ref!.title}`,
        );
        if (taken) throw new AppError('EXCLUSIVE_CLASH', { nl: 'Al gekoppeld', en: 'Already matched' });
        return note(cur, `gekoppeld aan ${ref!.title}`);
      });
    const matched = Promise.allSettled([match(clients[0]), match(clients[1])]);
    await sleep(50);
    open();
    await Promise.all(held);
    expect((await matched).map(codeOf).sort()).toEqual(['EXCLUSIVE_CLASH', 'ok']);
  });

  describe('sessions', () => {
    const login = async () => {
      const res = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'docent', password: 'docent-wachtwoord' },
      });
      return tokenHash(res.json().token);
    };

    it('answers the caller of a session, and nothing for an unknown or expired one', async () => {
      const hash = await login();
      expect(await store.session(hash, new Date())).toMatchObject({
        username: 'docent',
        role: 'staff',
        function: 'docent',
        site,
        sessionId: expect.any(Number),
      });
      expect(await store.session(tokenHash('onbekend'), new Date())).toBeNull();
      expect(await store.session(hash, new Date(Date.now() + 13 * 3600_000))).toBeNull();
      const em = t.app.orm.em.fork();
      const user = await em.findOneOrFail(User, { username: 'docent' });
      em.create(Session, { tokenHash: tokenHash('verlopen'), user, expiresAt: new Date(Date.now() - 1000) });
      await em.flush();
      expect(await store.session(tokenHash('verlopen'), new Date())).toBeNull();
    });

    it('refuses a session ended in this process at once', async () => {
      const hash = await login();
      expect(await store.session(hash, new Date())).not.toBeNull();
      await t.app.orm.em.fork().nativeDelete(Session, { tokenHash: hash });
      store.forgetSessions();
      expect(await store.session(hash, new Date())).toBeNull();
    });

    it('refuses a session ended by another process within a second', async () => {
      const hash = await login();
      expect(await store.session(hash, new Date())).not.toBeNull();
      // As another process would: the row is gone, and this store was not told.
      await t.app.orm.em.fork().nativeDelete(Session, { tokenHash: hash });
      const ended = performance.now();
      await sleep(Math.max(0, ended + sessionRecheckMs - performance.now()));
      expect(await store.session(hash, new Date())).toBeNull();
    });
  });
});
