import { useEffect, useState } from 'react';
import { api, ApiError, type User } from './api';
import { useI18n } from './i18n';
import { PageHead } from './PageHead';
import { SchemaForm, splitDetails, type FieldErrors, type FormSchema } from './FormFields';

const words = {
  nl: {
    title: 'Gebruikers',
    intro: 'Wie bij deze locatie mag inloggen, en met welke rol.',
    username: 'Gebruikersnaam',
    name: 'Naam',
    role: 'Rol',
    password: 'Wachtwoord (minstens 10 tekens)',
    create: 'Gebruiker aanmaken',
    created: 'Aangemaakt',
    tooShort: 'Een wachtwoord heeft minstens 10 tekens',
    badName: 'Kleine letters, cijfers, punt, streepje; 2 tot 40 tekens',
    roles: { staff: 'Medewerker (docent, coördinator)', manager: 'Projectleider', admin: 'Beheerder' },
  },
  en: {
    title: 'Users',
    intro: 'Who may log in at this site, and with which role.',
    username: 'Username',
    name: 'Name',
    role: 'Role',
    password: 'Password (at least 10 characters)',
    create: 'Create user',
    created: 'Created',
    tooShort: 'A password has at least 10 characters',
    badName: 'Lower-case letters, digits, dot, dash; 2 to 40 characters',
    roles: { staff: 'Staff (teacher, coordinator)', manager: 'Project lead', admin: 'Administrator' },
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

  const load = () => api.users().then((r) => setUsers(r.items), (e) => setMessage(e instanceof ApiError ? e.message : String(e)));
  useEffect(() => {
    void load();
  }, []);

  const schema: FormSchema = {
    properties: {
      username: { title: w.username, type: 'string' },
      displayName: { title: w.name, type: 'string' },
      role: { title: w.role, type: 'string', enum: ['staff', 'manager', 'admin'], 'x-options': (['staff', 'manager', 'admin'] as const).map((r) => ({ value: r, label: { nl: words.nl.roles[r], en: words.en.roles[r] } })) },
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
      const u = await api.createUser(values as { username: string; password: string; role: User['role']; displayName?: string });
      setErrors({});
      setMessage(`${w.created}: ${u.username}`);
      setRound(round + 1);
      await load();
    } catch (err) {
      if (err instanceof ApiError) {
        // The server names fields as body.<field>; the form shows them next to the field.
        const split = splitDetails(err.details.map((d) => ({ ...d, path: d.path.replace(/^body\./, 'data.').replace(/^username$/, 'data.username') })));
        setErrors(split.fields);
        setMessage(err.message);
      } else setMessage(String(err));
    } finally {
      setBusy(false);
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
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.username}</th>
              <td>{u.displayName}</td>
              <td>{w.roles[u.role]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="card" aria-labelledby="new-user">
        <h2 id="new-user">{w.create}</h2>
        {message && <p role="status">{message}</p>}
        <SchemaForm key={round} schema={schema} submitLabel={w.create} busy={busy} errors={errors} onSubmit={(v) => void create(v)} />
      </section>
    </main>
  );
}
