import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { formatShortDateTime } from '../format/format';
import { api, ProblemError } from './admin-api';

interface Grant {
  id: string;
  sector: string;
  grantee: { role?: string; userId?: string };
  permissions: string[];
  regions: string[];
  incidentId?: string;
  reason: string;
  createdBy: string;
  expiresAt: string;
  revokedAt: string | null;
  state: 'active' | 'expired' | 'revoked';
}

/** Emergency grants: active and past ones, a create form, revoke (POST /api/v1/grants…). */
export function GrantsTab() {
  const { t, locale } = useI18n();
  const [active, setActive] = useState(true);
  const [items, setItems] = useState<Grant[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [ok, setOk] = useState<string | null>(null);
  const [draft, setDraft] = useState({ sector: '', role: 'operator', userId: '', permissions: 'report:read', durationMin: '240', incidentId: '', reason: '' });

  const reload = useCallback(async () => {
    try {
      setItems((await api<{ items: Grant[] }>('GET', `/grants?active=${active}`)).items);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [active]);
  useEffect(() => void reload(), [reload]);

  const create = async () => {
    setFields({});
    setOk(null);
    try {
      const g = await api<Grant>('POST', '/grants', {
        sector: draft.sector,
        grantee: draft.userId ? { userId: draft.userId } : { role: draft.role },
        permissions: draft.permissions.split(',').map((s) => s.trim()).filter(Boolean),
        durationMin: Number(draft.durationMin),
        ...(draft.incidentId ? { incidentId: draft.incidentId } : {}),
        reason: draft.reason,
      });
      setOk(t('grants.created', { id: g.id }));
      await reload();
    } catch (err) {
      setError((err as Error).message);
      if (err instanceof ProblemError) setFields(err.fields);
    }
  };
  const revoke = async (id: string) => {
    const reason = window.prompt(t('grants.revokeReason'));
    if (!reason) return;
    try {
      await api('POST', `/grants/${encodeURIComponent(id)}/revoke`, { reason });
      setOk(t('grants.revoked'));
      await reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const input = (key: keyof typeof draft, label: string) => (
    <label className="admin-field">
      <span>{label}</span>
      <input data-field={key} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
      {fields[key] && <small className="admin-error">{fields[key]}</small>}
    </label>
  );

  return (
    <section className="admin-section" data-testid="grants-tab">
      <div className="admin-toolbar">
        <button type="button" aria-pressed={active} onClick={() => setActive(true)}>{t('grants.active')}</button>
        <button type="button" aria-pressed={!active} onClick={() => setActive(false)}>{t('grants.expired')}</button>
      </div>
      {error && <p className="admin-error" role="alert">{error}</p>}
      {ok && <p className="admin-ok">{ok}</p>}
      {items === null ? (
        <p>{t('admin.loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('grants.none')}</p>
      ) : (
        <table className="admin-table">
          <thead>
            <tr><th>{t('grants.sector')}</th><th>{t('grants.role')}</th><th>{t('grants.permissions')}</th><th>{t('grants.incident')}</th><th>{t('grants.reason')}</th><th>{t('grants.expiresAt')}</th><th>{t('grants.state')}</th><th /></tr>
          </thead>
          <tbody>
            {items.map((g) => (
              <tr key={g.id} data-grant={g.id}>
                <td>{g.sector}</td>
                <td>{g.grantee.role ?? g.grantee.userId}</td>
                <td>{g.permissions.join(', ')}</td>
                <td>{g.incidentId ?? ''}</td>
                <td>{g.reason}</td>
                <td>{formatShortDateTime(g.expiresAt, locale)}</td>
                <td>{g.state}</td>
                <td>{g.state === 'active' && <button type="button" onClick={() => void revoke(g.id)}>{t('grants.revoke')}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="admin-form" onSubmit={(e) => { e.preventDefault(); void create(); }}>
        {input('sector', t('grants.sector'))}
        {input('role', t('grants.role'))}
        {input('userId', t('grants.userId'))}
        {input('permissions', t('grants.permissions'))}
        {input('durationMin', t('grants.duration'))}
        {input('incidentId', t('grants.incident'))}
        {input('reason', t('grants.reason'))}
        <button type="submit">{t('grants.create')}</button>
      </form>
    </section>
  );
}
