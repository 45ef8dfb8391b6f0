import type { SectorManifest, SourceKindSchema } from '@ioc/sdk';
import { dashboards } from './dashboards.js';
import { kpis } from './kpis.js';
import { reports } from './reports.js';
import { rules } from './rules.js';
import { simulator } from './simulator.js';

const registrationOffice: SourceKindSchema = {
  name: { vi: 'Bộ phận đăng ký đầu tư, doanh nghiệp', en: 'Investment and business registration office' },
  expectedIntervalS: 900,
  // Counters since local midnight from the national business-registration and investment portals.
  metrics: {
    enterprises_registered_today: { name: { vi: 'Doanh nghiệp thành lập mới trong ngày', en: 'Enterprises registered today' }, unit: { vi: 'doanh nghiệp', en: 'enterprises' }, min: 0, max: 500 },
    projects_registered_today: { name: { vi: 'Dự án cấp mới chủ trương / chứng nhận trong ngày', en: 'Investment projects licensed today' }, unit: { vi: 'dự án', en: 'projects' }, min: 0, max: 100 },
    fdi_registered_today_musd: { name: { vi: 'Vốn FDI đăng ký trong ngày', en: 'FDI capital registered today' }, unit: { vi: 'triệu USD', en: 'million USD' }, min: 0, max: 5000 },
  },
  events: {
    'project-registered': {
      name: { vi: 'Dự án đầu tư được cấp phép', en: 'Investment project licensed' },
      fields: { foreign: 'boolean', capitalMusd: 'number' },
    },
  },
};

/**
 * Planning and investment: FDI implemented capital, ODA disbursed, projects under way and new
 * registrations (004:l4804-4882). District offices report monthly; the registration portals feed live.
 */
export const manifest: SectorManifest = {
  id: 'planning',
  name: { vi: 'Kế hoạch và Đầu tư', en: 'Planning and investment' },
  sourceKinds: { 'registration-office': registrationOffice },
  kpis,
  reports,
  rules,
  dashboards,
  simulator,
};
export default manifest;
