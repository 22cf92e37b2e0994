import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, SimulatedClock, waitFor } from 'xstate';
import type { Definition } from '../../../../engine';
import student from '../../../../workflows/student-traject.json';
import { draftMachine, saveStateOf, type Loaded, type Refusal, type Sending } from './draft';
import type { Edit } from './model';

const published = student as unknown as Definition;
const rename = (nl: string): Edit => ({ kind: 'updateState', path: 'intake', label: { nl } });
const intakeName = (def: Definition | undefined) => def?.machine.states.intake.meta?.label?.nl;

/** A server whose answers the test gives by hand, one save at a time. */
function fakeServer(draft: () => Promise<Loaded> = async () => ({ definition: published, revision: 3 })) {
  const saves: { sent: Sending; answer: (revision: number) => void; refuse: (why: unknown) => void }[] = [];
  const loads: number[] = [];
  const logic = draftMachine.provide({
    actors: {
      load: fromPromise(() => {
        loads.push(loads.length);
        return draft();
      }),
      save: fromPromise<{ revision: number }, Sending>(
        ({ input }) =>
          new Promise((resolve, reject) =>
            saves.push({ sent: input, answer: (revision) => resolve({ revision }), refuse: reject }),
          ),
      ),
    },
  });
  return { logic, saves, loads };
}

