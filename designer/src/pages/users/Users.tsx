import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, type NewUser, type User } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { changed, queries } from '../../lib/query';
import { PageHead } from '../../components/PageHead';
import { Table } from '../../components/Table';
import { ErrorMessage } from '../../components/ErrorMessage';
import { atField, fieldErrors, SchemaForm, type FieldErrors, type FormSchema } from '../../components/FormFields';
import { functionNames } from '../../lib/team';
import { staffFunctions, type StaffFunction } from '../../../../engine/definition';

const words = {
  nl: {
    title: 'Gebruikers',
    intro:
      'Wie bij deze locatie mag inloggen, met welke rol, en wat een medewerker doet: zijn werklijst en de persoonsgegevens die hij ziet volgen de functie.',
    function: 'Functie',
    noFunction: 'Geen functie',
    changed: 'Functie gewijzigd',
    username: 'Gebruikersnaam',
    name: 'Naam',
    role: 'Rol',
    password: 'Wachtwoord (minstens 10 tekens)',
    create: 'Gebruiker aanmaken',
    created: 'Aangemaakt',
    tooShort: 'Een wachtwoord heeft minstens 10 tekens',
    badName: 'Kleine letters, cijfers, punt, streepje; 2 tot 40 tekens',
    roles: { staff: 'Medewerker', manager: 'Projectleider', admin: 'Beheerder' },
  },
  en: {
    title: 'Users',
    intro:
      'Who may log in at this site, with which role, and what a staff member does: their worklist and the personal data they see follow the function.',
    function: 'Function',
    noFunction: 'No function',
    changed: 'Function changed',
    username: 'Username',
    name: 'Name',
    role: 'Role',
    password: 'Password (at least 10 characters)',
    create: 'Create user',
    created: 'Created',
    tooShort: 'A password has at least 10 characters',
    badName: 'Lower-case letters, digits, dot, dash; 2 to 40 characters',
    roles: { staff: 'Staff', manager: 'Project lead', admin: 'Administrator' },
  },
};

/** The server names this form's fields as body.<field> (or the bare field, for a taken name). */
const serverField = (path: string) => /^(?:body\.)?(username|displayName|role|function|password)$/.exec(path)?.[1];

/** The admin's page: the site's accounts, and a form to add one. */
export function Users() {
  const { locale } = useI18n();
  const w = words[locale];
  const users = useQuery(queries.users());
  const me = useQuery(queries.me()).data;
  // Checked here first, in the page's language, with the same limits as the server's.
  const [checked, setChecked] = useState<FieldErrors>({});
  const [round, setRound] = useState(0);
  const create = useMutation({
    mutationFn: api.createUser,
    onSuccess: () => {
      setRound((r) => r + 1);
      void changed.user(false);
    },
  });
  const setFunction = useMutation({
    mutationFn: ({ u, fn }: { u: User; fn: StaffFunction | null }) => api.setUserFunction(u.id, fn),
    onSuccess: (u) => void changed.user(u.id === me?.id),
  });
  // The latest of the two says how it went.
  const last = [create, setFunction].sort((x, y) => y.submittedAt - x.submittedAt)[0];
  const message = last.isSuccess
    ? last === create
      ? `${w.created}: ${create.data?.username}`
      : `${w.changed}: ${setFunction.data?.username}`
    : undefined;

  const schema: FormSchema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      username: { title: w.username, type: 'string' },
      displayName: { title: w.name, type: 'string' },
      role: {
        title: w.role,
        type: 'string',
        enum: ['staff', 'manager', 'admin'],
        'x-options': (['staff', 'manager', 'admin'] as const).map((r) => ({
          value: r,
          label: { nl: words.nl.roles[r], en: words.en.roles[r] },
        })),
      },
      function: {
        title: w.function,
        type: 'string',
        enum: [...staffFunctions],
        'x-options': staffFunctions.map((f) => ({
          value: f,
          label: { nl: functionNames.nl[f], en: functionNames.en[f] },
        })),
      },
      password: { title: w.password, type: 'string', format: 'password' },
    },
    required: ['username', 'role', 'password'],
  };

  function submit(values: Record<string, unknown>) {
    const local: FieldErrors = {};
    if (String(values.password ?? '').length < 10) local.password = w.tooShort;
    if (!/^[a-z0-9][a-z0-9._-]{1,39}$/.test(String(values.username ?? ''))) local.username = w.badName;
    setChecked(local);
    if (Object.keys(local).length) create.reset();
    else create.mutate(values as NewUser);
  }

  return (
    <main className="page">
      <PageHead title={w.title} intro={w.intro} />
      <ErrorMessage error={users.error} />
      <Table
        className="report-table users-table"
        data-testid="users"
        columns={[w.username, w.name, w.role, w.function]}
      >
        {users.data?.map((u) => (
          <tr key={u.id}>
            <th scope="row">{u.username}</th>
            <td>{u.displayName}</td>
            <td>{w.roles[u.role]}</td>
            <td>
              <select
                aria-label={`${w.function}: ${u.username}`}
                value={u.function ?? ''}
                onChange={(e) => setFunction.mutate({ u, fn: (e.target.value || null) as StaffFunction | null })}
              >
                <option value="">{w.noFunction}</option>
                {staffFunctions.map((f) => (
                  <option key={f} value={f}>
                    {functionNames[locale][f]}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </Table>
      <section className="card" aria-labelledby="new-user">
        <h2 id="new-user">{w.create}</h2>
        {message && <p role="status">{message}</p>}
        <ErrorMessage error={last.error} omit={last === create ? atField(serverField) : undefined} />
        <SchemaForm
          key={round}
          schema={schema}
          submitLabel={w.create}
          busy={create.isPending}
          errors={{ ...fieldErrors(create.error, serverField), ...checked }}
          onSubmit={submit}
        />
      </section>
    </main>
  );
}
