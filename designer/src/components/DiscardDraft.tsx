import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { changed, keys } from '../lib/query';
import { ErrorMessage } from './ErrorMessage';

const words = {
  nl: {
    discard: 'Concept weggooien',
    confirm:
      'Het concept en alle wijzigingen erin gaan verloren. De gepubliceerde versies en de lopende dossiers blijven zoals ze zijn.',
    yes: 'Ja, gooi het concept weg',
    cancel: 'Annuleren',
  },
  en: {
    discard: 'Discard the draft',
    confirm:
      'The draft and every change in it are lost. The published versions and the running cases stay as they are.',
    yes: 'Yes, discard the draft',
    cancel: 'Cancel',
  },
};

/** Throws a workflow's draft away, after asking once; the workflow page and the import flow both offer it. */
export function DiscardDraft({ workflowKey, onDiscarded }: { workflowKey: string; onDiscarded?: () => void }) {
  const { locale } = useI18n();
  const w = words[locale];
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const discard = useMutation({
    mutationFn: () => api.discardDraft(workflowKey),
    onSuccess: async () => {
      // Whoever shows the draft says at once that it is gone, before the rest is asked again.
      queryClient.setQueryData(keys.workflow.draft(workflowKey), null);
      await changed.workflow(workflowKey);
      setAsking(false);
      onDiscarded?.();
    },
  });
  if (!asking)
    return (
      <button type="button" className="danger" onClick={() => setAsking(true)}>
        {w.discard}…
      </button>
    );
  return (
    <div className="confirm" role="group" aria-label={w.discard}>
      <p>{w.confirm}</p>
      <div className="button-row">
        <button type="button" className="danger" disabled={discard.isPending} onClick={() => discard.mutate()}>
          {w.yes}
        </button>
        <button type="button" onClick={() => setAsking(false)} disabled={discard.isPending}>
          {w.cancel}
        </button>
      </div>
      <ErrorMessage error={discard.error} />
    </div>
  );
}
