import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError, describeError } from './api';
import { changed, keys, queryClient } from './query';

const all = {
  caseA: keys.case('a'),
  historyA: keys.history('a'),
  linksA: keys.links('a'),
  caseB: keys.case('b'),
  historyB: keys.history('b'),
  linksB: keys.links('b'),
  list: keys.cases({ workflow: 'student-traject', q: 'San' }),
  choices: keys.caseChoices('student'),
  worklist: keys.worklist({ kind: 'action' }),
  board: keys.board({ workflow: 'student-traject' }),
  meeting: keys.meeting,
  presenceToday: keys.presence(undefined),
  presenceDay: keys.presence('2026-12-01'),
  outcomes: keys.outcomes({ from: '2026-01-01' }),
  users: keys.users,
  me: keys.me,
  workflows: keys.workflows,
  workflowA: keys.workflow.all('student-traject'),
  versionA: keys.workflow.version('student-traject', 1),
  versionB: keys.workflow.version('client-hulpvraag', 1),
  calendar: keys.calendar,
};
type Name = keyof typeof all;

/** The queries a change left stale, by name. */
async function staleAfter(change: () => Promise<unknown>): Promise<Name[]> {
  queryClient.clear();
  for (const key of Object.values(all)) queryClient.setQueryData(key, { seeded: true });
  await change();
  return (Object.keys(all) as Name[]).filter((n) => queryClient.getQueryState(all[n])?.isInvalidated).sort();
}

describe('what a change makes stale', () => {
  it('a step on a case: that case and its history, links on both ends, every list of cases', async () => {
    expect(await staleAfter(() => changed.caseMoved('a'))).toEqual(
      [
        'caseA',
        'historyA',
        'linksA',
        'linksB',
        'list',
        'choices',
        'worklist',
        'board',
        'meeting',
        'presenceToday',
        'presenceDay',
        'outcomes',
      ].sort(),
    );
  });

  it("a step whose case answers the page took fresh leaves only that case's own answers alone", async () => {
    const stale = await staleAfter(() => changed.caseMoved('a', { fresh: true }));
    expect(stale).not.toContain('caseA');
    expect(stale).not.toContain('historyA');
    expect(stale).not.toContain('linksA');
    expect(stale).toContain('linksB');
    expect(stale).toContain('board');
  });

  it('a sign-off: the case and what shows progress, not links, presence or the reports', async () => {
    expect(await staleAfter(() => changed.caseSigned('a'))).toEqual(
      ['caseA', 'historyA', 'list', 'choices', 'worklist', 'board', 'meeting'].sort(),
    );
  });

  it('a presence, an account and a workflow each touch their own', async () => {
    expect(await staleAfter(() => changed.presence())).toEqual(['presenceDay', 'presenceToday']);
    expect(await staleAfter(() => changed.user(false))).toEqual(['users']);
    expect(await staleAfter(() => changed.user(true))).toEqual(['me', 'users', 'worklist']);
    expect(await staleAfter(() => changed.workflow('student-traject'))).toEqual(['versionA', 'workflowA', 'workflows']);
  });

  it("the site's calendar: every case (with its history, under the same key), the worklist, board and meeting", async () => {
    expect(await staleAfter(() => changed.calendar())).toEqual(
      ['calendar', 'caseA', 'caseB', 'historyA', 'historyB', 'worklist', 'board', 'meeting'].sort(),
    );
  });
});

describe('a 401', () => {
  beforeEach(() => {
    queryClient.clear();
    queryClient.setQueryData(keys.me, { username: 'anja' });
    queryClient.setQueryData(keys.case('a'), { seeded: true });
  });
  const failWith = (err: ApiError) =>
    queryClient
      .fetchQuery({ queryKey: keys.worklist({}), queryFn: () => Promise.reject(err), retry: false })
      .catch(() => undefined);

  it('anywhere ends the session: the login page, and nothing of the last person cached', async () => {
    await failWith(new ApiError(401, 'UNAUTHENTICATED', 'Log opnieuw in'));
    expect(queryClient.getQueryData(keys.me)).toBeNull();
    expect(queryClient.getQueryData(keys.case('a'))).toBeUndefined();
  });

  it('for a wrong password is the login form speaking, not an ended session', async () => {
    await failWith(new ApiError(401, 'INVALID_CREDENTIALS', 'Gebruikersnaam of wachtwoord klopt niet'));
    expect(queryClient.getQueryData(keys.me)).toEqual({ username: 'anja' });
  });
});

describe('an error for a person', () => {
  it("is the server's message with its details", () => {
    const err = new ApiError(422, 'INVALID_FORM', 'Het formulier klopt niet', [
      { path: 'data.naam', message: 'Naam is verplicht' },
    ]);
    expect(describeError(err)).toEqual({
      message: 'Het formulier klopt niet',
      details: [{ path: 'data.naam', message: 'Naam is verplicht' }],
    });
  });

  it('says in Dutch (or English) that the server cannot be reached when no answer came', () => {
    const offline = new TypeError('Failed to fetch');
    expect(describeError(offline, 'nl').message).toMatch(/^De server is niet bereikbaar/);
    expect(describeError(offline, 'en').message).toMatch(/^The server cannot be reached/);
  });
});
