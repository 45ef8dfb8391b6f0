import type { ReportField, ReportTemplate } from '@ioc/sdk';

const count = (vi: string, en: string, unit: ReportField['unit'], max: number): ReportField => ({ name: { vi, en }, unit, type: 'integer', min: 0, max, required: true });
const met = (vi: string, en: string): ReportField => ({ name: { vi, en }, unit: { vi: 'đạt = 1', en: 'met = 1' }, type: 'integer', min: 0, max: 1, required: true });
const STUDENTS = { vi: 'học sinh', en: 'students' };

export const reports: Record<string, ReportTemplate> = {
  school_stats_quarterly: {
    name: { vi: 'Thống kê mạng lưới trường lớp, học sinh, giáo viên', en: 'Schools, classes, students and teachers' },
    description: {
      vi: 'Phòng Giáo dục và Đào tạo cấp huyện tổng hợp số liệu các cấp học trên địa bàn (gồm THPT, GDTX đặt tại địa bàn).',
      en: 'District education offices consolidate every level in the district (upper-secondary and continuing-education centres included).',
    },
    period: 'quarter',
    level: 'district',
    dueDays: 15,
    department: { vi: 'Sở Giáo dục và Đào tạo', en: 'Department of Education and Training' },
    fields: {
      schools: count('Số trường, trung tâm', 'Schools and centres', { vi: 'trường', en: 'schools' }, 500),
      schools_national_standard: count('Trường đạt chuẩn quốc gia', 'Schools meeting the national standard', { vi: 'trường', en: 'schools' }, 500),
      classes: count('Số lớp, nhóm lớp', 'Classes', { vi: 'lớp', en: 'classes' }, 10000),
      teachers: count('Số giáo viên', 'Teachers', { vi: 'giáo viên', en: 'teachers' }, 20000),
      staff: count('Cán bộ quản lý, nhân viên', 'Managers and support staff', { vi: 'người', en: 'people' }, 10000),
      students_preschool: count('Trẻ mầm non', 'Preschool children', { vi: 'trẻ', en: 'children' }, 100000),
      students_primary: count('Học sinh tiểu học', 'Primary students', STUDENTS, 200000),
      students_lower_secondary: count('Học sinh THCS', 'Lower-secondary students', STUDENTS, 200000),
      students_upper_secondary: count('Học sinh THPT, GDTX', 'Upper-secondary and continuing-education students', STUDENTS, 100000),
      dropouts: count('Học sinh bỏ học trong kỳ', 'Dropouts during the quarter', STUDENTS, 5000),
    },
  },
  universalisation_yearly: {
    name: { vi: 'Kết quả phổ cập giáo dục, xóa mù chữ', en: 'Universal education and literacy' },
    description: {
      vi: 'Xã, phường tự kiểm tra và báo cáo kết quả phổ cập giáo dục (Nghị định 20/2014/NĐ-CP); 1 = đạt chuẩn.',
      en: 'Communes self-assess universal education (Decree 20/2014/ND-CP); 1 = standard met.',
    },
    period: 'year',
    level: 'commune',
    dueDays: 31,
    department: { vi: 'Sở Giáo dục và Đào tạo', en: 'Department of Education and Training' },
    fields: {
      assessed: met('Xã được kiểm tra', 'Commune assessed'),
      preschool_5y_met: met('Đạt phổ cập giáo dục mầm non cho trẻ 5 tuổi', 'Universal preschool for 5-year-olds'),
      primary_met: met('Đạt phổ cập giáo dục tiểu học mức độ 3', 'Universal primary education, level 3'),
      lower_secondary_met: met('Đạt phổ cập giáo dục THCS', 'Universal lower-secondary education'),
      literacy_met: met('Đạt chuẩn xóa mù chữ mức độ 2', 'Literacy, level 2'),
      literacy_rate_15_60: {
        name: { vi: 'Tỷ lệ biết chữ độ tuổi 15–60', en: 'Literacy rate, ages 15–60' },
        unit: '%',
        type: 'number',
        min: 0,
        max: 100,
        consolidate: { fn: 'avg' },
      },
    },
  },
};
