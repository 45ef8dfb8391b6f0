import type { KpiPeriod, LocalizedText } from '@ioc/sdk';
import { kpiName } from '../../kpi/kpi-info';
import { defineWidget } from '../widget-types';
import type { RankingShow } from './ranking';

export function rankingTitle(name: LocalizedText | null): LocalizedText | null {
  return name && { vi: `Xếp hạng: ${name.vi}`, en: `Ranking: ${name.en}` };
}

export type RankingTableOptions = {
  /** KPI id, `{sector}.{key}`. */
  kpi: string;
  /** Period when the page has none; null: the KPI's default. */
  period: KpiPeriod | null;
  /** Rank the province's districts or all its communes (under a district page: its communes). */
  level: 'district' | 'commune';
  /** The best, the worst, or both. */
  show: RankingShow;
  /** Rows shown (fewer if the tile is short). */
  count: number;
};

export const rankingTableWidget = defineWidget<RankingTableOptions>({
  manifest: {
    id: 'ranking-table',
    name: { vi: 'Bảng xếp hạng địa bàn', en: 'Area ranking' },
    defaults: { kpi: '', period: null, level: 'district', show: 'both', count: 10 },
    version: 1,
    title: (options, context) => rankingTitle(kpiName(options.kpi, context)),
  },
  load: () => import('./RankingTable'),
});
