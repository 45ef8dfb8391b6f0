import type { DataQualityKpi, KpiDefinition, KpiInfo, KpiPeriod, SectorManifest } from '@ioc/sdk';
import { formulaIdentifiers, parseFormula, type FormulaAst } from './formula.js';

/** A KPI ready for the engine: full id, parsed formula with resolved inputs. */
export type CompiledKpi = KpiInfo & {
  /** Derived KPIs: the parsed formula and the full ids of its inputs by the name used in it. */
  ast?: FormulaAst;
  inputs?: Map<string, string>;
};

/** Data-truth KPIs every sector gets (see DataQualityKpi in @ioc/sdk). */
function qualityKpis(m: SectorManifest): Array<[string, DataQualityKpi]> {
  const out: Array<[string, DataQualityKpi]> = [];
  const pct = { unit: '%', direction: 'higher', decimals: 1, group: 'data-quality', rollup: { fn: 'recompute' } } as const;
  if (Object.keys(m.sourceKinds).length) {
    out.push(['data_freshness', { ...pct, kind: 'quality', measure: 'freshness', periods: ['realtime'], name: { vi: 'Dữ liệu kịp thời (sống)', en: 'Data freshness' }, description: { vi: 'Tỷ lệ nguồn gửi dữ liệu trong vòng hai chu kỳ', en: 'Share of sources heard from within twice their interval' }, targets: [{ period: 'realtime', value: 95 }] }]);
    out.push(['data_completeness', { ...pct, kind: 'quality', measure: 'completeness', periods: ['realtime', 'day'], name: { vi: 'Dữ liệu đầy đủ (đủ)', en: 'Data completeness' }, description: { vi: 'Tỷ lệ bản tin nhận được so với kỳ vọng', en: 'Readings received as a share of those expected' }, targets: [{ period: 'realtime', value: 95 }, { period: 'day', value: 95 }] }]);
    out.push(['data_validity', { ...pct, kind: 'quality', measure: 'validity', periods: ['realtime', 'day'], name: { vi: 'Dữ liệu hợp lệ (đúng, sạch)', en: 'Data validity' }, description: { vi: 'Tỷ lệ bản tin không bị loại vào hàng lỗi', en: 'Share of messages not dead-lettered' }, targets: [{ period: 'realtime', value: 99 }, { period: 'day', value: 99 }] }]);
  }
  if (Object.keys(m.reports ?? {}).length) {
    out.push(['report_timeliness', { ...pct, kind: 'quality', measure: 'timeliness', periods: ['month', 'quarter', 'year'], name: { vi: 'Báo cáo đúng hạn', en: 'Reports on time' }, description: { vi: 'Tỷ lệ báo cáo đến hạn đã nộp đúng hạn', en: 'Share of due reports submitted on time' }, targets: [{ period: 'month', value: 90 }, { period: 'quarter', value: 90 }, { period: 'year', value: 90 }] }]);
  }
  return out;
}

/**
 * Every KPI of every loaded module plus the generated data-truth KPIs, with derived formulas
 * parsed and ordered so that a derived KPI comes after its inputs.
 */
export class KpiCatalog {
  private readonly byId = new Map<string, CompiledKpi>();
  /** Evaluation order: inputs before the derived KPIs that read them. */
  readonly ordered: CompiledKpi[] = [];

  constructor(manifests: readonly SectorManifest[]) {
    for (const m of manifests) {
      const entries: Array<[string, KpiDefinition | DataQualityKpi]> = [...Object.entries(m.kpis ?? {}), ...qualityKpis(m)];
      for (const [key, def] of entries) {
        const id = `${m.id}.${key}`;
        const k: CompiledKpi = { ...def, id, sector: m.id, key } as CompiledKpi;
        if (def.kind === 'derived') {
          k.ast = parseFormula(def.formula);
          k.inputs = new Map(formulaIdentifiers(k.ast).map((name) => [name, name.includes('.') ? name : `${m.id}.${name}`]));
        }
        this.byId.set(id, k);
      }
    }
    for (const k of this.byId.values()) {
      for (const [name, full] of k.inputs ?? []) {
        if (!this.byId.has(full)) throw new Error(`KPI ${k.id}: formula names "${name}", which is not a KPI`);
      }
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (k: CompiledKpi, path: string[]): void => {
      const s = state.get(k.id);
      if (s === 'done') return;
      if (s === 'visiting') throw new Error(`KPI formulas form a cycle: ${[...path, k.id].join(' → ')}`);
      state.set(k.id, 'visiting');
      for (const full of k.inputs?.values() ?? []) visit(this.byId.get(full)!, [...path, k.id]);
      state.set(k.id, 'done');
      this.ordered.push(k);
    };
    for (const k of this.byId.values()) visit(k, []);
  }

  get(id: string): CompiledKpi | undefined {
    return this.byId.get(id);
  }

  all(): CompiledKpi[] {
    return [...this.byId.values()];
  }

  ofSector(sector: string): CompiledKpi[] {
    return this.all().filter((k) => k.sector === sector);
  }

  sectors(): string[] {
    return [...new Set(this.all().map((k) => k.sector))];
  }

  has(id: string, period: KpiPeriod): boolean {
    return this.byId.get(id)?.periods.includes(period) ?? false;
  }
}
