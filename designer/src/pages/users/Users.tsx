import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  leadPasswordMinLength,
  passwordMinLength,
  passwordMinLengthFor,
  usernamePattern,
} from '../../../../server/contract/limits';
import { api, type Account, type AccountUpdate, type NewUser } from '../../lib/api';
import { formatDateTime, useI18n } from '../../lib/i18n';
import { changed, queries } from '../../lib/query';
import { PageHead } from '../../components/PageHead';
import { Table } from '../../components/Table';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ConfirmButton } from '../../components/ConfirmButton';
import { atField, fieldErrors, SchemaForm, type FieldErrors, type FormSchema } from '../../components/FormFields';
import { functionNames, roleNames } from '../../lib/team';
import { staffFunctions, type StaffFunction } from '../../../../engine/definition';
import { assignableRoles as roles, isLimitedRole, type AssignableRole } from '../../../../engine/people';

const words = {
  nl: {
    title: 'Gebruikers',
    intro:
      'Wie bij deze locatie mag inloggen, met welke rol, en wat een medewerker doet: zijn werklijst en de persoonsgegevens die hij ziet volgen de functie.',
    function: 'Functie',
    noFunction: 'Geen functie',
    username: 'Gebruikersnaam',
    name: 'Naam',
    role: 'Rol',
    lastLogin: 'Laatst ingelogd',
    never: 'nog nooit',
    status: 'Account',
    active: 'Actief',
    inactive: 'Uitgeschakeld',
    manage: 'Beheren',
    close: 'Sluiten',
    password: `Wachtwoord (minstens ${passwordMinLength} tekens, ${leadPasswordMinLength} voor projectleider en beheerder)`,
    create: 'Gebruiker aanmaken',
    created: 'Aangemaakt',
    tooShort: (n: number) =>
      n > passwordMinLength
        ? `Een wachtwoord van een projectleider of beheerder heeft minstens ${n} tekens`
        : `Een wachtwoord heeft minstens ${n} tekens`,
    badName: 'Kleine letters, cijfers, punt, streepje; 2 tot 40 tekens',
    saveName: 'Naam opslaan',
    reset: 'Nieuw wachtwoord maken',
    resetQuestion: 'Het huidige wachtwoord werkt dan niet meer en open sessies eindigen. Doorgaan?',
    resetConfirm: 'Ja, nieuw wachtwoord',
    newPassword: (name: string) => `Nieuw wachtwoord voor ${name}:`,
    once: 'Geef het persoonlijk door. Het wordt maar één keer getoond.',
    deactivate: 'Account uitschakelen',
    deactivateQuestion: (name: string) =>
      `${name} kan dan niet meer inloggen en open sessies eindigen meteen. De naam blijft in de geschiedenis staan. Doorgaan?`,
    deactivateConfirm: 'Ja, uitschakelen',
    reactivate: 'Account weer inschakelen',
    ownAccount: 'Je eigen rol en toegang wijzigt een andere beheerder.',
    changed: {
      role: 'Rol gewijzigd',
      function: 'Functie gewijzigd',
      displayName: 'Naam gewijzigd',
      deactivated: 'Account uitgeschakeld',
      reactivated: 'Account weer ingeschakeld',
      reset: 'Nieuw wachtwoord gemaakt',
    },
    changes: 'Wijzigingen aan accounts',
    changesOf: (name: string) => `Wijzigingen aan het account van ${name}`,
    noChanges: 'Nog geen wijzigingen.',
    at: 'Wanneer',
    by: 'Door',
    what: 'Wat',
  },
  en: {
    title: 'Users',
    intro:
      'Who may log in at this site, with which role, and what a staff member does: their worklist and the personal data they see follow the function.',
    function: 'Function',
    noFunction: 'No function',
    username: 'Username',
    name: 'Name',
    role: 'Role',
    lastLogin: 'Last login',
    never: 'never',
    status: 'Account',
    active: 'Active',
    inactive: 'Switched off',
    manage: 'Manage',
    close: 'Close',
    password: `Password (at least ${passwordMinLength} characters, ${leadPasswordMinLength} for project lead and administrator)`,
    create: 'Create user',
    created: 'Created',
    tooShort: (n: number) =>
      n > passwordMinLength
        ? `A project lead's or administrator's password has at least ${n} characters`
        : `A password has at least ${n} characters`,
    badName: 'Lower-case letters, digits, dot, dash; 2 to 40 characters',
    saveName: 'Save name',
    reset: 'Make a new password',
    resetQuestion: 'The current password then stops working and open sessions end. Continue?',
    resetConfirm: 'Yes, new password',
    newPassword: (name: string) => `New password for ${name}:`,
    once: 'Pass it on in person. It is shown only once.',
    deactivate: 'Switch account off',
    deactivateQuestion: (name: string) =>
      `${name} can then no longer log in and open sessions end at once. The name stays in the history. Continue?`,
    deactivateConfirm: 'Yes, switch off',
    reactivate: 'Switch account on again',
    ownAccount: 'Another administrator changes your own role and access.',
    changed: {
      role: 'Role changed',
      function: 'Function changed',
      displayName: 'Name changed',
      deactivated: 'Account switched off',
      reactivated: 'Account switched on again',
      reset: 'New password made',
    },
    changes: 'Changes to accounts',
    changesOf: (name: string) => `Changes to the account of ${name}`,
    noChanges: 'No changes yet.',
    at: 'When',
    by: 'By',
    what: 'What',
  },
};
type Words = (typeof words)['nl'];

