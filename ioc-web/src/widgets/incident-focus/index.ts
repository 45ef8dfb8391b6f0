import { defineWidget } from '../widget-types';

export type IncidentFocusOptions = {
  /** Incident id (numeric, as the API gives it). */
  incidentId: string;
  /** How often the incident is read again, in seconds. */
  refreshS: number;
};

/** One incident in large print, as the operator console puts it on a wall tile ("focus incident"). */
export const incidentFocusWidget = defineWidget<IncidentFocusOptions>({
  manifest: {
    id: 'incident-focus',
    name: { vi: 'Sự cố đang theo dõi', en: 'Incident in focus' },
    defaults: { incidentId: '', refreshS: 5 },
    version: 1,
  },
  load: () => import('./IncidentFocus'),
});
