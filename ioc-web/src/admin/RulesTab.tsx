import { useCallback, useEffect, useMemo, useState } from 'react';
import { SEVERITIES, type AlertRule, type SectorManifest } from '@ioc/sdk';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n';
import { restClient } from '../api/rest-client';
import { ADMIN_ACTOR, api, ProblemError } from './admin-api';
import { Field, Outcome } from './Field';

interface Draft {
  id: string;
  isNew: boolean;
  version?: number;
  sector: string;
  nameVi: string;
  nameEn: string;
  severity: string;
  when: string;
  incidentType: string | null;
  policyId: string;
  enabled: boolean;
  autoResolve: boolean;
}

function draftOf(r: AlertRule): Draft {
  return { id: r.id, isNew: false, version: r.version, sector: r.sector, nameVi: r.name.vi, nameEn: r.name.en ?? '', severity: r.severity, when: JSON.stringify(r.when, null, 2), incidentType: r.incidentType, policyId: r.policyId, enabled: r.enabled, autoResolve: r.autoResolve };
}

/** Alert rules: list, enable/disable, edit (PUT with its version), delete the admin's own. */
export function RulesTab() {
  const { t, pick } = useI18n();
  const [rules, setRules] = useState<AlertRule[] | null>(null);
  const [sectors, setSectors] = useState<SectorManifest[]>([]);
  const [sector, setSector] = useState('');
  const [q, setQ] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<{ ok: string | null; error: string | null }>({ ok: null, error: null });
  const [deleting, setDeleting] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setRules((await api<{ items: AlertRule[] }>('GET', '/rules')).items);
    } catch (err) {
      setLoadError((err as Error).message);
    }
  }, []);
  useEffect(() => {
    void reload();
    void restClient.sectors().then((s) => setSectors(s.items)).catch(() => undefined);
  }, [reload]);

  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (rules ?? []).filter((r) => (!sector || r.sector === sector) && (!needle || r.id.toLowerCase().includes(needle) || r.name.vi.toLowerCase().includes(needle) || (r.name.en ?? '').toLowerCase().includes(needle)));
  }, [rules, sector, q]);

  const run = async (fn: () => Promise<unknown>, ok: string) => {
    setOutcome({ ok: null, error: null });
    setErrors({});
    try {
      await fn();
      setOutcome({ ok, error: null });
      await reload();
      return true;
    } catch (err) {
      if (err instanceof ProblemError) setErrors(err.fields);
      setOutcome({ ok: null, error: (err as Error).message });
      return false;
    }
  };

  /** A module's default rule (changed or not) cannot be deleted, only disabled. */
  const isDefault = (r: AlertRule) => {
    const m = sectors.find((s) => s.id === r.sector);
    return !m || r.id.slice(r.sector.length + 1) in (m.rules ?? {});
  };
  const toggle = (r: AlertRule) => run(() => api('POST', `/rules/${encodeURIComponent(r.id)}/enabled`, { enabled: !r.enabled, updatedBy: ADMIN_ACTOR }), t('admin.saved'));

  const save = async () => {
    if (!draft) return;
    let when: unknown;
    try {
      when = JSON.parse(draft.when);
    } catch {
      setErrors({ when: t('admin.invalidJson') });
      return;
    }
    const body = { sector: draft.sector, name: { vi: draft.nameVi, en: draft.nameEn || draft.nameVi }, severity: draft.severity, when, incidentType: draft.incidentType, ...(draft.policyId ? { policyId: draft.policyId } : {}), enabled: draft.enabled, autoResolve: draft.autoResolve, updatedBy: ADMIN_ACTOR, ...(draft.version !== undefined ? { version: draft.version } : {}) };
    // Errors name `name.vi`, `when.metric`…: the form shows them under the closest field.
    if (await run(() => api('PUT', `/rules/${encodeURIComponent(draft.id)}`, body), t('admin.saved'))) setDraft(null);
  };
  const fieldError = (prefix: string) =>
    Object.entries(errors)
      .filter(([k]) => k === prefix || k.startsWith(`${prefix}.`) || k.startsWith(`${prefix}[`))
      .map(([k, v]) => (k === prefix ? v : `${k}: ${v}`))
      .join('; ') || undefined;

  const set = <K extends keyof Draft>(k: K) => (v: Draft[K]) => setDraft((d) => (d ? { ...d, [k]: v } : d));

  return (
    <section className="admin-panel" data-panel="rules">
      <div className="admin-toolbar">
        <input className="admin-input" type="search" placeholder={t('admin.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        <select className="admin-input" value={sector} onChange={(e) => setSector(e.target.value)}>
          <option value="">{t('admin.allSectors')}</option>
          {sectors.map((s) => <option key={s.id} value={s.id}>{pick(s.name)}</option>)}
        </select>
        <span className="admin-count">{t('admin.shown', { shown: shown.length, total: rules?.length ?? 0 })}</span>
        <button type="button" className="admin-button admin-button--primary" onClick={() => { setDraft({ id: `${sector || sectors[0]?.id || 'environment'}.`, isNew: true, sector: sector || sectors[0]?.id || 'environment', nameVi: '', nameEn: '', severity: 'warning', when: '{\n  "type": "threshold",\n  "sourceKind": "",\n  "metric": "",\n  "op": ">",\n  "value": 0\n}', incidentType: null, policyId: '', enabled: true, autoResolve: true }); setErrors({}); }}>
          {t('admin.new')}
        </button>
      </div>
      <Outcome {...outcome} />
      {draft && (
        <form className="admin-form" data-form="rule" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <h2>{t('admin.editRule', { id: draft.id })}</h2>
          <div className="admin-form__grid">
            {draft.isNew && <Field label={t('admin.col.id')} name="id" error={fieldError('id')}><input className="admin-input" value={draft.id} onChange={(e) => set('id')(e.target.value)} /></Field>}
            <Field label={t('admin.col.sector')} name="sector" error={fieldError('sector')}>
              <select className="admin-input" value={draft.sector} onChange={(e) => set('sector')(e.target.value)}>
                {sectors.map((s) => <option key={s.id} value={s.id}>{pick(s.name)}</option>)}
              </select>
            </Field>
            <Field label={t('admin.col.nameVi')} name="name.vi" error={fieldError('name')}><input className="admin-input" value={draft.nameVi} onChange={(e) => set('nameVi')(e.target.value)} /></Field>
            <Field label={t('admin.col.nameEn')} name="name.en"><input className="admin-input" value={draft.nameEn} onChange={(e) => set('nameEn')(e.target.value)} /></Field>
            <Field label={t('admin.col.severity')} name="severity" error={fieldError('severity')}>
              <select className="admin-input" value={draft.severity} onChange={(e) => set('severity')(e.target.value)}>
                {SEVERITIES.map((s) => <option key={s} value={s}>{t(`tablet.severity.${s}` as MessageKey)}</option>)}
              </select>
            </Field>
            <Field label={t('admin.col.enabled')} name="enabled"><input type="checkbox" className="admin-check" checked={draft.enabled} onChange={(e) => set('enabled')(e.target.checked)} /></Field>
            <Field label={t('admin.col.autoResolve')} name="autoResolve"><input type="checkbox" className="admin-check" checked={draft.autoResolve} onChange={(e) => set('autoResolve')(e.target.checked)} /></Field>
          </div>
          <Field label={t('admin.col.when')} name="when" error={fieldError('when')}>
            <textarea className="admin-input admin-code" rows={8} value={draft.when} onChange={(e) => set('when')(e.target.value)} spellCheck={false} />
          </Field>
          {fieldError('version') && <p className="admin-outcome admin-outcome--error">{fieldError('version')}</p>}
          <div className="admin-form__actions">
            <button type="submit" className="admin-button admin-button--primary">{t('admin.save')}</button>
            <button type="button" className="admin-button" onClick={() => setDraft(null)}>{t('admin.cancel')}</button>
          </div>
        </form>
      )}
      {loadError && <p className="admin-outcome admin-outcome--error">{t('admin.loadFailed', { error: loadError })}</p>}
      {!rules && !loadError && <p>{t('admin.loading')}</p>}
      {rules && (
        <div className="admin-table-wrap">
          <table className="admin-table" data-table="rules">
            <thead>
              <tr>
                <th>{t('admin.col.id')}</th>
                <th>{t('admin.col.name')}</th>
                <th>{t('admin.col.severity')}</th>
                <th>{t('admin.col.enabled')}</th>
                <th>{t('admin.col.origin')}</th>
                <th>{t('admin.col.version')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id} data-rule={r.id} data-enabled={r.enabled ? '1' : '0'}>
                  <td className="admin-mono">{r.id}</td>
                  <td>{pick(r.name)}</td>
                  <td><span className={`admin-sev admin-sev--${r.severity}`}>{t(`tablet.severity.${r.severity}` as MessageKey)}</span></td>
                  <td>
                    <button type="button" className={`admin-button admin-button--small admin-toggle${r.enabled ? ' admin-toggle--on' : ''}`} data-action="toggle" onClick={() => void toggle(r)} title={r.enabled ? t('admin.disable') : t('admin.enable')}>
                      {r.enabled ? t('admin.on') : t('admin.off')}
                    </button>
                  </td>
                  <td>{t(`admin.origin.${r.origin}` as MessageKey)}</td>
                  <td>{r.version}</td>
                  <td className="admin-actions">
                    <button type="button" className="admin-button admin-button--small" data-action="edit" onClick={() => { setDraft(draftOf(r)); setErrors({}); }}>{t('admin.edit')}</button>
                    {r.origin === 'api' && !isDefault(r) &&
                      (deleting === r.id ? (
                        <button type="button" className="admin-button admin-button--small admin-button--danger" onClick={() => { setDeleting(null); void run(() => api('DELETE', `/rules/${encodeURIComponent(r.id)}`), t('admin.deleted')); }}>{t('admin.confirmDelete')}</button>
                      ) : (
                        <button type="button" className="admin-button admin-button--small" onClick={() => setDeleting(r.id)}>{t('admin.delete')}</button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
