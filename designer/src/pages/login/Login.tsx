import { useState, type ComponentProps, type FormEvent, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, type User } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { ErrorMessage } from '../../components/ErrorMessage';

const inviteWords = {
  nl: {
    haveCode: 'Ik heb een uitnodigingscode',
    title: 'Je account openen',
    intro: 'Je kreeg een code van je docent of coördinator. Kies daarmee je eigen wachtwoord.',
    code: 'Code',
    password: 'Kies een wachtwoord (minstens 10 tekens)',
    repeat: 'Typ het wachtwoord nog een keer',
    differ: 'De twee wachtwoorden zijn niet hetzelfde.',
    open: 'Account openen',
    back: 'Ik heb al een wachtwoord',
  },
  en: {
    haveCode: 'I have an invitation code',
    title: 'Open your account',
    intro: 'Your teacher or coördinator gave you a code. Use it to choose your own password.',
    code: 'Code',
    password: 'Choose a password (at least 10 characters)',
    repeat: 'Type the password again',
    differ: 'The two passwords are not the same.',
    open: 'Open account',
    back: 'I already have a password',
  },
};

/** A labelled, required input of the login forms. */
function Input({
  id,
  label,
  value,
  onChange,
  ...props
}: { id: string; label: string; value: string; onChange: (v: string) => void } & Omit<
  ComponentProps<'input'>,
  'id' | 'value' | 'onChange'
>) {
  return (
    <div className="field">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} required {...props} />
    </div>
  );
}

/** The card both forms of the login page stand in: a title, the fields, and what sending does. */
function LoginCard({
  id,
  title,
  onSubmit,
  children,
}: {
  id: string;
  title: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <main className="login">
      <form
        className="card"
        aria-labelledby={id}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <h1 id={id}>{title}</h1>
        {children}
      </form>
    </main>
  );
}

/** A student's first visit: the one-time code from their dossier, and the password they choose. */
function Redeem({ onLogin, onBack }: { onLogin: (u: User) => void; onBack: () => void }) {
  const { locale } = useI18n();
  const w = inviteWords[locale];
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const redeem = useMutation({
    mutationFn: () => api.redeemInvitation(code, password),
    onSuccess: ({ user }) => onLogin(user),
  });
  const differ = repeat.length > 0 && repeat !== password;
  return (
    <LoginCard id="invite-title" title={w.title} onSubmit={() => !differ && redeem.mutate()}>
      <p className="muted">{w.intro}</p>
      <Input
        id="invite-code"
        label={w.code}
        autoCapitalize="characters"
        autoComplete="one-time-code"
        value={code}
        onChange={setCode}
      />
      <Input
        id="invite-password"
        label={w.password}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
      />
      <Input
        id="invite-repeat"
        label={w.repeat}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={setRepeat}
      />
      {differ && <p className="error">{w.differ}</p>}
      <ErrorMessage error={redeem.error} />
      <button type="submit" className="primary" disabled={redeem.isPending || differ}>
        {w.open}
      </button>
      <button type="button" className="link" onClick={onBack}>
        {w.back}
      </button>
    </LoginCard>
  );
}

export function Login({ onLogin }: { onLogin: (u: User) => void }) {
  const { t, locale } = useI18n();
  const [inviting, setInviting] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => api.login(username, password),
    onSuccess: ({ user }) => onLogin(user),
  });

  if (inviting) return <Redeem onLogin={onLogin} onBack={() => setInviting(false)} />;

  return (
    <LoginCard id="login-title" title={t.appName} onSubmit={() => login.mutate()}>
      <Input
        id="username"
        label={t.username}
        autoComplete="username"
        autoCapitalize="none"
        value={username}
        onChange={setUsername}
      />
      <Input
        id="password"
        label={t.password}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
      />
      <ErrorMessage error={login.error} />
      <button type="submit" className="primary" disabled={login.isPending}>
        {login.isPending ? t.loggingIn : t.login}
      </button>
      <button type="button" className="link" onClick={() => setInviting(true)}>
        {inviteWords[locale].haveCode}
      </button>
    </LoginCard>
  );
}
