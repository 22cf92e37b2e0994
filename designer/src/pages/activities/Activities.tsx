import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  groupActivityKindNames,
  groupActivityKinds,
  type GroupActivityKind,
} from '../../../../engine/group-activities';
import { say } from '../../../../engine/text';
import { api, type GroupActivityList } from '../../lib/api';
import { keys, queries, queryClient } from '../../lib/query';
import { formatDay, formatDateTime, useI18n } from '../../lib/i18n';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHead } from '../../components/PageHead';
import { Link } from '../../components/Link';

export const activityWords = {
  nl: {
    title: 'Activiteiten',
    intro:
      'Excursies en groepsactiviteiten, met wie er meededen en hoe het ging. Het komt in het dossier van elke student die meedeed.',
    record: 'Activiteit vastleggen',
    kind: 'Soort',
    what: 'Wat en waar',
    whatHint: 'Bijvoorbeeld: Tweede Kamer, Limburgs Museum',
    date: 'Datum',
    who: 'Wie deden mee?',
    noStudents: 'Er zijn nu geen studenten in een traject.',
    evaluation: 'Hoe ging het? (korte evaluatie)',
    save: 'Vastleggen',
    saved: 'Vastgelegd in het dossier van',
    chooseOne: 'Kies minstens één student.',
    none: 'Nog geen activiteiten vastgelegd.',
    participants: 'Deden mee',
    recordedBy: 'Vastgelegd door',
    correct: 'Corrigeren',
    correcting: 'Activiteit corrigeren',
    reason: 'Waarom corrigeren?',
    reasonHint: 'Bijvoorbeeld: Ahmed was ziek en ging niet mee',
    saveCorrection: 'Correctie opslaan',
    cancel: 'Annuleren',
    corrected: 'Gecorrigeerd; het staat in het dossier van wie het aangaat.',
  },
  en: {
    title: 'Activities',
    intro:
      'Excursions and group activities, with who took part and how it went. It goes into the file of every student who took part.',
    record: 'Record an activity',
    kind: 'Kind',
    what: 'What and where',
    whatHint: 'For example: the Tweede Kamer, the Limburgs Museum',
    date: 'Date',
    who: 'Who took part?',
    noStudents: 'No students are in a trajectory now.',
    evaluation: 'How did it go? (a short evaluation)',
    save: 'Record',
    saved: 'Recorded in the file of',
    chooseOne: 'Choose at least one student.',
    none: 'No activities recorded yet.',
    participants: 'Took part',
    recordedBy: 'Recorded by',
    correct: 'Correct',
    correcting: 'Correct the activity',
    reason: 'Why correct it?',
    reasonHint: 'For example: Ahmed was ill and did not go',
    saveCorrection: 'Save the correction',
    cancel: 'Cancel',
    corrected: 'Corrected; it is in the file of everyone concerned.',
  },
};

/** Today on this device's calendar, yyyy-mm-dd: an activity is recorded once it took place. */
const today = () => new Date().toLocaleDateString('en-CA');

type Activity = GroupActivityList['items'][number];

/**
 * Recording an activity that took place, or correcting one recorded (then with the reason, and
 * its participants choosable even when their trajectory has ended since).
 */
