import type { IncidentTypeDefinition } from '@ioc/sdk';

export const incidentTypes: Record<string, IncidentTypeDefinition> = {
  epidemic: {
    name: { vi: 'Dịch bệnh truyền nhiễm', en: 'Communicable disease outbreak' },
    class: 'command',
    severity: 'major',
    slaMinutes: { received: 60, verifying: 1440, dispatched: 1440, handling: 20160 },
    unitTypes: ['medical'],
    agency: { vi: 'Sở Y tế – Trung tâm Kiểm soát bệnh tật (CDC)', en: 'Department of Health – CDC' },
    capCategory: 'Health',
    playbook: [
      { id: 'verify-cases', title: { vi: 'Xác minh ca bệnh với CDC, điều tra dịch tễ', en: 'Verify cases with the CDC, investigate' }, role: 'agency' },
      { id: 'zone-outbreak', title: { vi: 'Khoanh vùng ổ dịch, xử lý môi trường', en: 'Contain the cluster, treat the environment' }, role: 'field-unit' },
      { id: 'command-meeting', title: { vi: 'Họp Ban chỉ đạo phòng chống dịch tại IOC', en: 'Hold the epidemic command meeting at the IOC' }, role: 'leader' },
      { id: 'inform-public', title: { vi: 'Thông tin cho người dân, khuyến cáo phòng bệnh', en: 'Inform residents, advise prevention' }, role: 'operator' },
    ],
  },
  'hospital-capacity': {
    name: { vi: 'Quá tải bệnh viện', en: 'Hospital over capacity' },
    class: 'timed',
    severity: 'major',
    slaMinutes: { received: 30, verifying: 60, forwarded: 120, handling: 1440 },
    agency: { vi: 'Sở Y tế', en: 'Department of Health' },
    capCategory: 'Health',
    playbook: [
      { id: 'verify-census', title: { vi: 'Xác minh số giường với bệnh viện', en: 'Check the bed census with the hospital' }, role: 'operator' },
      { id: 'forward-doh', title: { vi: 'Chuyển Sở Y tế điều phối chuyển viện', en: 'Forward to the health department to move patients' }, role: 'operator' },
      { id: 'publish-result', title: { vi: 'Công bố kết quả xử lý', en: 'Publish the result' }, role: 'operator' },
    ],
  },
  'mass-casualty': {
    name: { vi: 'Tai nạn, ngộ độc hàng loạt', en: 'Mass casualty or mass poisoning' },
    class: 'immediate',
    severity: 'critical',
    slaMinutes: { received: 2, verifying: 5, dispatched: 10, handling: 360 },
    unitTypes: ['medical', 'police'],
    agency: { vi: 'Sở Y tế', en: 'Department of Health' },
    capCategory: 'Health',
    playbook: [
      { id: 'confirm', title: { vi: 'Xác nhận số người bị nạn', en: 'Confirm the number of victims' }, role: 'operator' },
      { id: 'dispatch-115', title: { vi: 'Điều các kíp cấp cứu 115', en: 'Dispatch 115 ambulance crews' }, role: 'coordinator' },
      { id: 'alert-hospitals', title: { vi: 'Báo bệnh viện tiếp nhận chuẩn bị', en: 'Alert receiving hospitals' }, role: 'agency' },
      { id: 'sample-food', title: { vi: 'Lấy mẫu thực phẩm, điều tra nguyên nhân', en: 'Sample the food, investigate the cause' }, role: 'agency' },
      { id: 'publish-result', title: { vi: 'Công bố kết quả xử lý', en: 'Publish the result' }, role: 'operator' },
    ],
  },
};
