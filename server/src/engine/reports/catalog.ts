import type { ReportField, ReportTemplate } from '@ioc/sdk';
import type { ModuleRegistry } from '../registry/module-registry.js';

/** A template of a module manifest with its ids. */
export interface TemplateEntry {
  /** `{sector}.{key}`. */
  id: string;
  sector: string;
  key: string;
  template: ReportTemplate;
}

/** Whether a field holds numbers (integer or number). */
export function isNumeric(field: ReportField): boolean {
  return field.type === 'integer' || field.type === 'number';
}

/**
 * The report templates of the loaded modules. Templates come only from the manifests
 * (`SectorManifest.reports`); the engine names no sector.
 */
export class ReportCatalog {
  private readonly byId = new Map<string, TemplateEntry>();

  constructor(modules: ModuleRegistry) {
    for (const m of modules.sectors()) {
      for (const [key, template] of Object.entries(m.reports ?? {})) {
        const id = `${m.id}.${key}`;
        this.byId.set(id, { id, sector: m.id, key, template });
      }
    }
  }

  list(): TemplateEntry[] {
    return [...this.byId.values()];
  }

  get(id: string): TemplateEntry | undefined {
    return this.byId.get(id);
  }
}
