import { defineWidget } from '../widget-types';

export type AlertListOptions = {
  /** Alerts of this sector (topic `alerts:{sector}`); null = every sector (`alerts:all`). A sector OC page fills it. */
  sector: string | null;
};

export const alertListWidget = defineWidget<AlertListOptions>({
  manifest: {
    id: 'alert-list',
    name: { vi: 'Cảnh báo', en: 'Alerts' },
    defaults: { sector: null },
    version: 1,
    fromScope: (scope) => (scope.sector ? { sector: scope.sector } : {}),
  },
  load: () => import('./AlertList'),
});