/** The server names this form's fields as body.<field> (or the bare field, for a taken name). */
const serverField = (path: string) => /^(?:body\.)?(username|displayName|role|function|password)$/.exec(path)?.[1];

/** What a change did, in the words of the status line. */
function saidChange(change: AccountUpdate, w: Words): string {
  if (change.active !== undefined) return change.active ? w.changed.reactivated : w.changed.deactivated;
  if (change.role !== undefined) return w.changed.role;
  if (change.function !== undefined) return w.changed.function;
  return w.changed.displayName;
}

/** The admin's page: the site's accounts, each one managed, a form to add one, and what changed. */
export function Users() {
  const { locale } = useI18n();
  const w = words[locale];
  const users = useQuery(queries.users());
  const me = useQuery(queries.me()).data;
  const [managing, setManaging] = useState<number>();
  // Checked here first, in the page's language, with the same limits as the server's.
  const [checked, setChecked] = useState<FieldErrors>({});
  // A fresh form after each account made: nothing of the last one carries over to the next.
  const [round, setRound] = useState(0);
  const create = useMutation({
    mutationFn: api.createUser,
    onSuccess: () => {
      setRound((r) => r + 1);
      void changed.user(false);
    },
  });
  const update = useMutation({
    mutationFn: ({ u, change }: { u: Account; change: AccountUpdate }) => api.updateUser(u.id, change),
    onSuccess: (u) => void changed.user(u.id === me?.id),
  });
  const reset = useMutation({
    mutationFn: (u: Account) => api.resetPassword(u.id),
    onSuccess: () => void changed.user(false),
  });
  // The latest of them says how it went, in the one status line.
  const last = [create, update, reset].sort((x, y) => y.submittedAt - x.submittedAt)[0];
  const message = !last.isSuccess
    ? undefined
    : last === create
      ? `${w.created}: ${create.data?.username}`
      : last === update
        ? `${saidChange(update.variables!.change, w)}: ${update.data?.username}`
        : `${w.changed.reset}: ${reset.data?.account.username}`;
  const account = users.data?.find((u) => u.id === managing);

  const options = <K extends string>(keys: readonly K[], names: Record<'nl' | 'en', Record<K, string>>) =>
    keys.map((k) => ({ value: k, label: { nl: names.nl[k], en: names.en[k] } }));
  const schema: FormSchema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      username: { title: w.username, type: 'string' },
      displayName: { title: w.name, type: 'string' },
      role: { title: w.role, type: 'string', enum: [...roles], 'x-options': options(roles, roleNames) },
      function: {
        title: w.function,
        type: 'string',
        enum: [...staffFunctions],
        'x-options': options(staffFunctions, functionNames),
      },
      password: { title: w.password, type: 'string', format: 'password' },
    },
    required: ['username', 'role', 'password'],
  };

  function submit(values: Record<string, unknown>) {
    const local: FieldErrors = {};
    const min = passwordMinLengthFor(String(values.role ?? ''));
    if ([...String(values.password ?? '')].length < min) local.password = w.tooShort(min);
    if (!new RegExp(usernamePattern).test(String(values.username ?? ''))) local.username = w.badName;
    setChecked(local);
    if (Object.keys(local).length) create.reset();
    else create.mutate(values as NewUser);
  }

  const manage = (id: number | undefined) => {
    // A new password is shown once: choosing another account (or closing) lets it go.
    reset.reset();
    setManaging(id);
  };

  return (
    <main className="page users">
      <PageHead title={w.title} intro={w.intro} />
      <ErrorMessage error={users.error} />
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
      {last !== create && <ErrorMessage error={last.error} />}
      <Table
        className="report-table users-table"
        data-testid="users"
        columns={[w.name, w.role, w.function, w.lastLogin, w.status, '']}
      >
        {users.data?.map((u) => {
          const self = u.id === me?.id;
          return (
            <tr key={u.id} className={u.active ? undefined : 'inactive'}>
              <th scope="row">
                {u.displayName}
                {/* An account still named after its username says it once. */}
                {u.displayName !== u.username && <div className="muted">{u.username}</div>}
              </th>
              <td>
                {/* A student's account is bound to their own case and stays a student's (the server says so too). */}
                {u.role === 'student' ? (
                  <span aria-label={`${w.role}: ${u.username}`}>{roleNames[locale].student}</span>
                ) : (
                  <select
                    aria-label={`${w.role}: ${u.username}`}
                    value={u.role}
                    disabled={self || update.isPending}
                    title={self ? w.ownAccount : undefined}
                    onChange={(e) => update.mutate({ u, change: { role: e.target.value as AssignableRole } })}
                  >
                    {roles.map((r) => (
                      <option key={r} value={r}>
                        {roleNames[locale][r]}
                      </option>
                    ))}
                  </select>
                )}
              </td>
              <td>
                <select
                  aria-label={`${w.function}: ${u.username}`}
                  value={u.function ?? ''}
                  // A member of the stuurgroep does no staff work.
                  disabled={update.isPending || isLimitedRole(u.role)}
                  onChange={(e) =>
                    update.mutate({ u, change: { function: (e.target.value || null) as StaffFunction | null } })
                  }
                >
                  <option value="">{w.noFunction}</option>
                  {staffFunctions.map((f) => (
                    <option key={f} value={f}>
                      {functionNames[locale][f]}
                    </option>
                  ))}
                </select>
              </td>
              <td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt, locale) : w.never}</td>
              <td>{u.active ? w.active : <span className="badge bad">{w.inactive}</span>}</td>
              <td>
                <button
                  aria-label={`${w.manage}: ${u.username}`}
                  aria-expanded={managing === u.id}
                  onClick={() => manage(managing === u.id ? undefined : u.id)}
                >
                  {w.manage}
                </button>
              </td>
            </tr>
          );
        })}
      </Table>
      {account && (
        <ManagePanel
          key={account.id}
          account={account}
          self={account.id === me?.id}
          w={w}
          busy={update.isPending || reset.isPending}
          newPassword={reset.data?.account.id === account.id ? reset.data.password : undefined}
          onChange={(change) => update.mutate({ u: account, change })}
          onReset={() => reset.mutate(account)}
          onClose={() => manage(undefined)}
        />
      )}
      <section className="card" aria-labelledby="new-user">
        <h2 id="new-user">{w.create}</h2>
        {last === create && <ErrorMessage error={create.error} omit={atField(serverField)} />}
        <SchemaForm
          key={round}
          schema={schema}
          submitLabel={w.create}
          busy={create.isPending}
          errors={{ ...fieldErrors(create.error, serverField), ...checked }}
          onSubmit={submit}
        />
      </section>
      <Changes w={w} />
    </main>
  );
}

