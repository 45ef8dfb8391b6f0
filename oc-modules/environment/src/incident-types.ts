import type { IncidentTypeDefinition } from '@ioc/sdk';

export const incidentTypes: Record<string, IncidentTypeDefinition> = {
  flood: {
    name: { vi: 'Ngập lụt, lũ', en: 'Flood' },
    class: 'command',
    severity: 'critical',
    slaMinutes: { received: 5, verifying: 15, dispatched: 30, handling: 720 },
    unitTypes: ['rescue', 'police', 'medical'],
    agency: { vi: 'Ban Chỉ huy Phòng chống thiên tai và TKCN tỉnh', en: 'Provincial disaster prevention and search-and-rescue command' },
    capCategory: 'Met',
    playbook: [
      { id: 'verify-gauge', title: { vi: 'Xác minh mực nước qua trạm đo và camera gần nhất', en: 'Verify the level with the gauge and the nearest cameras' }, role: 'operator' },
      { id: 'notify-command', title: { vi: 'Báo cáo Ban Chỉ huy PCTT&TKCN tỉnh', en: 'Report to the disaster command' }, role: 'operator' },
      { id: 'warn-public', title: { vi: 'Phát cảnh báo công khai (CAP) cho vùng ngập', en: 'Issue a public CAP warning for the flooded area' }, role: 'leader' },
      { id: 'dispatch-rescue', title: { vi: 'Điều lực lượng cứu hộ, sơ tán dân', en: 'Dispatch rescue, evacuate residents' }, role: 'coordinator' },
      { id: 'close-roads', title: { vi: 'Phân luồng, cấm đường ngập', en: 'Divert traffic, close flooded roads' }, role: 'field-unit' },
      { id: 'report-result', title: { vi: 'Tổng hợp thiệt hại, công bố kết quả', en: 'Sum up damage, publish the result' }, role: 'operator' },
    ],
  },
  'flash-flood': {
    name: { vi: 'Ngập cục bộ, lũ quét tại điểm đo', en: 'Flash flood at a gauge' },
    class: 'immediate',
    severity: 'critical',
    slaMinutes: { received: 3, verifying: 5, dispatched: 15, handling: 240 },
    unitTypes: ['rescue', 'police', 'medical'],
    agency: { vi: 'Ban Chỉ huy Phòng chống thiên tai và TKCN huyện', en: 'District disaster prevention and search-and-rescue command' },
    capCategory: 'Met',
    playbook: [
      { id: 'verify-camera', title: { vi: 'Xác minh qua camera gần trạm đo', en: 'Verify with the cameras near the gauge' }, role: 'operator' },
      { id: 'dispatch-rescue', title: { vi: 'Điều lực lượng cứu hộ gần nhất', en: 'Dispatch the nearest rescue unit' }, role: 'coordinator' },
      { id: 'warn-public', title: { vi: 'Phát cảnh báo công khai (CAP) cho khu vực', en: 'Issue a public CAP warning for the area' }, role: 'leader' },
      { id: 'close-roads', title: { vi: 'Cấm đường ngập, sơ tán dân', en: 'Close flooded roads, evacuate' }, role: 'field-unit' },
      { id: 'publish-result', title: { vi: 'Công bố kết quả xử lý', en: 'Publish the result' }, role: 'operator' },
    ],
  },
  'air-pollution': {
    name: { vi: 'Ô nhiễm không khí', en: 'Air pollution' },
    class: 'timed',
    severity: 'major',
    slaMinutes: { received: 30, verifying: 120, forwarded: 240, handling: 2880 },
    unitTypes: ['environment'],
    agency: { vi: 'Sở Tài nguyên và Môi trường', en: 'Department of Natural Resources and Environment' },
    capCategory: 'Env',
    playbook: [
      { id: 'verify-station', title: { vi: 'Kiểm tra số liệu trạm, loại trừ lỗi thiết bị', en: 'Check the station, rule out a faulty sensor' }, role: 'operator' },
      { id: 'forward-agency', title: { vi: 'Chuyển Sở TN&MT xác định nguồn thải', en: 'Forward to the environment department to find the source' }, role: 'operator' },
      { id: 'advise-public', title: { vi: 'Khuyến cáo người dân hạn chế ra ngoài', en: 'Advise residents to limit outdoor activity' }, role: 'agency' },
      { id: 'publish-result', title: { vi: 'Công bố kết quả xử lý', en: 'Publish the result' }, role: 'operator' },
    ],
  },
};
