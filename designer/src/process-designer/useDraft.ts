import { useEffect, useMemo, useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useActorRef, useSelector } from '@xstate/react';
import { fromPromise } from 'xstate';
import type { Definition } from '../../../engine';
import { api, ApiError, errorText } from '../lib/api';
import { keys } from '../lib/query';
import {
  draftMachine,
  saveStateOf,
  unsaved,
  type Loaded,
  type Reason,
  type Refusal,
  type Sending,
} from './model/draft';
import type { Edit } from './model/model';
import { draftQuery, latestQuery, unversioned } from './queries';

/** The server's answer in the terms the manager acts on (see `Reason`). */
export function refusalOf(err: unknown): Refusal {
  if (!(err instanceof ApiError))
    return { reason: 'failed', message: err instanceof Error ? err.message : String(err) };
  const reasons: Record<number, Reason> = {
    400: 'invalid',
    401: 'session',
    403: 'forbidden',
    409: 'conflict',
    422: 'invalid',
  };
  return { reason: reasons[err.status] ?? 'failed', message: errorText(err) };
}

/** Editing starts from the saved draft, or, without one, from the published version. */
async function load(queryClient: QueryClient, key: string): Promise<Loaded> {
  try {
    const [draft, latest] = await Promise.all([
      queryClient.fetchQuery(draftQuery(key)),
      queryClient.fetchQuery(latestQuery(key)),
    ]);
    performance.mark('designer-data');
    return draft
      ? { definition: draft.definition as Definition, revision: draft.revision }
      : { definition: unversioned(latest.definition) };
  } catch (err) {
    throw refusalOf(err);
  }
}

async function save(queryClient: QueryClient, key: string, sending: Sending): Promise<{ revision: number }> {
  try {
    // Without a revision the page edits the published version: revision 0 says it expects no
    // draft, so a draft another tab made meanwhile is refused (409), never replaced.
    const draft = await api.saveDraft(key, sending.definition, sending.revision ?? 0);
    queryClient.setQueryData(keys.workflow.draft(key), draft);
    // The first save makes the draft: the process list marks it.
    if (sending.revision === undefined) void queryClient.invalidateQueries({ queryKey: keys.workflows });
    return { revision: draft.revision };
  } catch (err) {
    throw refusalOf(err);
  }
}

/**
 * The draft of one workflow with its autosave, as an actor (`model/draft.ts`) that loads and
 * saves over the API; what it holds is read through narrow selectors.
 */
export function useDraft(workflowKey: string, editAtOnce: boolean) {
  const queryClient = useQueryClient();
  // The page lives for one workflow (it is keyed by it), so the actor's logic is made once.
  const [logic] = useState(() =>
    draftMachine.provide({
      actors: {
        load: fromPromise(() => load(queryClient, workflowKey)),
        save: fromPromise<{ revision: number }, Sending>(({ input }) => save(queryClient, workflowKey, input)),
      },
    }),
  );
  const actor = useActorRef(logic, { input: { editAtOnce } });
  const history = useSelector(actor, (s) => s.context.history);
  const revision = useSelector(actor, (s) => s.context.revision);
  const refusal = useSelector(actor, (s) => s.context.refusal);
  const editRefusal = useSelector(actor, (s) => s.context.editRefusal);
  const saveState = useSelector(actor, saveStateOf);
  const opening = useSelector(actor, (s) => s.matches({ loading: 'opening' }));

  useEffect(() => {
    // Leaving with edits the server does not have yet asks first.
    const warn = (e: BeforeUnloadEvent) => {
      if (unsaved(actor.getSnapshot().context)) e.preventDefault();
    };
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [actor]);

  const commands = useMemo(
    () => ({
      edit: (edit: Edit) => actor.send({ type: 'edit', edit }),
      undo: () => actor.send({ type: 'undo' }),
      redo: () => actor.send({ type: 'redo' }),
      /** Start editing, or take the latest draft after a conflict. */
      load: () => actor.send({ type: 'load' }),
      retry: () => actor.send({ type: 'retry' }),
      published: () => actor.send({ type: 'published' }),
    }),
    [actor],
  );
  return { history, revision, refusal, editRefusal, saveState, opening, editing: saveState !== undefined, ...commands };
}
