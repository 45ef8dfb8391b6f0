import type { FeedbackCategory, IncidentTypeDefinition } from '@ioc/sdk';

/**
 * Field-report categories (lĩnh vực phản ánh) after the citizen app of 004 E1.9 (security,
 * environment, urban order) and the District 7 panel (002 #36). Deadlines are working practice of
 * the commune e-portals: urgent safety matters within a day, urban order two days, environment
 * three, administrative services five working days (120 h), the rest a week.
 */
const police = { id: 'cong-an-phuong', name: { vi: 'Công an xã, phường', en: 'Commune police' } };
const urban = { id: 'qltt-do-thi', name: { vi: 'Đội Quản lý trật tự đô thị', en: 'Urban order team' } };
const environment = { id: 'phong-tnmt', name: { vi: 'Phòng Tài nguyên và Môi trường', en: 'Natural resources and environment office' } };
const publicWorks = { id: 'phong-qldt', name: { vi: 'Phòng Quản lý đô thị (hạ tầng, giao thông)', en: 'Urban management office (infrastructure, roads)' } };
const office = { id: 'van-phong-ubnd', name: { vi: 'Văn phòng HĐND và UBND', en: 'People’s Committee office' } };

export const feedbackCategories: Record<string, FeedbackCategory> = {
  security: { name: { vi: 'An ninh, trật tự', en: 'Security and public order' }, department: police, deadlineHours: 24, incidentType: 'public-disorder' },
  'urban-order': { name: { vi: 'Trật tự đô thị (lấn chiếm vỉa hè, xây dựng trái phép)', en: 'Urban order (pavement encroachment, illegal building)' }, department: urban, deadlineHours: 48 },
  environment: { name: { vi: 'Môi trường (rác thải, ô nhiễm, ngập nước)', en: 'Environment (waste, pollution, flooding)' }, department: environment, deadlineHours: 72 },
  traffic: { name: { vi: 'Giao thông, hạ tầng (hư hỏng đường, đèn tín hiệu)', en: 'Roads and infrastructure (damaged roads, signals)' }, department: publicWorks, deadlineHours: 48 },
  'public-service': { name: { vi: 'Dịch vụ công, thủ tục hành chính', en: 'Public services and procedures' }, department: office, deadlineHours: 120 },
  other: { name: { vi: 'Lĩnh vực khác', en: 'Other' }, department: office, deadlineHours: 168 },
};

/** A field report that needs coordinated handling becomes an incident of this type (timed handling). */
export const incidentTypes: Record<string, IncidentTypeDefinition> = {
  'field-report': {
    name: { vi: 'Phản ánh hiện trường cần phối hợp xử lý', en: 'Field report needing coordinated handling' },
    class: 'timed',
    severity: 'minor',
    slaMinutes: { received: 60, verifying: 240, forwarded: 2880 },
    agency: { vi: 'Đơn vị được phân công theo lĩnh vực phản ánh', en: 'The department the report category routes to' },
    playbook: [
      { id: 'verify-report', title: { vi: 'Xác minh nội dung, hình ảnh phản ánh', en: 'Verify the report text and photos' }, role: 'operator' },
      { id: 'forward-department', title: { vi: 'Chuyển đơn vị chuyên môn xử lý', en: 'Forward to the responsible department' }, role: 'coordinator' },
      { id: 'follow-up', title: { vi: 'Đôn đốc, nhắc hạn xử lý', en: 'Follow up on the deadline' }, role: 'leader' },
      { id: 'publish-result', title: { vi: 'Công bố kết quả cho người phản ánh', en: 'Publish the result to the reporter' }, role: 'operator' },
    ],
  },
};
