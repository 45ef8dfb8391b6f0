import { Controller, Get, Inject } from '@nestjs/common';
import type { SectorList } from '@ioc/sdk';
import { z } from 'zod';
import { ModuleRegistry } from '../engine/registry/module-registry.js';
import { ApiDoc } from './openapi/api-doc.js';
import { SectorManifestSchema } from './openapi/schemas.js';
import { SignedIn } from '../engine/auth/access.js';

@Controller('api/v1/sectors')
export class SectorsController {
  constructor(@Inject(ModuleRegistry) private readonly modules: ModuleRegistry) {}

  @SignedIn()
  @Get()
  @ApiDoc({
    summary: 'List the loaded sector modules',
    description: 'The manifest of each sector module this server loaded (`IOC_MODULES`): names in Vietnamese and English, source kinds with their metrics and events, KPIs, report templates, default rules, dashboards.',
    responses: { 200: { description: 'The sectors.', schema: z.object({ items: z.array(SectorManifestSchema) }) } },
  })
  list(): SectorList {
    return { items: this.modules.sectors() };
  }
}
