import { Controller, Get, Inject, Query } from '@nestjs/common';
import type { RegionCollection, RegionGeometry, RegionLevel } from '@ioc/sdk';
import type { Database } from '../engine/db/database.js';
import { z } from 'zod';
import { ApiDoc } from './openapi/api-doc.js';
import { RegionCollectionSchema } from './openapi/schemas.js';
import { invalidBody } from './problem.js';
import { DATABASE } from './tokens.js';
import { SignedIn } from '../engine/auth/access.js';

const LEVELS = ['province', 'district', 'commune'];

@Controller('api/v1/regions')
export class RegionsController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** GeoJSON of the regions of one level (boundaries are approximate in the seed). */
  @SignedIn()
  @Get()
  @ApiDoc({
    summary: 'Regions as GeoJSON',
    description: 'Administrative regions (province, districts, communes) with their boundaries. The seed boundaries are approximate (`properties.approximate`) and must not be read as legal borders.',
    query: z.object({
      level: z.enum(['province', 'district', 'commune']).optional().describe('Only regions of this level.'),
      parentId: z.string().optional().describe('Only the children of this region.'),
    }),
    responses: {
      200: { description: 'A FeatureCollection, ordered by id.', schema: RegionCollectionSchema },
      422: { description: '`level` is not a known level.' },
    },
  })
  async list(@Query('level') level?: string, @Query('parentId') parentId?: string): Promise<RegionCollection> {
    if (level !== undefined && !LEVELS.includes(level)) throw invalidBody([{ field: 'level', problem: `must be one of ${LEVELS.join(', ')}` }]);
    const rows = await this.db.query<{ id: string; parent_id: string | null; level: RegionLevel; name: string; name_en: string | null; center_lon: number; center_lat: number; boundary: RegionGeometry | null; approximate: boolean }>(
      `SELECT id, parent_id, level, name, name_en, center_lon, center_lat, boundary, approximate FROM region
       WHERE ($1::text IS NULL OR level = $1) AND ($2::text IS NULL OR parent_id = $2) ORDER BY id`,
      [level ?? null, parentId ?? null],
    );
    return {
      type: 'FeatureCollection' as const,
      features: rows.map((r) => ({
        type: 'Feature' as const,
        id: r.id,
        properties: { id: r.id, parentId: r.parent_id, level: r.level, name: r.name, nameEn: r.name_en, center: [r.center_lon, r.center_lat], approximate: r.approximate },
        geometry: r.boundary,
      })),
    };
  }
}
