import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { passwordMinLengthFor } from '../../../../server/contract/limits';
import { api, type User } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { PageHead } from '../../components/PageHead';
import { ErrorMessage } from '../../components/ErrorMessage';
import { atField, fieldErrors, SchemaForm, type FieldErrors, type FormSchema } from '../../components/FormFields';
import { functionNames, roleNames } from '../../lib/team';

const words = {
  nl: {
    title: 'Mijn account',
    intro: 'Wie je bent in het team, en je wachtwoord.',
    name: 'Naam',
    username: 'Gebruikersnaam',
    role: 'Rol',
    function: 'Functie',
    noFunction: 'Geen functie',
    site: 'Locatie',
    changeTitle: 'Wachtwoord wijzigen',
    current: 'Huidig wachtwoord',
    password: (n: number) => `Nieuw wachtwoord (minstens ${n} tekens)`,
    repeat: 'Nieuw wachtwoord nog een keer',
    change: 'Wachtwoord wijzigen',
    tooShort: (n: number) => `Een wachtwoord heeft minstens ${n} tekens`,
    different: 'De twee nieuwe wachtwoorden zijn niet gelijk',
    changed: 'Je wachtwoord is gewijzigd. Op andere apparaten moet je opnieuw inloggen.',
    askAdmin: 'Je naam, rol en functie wijzigt een beheerder.',
  },
  en: {
    title: 'My account',
    intro: 'Who you are in the team, and your password.',
    name: 'Name',
    username: 'Username',
    role: 'Role',
    function: 'Function',
    noFunction: 'No function',
    site: 'Site',
    changeTitle: 'Change password',
    current: 'Current password',
    password: (n: number) => `New password (at least ${n} characters)`,
    repeat: 'New password again',
    change: 'Change password',
    tooShort: (n: number) => `A password has at least ${n} characters`,
    different: 'The two new passwords differ',
    changed: 'Your password has been changed. On other devices you log in again.',
    askAdmin: 'An administrator changes your name, role and function.',
  },
};

/** The server names this form's fields as body.<field>. */
const serverField = (path: string) => /^body\.(current|password)$/.exec(path)?.[1];

/** One's own account: who one is, and a new password (the current one asked first). */
export function Account({ user }: { user: User }) {
  const { locale } = useI18n();
  const w = words[locale];
  const [checked, setChecked] = useState<FieldErrors>({});
  // A new form after each change: no password stays in a field.
  const [round, setRound] = useState(0);
  const change = useMutation({
    mutationFn: (v: { current: string; password: string }) => api.changeOwnPassword(v.current, v.password),
    onSuccess: () => setRound((r) => r + 1),
  });
  const min = passwordMinLengthFor(user.role);
  const schema: FormSchema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      current: { title: w.current, type: 'string', format: 'password' },
      password: { title: w.password(min), type: 'string', format: 'password' },
      repeat: { title: w.repeat, type: 'string', format: 'password' },
    },
    required: ['current', 'password', 'repeat'],
  };
  function submit(values: Record<string, unknown>) {
    const password = String(values.password ?? '');
    const local: FieldErrors = {};
    if ([...password].length < min) local.password = w.tooShort(min);
    else if (values.repeat !== password) local.repeat = w.different;
    setChecked(local);
    if (Object.keys(local).length) change.reset();
    else change.mutate({ current: String(values.current), password });
  }

  return (
    <main className="page account">
      <PageHead title={w.title} intro={w.intro} />
      <section className="card" aria-label={w.title}>
        <dl className="data">
          <div>
            <dt>{w.name}</dt>
            <dd>{user.displayName}</dd>
          </div>
          <div>
            <dt>{w.username}</dt>
            <dd>{user.username}</dd>
          </div>
          <div>
            <dt>{w.role}</dt>
            <dd>{roleNames[locale][user.role]}</dd>
          </div>
          <div>
            <dt>{w.function}</dt>
            <dd>{user.function ? functionNames[locale][user.function] : w.noFunction}</dd>
          </div>
          <div>
            <dt>{w.site}</dt>
            <dd>{user.site}</dd>
          </div>
        </dl>
        <p className="muted">{w.askAdmin}</p>
      </section>
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">{w.changeTitle}</h2>
        {change.isSuccess && <p role="status">{w.changed}</p>}
        <ErrorMessage error={change.error} omit={atField(serverField)} />
        <SchemaForm
          key={round}
          schema={schema}
          submitLabel={w.change}
          busy={change.isPending}
          errors={{ ...fieldErrors(change.error, serverField), ...checked }}
          onSubmit={submit}
        />
      </section>
    </main>
  );
}
