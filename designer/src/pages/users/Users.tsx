import { useEffect, useState } from 'react';
import { api, ApiError, type User } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { PageHead } from '../../components/PageHead';
import { SchemaForm, splitDetails, type FieldErrors, type FormSchema } from '../../components/FormFields';
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

/** The admin's page: the site's accounts, and a form to add one. */
export function Users() {
  const { locale } = useI18n();
  const w = words[locale];
  const [users, setUsers] = useState<User[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [round, setRound] = useState(0);

  const load = () =>
    api.users().then(
      (r) => setUsers(r.items),
      (e) => setMessage(e instanceof ApiError ? e.message : String(e)),
    );
  useEffect(() => {
    void load();
  }, []);

  const schema: FormSchema = {
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

  async function create(values: Record<string, unknown>) {
    // The same limits as the server's, said here in the page's language.
    const local: FieldErrors = {};
    if (String(values.password ?? '').length < 10) local.password = w.tooShort;
    if (!/^[a-z0-9][a-z0-9._-]{1,39}$/.test(String(values.username ?? ''))) local.username = w.badName;
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    setBusy(true);
    setMessage(undefined);
    try {
      const u = await api.createUser(
        values as {
          username: string;
          password: string;
          role: User['role'];
          function?: StaffFunction;
          displayName?: string;
        },
      );
      setErrors({});
      setMessage(`${w.created}: ${u.username}`);
      setRound(round + 1);
      await load();
    } catch (err) {
      if (err instanceof ApiError) {
        // The server names fields as body.<field>; the form shows them next to the field.
        const split = splitDetails(
          err.details.map((d) => ({
            ...d,
            path: d.path.replace(/^body\./, 'data.').replace(/^username$/, 'data.username'),
          })),
        );
        setErrors(split.fields);
        setMessage(err.message);
      } else setMessage(String(err));
    } finally {
      setBusy(false);
    }
  }

  async function changeFunction(u: User, value: string) {
    try {
      await api.setUserFunction(u.id, (value || null) as StaffFunction | null);
      setMessage(`${w.changed}: ${u.username}`);
      await load();
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : String(err));
    }
  }

  return (
    <main className="page">
      <PageHead title={w.title} intro={w.intro} />
      <table className="report-table users-table" data-testid="users">
        <thead>
          <tr>
            <th scope="col">{w.username}</th>
            <th scope="col">{w.name}</th>
            <th scope="col">{w.role}</th>
            <th scope="col">{w.function}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.username}</th>
              <td>{u.displayName}</td>
              <td>{w.roles[u.role]}</td>
              <td>
                <select
                  aria-label={`${w.function}: ${u.username}`}
                  value={u.function ?? ''}
                  onChange={(e) => void changeFunction(u, e.target.value)}
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
        </tbody>
      </table>
      <section className="card" aria-labelledby="new-user">
        <h2 id="new-user">{w.create}</h2>
        {message && <p role="status">{message}</p>}
        <SchemaForm
          key={round}
          schema={schema}
          submitLabel={w.create}
          busy={busy}
          errors={errors}
          onSubmit={(v) => void create(v)}
        />
      </section>
    </main>
  );
}
