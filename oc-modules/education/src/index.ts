import type { SectorManifest } from '@ioc/sdk';

/** Education: attendance from smart student cards (004:l610-614, l6488). */
export const manifest: SectorManifest = {
  id: 'education',
  name: { vi: 'Giáo dục và Đào tạo', en: 'Education' },
  sourceKinds: {
    school: {
      name: { vi: 'Trường học', en: 'School' },
      expectedIntervalS: 300,
      metrics: {
        students_enrolled: { name: { vi: 'Số học sinh', en: 'Students enrolled' }, unit: { vi: 'học sinh', en: 'students' }, min: 0, max: 10000 },
        students_present: { name: { vi: 'Học sinh có mặt', en: 'Students present' }, unit: { vi: 'học sinh', en: 'students' }, min: 0, max: 10000 },
        attendance_pct: { name: { vi: 'Tỷ lệ chuyên cần', en: 'Attendance' }, unit: '%', min: 0, max: 100 },
      },
    },
  },
};
export default manifest;
