import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { formatShortDateTime } from '../format/format';
import { api } from './admin-api';

interface Row {
  seq: number;
  ts: string;
  actor_name: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}
type Verify = { ok: true; rows: number } | { ok: false; firstBroken: number; reason: string };
const PAGE = 50;

/** The audit trail, newest first with paging; "verify chain" and export links. */
export function AuditTab() {
  const { t, locale } = useI18n();
  const [before, setBefore] = useState<number | undefined>(undefined);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verify, setVerify] = useState<Verify | null>(null);

  const load = useCallback(async () => {
    try {
      setRows((await api<{ items: Row[] }>('GET', `/audit?order=desc&limit=${PAGE}${before ? `&before=${before}` : ''}`)).items);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [before]);
  useEffect(() => void load(), [load]);

  const check = async () => {
    try {
      setVerify(await api<Verify>('GET', '/audit/verify'));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const last = rows?.[rows.length - 1];

  return (
    <section className="admin-section" data-testid="audit-tab">
      <div className="admin-toolbar">
        <button type="button" onClick={() => void check()}>{t('audit.verify')}</button>
        {verify && <span data-testid="audit-verify" className={verify.ok ? 'admin-ok' : 'admin-error'}>{verify.ok ? t('audit.ok', { rows: verify.rows }) : t('audit.broken', { seq: verify.firstBroken, reason: verify.reason })}</span>}
        <a href="/api/v1/audit/export?format=ndjson">{t('audit.export')} NDJSON</a>
        <a href="/api/v1/audit/export?format=csv">{t('audit.export')} CSV</a>
      </div>
      {error && <p className="admin-error" role="alert">{error}</p>}
      {rows === null ? (
        <p>{t('admin.loading')}</p>
      ) : (
        <table className="admin-table">
          <thead>
            <tr><th>#</th><th>{t('audit.time')}</th><th>{t('audit.actor')}</th><th>{t('audit.action')}</th><th>{t('audit.target')}</th><th>{t('audit.detail')}</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.seq}>
                <td>{r.seq}</td>
                <td>{formatShortDateTime(r.ts, locale)}</td>
                <td>{r.actor_name}</td>
                <td>{r.action}</td>
                <td>{r.target}</td>
                <td><code>{JSON.stringify(r.detail)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="admin-toolbar">
        <button type="button" disabled={before === undefined} onClick={() => setBefore(undefined)}>{t('audit.newest')}</button>
        <button type="button" disabled={!last || rows!.length < PAGE} onClick={() => setBefore(last!.seq)}>{t('audit.older')}</button>
      </div>
    </section>
  );
}
