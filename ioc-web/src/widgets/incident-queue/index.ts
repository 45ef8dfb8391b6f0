import { defineWidget } from '../widget-types';

export type IncidentQueueOptions = {
  /** Only incidents in this region (a district or commune) and below; null = the province. */
  regionId: string | null;
};

export const incidentQueueWidget = defineWidget<IncidentQueueOptions>({
  manifest: {
    id: 'incident-queue',
    name: { vi: 'Sự cố đang xử lý', en: 'Open incidents' },
    defaults: { regionId: null },
    version: 1,
  },
  load: () => import('./IncidentQueue'),
});
