import { useEffect, useMemo, useState } from 'react';
import type { WallState, WallSummary } from '@ioc/sdk';
import { useI18n } from '../i18n/i18n-context';
import { formatShortDateTime } from '../format/format';
import { validateWallLayout, type WallLayout } from '../walls/wall-layout';
import { widgetRegistry } from '../widgets/registry';
import { ADMIN_ACTOR, api, ProblemError } from './admin-api';
import { Outcome } from './Field';

/**
 * What the editor checks before a save: JSON, the layout's shape, then `validateWallLayout` (the
 * geometry check the server runs too — grid, overlaps, screens, scenes, playlist — plus the
 * widgets and options only the web app knows).
 */
export function checkWallJson(text: string): { errors: string[]; value: WallLayout | null } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { errors: [`JSON: ${(err as Error).message}`], value: null };
  }
  const v = value as Partial<WallLayout>;
  const errors: string[] = [];
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { errors: ['the layout must be a JSON object'], value: null };
  if (typeof v.id !== 'string' || !v.id) errors.push('id: must be a non-empty string');
  if (!v.grid || !Number.isInteger(v.grid.columns) || !Number.isInteger(v.grid.rows) || v.grid.columns < 1 || v.grid.rows < 1) errors.push('grid: needs whole columns and rows ≥ 1');
  if (!Array.isArray(v.tiles)) errors.push('tiles: must be an array');
  if (v.scenes !== undefined && !Array.isArray(v.scenes)) errors.push('scenes: must be an array');
  if (v.playlist !== undefined && (typeof v.playlist !== 'object' || v.playlist === null || !Array.isArray(v.playlist.scenes))) errors.push('playlist: must be { scenes: [...], intervalS }');
  if (errors.length) return { errors, value: null };
  return { errors: validateWallLayout(v as WallLayout, widgetRegistry), value: v as WallLayout };
}

/**
 * Walls and scenes: pick a wall (GET /api/v1/walls), edit its layout in force as JSON (tiles,
 * scenes, playlist), check it, save it (PUT /api/v1/walls/:id) or go back to the shipped layout
 * (DELETE /api/v1/walls/:id/layout). The server's field problems are listed beside the editor.
 */
export function WallsTab() {
  const { t, locale, pick } = useI18n();
  const [walls, setWalls] = useState<WallSummary[] | null>(null);
  const [wallId, setWallId] = useState('');
  const [state, setState] = useState<WallState | null>(null);
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<{ ok: string | null; error: string | null }>({ ok: null, error: null });
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});

  const loadList = () =>
    api<{ items: WallSummary[] }>('GET', '/walls')
      .then((r) => {
        setWalls(r.items);
        setWallId((id) => id || r.items[0]?.id || '');
      })
      .catch((err: Error) => setOutcome({ ok: null, error: err.message }));
  useEffect(() => void loadList(), []);

  const show = (s: WallState) => {
    setState(s);
    setText(JSON.stringify(s.layout, null, 2));
  };
  useEffect(() => {
    if (!wallId) return;
    setOutcome({ ok: null, error: null });
    setServerErrors({});
    void api<WallState>('GET', `/walls/${encodeURIComponent(wallId)}`)
      .then(show)
      .catch((err: Error) => setOutcome({ ok: null, error: err.message }));
  }, [wallId]);

  const check = useMemo(() => (text ? checkWallJson(text) : { errors: [], value: null }), [text]);

  const run = async (fn: () => Promise<WallState>) => {
    setOutcome({ ok: null, error: null });
    setServerErrors({});
    try {
      show(await fn());
      setOutcome({ ok: t('admin.saved'), error: null });
      void loadList();
    } catch (err) {
      if (err instanceof ProblemError) setServerErrors(err.fields);
      setOutcome({ ok: null, error: (err as Error).message });
    }
  };
  const save = () => check.value && !check.errors.length && run(() => api<WallState>('PUT', `/walls/${encodeURIComponent(wallId)}`, { layout: check.value, actor: ADMIN_ACTOR }));
  const reset = () => run(() => api<WallState>('DELETE', `/walls/${encodeURIComponent(wallId)}/layout`, { actor: ADMIN_ACTOR }));

  return (
    <section className="admin-panel" data-panel="walls">
      <div className="admin-toolbar">
        <label className="admin-inline">
          {t('admin.walls.pick')}{' '}
          <select className="admin-input" value={wallId} onChange={(e) => setWallId(e.target.value)} data-filter="wall">
            {(walls ?? []).map((w) => (
              <option key={w.id} value={w.id}>
                {w.name ? `${pick(w.name)} (${w.id})` : w.id}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="admin-button admin-button--primary" data-action="save-wall" disabled={!check.value || check.errors.length > 0} onClick={() => void save()}>
          {t('admin.save')}
        </button>
        {state?.layoutSource === 'saved' && (
          <button type="button" className="admin-button" data-action="reset-wall" onClick={() => void reset()}>
            {t('admin.walls.reset')}
          </button>
        )}
        {state && (
          <span className="admin-count" data-testid="wall-meta">
            {t(state.layoutSource === 'saved' ? 'admin.walls.saved' : 'admin.walls.seed')} · {t('admin.col.version')} {state.revision} · {formatShortDateTime(state.updatedAt, locale)}
            {state.updatedBy ? ` · ${state.updatedBy}` : ''}
          </span>
        )}
      </div>
      <Outcome {...outcome} />
      <div className="admin-walls">
        <textarea className="admin-input admin-code admin-walls__editor" value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} data-editor="wall" />
        <div className="admin-walls__check" data-check={check.errors.length || Object.keys(serverErrors).length ? 'errors' : 'ok'}>
          <h3>{check.errors.length || Object.keys(serverErrors).length ? t('admin.walls.errors') : t('admin.walls.valid')}</h3>
          <ul>
            {check.errors.map((e) => <li key={e}>{e}</li>)}
            {Object.entries(serverErrors).map(([f, p]) => <li key={f} data-server-field={f}>{f}: {p}</li>)}
          </ul>
          {check.value && (
            <p className="admin-muted">
              {check.value.grid.columns}×{check.value.grid.rows} · {check.value.tiles.length} tiles · {t('admin.walls.scenes')}: {(check.value.scenes ?? []).map((s) => s.id).join(', ') || '—'} · {t('admin.walls.playlist')}: {check.value.playlist ? `${check.value.playlist.scenes.join(' → ')} / ${check.value.playlist.intervalS} s` : '—'}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
