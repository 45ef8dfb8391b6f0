import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { onForbidden } from './api-fetch';
import './auth.css';

/** A clear "Không có quyền" notice when the API answers 403 (the page stays; no loop to the login). */
export function ForbiddenNotice() {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => onForbidden((u) => setUrl(u)), []);
  if (!url) return null;
  return (
    <div className="forbidden-notice" role="alert" data-testid="forbidden" data-url={url}>
      {t('auth.forbidden')}
      <button type="button" onClick={() => setUrl(null)} aria-label={t('auth.dismiss')}>
        ×
      </button>
    </div>
  );
}
