import type { IncidentTypeDefinition } from '@ioc/sdk';

export const incidentTypes: Record<string, IncidentTypeDefinition> = {
  fire: {
    name: { vi: 'Cháy, nổ', en: 'Fire or explosion' },
    class: 'immediate',
    severity: 'critical',
    slaMinutes: { received: 2, verifying: 3, dispatched: 10, handling: 240 },
    unitTypes: ['fire', 'medical', 'police'],
    agency: { vi: 'Phòng Cảnh sát PCCC và CNCH', en: 'Fire and rescue police' },
    capCategory: 'Fire',
    playbook: [
      { id: 'confirm-camera', title: { vi: 'Xác nhận qua camera gần nhất hoặc người báo tin', en: 'Confirm with the nearest camera or the caller' }, role: 'operator' },
      { id: 'dispatch-fire', title: { vi: 'Điều xe chữa cháy gần nhất (114)', en: 'Dispatch the nearest fire engine (114)' }, role: 'coordinator' },
      { id: 'dispatch-medical', title: { vi: 'Điều xe cấp cứu (115) khi có người bị nạn', en: 'Dispatch an ambulance (115) if people are hurt' }, role: 'coordinator' },
      { id: 'secure-area', title: { vi: 'Phong tỏa hiện trường, phân luồng giao thông', en: 'Cordon the scene, divert traffic' }, role: 'field-unit' },
      { id: 'report-leader', title: { vi: 'Báo cáo lãnh đạo tỉnh', en: 'Report to the provincial leaders' }, role: 'operator' },
      { id: 'publish-result', title: { vi: 'Công bố kết quả xử lý', en: 'Publish the result' }, role: 'operator' },
    ],
  },
  'public-disorder': {
    name: { vi: 'Gây rối trật tự công cộng', en: 'Public disorder' },
    class: 'immediate',
    severity: 'major',
    slaMinutes: { received: 3, verifying: 5, dispatched: 15, handling: 120 },
    unitTypes: ['police'],
    agency: { vi: 'Công an tỉnh', en: 'Provincial police' },
    capCategory: 'Security',
    playbook: [
      { id: 'watch-camera', title: { vi: 'Theo dõi qua camera, xác định quy mô', en: 'Watch on camera, judge the scale' }, role: 'operator' },
      { id: 'dispatch-police', title: { vi: 'Điều lực lượng công an gần nhất (113)', en: 'Dispatch the nearest police (113)' }, role: 'coordinator' },
      { id: 'restore-order', title: { vi: 'Giải tán, lập lại trật tự', en: 'Disperse, restore order' }, role: 'field-unit' },
      { id: 'publish-result', title: { vi: 'Công bố kết quả xử lý', en: 'Publish the result' }, role: 'operator' },
    ],
  },
  intrusion: {
    name: { vi: 'Xâm nhập trái phép khu vực bảo vệ', en: 'Intrusion into a protected area' },
    class: 'immediate',
    severity: 'major',
    slaMinutes: { received: 3, verifying: 5, dispatched: 15, handling: 60 },
    unitTypes: ['police'],
    agency: { vi: 'Công an tỉnh', en: 'Provincial police' },
    capCategory: 'Security',
    playbook: [
      { id: 'confirm-camera', title: { vi: 'Xác nhận qua camera', en: 'Confirm on camera' }, role: 'operator' },
      { id: 'dispatch-police', title: { vi: 'Điều lực lượng công an gần nhất', en: 'Dispatch the nearest police' }, role: 'coordinator' },
      { id: 'publish-result', title: { vi: 'Ghi nhận kết quả', en: 'Record the result' }, role: 'operator' },
    ],
  },
};
