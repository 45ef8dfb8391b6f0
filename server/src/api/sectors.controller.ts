import { Controller, Get, Inject } from '@nestjs/common';
import type { SectorList } from '@ioc/sdk';
import { ModuleRegistry } from '../engine/registry/module-registry.js';

@Controller('api/v1/sectors')
export class SectorsController {
  constructor(@Inject(ModuleRegistry) private readonly modules: ModuleRegistry) {}

  @Get()
  list(): SectorList {
    return { items: this.modules.sectors() };
  }
}
