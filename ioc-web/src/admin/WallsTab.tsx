import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { wallLayouts } from '../walls';
import { validateWallLayout, type WallLayout } from '../walls/wall-layout';
import { widgetRegistry } from '../widgets/registry';
import { ADMIN_ACTOR, api, ProblemError } from './admin-api';
import { Outcome } from './Field';

/** What the editor checks before a save: JSON, the layout shape, the grid and the widget registry. */
export function checkWallJson(text: string): { errors: string[]; value: (WallLayout & { scenes?: unknown; playlist?: unknown }) | null } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { errors: [`JSON: ${(err as Error).message}`], value: null };
  }
  const v = value as Partial<WallLayout> & { scenes?: unknown; playlist?: unknown };
  const errors: string[] = [];
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { errors: ['the layout must be a JSON object'], value: null };
  if (typeof v.id !== 'string' || !v.id) errors.push('id: must be a non-empty string');
  if (!v.grid || !Number.isInteger(v.grid.columns) || !Number.isInteger(v.grid.rows) || v.grid.columns < 1 || v.grid.rows < 1) errors.push('grid: needs whole columns and rows ≥ 1');
  if (!Array.isArray(v.tiles)) errors.push('tiles: must be an array');
  if (v.scenes !== undefined && (typeof v.scenes !== 'object' || v.scenes === null)) errors.push('scenes: must be an object or an array');
  if (v.playlist !== undefined && (typeof v.playlist !== 'object' || v.playlist === null)) errors.push('playlist: must be an object or an array');
  if (errors.length) return { errors, value: null };
  return { errors: validateWallLayout(v as WallLayout, widgetRegistry), value: v as WallLayout };
}

type WallSummary = { id: string; name?: unknown };

/**
 * Wall layouts as JSON: pick a wall, edit, check against the grid and the widget registry, save
 * through PUT /api/v1/walls/:id. Without that API (an older server), the bundled layouts can be
 * checked but not saved.
 */
export function WallsTab() {
  const { t } = useI18n();
  const [walls, setWalls] = useState<WallSummary[] | null>(null);
  const [hasApi, setHasApi] = useState<boolean | null>(null);
  const [wallId, setWallId] = useState<string>('');
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<{ ok: string | null; error: string | null }>({ ok: null, error: null });
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    void api<{ items?: WallSummary[] } | WallSummary[]>('GET', '/walls')
      .then((r) => {
        const items = Array.isArray(r) ? r : (r.items ?? []);
        setHasApi(true);
        setWalls(items);
        if (items[0]) setWallId(items[0].id);
      })
      .catch(() => {
        setHasApi(false);
        const items = [...wallLayouts.keys()].map((id) => ({ id }));
        setWalls(items);
        if (items[0]) setWallId(items[0].id);
      });
  }, []);

  useEffect(() => {
    if (!wallId || hasApi === null) return;
    setOutcome({ ok: null, error: null });
    setServerErrors({});
    if (!hasApi) {
      setText(JSON.stringify(wallLayouts.get(wallId) ?? {}, null, 2));
      return;
    }
    void api<unknown>('GET', `/walls/${encodeURIComponent(wallId)}`)
      .then((w) => setText(JSON.stringify(w, null, 2)))
      .catch((err: Error) => setOutcome({ ok: null, error: err.message }));
  }, [wallId, hasApi]);

  const check = useMemo(() => (text ? checkWallJson(text) : { errors: [], value: null }), [text]);

  const save = async () => {
    if (!check.value || check.errors.length) return;
    setOutcome({ ok: null, error: null });
    setServerErrors({});
    try {
      await api('PUT', `/walls/${encodeURIComponent(wallId)}`, { ...check.value, updatedBy: ADMIN_ACTOR });
      setOutcome({ ok: t('admin.saved'), error: null });
    } catch (err) {
      if (err instanceof ProblemError) setServerErrors(err.fields);
      setOutcome({ ok: null, error: (err as Error).message });
    }
  };

  return (
    <section className="admin-panel" data-panel="walls">
      <div className="admin-toolbar">
        <label className="admin-inline">
          {t('admin.walls.pick')}{' '}
          <select className="admin-input" value={wallId} onChange={(e) => setWallId(e.target.value)}>
            {(walls ?? []).map((w) => <option key={w.id} value={w.id}>{w.id}</option>)}
          </select>
        </label>
        <button type="button" className="admin-button admin-button--primary" disabled={!hasApi || !check.value || check.errors.length > 0} onClick={() => void save()}>
          {t('admin.save')}
        </button>
      </div>
      {hasApi === false && <p className="admin-outcome admin-outcome--warn">{t('admin.walls.noApi')}</p>}
      <Outcome {...outcome} />
      <div className="admin-walls">
        <textarea className="admin-input admin-code admin-walls__editor" value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} data-editor="wall" />
        <div className="admin-walls__check" data-check={check.errors.length ? 'errors' : 'ok'}>
          <h3>{check.errors.length ? t('admin.walls.errors') : t('admin.walls.valid')}</h3>
          <ul>
            {check.errors.map((e) => <li key={e}>{e}</li>)}
            {Object.entries(serverErrors).map(([f, p]) => <li key={f}>{f}: {p}</li>)}
          </ul>
        </div>
      </div>
    </section>
  );
}
