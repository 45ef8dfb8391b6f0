import { createRequire } from 'node:module';
import type { DashboardLayout, KpiInfo, ReportTemplate, RuleDefault, SectorManifest, SourceKindSchema } from '@ioc/sdk';
import { ManifestError, validateManifest, validateModuleSet } from './manifest-validation.js';

const MODULE_PACKAGE_PREFIX = '@ioc/module-';

/** A report template with its owning sector and full id `sector.key`. */
export interface ReportTemplateInfo {
  id: string;
  sector: string;
  key: string;
  template: ReportTemplate;
}

/** A default rule with its owning sector and full id `sector.key`. */
export interface RuleInfo {
  id: string;
  sector: string;
  key: string;
  rule: RuleDefault;
}

/** Package names of the sector modules this server was installed with. */
export function installedModulePackages(): string[] {
  const require = createRequire(import.meta.url);
  const pkg = require('../../../package.json') as { dependencies?: Record<string, string> };
  return Object.keys(pkg.dependencies ?? {}).filter((n) => n.startsWith(MODULE_PACKAGE_PREFIX)).sort();
}

/**
 * All sector knowledge enters the server here: every module package exports one manifest, and
 * the engine asks the registry instead of naming sectors.
 */
export class ModuleRegistry {
  private readonly bySector = new Map<string, SectorManifest>();
  private readonly kpiById = new Map<string, KpiInfo>();
  private readonly reportById = new Map<string, ReportTemplateInfo>();
  private readonly ruleList: RuleInfo[] = [];

  constructor(manifests: SectorManifest[]) {
    for (const m of manifests) {
      this.bySector.set(m.id, m);
      for (const [key, def] of Object.entries(m.kpis ?? {})) this.kpiById.set(`${m.id}.${key}`, { ...def, id: `${m.id}.${key}`, sector: m.id, key });
      for (const [key, template] of Object.entries(m.reports ?? {})) this.reportById.set(`${m.id}.${key}`, { id: `${m.id}.${key}`, sector: m.id, key, template });
      for (const [key, rule] of Object.entries(m.rules ?? {})) this.ruleList.push({ id: `${m.id}.${key}`, sector: m.id, key, rule });
    }
  }

  /**
   * Imports the selected module packages (built, from node_modules), validates each manifest,
   * then what spans modules: KPIs named across modules exist and derived KPIs form no cycle.
   */
  static async load(selection: string[] | 'all'): Promise<ModuleRegistry> {
    const installed = installedModulePackages();
    const wanted =
      selection === 'all'
        ? installed
        : selection.map((id) => {
            const name = `${MODULE_PACKAGE_PREFIX}${id}`;
            if (!installed.includes(name)) {
              throw new ManifestError(name, 'IOC_MODULES', `names "${id}", which is not installed (installed: ${installed.map((n) => n.slice(MODULE_PACKAGE_PREFIX.length)).join(', ')})`);
            }
            return name;
          });
    const loaded: Array<{ moduleName: string; manifest: SectorManifest }> = [];
    for (const name of wanted) {
      const mod = (await import(name)) as { manifest?: unknown; default?: unknown };
      const manifest = validateManifest(name, mod.manifest ?? mod.default);
      if (loaded.some((x) => x.manifest.id === manifest.id)) throw new ManifestError(name, 'id', `"${manifest.id}" is already used by another module`);
      loaded.push({ moduleName: name, manifest });
    }
    validateModuleSet(loaded);
    return new ModuleRegistry(loaded.map((x) => x.manifest));
  }

  sectors(): SectorManifest[] {
    return [...this.bySector.values()];
  }

  sector(id: string): SectorManifest | undefined {
    return this.bySector.get(id);
  }

  sourceKind(sector: string, kind: string): SourceKindSchema | undefined {
    return this.bySector.get(sector)?.sourceKinds[kind];
  }

  /** Every KPI of every loaded module, with its full id `sector.key`. */
  kpis(): KpiInfo[] {
    return [...this.kpiById.values()];
  }

  kpi(id: string): KpiInfo | undefined {
    return this.kpiById.get(id);
  }

  /** Every report template of every loaded module, with its full id `sector.key`. */
  reportTemplates(): ReportTemplateInfo[] {
    return [...this.reportById.values()];
  }

  reportTemplate(id: string): ReportTemplateInfo | undefined {
    return this.reportById.get(id);
  }

  /** Every default rule of every loaded module, with its full id `sector.key`. */
  rules(): RuleInfo[] {
    return [...this.ruleList];
  }

  /** Dashboard layouts of a sector by id (`oc` is its OC page); empty for an unknown sector. */
  dashboards(sector: string): Record<string, DashboardLayout> {
    return this.bySector.get(sector)?.dashboards ?? {};
  }
}
