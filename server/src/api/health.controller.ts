import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { HealthReport } from '@ioc/sdk';
import { ApiDoc } from './openapi/api-doc.js';
import { HealthReportSchema } from './openapi/schemas.js';
import { HEALTH } from './tokens.js';
import { Public } from '../engine/auth/access.js';

export type HealthProbe = () => Promise<HealthReport>;

@Controller('api/v1/health')
export class HealthController {
  constructor(@Inject(HEALTH) private readonly probe: HealthProbe) {}

  /** 200 while every component is up or degraded-but-working; 503 when one is down. */
  @Public()
  @Get()
  @ApiDoc({
    summary: 'Health of this process',
    description: 'State of each component this process runs (database, bus, MQTT, ingest, realtime, maintenance). For load balancers and monitoring: the status code says whether the process can serve.',
    responses: {
      200: { description: 'Every component is up, or degraded but working.', schema: HealthReportSchema },
      503: { description: 'A component is down; the body is the same report.', schema: HealthReportSchema },
    },
  })
  async health(@Res() res: Response): Promise<void> {
    const report = await this.probe();
    res.status(report.status === 'down' ? 503 : 200).json(report);
  }
}
