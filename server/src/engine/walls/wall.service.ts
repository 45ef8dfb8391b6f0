import fs from 'node:fs';
import path from 'node:path';
import { checkWallGeometry, type WallCommand, type WallDelta, type WallLayoutSpec, type WallState, type WallSummary, type WallTileOverride } from '@ioc/sdk';
import type { Bus } from '../bus/bus.js';
import type { Database } from '../db/database.js';
import { iso } from '../db/row-time.js';
import { DomainError } from '../domain-error.js';
import type { Clock } from '../time/clock.js';

/** Bus channel of wall changes: every api process pushes them to its sockets on `wall:{id}`. */
export const WALLS_CHANGED = 'walls.changed';

export class WallError extends DomainError {}

interface WallRow {
  id: string;
  layout: WallLayoutSpec | null;
  scene_id: string | null;
  playlist_paused: boolean;
  overrides: Record<string, WallTileOverride>;
  revision: number;
  updated_at: Date | string;
  updated_by: string | null;
}

/** Reads the shipped layouts (`{id}.json`); a file that does not parse or fit stops the boot, naming it. */
export function loadSeedWalls(dir: string): Map<string, WallLayoutSpec> {
  const walls = new Map<string, WallLayoutSpec>();
  if (!fs.existsSync(dir)) return walls;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const layout = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as WallLayoutSpec;
    const problems = checkWallGeometry(layout);
    if (layout.id !== file.replace(/\.json$/, '')) problems.unshift(`its id "${layout.id}" is not its file name`);
    if (problems.length) throw new Error(`wall layout ${file}: ${problems.join('; ')}`);
    walls.set(layout.id, layout);
  }
  return walls;
}

/**
 * The walls: shipped layouts, layouts saved over them, and the live state the operator console
 * sets. Every change is written first, then announced on the bus with the whole new state, so any
 * api process (this one included) updates its copy and its sockets from the same message.
 */
export class WallService {
  private readonly states = new Map<string, WallState>();

  constructor(
    private readonly db: Database,
    private readonly bus: Bus,
    private readonly seeds: ReadonlyMap<string, WallLayoutSpec>,
    private readonly clock: Clock,
  ) {}

  async warm(): Promise<void> {
    for (const [id, layout] of this.seeds) this.states.set(id, this.initial(id, layout));
    for (const row of await this.db.query<WallRow>('SELECT * FROM wall')) {
      // A row left by a shipped wall since removed (and never saved) has nothing to show.
      if (row.layout || this.seeds.has(row.id)) this.states.set(row.id, this.fromRow(row));
    }
  }

  /** Keeps this process's copy current from the bus (changes made by any api process). */
  apply(delta: WallDelta): void {
    const known = this.states.get(delta.state.wallId);
    if (!known || known.revision <= delta.state.revision) this.states.set(delta.state.wallId, delta.state);
  }

  has(id: string): boolean {
    return this.states.has(id);
  }

  state(id: string): WallState {
    const s = this.states.get(id);
    if (!s) throw new WallError('not-found', `no wall "${id}"`, 'id');
    return s;
  }

  list(): WallSummary[] {
    return [...this.states.values()]
      .sort((a, b) => a.wallId.localeCompare(b.wallId))
      .map((s) => ({ id: s.wallId, name: s.layout.name ?? null, revision: s.revision, updatedAt: s.updatedAt, layoutSource: s.layoutSource, screens: (s.layout.screens?.columns ?? 1) * (s.layout.screens?.rows ?? 1) }));
  }

  /** Saves a layout (new wall or over the shipped one). Live state naming scenes or tiles that are gone is dropped. */
  async saveLayout(id: string, layout: WallLayoutSpec, actor: string): Promise<WallState> {
    if (layout.id !== id) throw new WallError('invalid', `layout id "${layout.id}" is not the wall's id "${id}"`, 'id');
    const problems = checkWallGeometry(layout);
    if (problems.length) throw new WallError('invalid', problems.join('; '), 'tiles', problems.join('; '));
    const before = this.states.get(id) ?? this.initial(id, layout);
    const sceneKept = before.sceneId !== null && layout.scenes?.some((s) => s.id === before.sceneId);
    return this.write({ ...before, layout, layoutSource: 'saved', sceneId: sceneKept ? before.sceneId : null, overrides: {} }, actor);
  }

  /** Back to the shipped layout; 404 for a wall that has none (delete it instead… not offered: walls are few). */
  async resetLayout(id: string, actor: string): Promise<WallState> {
    const seed = this.seeds.get(id);
    if (!seed) throw new WallError('not-found', `wall "${id}" has no shipped layout to return to`, 'id');
    return this.write({ ...this.state(id), layout: seed, layoutSource: 'seed', sceneId: null, overrides: {} }, actor);
  }

