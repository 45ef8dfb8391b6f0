import type { IncidentTypeDefinition } from '@ioc/sdk';

export const incidentTypes: Record<string, IncidentTypeDefinition> = {
  'school-safety': {
    name: { vi: 'Mất an toàn trường học', en: 'School safety incident' },
    class: 'timed',
    severity: 'major',
    slaMinutes: { received: 15, verifying: 60, forwarded: 120, handling: 1440 },
    unitTypes: ['police', 'medical'],
    agency: { vi: 'Sở Giáo dục và Đào tạo', en: 'Department of Education and Training' },
    capCategory: 'Safety',
    playbook: [
      { id: 'call-school', title: { vi: 'Liên hệ ban giám hiệu xác minh', en: 'Call the school to verify' }, role: 'operator' },
      { id: 'forward-doet', title: { vi: 'Chuyển Sở GD&ĐT và công an địa phương', en: 'Forward to the education department and local police' }, role: 'operator' },
      { id: 'inform-parents', title: { vi: 'Thông tin cho phụ huynh', en: 'Inform parents' }, role: 'agency' },
      { id: 'publish-result', title: { vi: 'Công bố kết quả xử lý', en: 'Publish the result' }, role: 'operator' },
    ],
  },
};
