import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SectorManifest, SourceState } from '@ioc/sdk';
import { useI18n } from '../i18n/i18n-context';
import { formatShortDateTime } from '../format/format';
import { restClient } from '../api/rest-client';
import type { SourceWithState } from '../api/types';
import { RegionTree } from '../regions/region-tree';
import { SOURCE_STATE_LABELS } from '../colors/source-state';
import { api, ProblemError } from './admin-api';
import { Field, Outcome } from './Field';

const STATES: SourceState[] = ['online', 'stale', 'offline', 'unknown'];
const MAX_ROWS = 200;

interface Draft {
  id: string;
  sector: string;
  kind: string;
  name: string;
  regionId: string;
  lon: string;
  lat: string;
  /** Kept as they were: the form does not edit them, and a PUT without them would drop them. */
  attributes?: Record<string, unknown>;
}

const EMPTY: Draft = { id: '', sector: '', kind: '', name: '', regionId: '', lon: '', lat: '' };

/** Sources: list with state and last seen, search and filters, register/edit through PUT /sources. */
export function SourcesTab() {
  const { t, locale, pick } = useI18n();
  const [sources, setSources] = useState<SourceWithState[] | null>(null);
  const [sectors, setSectors] = useState<SectorManifest[]>([]);
  const [tree, setTree] = useState<RegionTree | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [sector, setSector] = useState('');
  const [state, setState] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<{ ok: string | null; error: string | null }>({ ok: null, error: null });

  const reload = useCallback(async () => {
    try {
      setSources((await restClient.sources()).items);
    } catch (err) {
      setLoadError((err as Error).message);
    }
  }, []);
  useEffect(() => {
    void reload();
    // States and last-seen move on their own: refresh the list now and then.
    const timer = setInterval(() => void reload(), 15_000);
    void restClient.sectors().then((s) => setSectors(s.items)).catch(() => undefined);
    void restClient.allRegions().then((r) => setTree(RegionTree.fromCollection(r))).catch(() => undefined);
    return () => clearInterval(timer);
  }, [reload]);

  const district = (regionId: string) => {
    const d = tree?.ancestorAt(regionId, 'district');
    return d ? pick(d.name) : '';
  };
  const sectorName = (id: string) => {
    const s = sectors.find((x) => x.id === id);
    return s ? pick(s.name) : id;
  };
  const filtered = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (sources ?? []).filter((s) => (!sector || s.sector === sector) && (!state || s.state === state) && (!needle || s.id.toLowerCase().includes(needle) || s.name.toLowerCase().includes(needle)));
  }, [sources, q, sector, state]);

  const communes = useMemo(() => (tree && tree.root ? tree.descendantsAt(tree.root.id, 'commune') : []), [tree]);
  const kinds = Object.keys(sectors.find((s) => s.id === draft?.sector)?.sourceKinds ?? {});

  const save = async () => {
    if (!draft) return;
    setErrors({});
    setOutcome({ ok: null, error: null });
    const src = { id: draft.id, sector: draft.sector, kind: draft.kind, name: draft.name, regionId: draft.regionId, lon: draft.lon === '' ? NaN : Number(draft.lon), lat: draft.lat === '' ? NaN : Number(draft.lat) };
    // JSON has no NaN: an empty or non-numeric coordinate goes as a string, and the server names it.
    const body = { sources: [{ ...src, ...(draft.attributes ? { attributes: draft.attributes } : {}), lon: Number.isFinite(src.lon) ? src.lon : draft.lon, lat: Number.isFinite(src.lat) ? src.lat : draft.lat }] };
    try {
      await api('PUT', '/sources', body, /^sources\[\d+\]\./);
      setOutcome({ ok: t('admin.saved'), error: null });
      setDraft(null);
      await reload();
    } catch (err) {
      if (err instanceof ProblemError) setErrors(err.fields);
      setOutcome({ ok: null, error: (err as Error).message });
    }
  };

  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => (d ? { ...d, [k]: e.target.value } : d));

  return (
    <section className="admin-panel" data-panel="sources">
      <div className="admin-toolbar">
        <input className="admin-input" type="search" placeholder={t('admin.search')} value={q} onChange={(e) => setQ(e.target.value)} data-filter="q" />
        <select className="admin-input" value={sector} onChange={(e) => setSector(e.target.value)} data-filter="sector">
          <option value="">{t('admin.allSectors')}</option>
          {sectors.map((s) => (
            <option key={s.id} value={s.id}>
              {pick(s.name)}
            </option>
          ))}
        </select>
        <select className="admin-input" value={state} onChange={(e) => setState(e.target.value)} data-filter="state">
          <option value="">{t('admin.allStates')}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {t(SOURCE_STATE_LABELS[s])}
            </option>
          ))}
        </select>
        <span className="admin-count" data-testid="sources-count">{t('admin.shown', { shown: Math.min(filtered.length, MAX_ROWS), total: filtered.length })}</span>
        <button type="button" className="admin-button admin-button--primary" onClick={() => { setDraft({ ...EMPTY, sector: sector || sectors[0]?.id || '' }); setErrors({}); }}>
          {t('admin.new')}
        </button>
      </div>
      <Outcome {...outcome} />
      {draft && (
        <form className="admin-form" onSubmit={(e) => { e.preventDefault(); void save(); }} data-form="source">
          <h2>{t('admin.registerSource')}</h2>
          <div className="admin-form__grid">
            <Field label={t('admin.col.id')} name="id" error={errors.id}><input className="admin-input" value={draft.id} onChange={set('id')} /></Field>
            <Field label={t('admin.col.name')} name="name" error={errors.name}><input className="admin-input" value={draft.name} onChange={set('name')} /></Field>
            <Field label={t('admin.col.sector')} name="sector" error={errors.sector}>
              <select className="admin-input" value={draft.sector} onChange={set('sector')}>
                {sectors.map((s) => <option key={s.id} value={s.id}>{pick(s.name)}</option>)}
              </select>
            </Field>
            <Field label={t('admin.col.kind')} name="kind" error={errors.kind}>
              <input className="admin-input" list="admin-kinds" value={draft.kind} onChange={set('kind')} />
              <datalist id="admin-kinds">{kinds.map((k) => <option key={k} value={k} />)}</datalist>
            </Field>
            <Field label={t('admin.col.region')} name="regionId" error={errors.regionId}>
              <input className="admin-input" list="admin-communes" value={draft.regionId} onChange={set('regionId')} />
              <datalist id="admin-communes">{communes.map((c) => <option key={c.id} value={c.id}>{pick(c.name)}</option>)}</datalist>
            </Field>
            <Field label={t('admin.col.lon')} name="lon" error={errors.lon}><input className="admin-input" inputMode="decimal" value={draft.lon} onChange={set('lon')} /></Field>
            <Field label={t('admin.col.lat')} name="lat" error={errors.lat}><input className="admin-input" inputMode="decimal" value={draft.lat} onChange={set('lat')} /></Field>
          </div>
          <div className="admin-form__actions">
            <button type="submit" className="admin-button admin-button--primary">{t('admin.save')}</button>
            <button type="button" className="admin-button" onClick={() => setDraft(null)}>{t('admin.cancel')}</button>
          </div>
        </form>
      )}
      {loadError && <p className="admin-outcome admin-outcome--error">{t('admin.loadFailed', { error: loadError })}</p>}
      {!sources && !loadError && <p>{t('admin.loading')}</p>}
      {sources && (
        <div className="admin-table-wrap">
          <table className="admin-table" data-table="sources">
            <thead>
              <tr>
                <th>{t('admin.col.id')}</th>
                <th>{t('admin.col.name')}</th>
                <th>{t('admin.col.sector')}</th>
                <th>{t('admin.col.kind')}</th>
                <th>{t('admin.col.district')}</th>
                <th>{t('admin.col.state')}</th>
                <th>{t('admin.col.lastSeen')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {filtered.slice(0, MAX_ROWS).map((s) => (
                <tr key={s.id} data-source={s.id}>
                  <td className="admin-mono">{s.id}</td>
                  <td>{s.name}</td>
                  <td>{sectorName(s.sector)}</td>
                  <td>{s.kind}</td>
                  <td>{district(s.regionId)}</td>
                  <td><span className={`admin-state admin-state--${s.state}`}>{t(SOURCE_STATE_LABELS[s.state])}</span></td>
                  <td>{s.lastSeen ? formatShortDateTime(s.lastSeen, locale) : '—'}</td>
                  <td>
                    <button type="button" className="admin-button admin-button--small" onClick={() => { setDraft({ id: s.id, sector: s.sector, kind: s.kind, name: s.name, regionId: s.regionId, lon: String(s.lon), lat: String(s.lat), ...(s.attributes ? { attributes: s.attributes } : {}) }); setErrors({}); }}>
                      {t('admin.edit')}
                    </button>
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
