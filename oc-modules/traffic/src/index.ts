import type { EventSchema, SectorManifest, SourceKindSchema } from '@ioc/sdk';
import { dashboards } from './dashboards.js';
import { kpis } from './kpis.js';
import { reports } from './reports.js';
import { rules } from './rules.js';
import { incidentTypes } from './incident-types.js';
import { simulator } from './simulator.js';

const VEH_PER_MIN = { vi: 'xe/phút', en: 'veh/min' };

const cameraEvents: Record<string, EventSchema> = {
  'red-light-violation': { name: { vi: 'Vượt đèn đỏ', en: 'Red-light violation' } },
  speeding: { name: { vi: 'Quá tốc độ', en: 'Speeding' }, fields: { speedKmh: 'number' } },
  crowd: { name: { vi: 'Tụ tập đông người', en: 'Crowd' } },
  flooding: { name: { vi: 'Ngập nước', en: 'Flooding' } },
  'fire-smoke': { name: { vi: 'Cháy / khói', en: 'Fire or smoke' } },
};

const counter: SourceKindSchema = {
  name: { vi: 'Trạm đếm xe', en: 'Traffic counter' },
  expectedIntervalS: 60,
  metrics: {
    vehicles_per_min: { name: { vi: 'Lưu lượng xe', en: 'Vehicle flow' }, unit: VEH_PER_MIN, min: 0, max: 2000 },
    avg_speed_kmh: { name: { vi: 'Tốc độ trung bình', en: 'Average speed' }, unit: 'km/h', min: 0, max: 250 },
    occupancy_pct: { name: { vi: 'Tỷ lệ chiếm dụng làn', en: 'Lane occupancy' }, unit: '%', min: 0, max: 100 },
    heavy_share_pct: { name: { vi: 'Tỷ lệ xe tải nặng', en: 'Heavy-vehicle share' }, unit: '%', min: 0, max: 100 },
  },
};

const camera: SourceKindSchema = {
  name: { vi: 'Camera giao thông', en: 'Traffic camera' },
  camera: true,
  expectedIntervalS: 60,
  metrics: {
    vehicles_per_min: { name: { vi: 'Lưu lượng xe', en: 'Vehicle flow' }, unit: VEH_PER_MIN, min: 0, max: 2000 },
  },
  events: cameraEvents,
};

/**
 * Traffic: counters on QL13/QL14/ĐT741, the phase-1/2/3 violation and speed cameras
 * (004:l710-733), and the road accidents the traffic police report each month.
 */
export const manifest: SectorManifest = {
  id: 'traffic',
  name: { vi: 'Giao thông', en: 'Traffic' },
  sourceKinds: { counter, camera },
  kpis,
  reports,
  rules,
  incidentTypes,
  dashboards,
  simulator,
};
export default manifest;