/** One account up close: its name, a new password (shown once), and switching it off or on. */
function ManagePanel({
  account,
  self,
  w,
  busy,
  newPassword,
  onChange,
  onReset,
  onClose,
}: {
  account: Account;
  self: boolean;
  w: Words;
  busy: boolean;
  newPassword?: string;
  onChange: (change: AccountUpdate) => void;
  onReset: () => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(account.displayName);
  const changedName = name.trim() && name.trim() !== account.displayName;
  return (
    <section className="card manage" aria-labelledby="manage-title" data-testid="manage">
      <div className="manage-head">
        <h2 id="manage-title">
          {account.displayName} <span className="muted">({account.username})</span>
        </h2>
        <button className="link" onClick={onClose}>
          {w.close}
        </button>
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (changedName) onChange({ displayName: name.trim() });
        }}
      >
        <label className="field">
          <span className="label">{w.name}</span>
          <input value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" disabled={busy || !changedName}>
          {w.saveName}
        </button>
      </form>
      <div className="manage-actions">
        <ConfirmButton
          label={w.reset}
          question={w.resetQuestion}
          confirm={w.resetConfirm}
          disabled={busy}
          onConfirm={onReset}
        />
        {account.active ? (
          <ConfirmButton
            label={w.deactivate}
            question={w.deactivateQuestion(account.displayName)}
            confirm={w.deactivateConfirm}
            disabled={busy || self}
            onConfirm={() => onChange({ active: false })}
          />
        ) : (
          <button disabled={busy} onClick={() => onChange({ active: true })}>
            {w.reactivate}
          </button>
        )}
      </div>
      {self && <p className="muted">{w.ownAccount}</p>}
      {newPassword && (
        <div className="notice" data-testid="new-password" aria-live="polite">
          <p>
            {w.newPassword(account.displayName)} <code className="secret">{newPassword}</code>
          </p>
          <p className="muted">{w.once}</p>
        </div>
      )}
      <Changes w={w} of={account} />
    </section>
  );
}

/** The record of changes to accounts: the site's, or one account's. */
function Changes({ w, of }: { w: Words; of?: Account }) {
  const { locale } = useI18n();
  const changes = useQuery(queries.accountChanges(of?.id));
  const items = changes.data?.slice(0, of ? 10 : 20);
  const title = of ? w.changesOf(of.displayName) : w.changes;
  const Heading = of ? 'h3' : 'h2';
  const body = (
    <>
      <Heading>{title}</Heading>
      <ErrorMessage error={changes.error} />
      {items?.length === 0 && <p className="muted">{w.noChanges}</p>}
      {!!items?.length && (
        <Table
          className="report-table changes-table"
          data-testid={of ? 'account-changes' : 'changes'}
          columns={[w.at, w.by, w.what]}
        >
          {items.map((c, i) => (
            <tr key={`${c.at}-${i}`}>
              <td>{formatDateTime(c.at, locale)}</td>
              <td title={c.by}>{c.byName}</td>
              <td>{c.text}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
  return of ? (
    body
  ) : (
    <section className="card" aria-label={title}>
      {body}
    </section>
  );
}