function ActivityForm({
  students,
  editing,
  onDone,
}: {
  students: GroupActivityList['students'];
  editing?: Activity;
  onDone?: () => void;
}) {
  const { locale } = useI18n();
  const w = activityWords[locale];
  const [kind, setKind] = useState<GroupActivityKind>(editing?.kind ?? 'excursie');
  const [title, setTitle] = useState(editing?.title ?? '');
  const [date, setDate] = useState(editing?.date ?? today);
  const [chosen, setChosen] = useState<string[]>(editing?.participants.map((p) => p.caseId) ?? []);
  const [evaluation, setEvaluation] = useState(editing?.evaluation ?? '');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const id = editing ? `activity-${editing.id}` : 'activity';
  const save = useMutation({
    mutationFn: () => {
      const body = { kind, title, date, participants: chosen, evaluation };
      return editing ? api.correctActivity(editing.id, { ...body, reason }) : api.recordActivity(body);
    },
    onSuccess: async (done) => {
      setTitle('');
      setEvaluation('');
      setChosen([]);
      setTried(false);
      await queryClient.invalidateQueries({ queryKey: keys.activities });
      // Each participant's dossier has a new row, and so has that of anyone taken off the list.
      const concerned = new Set([...done.participants, ...(editing?.participants ?? [])].map((p) => p.caseId));
      for (const c of concerned) await queryClient.invalidateQueries({ queryKey: keys.history(c) });
      onDone?.();
    },
  });
  const toggle = (caseId: string, on: boolean) =>
    setChosen((c) => (on ? [...c, caseId] : c.filter((x) => x !== caseId)));
  const choices = [
    ...students,
    ...(editing?.participants ?? []).filter((p) => !students.some((s) => s.caseId === p.caseId)),
  ];
  return (
    <form
      className="card activity-form"
      aria-labelledby={`${id}-form-title`}
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (chosen.length) save.mutate();
      }}
    >
      <h2 id={`${id}-form-title`}>{editing ? w.correcting : w.record}</h2>
      <div className="activity-row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{w.kind}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as GroupActivityKind)}>
            {groupActivityKindNames.map((k) => (
              <option key={k} value={k}>
                {say(groupActivityKinds[k], locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-title`}>{w.what}</label>
          <input
            id={`${id}-title`}
            required
            minLength={2}
            maxLength={120}
            placeholder={w.whatHint}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{w.date}</label>
          <input
            id={`${id}-date`}
            type="date"
            required
            max={today()}
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </div>
      </div>
      <fieldset className={`field participants${tried && !chosen.length ? ' has-error' : ''}`}>
        <legend>{w.who}</legend>
        {choices.length ? (
          <div className="participant-choices">
            {choices.map((s) => (
              <label key={s.caseId} className="participant-choice">
                <input
                  type="checkbox"
                  checked={chosen.includes(s.caseId)}
                  onChange={(e) => toggle(s.caseId, e.target.checked)}
                />{' '}
                {s.name}
              </label>
            ))}
          </div>
        ) : (
          <p className="muted">{w.noStudents}</p>
        )}
        {tried && !chosen.length && <p className="field-error">{w.chooseOne}</p>}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-evaluation`}>{w.evaluation}</label>
        <textarea
          id={`${id}-evaluation`}
          required
          minLength={2}
          maxLength={1000}
          rows={3}
          value={evaluation}
          onChange={(e) => setEvaluation(e.target.value)}
        />
      </div>
      {editing && (
        <div className="field">
          <label htmlFor={`${id}-reason`}>{w.reason}</label>
          <input
            id={`${id}-reason`}
            required
            minLength={2}
            maxLength={300}
            placeholder={w.reasonHint}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      )}
      <ErrorMessage error={save.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {editing ? w.saveCorrection : w.save}
        </button>
        {editing && (
          <button type="button" onClick={onDone}>
            {w.cancel}
          </button>
        )}
      </div>
      {save.isSuccess && !editing && (
        <p role="status">
          {w.saved} {save.data.participants.map((p) => p.name).join(', ')}.
        </p>
      )}
    </form>
  );
}

/** Group activities and excursions (report chapter 6): the list, and recording one that took place. */
export function Activities() {
  const { locale, t } = useI18n();
  const w = activityWords[locale];
  const view = useQuery(queries.activities());
  const [editing, setEditing] = useState<number>();
  const [corrected, setCorrected] = useState<number>();
  return (
    <main className="page">
      <PageHead title={w.title} intro={w.intro} />
      <ErrorMessage error={view.error} />
      {view.data ? (
        <>
          <ActivityForm students={view.data.students} />
          {view.data.items.length ? (
            <ul className="activities" aria-label={w.title}>
              {view.data.items.map((a) =>
                editing === a.id ? (
                  <li key={a.id}>
                    <ActivityForm
                      students={view.data.students}
                      editing={a}
                      onDone={() => {
                        setEditing(undefined);
                        setCorrected(a.id);
                      }}
                    />
                  </li>
                ) : (
                  <li key={a.id} className="card activity">
                    <h3>
                      {a.kindLabel}: {a.title} <span className="muted">{formatDay(a.date, locale)}</span>
                    </h3>
                    <p className="activity-evaluation">{a.evaluation}</p>
                    <p>
                      {w.participants}:{' '}
                      {a.participants.map((p, i) => (
                        <span key={p.caseId}>
                          {i > 0 && ', '}
                          <Link to={`/cases/${encodeURIComponent(p.caseId)}`}>{p.name}</Link>
                        </span>
                      ))}
                    </p>
                    <p className="muted">
                      {w.recordedBy} {a.byName}, {formatDateTime(a.at, locale)}
                    </p>
                    {corrected === a.id && <p role="status">{w.corrected}</p>}
                    <button type="button" onClick={() => setEditing(a.id)} aria-label={`${w.correct}: ${a.title}`}>
                      {w.correct}
                    </button>
                  </li>
                ),
              )}
            </ul>
          ) : (
            <p className="muted">{w.none}</p>
          )}
        </>
      ) : (
        !view.error && <p>{t.loading}</p>
      )}
    </main>
  );
}
