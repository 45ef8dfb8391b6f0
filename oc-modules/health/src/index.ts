import type { SectorManifest } from '@ioc/sdk';

/** Health: daily bed census of hospitals and district health centres (004:l672-706, 002 #36). */
export const manifest: SectorManifest = {
  id: 'health',
  name: { vi: 'Y tế', en: 'Health' },
  sourceKinds: {
    hospital: {
      name: { vi: 'Bệnh viện / Trung tâm y tế', en: 'Hospital / health centre' },
      expectedIntervalS: 300,
      metrics: {
        beds_total: { name: { vi: 'Tổng số giường', en: 'Beds' }, unit: { vi: 'giường', en: 'beds' }, min: 0, max: 5000 },
        beds_occupied: { name: { vi: 'Giường đang sử dụng', en: 'Beds occupied' }, unit: { vi: 'giường', en: 'beds' }, min: 0, max: 6000 },
        icu_free: { name: { vi: 'Giường hồi sức trống', en: 'Free ICU beds' }, unit: { vi: 'giường', en: 'beds' }, min: 0, max: 500 },
        visits_today: { name: { vi: 'Lượt khám trong ngày', en: 'Visits today' }, unit: { vi: 'lượt', en: 'visits' }, min: 0, max: 20000 },
        emergency_today: { name: { vi: 'Cấp cứu trong ngày', en: 'Emergencies today' }, unit: { vi: 'ca', en: 'cases' }, min: 0, max: 2000 },
      },
    },
  },
};
export default manifest;
