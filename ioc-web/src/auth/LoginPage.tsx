import { useEffect, useState, type FormEvent } from 'react';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n';
import { safeNext } from './api-fetch';
import { session, type AuthConfig, type LoginResult } from './session';
import './auth.css';

/** Where to go after signing in: `?next=` when it is a same-origin relative path, else `/`. */
export function nextFromSearch(search: string): string {
  return safeNext(new URLSearchParams(search).get('next'), '/');
}

function errorText(t: (key: MessageKey, params?: Record<string, string | number>) => string, result: Extract<LoginResult, { ok: false }>): string {
  const seconds = result.retryAfterSeconds;
  if (result.reason === 'invalid') return t('auth.error.invalid');
  if (result.reason === 'locked') return seconds !== null ? t('auth.error.locked', { seconds }) : t('auth.error.lockedNoTime');
  if (result.reason === 'throttled') return seconds !== null ? t('auth.error.throttled', { seconds }) : t('auth.error.throttledNoTime');
  return result.detail ?? t('auth.error.unavailable');
}

/** `/login`: username/password against /api/v1/auth/login, and the provincial SSO when enabled. */
export default function LoginPage() {
  const { t } = useI18n();
  const next = nextFromSearch(window.location.search);
  const [config, setConfig] = useState<AuthConfig | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void session.config().then(setConfig);
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username || !password) {
      setError(t('auth.error.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    const result = await session.login(username, password);
    setBusy(false);
    if (result.ok) {
      // A full load: every page starts with the session in place.
      window.location.assign(next);
      return;
    }
    setPassword('');
    setError(errorText(t, result));
  };

  const sso = config?.oidc.enabled && config.oidc.loginUrl ? `${config.oidc.loginUrl}${config.oidc.loginUrl.includes('?') ? '&' : '?'}next=${encodeURIComponent(next)}` : null;
  return (
    <main className="login-page" data-testid="login-page">
      <form className="login-card" onSubmit={(e) => void submit(e)} noValidate>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <h1>{t('auth.title')}</h1>
          <LanguageSwitch />
        </div>
        <div>{t('auth.subtitle')}</div>
        {config?.local !== false && (
          <>
            <label>
              {t('auth.username')}
              <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus data-testid="login-username" />
            </label>
            <label>
              {t('auth.password')}
              <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
            </label>
            {error && (
              <div className="login-error" role="alert" data-testid="login-error">
                {error}
              </div>
            )}
            <button type="submit" disabled={busy} data-testid="login-submit">
              {busy ? t('auth.submitting') : t('auth.submit')}
            </button>
          </>
        )}
        {sso && (
          <>
            {config?.local !== false && <div className="login-or">{t('auth.or')}</div>}
            <a className="login-sso" href={sso} data-testid="login-sso">
              {t('auth.sso')}
            </a>
          </>
        )}
      </form>
    </main>
  );
}
