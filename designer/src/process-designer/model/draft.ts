/**
 * The draft being edited, as an XState actor: its undo history, and the autosave that sends it to
 * the server a moment after the last edit. One save at a time; edits made during a save are sent
 * right after it. What the server refuses (a stale revision, a role, a definition it cannot take)
 * and an edit the model cannot apply are kept in the context, for the page to say.
 *
 * The loading and saving are given by the page (`provide({ actors: { load, save } })`), so the
 * machine runs the same against the server and against a fake in its tests.
 */
import { assign, fromPromise, setup, type SnapshotFrom } from 'xstate';
import type { Definition } from '../../../../engine/definition';
import type { Message } from '../../../../engine/text';
import { EditRefused, record, redo, undo, startHistory, type Edit, type EditHistory } from './model';

/** The draft as the server holds it; without a revision while only the published version exists. */
export interface Loaded {
  definition: Definition;
  revision?: number;
}

/** What a save sends: the definition, and the revision it was made on. */
export interface Sending {
  definition: Definition;
  revision?: number;
}

/**
 * Why the server did not take a load or a save, in the terms the manager acts on: `conflict`
 * (someone else saved first: reload), `session` (logged out: log in again, then retry),
 * `forbidden` (not a manager), `invalid` (the server cannot take this definition), `failed`
 * (anything else: retry). `message` is the server's own, in the page's language.
 */
export type Reason = 'conflict' | 'session' | 'forbidden' | 'invalid' | 'failed';
export interface Refusal {
  reason: Reason;
  message: string;
}

export type SaveState = 'saved' | 'dirty' | 'saving' | 'failed' | 'conflict';

export interface DraftContext {
  /** Every edit since editing began; absent while the page only shows the published version. */
  history?: EditHistory;
  /** The definition the server holds, as far as this page knows. */
  saved?: Definition;
  /** What the save under way sends. */
  sending?: Definition;
  revision?: number;
  /** Why the last load or save was refused; gone once one succeeds. */
  refusal?: Refusal;
  /** Why the last edit could not be made; gone with the next edit that can. */
  editRefusal?: Message;
}

export type DraftEvent =
  | { type: 'edit'; edit: Edit }
  | { type: 'undo' }
  | { type: 'redo' }
  /** Start editing, or take the latest draft after a conflict. */
  | { type: 'load' }
  | { type: 'retry' }
  /** The draft became a published version: editing ends. */
  | { type: 'published' };

/** Whether the page holds edits the server does not have. */
export const unsaved = (context: DraftContext) => !!context.history && context.history.current !== context.saved;

/** A load or save that rejected with something else than a refusal failed in an unforeseen way. */
function asRefusal(error: unknown): Refusal {
  if (typeof error === 'object' && error && 'reason' in error && 'message' in error) return error as Refusal;
  return { reason: 'failed', message: error instanceof Error ? error.message : String(error) };
}

/** The history after a change, or why the change cannot be made; an unforeseen error is said too. */
function change(context: DraftContext, apply: (h: EditHistory) => EditHistory): Partial<DraftContext> {
  if (!context.history) return {};
  try {
    return { history: apply(context.history), editRefusal: undefined };
  } catch (err) {
    if (err instanceof EditRefused) return { editRefusal: err.text };
    const detail = err instanceof Error ? err.message : String(err);
    return {
      editRefusal: {
        nl: `onverwachte fout (${detail})`,
        en: `unexpected error (${detail})`,
      },
    };
  }
}

const unplugged = (what: string) => () => Promise.reject(new Error(`the draft machine needs a ${what} actor`));

