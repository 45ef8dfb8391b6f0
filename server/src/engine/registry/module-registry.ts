import { createRequire } from 'node:module';
import type { SectorManifest, SourceKindSchema } from '@ioc/sdk';
import { ManifestError, validateManifest } from './manifest-validation.js';

const MODULE_PACKAGE_PREFIX = '@ioc/module-';

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

  constructor(manifests: SectorManifest[]) {
    for (const m of manifests) this.bySector.set(m.id, m);
  }

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
    const manifests: SectorManifest[] = [];
    for (const name of wanted) {
      const mod = (await import(name)) as { manifest?: unknown; default?: unknown };
      const manifest = validateManifest(name, mod.manifest ?? mod.default);
      if (manifests.some((m) => m.id === manifest.id)) throw new ManifestError(name, 'id', `"${manifest.id}" is already used by another module`);
      manifests.push(manifest);
    }
    return new ModuleRegistry(manifests);
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
}
