import type { SectorManifest, SourceKindSchema } from '@ioc/sdk';
import { dashboards } from './dashboards.js';
import { kpis } from './kpis.js';
import { reports } from './reports.js';
import { rules } from './rules.js';
import { incidentTypes } from './incident-types.js';
import { simulator } from './simulator.js';

const BEDS = { vi: 'giường', en: 'beds' };
const CASES = { vi: 'ca', en: 'cases' };

const hospital: SourceKindSchema = {
  name: { vi: 'Bệnh viện / Trung tâm y tế', en: 'Hospital / health centre' },
  expectedIntervalS: 300,
  metrics: {
    beds_total: { name: { vi: 'Tổng số giường', en: 'Beds' }, unit: BEDS, min: 0, max: 5000 },
    beds_occupied: { name: { vi: 'Giường đang sử dụng', en: 'Beds occupied' }, unit: BEDS, min: 0, max: 6000 },
    icu_free: { name: { vi: 'Giường hồi sức trống', en: 'Free ICU beds' }, unit: BEDS, min: 0, max: 500 },
    visits_today: { name: { vi: 'Lượt khám trong ngày', en: 'Visits today' }, unit: { vi: 'lượt', en: 'visits' }, min: 0, max: 20000 },
    emergency_today: { name: { vi: 'Cấp cứu trong ngày', en: 'Emergencies today' }, unit: CASES, min: 0, max: 2000 },
    // Counters since local midnight, like visits_today (the hospital information system's daily census).
    poisoning_today: { name: { vi: 'Ngộ độc trong ngày', en: 'Poisoning patients today' }, unit: CASES, min: 0, max: 1000 },
    deaths_today: { name: { vi: 'Tử vong trong ngày', en: 'Deaths today' }, unit: { vi: 'người', en: 'deaths' }, min: 0, max: 200 },
  },
};

/**
 * Health: daily bed census and activity of hospitals and district health centres (004:l672-706,
 * 002 #36), communicable-disease surveillance (MOH Circular 20/2019) and the expanded
 * immunisation programme reported by commune health stations.
 */
export const manifest: SectorManifest = {
  id: 'health',
  name: { vi: 'Y tế', en: 'Health' },
  sourceKinds: { hospital },
  kpis,
  reports,
  rules,
  incidentTypes,
  dashboards,
  simulator,
};
export default manifest;
