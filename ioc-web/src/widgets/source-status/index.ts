import { defineWidget } from '../widget-types';

export type SourceStatusOptions = {
  /** Sector ids to list, in order; empty lists every sector of the registry. A sector OC page fills its own. */
  sectors: string[];
};

export const sourceStatusWidget = defineWidget<SourceStatusOptions>({
  manifest: {
    id: 'source-status',
    name: { vi: 'Trạng thái nguồn dữ liệu', en: 'Data source status' },
    defaults: { sectors: [] },
    version: 1,
    fromScope: (scope) => (scope.sector ? { sectors: [scope.sector] } : {}),
  },
  load: () => import('./SourceStatus'),
});
