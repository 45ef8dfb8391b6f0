import { Controller, Get, Inject, Query } from '@nestjs/common';
import type { Database } from '../engine/db/database.js';
import { z } from 'zod';
import { ApiDoc } from './openapi/api-doc.js';
import { DeadLetterListSchema } from './openapi/schemas.js';
import { invalidBody } from './problem.js';
import { DATABASE } from './tokens.js';
import { Access } from '../engine/auth/access.js';

@Controller('api/v1/dead-letters')
export class DeadLettersController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Newest dead letters and counts by reason, for operators checking the feeds (validity). */
  @Access('deadletter:read')
  @Get()
  @ApiDoc({
    summary: 'Recent dead letters',
    description: 'MQTT messages ingest refused (malformed, unknown source, out of range, too old, …), newest first, with a preview of the payload and counts by reason.',
    query: z.object({
      limit: z.coerce.number().int().min(1).max(1000).default(50).describe('How many dead letters to return.'),
      reason: z.string().optional().describe('Only this `reason_code`.'),
    }),
    responses: {
      200: { description: 'The newest dead letters and the count of all by reason.', schema: DeadLetterListSchema },
      422: { description: '`limit` is not an integer 1–1000.' },
    },
  })
  async list(@Query('limit') limitRaw?: string, @Query('reason') reason?: string): Promise<unknown> {
    const limit = limitRaw === undefined ? 50 : Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalidBody([{ field: 'limit', problem: 'must be an integer 1–1000' }]);
    const items = await this.db.query(
      `SELECT id::text, received_at, topic, payload_size, payload_sha256, truncated, reason_code, reason,
              encode(substring(payload from 1 for 512), 'escape') AS preview
       FROM dead_letter WHERE ($2::text IS NULL OR reason_code = $2) ORDER BY id DESC LIMIT $1`,
      [limit, reason ?? null],
    );
    const byReason = await this.db.query(`SELECT reason_code, count(*)::int AS count FROM dead_letter GROUP BY 1 ORDER BY 2 DESC`);
    return { items, byReason };
  }
}
