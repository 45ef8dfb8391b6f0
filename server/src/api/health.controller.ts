import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { HealthReport } from '@ioc/sdk';
import { HEALTH } from './tokens.js';

export type HealthProbe = () => Promise<HealthReport>;

@Controller('api/v1/health')
export class HealthController {
  constructor(@Inject(HEALTH) private readonly probe: HealthProbe) {}

  /** 200 while every component is up or degraded-but-working; 503 when one is down. */
  @Get()
  async health(@Res() res: Response): Promise<void> {
    const report = await this.probe();
    res.status(report.status === 'down' ? 503 : 200).json(report);
  }
}
