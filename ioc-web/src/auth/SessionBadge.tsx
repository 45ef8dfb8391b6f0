import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { loginPath } from './api-fetch';
import { session } from './session';
import './auth.css';

/** "Đăng nhập: X · Đăng xuất" for the headers of the non-kiosk pages (never on the wall). */
export function SessionBadge() {
  const { t } = useI18n();
  const [user, setUser] = useState(session.user);
  useEffect(() => session.onChange(() => setUser(session.user)), []);
  if (!user) return null;
  const logout = async () => {
    await session.logout();
    window.location.assign(loginPath(`${window.location.pathname}${window.location.search}`));
  };
  return (
    <span className="session-badge" data-testid="session-badge">
      <span className="session-badge__name">{t('auth.signedInAs', { name: user.displayName || user.username })}</span>
      {' · '}
      <button type="button" className="session-badge__logout" onClick={() => void logout()} data-testid="logout">
        {t('auth.logout')}
      </button>
    </span>
  );
}
