import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Definition } from '../../engine';
import { DefinitionCache } from '../../server/commands/definitions';
import { firingsPerCaseMinute, timerAttempts } from '../../server/commands/timers';
import { HistoryRow, Site, Timer, WorkflowVersion } from '../../server/db/entities';
import { introWorkflow } from '../support/fixtures';
import { testApp, testDatabases, type TestApp } from '../support/helpers';

const t0 = new Date('2026-09-01T09:00:00.000Z');
const weeks = (n: number) => new Date(t0.getTime() + n * 7 * 86_400_000);

/** Two steps that hand the case to each other the moment it arrives: it would fire for ever. */
const pingPong: Definition = {
  key: 'test-pingpong',
  subject: 'client',
  title: { nl: 'Heen en weer (test)' },
  titleField: 'naam',
  fields: { naam: { type: 'string', label: { nl: 'Naam' } } },
  startForm: [{ field: 'naam', required: true }],
  machine: {
    id: 'test-pingpong',
    initial: 'heen',
    states: {
      heen: { meta: { label: { nl: 'Heen' } }, after: { '0m': { target: 'weer' } } },
      weer: { meta: { label: { nl: 'Weer' } }, after: { '0m': { target: 'heen' } } },
    },
  },
};

/** The same ten weeks of introduction under another key: a second workflow version. */
const otherIntro: Definition = {
  ...introWorkflow,
  key: 'test-intro-b',
  machine: { ...introWorkflow.machine, id: 'test-intro-b' },
};

const apps: TestApp[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  while (apps.length) await apps.pop()!.close();
});

describe.each(testDatabases)('the scheduler on %s', (db) => {
  async function setup(workflows: Definition[]) {
    let clock = t0;
    const logs: { level: number; msg: string; timer?: number; attempts?: number }[] = [];
    const t = await testApp({
      db,
      workflows,
      now: () => clock,
      logger: { level: 'warn', stream: { write: (line: string) => logs.push(JSON.parse(line)) } },
    });
    apps.push(t);
    const headers = await t.user('docent', 'staff', 'docent');
    const create = async (workflow: string, naam: string) => {
      const res = await t.request({
        method: 'POST',
        url: '/api/cases',
        headers,
        payload: { workflow, data: { naam } },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string };
    };
    const systemRows = async (id: string) =>
      (await t.app.orm.em.fork().find(HistoryRow, { case: id, actor: 'systeem' })).length;
    return { t, logs, create, systemRows, setClock: (d: Date) => (clock = d) };
  }

  it('goes on past a timer that fails; after the last attempt gives it up, logged and marked failed', async () => {
    const s = await setup([introWorkflow, otherIntro]);
    const broken = await s.create('test-intro', 'Kapot');
    const fine = await s.create('test-intro-b', 'Heel');
    // The one case's definition cannot be read, as if its row were damaged.
    const brokenVersion = (await s.t.app.orm.em.fork().findOneOrFail(WorkflowVersion, { key: 'test-intro' })).id;
    const get = DefinitionCache.prototype.get;
    vi.spyOn(DefinitionCache.prototype, 'get').mockImplementation(function (this: DefinitionCache, em, id) {
      if (id === brokenVersion) throw new Error('definitie onleesbaar');
      return get.call(this, em, id);
    });
    // Ten weeks in the site's time zone: summer time ends meanwhile, so an hour more than 70 days.
    s.setClock(new Date(weeks(10).getTime() + 3_600_000));
    // Due first, failing first: the pass still fires the other case's timer.
    expect(await s.t.app.scheduler.runDue()).toBe(1);
    expect(await s.systemRows(fine.id)).toBe(1);
    const timer = () => s.t.app.orm.em.fork().findOneOrFail(Timer, { case: broken.id });
    expect(await timer()).toMatchObject({ status: 'scheduled', attempts: 1, lastError: 'definitie onleesbaar' });
    expect(s.logs.filter((l) => l.level === 40 && l.attempts === 1)).toHaveLength(1);

    for (let i = 2; i <= timerAttempts; i++) expect(await s.t.app.scheduler.runDue()).toBe(0);
    expect(await timer()).toMatchObject({ status: 'failed', attempts: timerAttempts });
    expect(s.logs.filter((l) => l.level === 50)).toMatchObject([
      { msg: `timer given up after ${timerAttempts} failed firings`, attempts: timerAttempts },
    ]);
    // Given up: not tried again, and the case is where it was.
    expect(await s.t.app.scheduler.runDue()).toBe(0);
    expect((await timer()).attempts).toBe(timerAttempts);
    expect(await s.systemRows(broken.id)).toBe(0);
  });

  it(`fires a case's timers at most ${firingsPerCaseMinute} times a minute and postpones the rest`, async () => {
    const s = await setup([introWorkflow]);
    // Stored as a definition from before any lower bound on timers: as it would be in a database.
    const em = s.t.app.orm.em.fork();
    em.create(WorkflowVersion, {
      site: em.getReference(Site, 'venray'),
      key: pingPong.key,
      version: 1,
      subject: pingPong.subject,
      definition: { ...pingPong, version: 1 },
    });
    await em.flush();
    const c = await s.create('test-pingpong', 'Bal');
    const other = await s.create('test-pingpong', 'Tweede bal');
    for (let i = 0; i < 3 * firingsPerCaseMinute; i++) await s.t.app.scheduler.runDue();
    expect(await s.systemRows(c.id)).toBe(firingsPerCaseMinute);
    expect(await s.systemRows(other.id)).toBe(firingsPerCaseMinute);
    const waiting = await s.t.app.orm.em.fork().findOneOrFail(Timer, { case: c.id, status: 'scheduled' });
    expect(waiting.dueAt.getTime()).toBe(t0.getTime() + 60_000);

    s.setClock(new Date(t0.getTime() + 60_000));
    for (let i = 0; i < 3 * firingsPerCaseMinute; i++) await s.t.app.scheduler.runDue();
    expect(await s.systemRows(c.id)).toBe(2 * firingsPerCaseMinute);
  });
});
