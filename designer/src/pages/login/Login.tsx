import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, type User } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { ErrorMessage } from '../../components/ErrorMessage';

export function Login({ onLogin }: { onLogin: (u: User) => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => api.login(username, password),
    onSuccess: ({ user }) => onLogin(user),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    login.mutate();
  }

  return (
    <main className="login">
      <form onSubmit={submit} className="card" aria-labelledby="login-title">
        <h1 id="login-title">{t.appName}</h1>
        <div className="field">
          <label htmlFor="username" className="label">
            {t.username}
          </label>
          <input
            id="username"
            autoComplete="username"
            autoCapitalize="none"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="password" className="label">
            {t.password}
          </label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </div>
        <ErrorMessage error={login.error} />
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? t.loggingIn : t.login}
        </button>
      </form>
    </main>
  );
}
