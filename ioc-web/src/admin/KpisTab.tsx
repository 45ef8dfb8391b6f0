import { useCallback, useEffect, useMemo, useState } from 'react';
import type { KpiInfo, KpiPeriod, SectorManifest } from '@ioc/sdk';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n';
import { formatKpiNumber } from '../kpi/kpi-format';
import { formatShortDateTime } from '../format/format';
import { restClient } from '../api/rest-client';
import { ADMIN_ACTOR, api, ProblemError } from './admin-api';
import { Field, Outcome } from './Field';

interface TargetRow {
  kpiId: string;
  period: KpiPeriod;
  periodKey: string;
  regionId: string;
  level: string;
  value: number;
  origin: 'manifest' | 'operator';
  updatedAt?: string;
  updatedBy?: string | null;
}

const LEVELS = ['*', 'province', 'district', 'commune'];

/** KPIs by sector; a KPI's targets (module defaults and operators'), and setting one. */
export function KpisTab() {
  const { t, pick, locale } = useI18n();
  const [kpis, setKpis] = useState<KpiInfo[] | null>(null);
  const [sectors, setSectors] = useState<SectorManifest[]>([]);
  const [sector, setSector] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState<KpiInfo | null>(null);
  const [targets, setTargets] = useState<TargetRow[] | null>(null);
  const [form, setForm] = useState({ period: '', periodKey: '*', regionId: '*', level: '*', value: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<{ ok: string | null; error: string | null }>({ ok: null, error: null });

  useEffect(() => {
    void api<{ kpis: KpiInfo[] }>('GET', '/kpis').then((r) => setKpis(r.kpis.filter((k) => k.kind !== 'quality'))).catch((err: Error) => setLoadError(err.message));
    void restClient.sectors().then((s) => setSectors(s.items)).catch(() => undefined);
  }, []);

  const loadTargets = useCallback(async (k: KpiInfo) => {
    setTargets(null);
    try {
      setTargets((await api<{ targets: TargetRow[] }>('GET', `/kpis/${encodeURIComponent(k.id)}/targets`)).targets);
    } catch (err) {
      setOutcome({ ok: null, error: (err as Error).message });
    }
  }, []);

  const pickKpi = (k: KpiInfo) => {
    setSelected(k);
    setErrors({});
    setOutcome({ ok: null, error: null });
    setForm({ period: k.periods.find((p) => p !== 'realtime') ?? k.periods[0] ?? 'day', periodKey: '*', regionId: '*', level: '*', value: '' });
    void loadTargets(k);
  };

  const save = async () => {
    if (!selected) return;
    setErrors({});
    setOutcome({ ok: null, error: null });
    const value = form.value.trim() === '' ? NaN : Number(form.value.replace(',', '.'));
    try {
      const res = await api<{ targets: TargetRow[] }>('PUT', `/kpis/${encodeURIComponent(selected.id)}/targets`, { targets: [{ period: form.period, periodKey: form.periodKey || '*', regionId: form.regionId || '*', level: form.level, value: Number.isFinite(value) ? value : form.value }], updatedBy: ADMIN_ACTOR }, /^targets\[\d+\]\./);
      setTargets(res.targets);
      setOutcome({ ok: t('admin.saved'), error: null });
    } catch (err) {
      if (err instanceof ProblemError) setErrors(err.fields);
      setOutcome({ ok: null, error: (err as Error).message });
    }
  };

  const bySector = useMemo(() => {
    const list = (kpis ?? []).filter((k) => !sector || k.sector === sector);
    const groups = new Map<string, KpiInfo[]>();
    for (const k of list) groups.set(k.sector, [...(groups.get(k.sector) ?? []), k]);
    return [...groups];
  }, [kpis, sector]);
  const sectorName = (id: string) => {
    const s = sectors.find((x) => x.id === id);
    return s ? pick(s.name) : id;
  };
  const decimals = (selected as { decimals?: number } | null)?.decimals ?? 0;

  return (
    <section className="admin-panel admin-split" data-panel="kpis">
      <div className="admin-split__list">
        <div className="admin-toolbar">
          <select className="admin-input" value={sector} onChange={(e) => setSector(e.target.value)} data-filter="sector">
            <option value="">{t('admin.allSectors')}</option>
            {sectors.map((s) => <option key={s.id} value={s.id}>{pick(s.name)}</option>)}
          </select>
        </div>
        {loadError && <p className="admin-outcome admin-outcome--error">{t('admin.loadFailed', { error: loadError })}</p>}
        {!kpis && !loadError && <p>{t('admin.loading')}</p>}
        {bySector.map(([sid, list]) => (
          <div key={sid} className="admin-kpi-group">
            <h3>{sectorName(sid)}</h3>
            <ul>
              {list.map((k) => (
                <li key={k.id}>
                  <button type="button" className={`admin-kpi${selected?.id === k.id ? ' admin-kpi--on' : ''}`} data-kpi={k.id} onClick={() => pickKpi(k)}>
                    <span>{pick(k.name)}</span>
                    <span className="admin-mono admin-muted">{k.id}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      <div className="admin-split__detail">
        {!selected && <p className="admin-muted">{t('admin.chooseKpi')}</p>}
        {selected && (
          <>
            <h2>{t('admin.targets', { name: pick(selected.name) })}</h2>
            <p className="admin-muted">
              <span className="admin-mono">{selected.id}</span> · {t('admin.col.unit')}: {pick(selected.unit)} · {selected.periods.map((p) => t(`tablet.period.${p}` as MessageKey)).join(', ')}
            </p>
            {!targets && <p>{t('admin.loading')}</p>}
            {targets && targets.length === 0 && <p className="admin-muted">{t('admin.noTargets')}</p>}
            {targets && targets.length > 0 && (
              <table className="admin-table" data-table="targets">
                <thead>
                  <tr>
                    <th>{t('admin.col.period')}</th>
                    <th>{t('admin.col.periodKey')}</th>
                    <th>{t('admin.col.region')}</th>
                    <th>{t('admin.col.level')}</th>
                    <th>{t('admin.col.value')}</th>
                    <th>{t('admin.col.origin')}</th>
                    <th>{t('admin.col.updatedBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {targets.map((r, i) => (
                    <tr key={i} data-target={`${r.period}|${r.periodKey}|${r.regionId}|${r.level}|${r.origin}`}>
                      <td>{t(`tablet.period.${r.period}` as MessageKey)}</td>
                      <td>{r.periodKey === '*' ? t('admin.all') : r.periodKey}</td>
                      <td>{r.regionId === '*' ? t('admin.all') : r.regionId}</td>
                      <td>{r.level === '*' ? t('admin.all') : t(`admin.level.${r.level}` as MessageKey)}</td>
                      <td className="admin-num" data-value={r.value}>{formatKpiNumber(r.value, decimals, locale)}</td>
                      <td>{t(`admin.origin.${r.origin}` as MessageKey)}</td>
                      <td>{[r.updatedBy, r.updatedAt ? formatShortDateTime(r.updatedAt, locale) : null].filter(Boolean).join(' · ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <form className="admin-form" data-form="target" onSubmit={(e) => { e.preventDefault(); void save(); }}>
              <h3>{t('admin.setTarget')}</h3>
              <div className="admin-form__grid">
                <Field label={t('admin.col.period')} name="period" error={errors.period}>
                  <select className="admin-input" value={form.period} onChange={(e) => setForm({ ...form, period: e.target.value })}>
                    {selected.periods.map((p) => <option key={p} value={p}>{t(`tablet.period.${p}` as MessageKey)}</option>)}
                  </select>
                </Field>
                <Field label={t('admin.col.periodKey')} name="periodKey" error={errors.periodKey}><input className="admin-input" value={form.periodKey} onChange={(e) => setForm({ ...form, periodKey: e.target.value })} /></Field>
                <Field label={t('admin.col.region')} name="regionId" error={errors.regionId}><input className="admin-input" value={form.regionId} onChange={(e) => setForm({ ...form, regionId: e.target.value })} /></Field>
                <Field label={t('admin.col.level')} name="level" error={errors.level}>
                  <select className="admin-input" value={form.level} onChange={(e) => setForm({ ...form, level: e.target.value })}>
                    {LEVELS.map((l) => <option key={l} value={l}>{l === '*' ? t('admin.all') : t(`admin.level.${l}` as MessageKey)}</option>)}
                  </select>
                </Field>
                <Field label={t('admin.col.value')} name="value" error={errors.value}><input className="admin-input" inputMode="decimal" value={form.value} onChange={(e) => setForm({ ...form, value: e.target.value })} /></Field>
              </div>
              <Outcome {...outcome} />
              <div className="admin-form__actions">
                <button type="submit" className="admin-button admin-button--primary">{t('admin.setTarget')}</button>
              </div>
            </form>
          </>
        )}
      </div>
    </section>
  );
}
