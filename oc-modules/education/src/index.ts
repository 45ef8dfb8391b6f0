import type { SectorManifest, SourceKindSchema } from '@ioc/sdk';
import { dashboards } from './dashboards.js';
import { kpis } from './kpis.js';
import { reports } from './reports.js';
import { rules } from './rules.js';
import { incidentTypes } from './incident-types.js';
import { simulator } from './simulator.js';

const STUDENTS = { vi: 'học sinh', en: 'students' };

const school: SourceKindSchema = {
  name: { vi: 'Trường học', en: 'School' },
  expectedIntervalS: 300,
  metrics: {
    students_enrolled: { name: { vi: 'Số học sinh', en: 'Students enrolled' }, unit: STUDENTS, min: 0, max: 10000 },
    students_present: { name: { vi: 'Học sinh có mặt', en: 'Students present' }, unit: STUDENTS, min: 0, max: 10000 },
    attendance_pct: { name: { vi: 'Tỷ lệ chuyên cần', en: 'Attendance' }, unit: '%', min: 0, max: 100 },
  },
  events: {
    // Reported by the school from its safety app: school violence, an accident on the premises, storm or flood damage.
    'safety-incident': {
      name: { vi: 'Sự cố an toàn trường học', en: 'School safety incident' },
      fields: { category: 'string' },
    },
  },
};

/**
 * Education: attendance from smart student cards (004:l610-614, l6488), school-safety incidents,
 * and the statistics the 11 district education offices report by level (schools, classes,
 * students, teachers, universalisation).
 */
export const manifest: SectorManifest = {
  id: 'education',
  name: { vi: 'Giáo dục và Đào tạo', en: 'Education' },
  sourceKinds: { school },
  kpis,
  reports,
  rules,
  incidentTypes,
  dashboards,
  simulator,
};
export default manifest;
