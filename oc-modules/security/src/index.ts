import type { SectorManifest, SourceKindSchema } from '@ioc/sdk';
import { dashboards } from './dashboards.js';
import { kpis } from './kpis.js';
import { reports } from './reports.js';
import { rules } from './rules.js';
import { incidentTypes } from './incident-types.js';
import { simulator } from './simulator.js';

const camera: SourceKindSchema = {
  name: { vi: 'Camera an ninh', en: 'Security camera' },
  camera: true,
  expectedIntervalS: 60,
  metrics: {
    people_count: { name: { vi: 'Số người trong khung hình', en: 'People in view' }, unit: { vi: 'người', en: 'people' }, min: 0, max: 5000 },
  },
  events: {
    crowd: { name: { vi: 'Tụ tập đông người', en: 'Crowd' } },
    intrusion: { name: { vi: 'Xâm nhập khu vực cấm', en: 'Intrusion' } },
    flooding: { name: { vi: 'Ngập nước', en: 'Flooding' } },
    'fire-smoke': { name: { vi: 'Cháy / khói', en: 'Fire or smoke' } },
  },
};

/**
 * Public order: security cameras at squares, junctions and province gateways (004:l710-733),
 * and the monthly public-order statistics of the district police.
 */
export const manifest: SectorManifest = {
  id: 'security',
  name: { vi: 'An ninh trật tự', en: 'Public order' },
  sourceKinds: { camera },
  kpis,
  reports,
  rules,
  incidentTypes,
  dashboards,
  simulator,
};
export default manifest;
