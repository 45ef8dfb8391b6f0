import type { SectorManifest, SourceKindSchema } from '@ioc/sdk';

/**
 * Response units (lực lượng ứng phó): police patrols (113), fire and rescue (114), ambulances
 * (115), search-and-rescue teams and environment inspection teams. Each unit is a source of kind
 * `unit` that reports its position on `ioc/v1/dispatch/unit/{id}/telemetry`; ingest keeps the
 * positions in the `unit_position` hypertable, and the dispatch engine tracks duty status,
 * assignments to incidents, ETAs and messages. The module declares no indicators of its own: it
 * is the forces every sector's incidents call on.
 */
const unit: SourceKindSchema = {
  name: { vi: 'Đơn vị ứng phó (xe, tổ công tác)', en: 'Response unit (vehicle, team)' },
  expectedIntervalS: 10,
  metrics: {
    // Viet Nam spans about 102.1–109.5 °E and 8.4–23.4 °N; the bounds refuse a swapped pair.
    lon: { name: { vi: 'Kinh độ', en: 'Longitude' }, unit: '°', min: 102, max: 110 },
    lat: { name: { vi: 'Vĩ độ', en: 'Latitude' }, unit: '°', min: 8, max: 24 },
    speed_kmh: { name: { vi: 'Tốc độ', en: 'Speed' }, unit: 'km/h', min: 0, max: 200 },
    heading_deg: { name: { vi: 'Hướng di chuyển', en: 'Heading' }, unit: '°', min: 0, max: 360 },
    fuel_pct: { name: { vi: 'Nhiên liệu còn lại', en: 'Fuel left' }, unit: '%', min: 0, max: 100 },
  },
  position: { lon: 'lon', lat: 'lat', speedKmh: 'speed_kmh', headingDeg: 'heading_deg' },
  events: {
    // The crew accepts the assignment on its terminal (the REST route does the same for a radio call).
    'assignment.ack': { name: { vi: 'Đơn vị nhận lệnh điều động', en: 'Unit acknowledges the assignment' }, fields: { assignment: 'string' } },
    // The crew reports arriving (arrival is also detected from the position near the scene).
    'assignment.arrived': { name: { vi: 'Đơn vị báo đã đến hiện trường', en: 'Unit reports arrival on scene' }, fields: { assignment: 'string' } },
    // Off duty / back on duty, from the crew's terminal.
    'duty.change': { name: { vi: 'Đơn vị đổi trạng thái trực', en: 'Unit changes duty status' }, fields: { status: 'string' } },
  },
};

export const manifest: SectorManifest = {
  id: 'dispatch',
  name: { vi: 'Điều phối lực lượng ứng phó', en: 'Response unit dispatch' },
  sourceKinds: { unit },
  simulator: {
    sources: {
      // 41 units across the 11 district-level units (see the simulator's unit plan).
      unit: { behaviour: 'response-unit', count: 41, params: { idleJitterM: 30, ackDelayS: 8 } },
    },
  },
};

export default manifest;