  /** What the operator console does: push a scene, hold the playlist, put a widget/KPI/incident on a tile. */
  async command(id: string, command: WallCommand, actor: string): Promise<WallState> {
    const current = this.state(id);
    const next = { ...current, overrides: { ...current.overrides } };
    const at = this.clock.now().toISOString();
    switch (command.kind) {
      case 'scene':
        if (command.sceneId !== null && !current.layout.scenes?.some((s) => s.id === command.sceneId)) {
          throw new WallError('invalid', `wall "${id}" has no scene "${command.sceneId}" (it has: ${(current.layout.scenes ?? []).map((s) => s.id).join(', ') || 'none'})`, 'command.sceneId');
        }
        next.sceneId = command.sceneId;
        next.overrides = {};
        break;
      case 'playlist':
        next.playlistPaused = command.paused;
        break;
      case 'tile':
        this.tileOf(current, command.tileId);
        next.overrides[command.tileId] = { widget: command.widget, options: command.options ?? {}, ...(command.title ? { title: command.title } : {}), setBy: actor, setAt: at };
        break;
      case 'focus-kpi':
        this.tileOf(current, command.tileId);
        next.overrides[command.tileId] = { widget: 'kpi-tile', options: { kpi: command.kpiId }, focus: `kpi:${command.kpiId}`, setBy: actor, setAt: at };
        break;
      case 'focus-incident':
        this.tileOf(current, command.tileId);
        next.overrides[command.tileId] = { widget: 'incident-focus', options: { incidentId: command.incidentId }, focus: `incident:${command.incidentId}`, setBy: actor, setAt: at };
        break;
      case 'clear':
        if (command.tileId === undefined) next.overrides = {};
        else delete next.overrides[command.tileId];
        break;
    }
    return this.write(next, actor, command);
  }

  /** A tile of the scene the wall shows now, or any scene's when a playlist is running (it will come round). */
  private tileOf(state: WallState, tileId: string): void {
    const { layout } = state;
    const inScene = (tiles: Array<{ id: string }>) => tiles.some((t) => t.id === tileId);
    const shown = state.sceneId === null ? [layout.tiles, ...(layout.playlist ? (layout.scenes ?? []).map((s) => s.tiles) : [])] : [layout.scenes?.find((s) => s.id === state.sceneId)?.tiles ?? layout.tiles];
    if (!shown.some(inScene)) throw new WallError('invalid', `the wall shows no tile "${tileId}" now`, 'command.tileId');
  }

  private async write(state: WallState, actor: string, command?: WallCommand): Promise<WallState> {
    const rows = await this.db.query<WallRow>(
      `INSERT INTO wall (id, layout, scene_id, playlist_paused, overrides, revision, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, 1, $6, $7)
       ON CONFLICT (id) DO UPDATE SET layout = EXCLUDED.layout, scene_id = EXCLUDED.scene_id, playlist_paused = EXCLUDED.playlist_paused,
         overrides = EXCLUDED.overrides, revision = wall.revision + 1, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
       RETURNING *`,
      [state.wallId, state.layoutSource === 'saved' ? JSON.stringify(state.layout) : null, state.sceneId, state.playlistPaused, JSON.stringify(state.overrides), this.clock.now(), actor],
    );
    const saved = this.fromRow(rows[0]!);
    this.states.set(saved.wallId, saved);
    this.bus.publish<WallDelta>(WALLS_CHANGED, { state: saved, ...(command ? { command } : {}) });
    return saved;
  }

  private initial(id: string, layout: WallLayoutSpec): WallState {
    return { wallId: id, layout, layoutSource: 'seed', sceneId: null, playlistPaused: false, overrides: {}, revision: 0, updatedAt: new Date(0).toISOString(), updatedBy: null };
  }

  private fromRow(row: WallRow): WallState {
    const seed = this.seeds.get(row.id);
    const layout = row.layout ?? seed;
    if (!layout) throw new Error(`wall "${row.id}" has neither a saved nor a shipped layout`);
    return {
      wallId: row.id,
      layout,
      layoutSource: row.layout ? 'saved' : 'seed',
      sceneId: row.scene_id,
      playlistPaused: row.playlist_paused,
      overrides: row.overrides ?? {},
      revision: row.revision,
      updatedAt: iso(row.updated_at)!,
      updatedBy: row.updated_by,
    };
  }
}
