import type { IncidentTypeDefinition } from '@ioc/sdk';

export const incidentTypes: Record<string, IncidentTypeDefinition> = {
  'traffic-congestion': {
    name: { vi: 'Ùn tắc giao thông', en: 'Traffic congestion' },
    class: 'timed',
    severity: 'minor',
    slaMinutes: { received: 10, verifying: 15, forwarded: 30, handling: 120 },
    unitTypes: ['police'],
    agency: { vi: 'Phòng Cảnh sát giao thông', en: 'Traffic police' },
    capCategory: 'Transport',
    playbook: [
      { id: 'watch-camera', title: { vi: 'Xem camera, xác định nguyên nhân ùn tắc', en: 'Check the cameras for the cause' }, role: 'operator' },
      { id: 'forward-traffic-police', title: { vi: 'Chuyển CSGT phân luồng', en: 'Forward to the traffic police to divert' }, role: 'operator' },
      { id: 'publish-result', title: { vi: 'Thông báo tình hình giao thông', en: 'Publish the traffic situation' }, role: 'operator' },
    ],
  },
  'traffic-accident': {
    name: { vi: 'Tai nạn giao thông', en: 'Road accident' },
    class: 'immediate',
    severity: 'major',
    slaMinutes: { received: 2, verifying: 5, dispatched: 10, handling: 120 },
    unitTypes: ['police', 'medical', 'rescue'],
    agency: { vi: 'Phòng Cảnh sát giao thông', en: 'Traffic police' },
    capCategory: 'Transport',
    playbook: [
      { id: 'confirm-camera', title: { vi: 'Xác nhận qua camera', en: 'Confirm on camera' }, role: 'operator' },
      { id: 'dispatch-medical', title: { vi: 'Điều xe cấp cứu 115', en: 'Dispatch a 115 ambulance' }, role: 'coordinator' },
      { id: 'dispatch-police', title: { vi: 'Điều CSGT xử lý hiện trường', en: 'Dispatch traffic police to the scene' }, role: 'coordinator' },
      { id: 'publish-result', title: { vi: 'Công bố kết quả xử lý', en: 'Publish the result' }, role: 'operator' },
    ],
  },
};
