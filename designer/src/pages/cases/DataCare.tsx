import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Definition, Field } from '../../../../engine/definition';
import { api, type CaseView } from '../../lib/api';
import { formatDateTime, useI18n } from '../../lib/i18n';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Link } from '../../components/Link';

/** A field's value as typed into the correction form: lists as comma-separated words. */
function asInput(v: unknown): string {
  if (Array.isArray(v)) return v.join(', ');
  return v === undefined || v === null ? '' : String(v);
}

/** The typed text as the field's value (an empty text clears an optional field). */
function fromInput(field: Field, text: string): unknown {
  const v = text.trim();
  if (!v) return undefined;
  if (field.type === 'number') return Number(v);
  if (field.type === 'boolean') return v === 'true';
  if (field.type === 'list')
    return v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  return v;
}

/**
 * Correcting one field (a typo, a wrong level at intake) with the reason, and voiding a case
 * created by mistake (manager). The case stays in its step; the history shows old and new.
 */
export function DataCare({
  c,
  def,
  manager,
  onChanged,
}: {
  c: CaseView;
  def: Definition;
  manager: boolean;
  onChanged: (next: CaseView) => Promise<void>;
}) {
  const { locale } = useI18n();
  const nl = locale === 'nl';
  const [open, setOpen] = useState<'correct' | 'void' | 'erase' | undefined>();
  const hidden = new Set(c.hidden ?? []);
  const fields = Object.entries(def.fields).filter(([k]) => !hidden.has(k));
  const [field, setField] = useState(fields[0]?.[0] ?? '');
  const [value, setValue] = useState(asInput(c.data[field]));
  const [reason, setReason] = useState('');
  const f = def.fields[field];
  const label = (k: string) => (!nl && def.fields[k].label.en) || def.fields[k].label.nl;
  const done = async (next: CaseView) => {
    await onChanged(next);
    setOpen(undefined);
    setReason('');
  };
  const correct = useMutation({
    mutationFn: () => api.correct(c.id, { field, value: fromInput(f, value), reason, revision: c.revision }),
    onSuccess: done,
  });
  const voiding = useMutation({
    mutationFn: () => api.voidCase(c.id, { reason, revision: c.revision }),
    onSuccess: done,
  });
  const erase = useMutation({ mutationFn: () => api.erase(c.id), onSuccess: done });
  if (c.voided) return null;
  const reasonInput = (
    <label className="field">
      <span className="label">{nl ? 'Reden' : 'Reason'}</span>
      <textarea required minLength={3} value={reason} onChange={(e) => setReason(e.target.value)} />
    </label>
  );
  return (
    <div className="data-care">
      <div className="form-buttons">
        <button aria-expanded={open === 'correct'} onClick={() => setOpen(open === 'correct' ? undefined : 'correct')}>
          {nl ? 'Gegeven corrigeren' : 'Correct a field'}
        </button>
        {manager && (
          <Link to={`/cases/${c.id}/export`}>{nl ? 'Inzageverzoek (export)' : 'Access request (export)'}</Link>
        )}
        {manager && !c.pseudonymised && (
          <button
            className="danger"
            aria-expanded={open === 'erase'}
            onClick={() => setOpen(open === 'erase' ? undefined : 'erase')}
          >
            {nl ? 'Pseudonimiseren' : 'Pseudonymise'}
          </button>
        )}
        {manager && (
          <button
            className="danger"
            aria-expanded={open === 'void'}
            onClick={() => setOpen(open === 'void' ? undefined : 'void')}
          >
            {nl ? 'Vervallen verklaren' : 'Void'}
          </button>
        )}
      </div>
      {open === 'correct' && f && (
        <form
          className="schema-form"
          aria-label={nl ? 'Gegeven corrigeren' : 'Correct a field'}
          onSubmit={(e) => {
            e.preventDefault();
            correct.mutate();
          }}
        >
          <ErrorMessage error={correct.error} />
          <label className="field">
            <span className="label">{nl ? 'Veld' : 'Field'}</span>
            <select
              value={field}
              onChange={(e) => {
                setField(e.target.value);
                setValue(asInput(c.data[e.target.value]));
              }}
            >
              {fields.map(([k]) => (
                <option key={k} value={k}>
                  {label(k)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="label">{nl ? 'Juiste waarde' : 'Correct value'}</span>
            {f.type === 'enum' || f.type === 'boolean' ? (
              <select value={value} onChange={(e) => setValue(e.target.value)}>
                <option value="">–</option>
                {(f.type === 'boolean'
                  ? [
                      { value: 'true', label: { nl: 'ja', en: 'yes' } },
                      { value: 'false', label: { nl: 'nee', en: 'no' } },
                    ]
                  : (f.options ?? [])
                ).map((o) => (
                  <option key={o.value} value={o.value}>
                    {(!nl && o.label.en) || o.label.nl}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type={f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text'}
                value={value}
                onChange={(e) => setValue(e.target.value)}
              />
            )}
          </label>
          {reasonInput}
          <p className="muted">
            {nl
              ? 'De casus blijft in zijn stap; de geschiedenis toont de oude en de nieuwe waarde.'
              : 'The case stays in its step; the history shows the old and the new value.'}
          </p>
          <div className="form-buttons">
            <button className="primary" disabled={correct.isPending}>
              {nl ? 'Correctie opslaan' : 'Save correction'}
            </button>
            <button type="button" onClick={() => setOpen(undefined)}>
              {nl ? 'Annuleren' : 'Cancel'}
            </button>
          </div>
        </form>
      )}
      {open === 'erase' && (
        <div className="schema-form">
          <ErrorMessage error={erase.error} />
          <p>
            {nl
              ? 'Op verzoek van de persoon (AVG art. 17): naam, adres en andere persoonlijke tekst worden vervangen door een pseudoniem, ook in de geschiedenis. Stappen, uitkomsten en keuzes blijven, zodat de rapportage gelijk blijft. Dit kan niet ongedaan worden gemaakt.'
              : "On the person's request (GDPR art. 17): name, address and other personal text are replaced by a pseudonym, in the history too. Steps, outcomes and choices stay, so the report is unchanged. This cannot be undone."}
          </p>
          <div className="form-buttons">
            <button className="danger" disabled={erase.isPending} onClick={() => erase.mutate()}>
              {nl ? 'Definitief pseudonimiseren' : 'Pseudonymise for good'}
            </button>
            <button type="button" onClick={() => setOpen(undefined)}>
              {nl ? 'Annuleren' : 'Cancel'}
            </button>
          </div>
        </div>
      )}
      {open === 'void' && (
        <form
          className="schema-form"
          aria-label={nl ? 'Vervallen verklaren' : 'Void'}
          onSubmit={(e) => {
            e.preventDefault();
            voiding.mutate();
          }}
        >
          <ErrorMessage error={voiding.error} />
          <p>
            {nl
              ? 'Alleen voor een casus die bij vergissing is aangemaakt. Hij verdwijnt uit lijsten en rapportage; het dossier blijft bewaard, gemarkeerd als vervallen.'
              : 'Only for a case created by mistake. It leaves lists and reports; the record stays, marked as voided.'}
          </p>
          {reasonInput}
          <div className="form-buttons">
            <button className="danger" disabled={voiding.isPending}>
              {nl ? 'Vervallen verklaren' : 'Void'}
            </button>
            <button type="button" onClick={() => setOpen(undefined)}>
              {nl ? 'Annuleren' : 'Cancel'}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** Who was shown this dossier's personal data, for the manager (the log holds no values). */
export function AccessPanel({ id }: { id: string }) {
  const { locale } = useI18n();
  const nl = locale === 'nl';
  const log = useQuery({ queryKey: ['case', id, 'access'], queryFn: () => api.caseAccess(id) });
  return (
    <section className="card" aria-labelledby="access-title">
      <h2 id="access-title">{nl ? 'Inzage' : 'Access'}</h2>
      <ErrorMessage error={log.error} />
      {log.data && (
        <>
          <p className="muted">
            {nl
              ? `Wie de persoonsgegevens van dit dossier zag; ${log.data.keptDays} dagen bewaard.`
              : `Who was shown this dossier's personal data; kept ${log.data.keptDays} days.`}
          </p>
          {log.data.items.length === 0 ? (
            <p>{nl ? 'Nog niemand.' : 'Nobody yet.'}</p>
          ) : (
            <ul className="access" data-testid="access">
              {log.data.items.map((e, i) => (
                <li key={i}>
                  {formatDateTime(e.at, locale)} · <strong>{e.actor}</strong>{' '}
                  <span className="muted" title={e.route}>
                    {e.what}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
