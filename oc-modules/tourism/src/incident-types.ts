import type { IncidentTypeDefinition } from '@ioc/sdk';

export const incidentTypes: Record<string, IncidentTypeDefinition> = {
  crowd: {
    name: { vi: 'Tập trung đông người quá mức', en: 'Overcrowding' },
    class: 'immediate',
    severity: 'major',
    slaMinutes: { received: 5, verifying: 10, dispatched: 20, handling: 180 },
    unitTypes: ['police', 'medical'],
    agency: { vi: 'Ban quản lý khu du lịch, Công an địa phương', en: 'Site management and local police' },
    capCategory: 'Safety',
    playbook: [
      { id: 'watch-camera', title: { vi: 'Theo dõi mật độ qua camera', en: 'Watch the density on camera' }, role: 'operator' },
      { id: 'limit-entry', title: { vi: 'Tạm dừng bán vé, điều tiết lối vào', en: 'Stop ticket sales, regulate the gates' }, role: 'agency' },
      { id: 'dispatch-police', title: { vi: 'Điều lực lượng giữ trật tự', en: 'Dispatch police to keep order' }, role: 'coordinator' },
      { id: 'publish-result', title: { vi: 'Công bố kết quả xử lý', en: 'Publish the result' }, role: 'operator' },
    ],
  },
};