export const draftMachine = setup({
  types: {} as {
    context: DraftContext & { editAtOnce: boolean };
    events: DraftEvent;
    /** A manager edits at once; others look until they ask to edit. */
    input: { editAtOnce: boolean };
  },
  actors: {
    load: fromPromise<Loaded>(unplugged('load')),
    save: fromPromise<{ revision: number }, Sending>(unplugged('save')),
  },
  delays: { autosave: 600 },
  guards: {
    editAtOnce: ({ context }) => context.editAtOnce,
    unsaved: ({ context }) => unsaved(context),
    upToDate: ({ context }) => !unsaved(context),
    changedMeanwhile: ({ context }) => context.history?.current !== context.sending,
    stale: (_, refusal: Refusal) => refusal.reason === 'conflict',
  },
  actions: {
    edit: assign(({ context, event }) => (event.type === 'edit' ? change(context, (h) => record(h, event.edit)) : {})),
    undo: assign(({ context }) => change(context, undo)),
    redo: assign(({ context }) => change(context, redo)),
    begin: assign((_, loaded: Loaded) => ({
      history: startHistory(loaded.definition),
      saved: loaded.definition,
      revision: loaded.revision,
      refusal: undefined,
      editRefusal: undefined,
    })),
    send: assign({ sending: ({ context }) => context.history?.current }),
    keep: assign(({ context }, saved: { revision: number }) => ({
      saved: context.sending,
      revision: saved.revision,
      refusal: undefined,
    })),
    refuse: assign((_, refusal: Refusal) => ({ refusal })),
    forgetRefusal: assign({ refusal: undefined }),
    close: assign({
      history: undefined,
      saved: undefined,
      sending: undefined,
      revision: undefined,
      refusal: undefined,
      editRefusal: undefined,
    }),
  },
}).createMachine({
  id: 'draft',
  context: ({ input }) => ({ editAtOnce: input.editAtOnce }),
  initial: 'start',
  states: {
    start: { always: [{ guard: 'editAtOnce', target: 'loading.opening' }, { target: 'viewing' }] },
    viewing: { on: { load: 'loading' } },
    loading: {
      initial: 'again',
      // The last refusal is answered by this load, one way or the other.
      entry: 'forgetRefusal',
      invoke: {
        src: 'load',
        onDone: { target: 'editing', actions: { type: 'begin', params: ({ event }) => event.output } },
        onError: {
          target: 'viewing',
          actions: ['close', { type: 'refuse', params: ({ event }) => asRefusal(event.error) }],
        },
      },
      states: {
        /** The first load: the page waits for it before it draws. */
        opening: {},
        /** Asked to edit, or for the latest draft after a conflict: the page stays drawn meanwhile. */
        again: {},
      },
    },
    editing: {
      initial: 'saved',
      on: {
        edit: { actions: 'edit' },
        undo: { actions: 'undo' },
        redo: { actions: 'redo' },
        published: { target: 'viewing', actions: 'close' },
      },
      states: {
        saved: { always: { guard: 'unsaved', target: 'dirty' } },
        dirty: {
          // Undone back to what the server has: nothing to send.
          always: { guard: 'upToDate', target: 'saved' },
          after: { autosave: 'saving' },
          // Each change waits the moment anew: the save goes a moment after the last one.
          on: {
            edit: { target: 'dirty', reenter: true, actions: 'edit' },
            undo: { target: 'dirty', reenter: true, actions: 'undo' },
            redo: { target: 'dirty', reenter: true, actions: 'redo' },
          },
        },
        saving: {
          entry: 'send',
          invoke: {
            src: 'save',
            input: ({ context }) => ({ definition: context.history!.current, revision: context.revision }),
            onDone: [
              // Edits made during the save go right after it, without waiting a moment.
              {
                guard: 'changedMeanwhile',
                target: 'saving',
                reenter: true,
                actions: { type: 'keep', params: ({ event }) => event.output },
              },
              { target: 'saved', actions: { type: 'keep', params: ({ event }) => event.output } },
            ],
            onError: [
              {
                guard: { type: 'stale', params: ({ event }) => asRefusal(event.error) },
                target: 'conflict',
                actions: { type: 'refuse', params: ({ event }) => asRefusal(event.error) },
              },
              { target: 'failed', actions: { type: 'refuse', params: ({ event }) => asRefusal(event.error) } },
            ],
          },
        },
        /** Not saved; the next change or "try again" sends it again. */
        failed: {
          on: {
            retry: 'saving',
            edit: { target: 'dirty', actions: 'edit' },
            undo: { target: 'dirty', actions: 'undo' },
            redo: { target: 'dirty', actions: 'redo' },
          },
        },
        /** Someone else saved first: sending again would overwrite their work, so only a reload helps. */
        conflict: { on: { load: '#draft.loading' } },
      },
    },
  },
});

/** Where the autosave stands while editing, for the bar; nothing while only viewing. */
export function saveStateOf(snapshot: SnapshotFrom<typeof draftMachine>): SaveState | undefined {
  const value = snapshot.value;
  return typeof value === 'object' && 'editing' in value ? (value.editing as SaveState) : undefined;
}
