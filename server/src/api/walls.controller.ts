import { z } from 'zod';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import type { WallCommand, WallLayoutSpec, WallState, WallSummary } from '@ioc/sdk';
import { WallService } from '../engine/walls/wall.service.js';
import { answer } from './alerts.controller.js';
import { ApiDoc } from './openapi/api-doc.js';
import { parseInput } from './validation.js';
import { Access } from '../engine/auth/access.js';

const ident = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'must be 1–64 lower-case letters, digits, "-", "_" or "."');
const text = z.object({ vi: z.string().min(1).max(200), en: z.string().min(1).max(200) });
const actor = z.string().trim().min(1).max(200).describe('Who acts (until [security] brings identity, the caller names themself).');
const options = z.record(z.string(), z.unknown());
const cells = z.number().int().min(1).max(96);
const TileSchema = z.object({ id: ident, widget: ident, title: text.optional(), x: cells, y: cells, w: cells, h: cells, options: options.optional(), optionsVersion: z.number().int().min(1).optional() }).strict().meta({ id: 'WallTile' });
const SceneSchema = z.object({ id: ident, name: text, tiles: z.array(TileSchema).max(64) }).strict().meta({ id: 'WallScene' });
const LayoutSchema = z
  .object({
    id: ident,
    name: text.optional(),
    grid: z.object({ columns: cells, rows: cells }).strict(),
    screens: z.object({ columns: z.number().int().min(1).max(8), rows: z.number().int().min(1).max(8) }).strict().optional(),
    tiles: z.array(TileSchema).max(64),
    scenes: z.array(SceneSchema).max(32).optional(),
    playlist: z.object({ scenes: z.array(ident).min(1).max(32), intervalS: z.number().int().min(5).max(86_400) }).strict().optional(),
  })
  .strict()
  .meta({ id: 'WallLayout' });
const OverrideSchema = z.object({ widget: z.string(), options, title: text.optional(), focus: z.string().optional(), setBy: z.string(), setAt: z.string() });
const StateSchema = z
  .object({ wallId: z.string(), layout: LayoutSchema, layoutSource: z.enum(['seed', 'saved']), sceneId: z.string().nullable(), playlistPaused: z.boolean(), overrides: z.record(z.string(), OverrideSchema), revision: z.number(), updatedAt: z.string(), updatedBy: z.string().nullable() })
  .meta({ id: 'WallState' });
const SummarySchema = z.object({ id: z.string(), name: text.nullable(), revision: z.number(), updatedAt: z.string(), layoutSource: z.enum(['seed', 'saved']), screens: z.number() }).meta({ id: 'WallSummary' });

const CommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('scene'), sceneId: ident.nullable().describe('null: back to the playlist / home tiles') }).strict(),
  z.object({ kind: z.literal('playlist'), paused: z.boolean() }).strict(),
  z.object({ kind: z.literal('tile'), tileId: ident, widget: ident, options: options.optional(), title: text.optional() }).strict(),
  z.object({ kind: z.literal('focus-kpi'), tileId: ident, kpiId: z.string().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('focus-incident'), tileId: ident, incidentId: z.string().regex(/^\d{1,18}$/, 'must be a numeric id') }).strict(),
  z.object({ kind: z.literal('clear'), tileId: ident.optional().describe('absent: every tile') }).strict(),
]);
const commandBody = z.object({ command: CommandSchema, actor }).strict();
const layoutBody = z.object({ layout: LayoutSchema, actor }).strict();
const resetBody = z.object({ actor }).strict();

@Controller('api/v1/walls')
export class WallsController {
  constructor(@Inject(WallService) private readonly walls: WallService) {}

  @ApiDoc({ summary: 'Video walls', description: 'Every wall: shipped ones (db/seed/walls) and saved ones. / Các màn hình tường.', responses: { 200: { description: 'Walls by id', schema: z.object({ items: z.array(SummarySchema) }) } } })
  @Access('wall:read')
  @Get()
  list(): { items: WallSummary[] } {
    return { items: this.walls.list() };
  }

  @ApiDoc({ summary: 'One wall: layout and live state', description: 'The same object the socket topic `wall:{id}` gives as its snapshot.', params: { id: 'Wall id' }, responses: { 200: { description: 'The wall', schema: StateSchema }, 404: { description: 'No such wall' } } })
  @Access('wall:read')
  @Get(':id')
  get(@Param('id') id: string): Promise<WallState> {
    return answer(() => this.walls.state(id));
  }

  @ApiDoc({ summary: 'Save a wall layout', description: 'Creates a wall or replaces the layout in force (grid, screens, tiles, scenes, playlist). Tiles must fit the grid without overlapping; the screens must divide the grid. Overrides pushed by the console are cleared.', params: { id: 'Wall id' }, body: layoutBody, responses: { 200: { description: 'The wall', schema: StateSchema }, 422: { description: 'The layout is invalid (the field is named)' } } })
  @Access('wall:write')
  @Put(':id')
  @HttpCode(200)
  save(@Param('id') id: string, @Body() body: unknown): Promise<WallState> {
    const b = parseInput(layoutBody, body ?? {});
    return answer(() => this.walls.saveLayout(id, b.layout as WallLayoutSpec, b.actor));
  }

  @ApiDoc({ summary: 'Back to the shipped layout', params: { id: 'Wall id' }, body: resetBody, responses: { 200: { description: 'The wall', schema: StateSchema }, 404: { description: 'The wall has no shipped layout' }, 422: { description: 'Invalid body' } } })
  @Access('wall:write')
  @Delete(':id/layout')
  @HttpCode(200)
  reset(@Param('id') id: string, @Body() body: unknown): Promise<WallState> {
    const b = parseInput(resetBody, body ?? {});
    return answer(() => this.walls.resetLayout(id, b.actor));
  }

  @ApiDoc({
    summary: 'Operator console: change what a wall shows',
    description: 'Push a scene (`scene`), hold or run the playlist (`playlist`), put a widget (`tile`), a KPI (`focus-kpi`) or an incident (`focus-incident`) on a tile, or `clear` overrides. Every screen of the wall follows through the topic `wall:{id}`.',
    params: { id: 'Wall id' },
    body: commandBody,
    responses: { 200: { description: 'The wall', schema: StateSchema }, 404: { description: 'No such wall' }, 422: { description: 'Unknown scene or tile, or an invalid command' } },
  })
  @Access('wall:command')
  @Post(':id/commands')
  @HttpCode(200)
  command(@Param('id') id: string, @Body() body: unknown): Promise<WallState> {
    const b = parseInput(commandBody, body ?? {});
    return answer(() => this.walls.command(id, b.command as WallCommand, b.actor));
  }
}
