import type { SectorManifest, SourceKindSchema } from '@ioc/sdk';
import { dashboards } from './dashboards.js';
import { kpis } from './kpis.js';
import { reports } from './reports.js';
import { rules } from './rules.js';
import { incidentTypes } from './incident-types.js';
import { simulator } from './simulator.js';

const VISITORS = { vi: 'lượt khách', en: 'visitors' };

const attractionGate: SourceKindSchema = {
  name: { vi: 'Cổng soát vé điểm du lịch', en: 'Attraction ticket gate' },
  expectedIntervalS: 300,
  metrics: {
    // Counters since local midnight.
    visitors_today: { name: { vi: 'Lượt khách vào trong ngày', en: 'Visitors today' }, unit: VISITORS, min: 0, max: 100000 },
    tickets_today: { name: { vi: 'Vé bán trong ngày', en: 'Tickets sold today' }, unit: { vi: 'vé', en: 'tickets' }, min: 0, max: 100000 },
    ticket_revenue_today_mvnd: { name: { vi: 'Doanh thu vé trong ngày', en: 'Ticket revenue today' }, unit: { vi: 'triệu đồng', en: 'million VND' }, min: 0, max: 50000 },
    // Visitors inside the site now (entries minus exits).
    visitors_on_site: { name: { vi: 'Khách đang có mặt', en: 'Visitors on site' }, unit: VISITORS, min: 0, max: 50000 },
  },
};

const accommodation: SourceKindSchema = {
  name: { vi: 'Hệ thống khai báo lưu trú (theo huyện)', en: 'Accommodation registration feed (per district)' },
  expectedIntervalS: 900,
  metrics: {
    checkins_today: { name: { vi: 'Lượt khách đăng ký lưu trú trong ngày', en: 'Guest check-ins today' }, unit: { vi: 'lượt', en: 'check-ins' }, min: 0, max: 20000 },
    international_checkins_today: { name: { vi: 'Lượt khách quốc tế lưu trú trong ngày', en: 'International check-ins today' }, unit: { vi: 'lượt', en: 'check-ins' }, min: 0, max: 5000 },
    rooms_total: { name: { vi: 'Tổng số buồng', en: 'Rooms' }, unit: { vi: 'buồng', en: 'rooms' }, min: 0, max: 20000 },
    rooms_occupied: { name: { vi: 'Buồng đang có khách', en: 'Rooms occupied' }, unit: { vi: 'buồng', en: 'rooms' }, min: 0, max: 20000 },
  },
};

/**
 * Tourism: ticket gates at the province's attractions, the accommodation registrations the
 * police system receives, and the monthly arrivals and revenue the district culture offices report.
 */
export const manifest: SectorManifest = {
  id: 'tourism',
  name: { vi: 'Du lịch', en: 'Tourism' },
  sourceKinds: { 'attraction-gate': attractionGate, accommodation },
  kpis,
  reports,
  rules,
  incidentTypes,
  dashboards,
  simulator,
};
export default manifest;
