import type { MetricSchema } from '@ioc/sdk';
import { metricSchemas } from '../model/sector-manifests.js';
import type { ModelledSource } from '../model/sources/modelled-source.js';
import type { Random } from '../random/seeded-random.js';
import { accommodationMetrics } from './behaviours/accommodation.js';
import { airStationMetrics } from './behaviours/air-station.js';
import { attractionGateMetrics } from './behaviours/attraction-gate.js';
import { securityCameraMetrics, trafficCameraMetrics } from './behaviours/cameras.js';
import { documentSystemMetrics } from './behaviours/document-system.js';
import { feedbackInboxMetrics } from './behaviours/feedback-inbox.js';
import { hospitalMetrics } from './behaviours/hospital.js';
import type { MetricContext, Metrics } from './behaviours/metric-context.js';
import { oneStopDeskMetrics } from './behaviours/one-stop-desk.js';
import { registrationOfficeMetrics } from './behaviours/registration-office.js';
import { schoolMetrics } from './behaviours/school.js';
import { trafficCounterMetrics } from './behaviours/traffic-counter.js';
import { treasuryMetrics } from './behaviours/treasury.js';
import { waterLevelMetrics } from './behaviours/water-level.js';
import { localTime } from './local-time.js';

/** Decimals each metric is published with; whole counts are integers. */
const DECIMALS: Record<string, number> = {
  pm25: 1, pm10: 1, aqi: 0, aqi_good_pct: 0, temperature: 1, humidity: 1, level_m: 2, rain_mm: 1, rain_today_mm: 1,
  vehicles_per_min: 0, avg_speed_kmh: 1, occupancy_pct: 1, heavy_share_pct: 1, people_count: 0,
  beds_total: 0, beds_occupied: 0, icu_free: 0, visits_today: 0, emergency_today: 0, poisoning_today: 0, deaths_today: 0,
  students_enrolled: 0, students_present: 0, attendance_pct: 1,
  revenue_today: 2, expenditure_today: 2, investment_disbursed_today: 2,
  enterprises_registered_today: 0, projects_registered_today: 0, fdi_registered_today_musd: 2,
  visitors_today: 0, tickets_today: 0, ticket_revenue_today_mvnd: 2, visitors_on_site: 0,
  checkins_today: 0, international_checkins_today: 0, rooms_total: 0, rooms_occupied: 0,
  received_today: 0, closed_today: 0, closed_in_time_today: 0, open_reports: 0, overdue_open: 0,
  dossiers_received_today: 0, dossiers_resolved_today: 0, dossiers_resolved_in_time_today: 0, dossiers_overdue_open: 0,
  documents_in_today: 0, documents_out_today: 0, documents_signed_digitally_today: 0,
};

/** The source's reading at an instant, before rounding and range limits (tests check these). */
export function rawMetrics(source: ModelledSource, at: Date | number, random: Random): Metrics {
  const atMs = typeof at === 'number' ? at : at.getTime();
  const ctx: MetricContext = { atMs, local: localTime(atMs), lon: source.definition.lon, lat: source.definition.lat, random };
  const p = source.profile;
  switch (p.behaviour) {
    case 'air-station': return airStationMetrics(p, ctx);
    case 'water-level': return waterLevelMetrics(p, ctx);
    case 'traffic-counter': return trafficCounterMetrics(p, ctx);
    case 'traffic-camera': return trafficCameraMetrics(p, ctx);
    case 'security-camera': return securityCameraMetrics(p, ctx);
    case 'hospital': return hospitalMetrics(p, ctx);
    case 'school': return schoolMetrics(p, ctx);
    case 'treasury': return treasuryMetrics(p, ctx);
    case 'registration-office': return registrationOfficeMetrics(p, ctx);
    case 'attraction-gate': return attractionGateMetrics(p, ctx);
    case 'accommodation': return accommodationMetrics(p, ctx);
    case 'feedback-inbox': return feedbackInboxMetrics(p, ctx);
    case 'one-stop-desk': return oneStopDeskMetrics(p, ctx);
    case 'document-system': return documentSystemMetrics(p, ctx);
  }
}

/** The metrics a source publishes at an instant: rounded and held inside the manifest's ranges. */
export function telemetryMetrics(source: ModelledSource, at: Date | number, random: Random): Record<string, number> {
  return fitToSchema(rawMetrics(source, at, random), metricSchemas(source.definition.sector, source.definition.kind));
}

export function fitToSchema(metrics: Metrics, schemas: Record<string, MetricSchema>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(metrics)) {
    const schema = schemas[name];
    if (!schema) throw new Error(`metric ${name} is not in the manifest`);
    if (!Number.isFinite(value)) continue;
    const factor = 10 ** (DECIMALS[name] ?? 2);
    out[name] = Math.min(schema.max, Math.max(schema.min, Math.round(value * factor) / factor));
  }
  return out;
}