async function editing(server = fakeServer()) {
  const clock = new SimulatedClock();
  const actor = createActor(server.logic, { input: { editAtOnce: true }, clock }).start();
  await waitFor(actor, (s) => s.matches('editing'));
  return { actor, clock, ...server };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the draft and its autosave', () => {
  it('only looks until asked to edit, then edits the draft the server holds', async () => {
    const server = fakeServer();
    const actor = createActor(server.logic, { input: { editAtOnce: false } }).start();
    expect(actor.getSnapshot().value).toBe('viewing');
    expect(server.loads).toHaveLength(0);
    actor.send({ type: 'load' });
    expect(actor.getSnapshot().matches({ loading: 'again' })).toBe(true);
    await waitFor(actor, (s) => s.matches('editing'));
    expect(saveStateOf(actor.getSnapshot())).toBe('saved');
    expect(actor.getSnapshot().context).toMatchObject({ revision: 3, saved: published });
    expect(actor.getSnapshot().context.history?.current).toBe(published);
  });

  it('a manager opens straight into editing; a refused load leaves the page looking, with the reason', async () => {
    const refused: Refusal = { reason: 'forbidden', message: 'Alleen een projectleider' };
    const server = fakeServer(() => Promise.reject(refused));
    const actor = createActor(server.logic, { input: { editAtOnce: true } }).start();
    expect(actor.getSnapshot().matches({ loading: 'opening' })).toBe(true);
    await waitFor(actor, (s) => s.matches('viewing'));
    expect(actor.getSnapshot().context.refusal).toEqual(refused);
    expect(actor.getSnapshot().context.history).toBeUndefined();
  });

  it('saves a moment after the last edit, with the revision it was made on', async () => {
    const { actor, clock, saves } = await editing();
    actor.send({ type: 'edit', edit: rename('Kennismaking') });
    expect(saveStateOf(actor.getSnapshot())).toBe('dirty');
    clock.increment(400);
    actor.send({ type: 'edit', edit: rename('Kennismaking 2') });
    clock.increment(599);
    expect(saves).toHaveLength(0);
    clock.increment(1);
    expect(saveStateOf(actor.getSnapshot())).toBe('saving');
    expect(saves).toHaveLength(1);
    expect(saves[0].sent.revision).toBe(3);
    expect(intakeName(saves[0].sent.definition)).toBe('Kennismaking 2');

    saves[0].answer(4);
    await waitFor(actor, (s) => saveStateOf(s) === 'saved');
    expect(actor.getSnapshot().context.revision).toBe(4);
    expect(actor.getSnapshot().context.saved).toBe(actor.getSnapshot().context.history?.current);
  });

  it('sends edits made during a save right after it, on the revision the save answered', async () => {
    const { actor, clock, saves } = await editing();
    actor.send({ type: 'edit', edit: rename('Eén') });
    clock.increment(600);
    actor.send({ type: 'edit', edit: rename('Twee') });
    clock.increment(5000);
    expect(saves).toHaveLength(1);
    expect(saveStateOf(actor.getSnapshot())).toBe('saving');

    saves[0].answer(4);
    await settled();
    expect(saves).toHaveLength(2);
    expect(saves[1].sent.revision).toBe(4);
    expect(intakeName(saves[1].sent.definition)).toBe('Twee');
    saves[1].answer(5);
    await waitFor(actor, (s) => saveStateOf(s) === 'saved');
    expect(actor.getSnapshot().context.revision).toBe(5);
    expect(saves).toHaveLength(2);
  });

  it('undoing back to what the server has is saved already', async () => {
    const { actor, clock, saves } = await editing();
    actor.send({ type: 'edit', edit: rename('Kennismaking') });
    actor.send({ type: 'undo' });
    expect(saveStateOf(actor.getSnapshot())).toBe('saved');
    clock.increment(1000);
    expect(saves).toHaveLength(0);
    actor.send({ type: 'redo' });
    expect(saveStateOf(actor.getSnapshot())).toBe('dirty');
    expect(intakeName(actor.getSnapshot().context.history?.current)).toBe('Kennismaking');
  });

  it('stops saving on a stale revision, keeps the edits, and takes the latest draft when asked', async () => {
    let answer: Loaded = { definition: published, revision: 3 };
    const server = fakeServer(async () => answer);
    const { actor, clock, saves, loads } = await editing(server);
    actor.send({ type: 'edit', edit: rename('Van mij') });
    clock.increment(600);
    const conflict: Refusal = { reason: 'conflict', message: 'Het concept is intussen door iemand anders opgeslagen' };
    saves[0].refuse(conflict);
    await waitFor(actor, (s) => saveStateOf(s) === 'conflict');
    expect(actor.getSnapshot().context.refusal).toEqual(conflict);

    // Sending again would overwrite the other person's draft: edits stay here, unsent.
    actor.send({ type: 'edit', edit: rename('Nog meer van mij') });
    clock.increment(5000);
    expect(saves).toHaveLength(1);
    expect(intakeName(actor.getSnapshot().context.history?.current)).toBe('Nog meer van mij');

    const theirs = { ...published, title: { nl: 'Van een ander' } };
    answer = { definition: theirs, revision: 7 };
    actor.send({ type: 'load' });
    await waitFor(actor, (s) => saveStateOf(s) === 'saved');
    expect(loads).toHaveLength(2);
    expect(actor.getSnapshot().context).toMatchObject({ revision: 7, saved: theirs, refusal: undefined });
    expect(actor.getSnapshot().context.history).toMatchObject({ current: theirs, past: [] });

    actor.send({ type: 'edit', edit: rename('Opnieuw') });
    clock.increment(600);
    expect(saves[1].sent.revision).toBe(7);
  });

  it('keeps a failed save with its reason; "try again" or the next edit sends it again', async () => {
    const { actor, clock, saves } = await editing();
    actor.send({ type: 'edit', edit: rename('Kennismaking') });
    clock.increment(600);
    const session: Refusal = { reason: 'session', message: 'Niet ingelogd' };
    saves[0].refuse(session);
    await waitFor(actor, (s) => saveStateOf(s) === 'failed');
    expect(actor.getSnapshot().context.refusal).toEqual(session);
    clock.increment(60_000);
    expect(saves).toHaveLength(1);

    actor.send({ type: 'retry' });
    expect(saves).toHaveLength(2);
    expect(intakeName(saves[1].sent.definition)).toBe('Kennismaking');
    saves[1].refuse(new TypeError('Failed to fetch'));
    await waitFor(actor, (s) => saveStateOf(s) === 'failed');
    // Something else than a refusal is still said, not lost.
    expect(actor.getSnapshot().context.refusal).toEqual({ reason: 'failed', message: 'Failed to fetch' });

    actor.send({ type: 'edit', edit: rename('Kennismaking 2') });
    expect(saveStateOf(actor.getSnapshot())).toBe('dirty');
    clock.increment(600);
    saves[2].answer(4);
    await waitFor(actor, (s) => saveStateOf(s) === 'saved');
    expect(actor.getSnapshot().context.refusal).toBeUndefined();
  });

  it('says why an edit cannot be made, changes nothing, and forgets it with the next edit that can', async () => {
    const { actor, clock, saves } = await editing();
    const before = actor.getSnapshot().context.history;
    actor.send({ type: 'edit', edit: { kind: 'deleteState', path: 'bestaat-niet' } });
    expect(actor.getSnapshot().context.editRefusal).toEqual({
      nl: "De stap 'bestaat-niet' bestaat niet (meer)",
      en: "State 'bestaat-niet' does not exist",
    });
    expect(actor.getSnapshot().context.history).toBe(before);
    expect(saveStateOf(actor.getSnapshot())).toBe('saved');
    clock.increment(1000);
    expect(saves).toHaveLength(0);

    actor.send({
      type: 'edit',
      edit: { kind: 'nestState', path: 'opleiding', parent: 'opleiding.leerbedrijf.school.zorgstage' },
    });
    expect(actor.getSnapshot().context.editRefusal?.nl).toBe('Een stap kan niet in zichzelf');
    actor.send({ type: 'edit', edit: rename('Kennismaking') });
    expect(actor.getSnapshot().context.editRefusal).toBeUndefined();
    expect(saveStateOf(actor.getSnapshot())).toBe('dirty');
  });

  it('ends editing when the draft is published', async () => {
    const { actor, clock, saves } = await editing();
    actor.send({ type: 'published' });
    expect(actor.getSnapshot().value).toBe('viewing');
    expect(actor.getSnapshot().context).toMatchObject({ history: undefined, revision: undefined });
    actor.send({ type: 'edit', edit: rename('Te laat') });
    clock.increment(1000);
    expect(saves).toHaveLength(0);
    expect(saveStateOf(actor.getSnapshot())).toBeUndefined();
  });
});
