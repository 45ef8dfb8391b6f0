/**
 * Sector module contract. A module in `oc-modules/<sector>` exports one `SectorManifest`;
 * the server loads it through the registry and validates it at boot.
 */
import type { KpiDefinition } from './kpi.js';
import type { ReportTemplate } from './report.js';
import type { RuleDefault } from './rules.js';
import type { IncidentTypeDefinition } from './alerts.js';
import type { DashboardLayout } from './dashboard.js';
import type { SimulatorProfile } from './simulator.js';
import type { FeedbackCategory } from './feedback.js';

export interface LocalizedText {
  vi: string;
  en: string;
}

export type Language = keyof LocalizedText;

/** A symbol the same in every language (`µg/m³`, `%`) or a word per language (`xe/phút` / `veh/min`). */
export type UnitText = string | LocalizedText;

export function localized(text: UnitText | LocalizedText, lang: Language): string {
  return typeof text === 'string' ? text : text[lang];
}

/** Schema of one telemetry metric a source kind publishes. */
export interface MetricSchema {
  name: LocalizedText;
  unit: UnitText;
  /** Values outside [min, max] are dead-lettered as out of range. */
  min: number;
  max: number;
}

/** Schema of one event type a source kind publishes (camera analytics, ...). */
export interface EventSchema {
  name: LocalizedText;
  /** Required payload fields besides ts, id, type, with their JSON type. */
  fields?: Record<string, 'string' | 'number' | 'boolean' | 'object'>;
}

export interface SourceKindSchema {
  name: LocalizedText;
  /** Expected interval between telemetry messages, seconds (drives staleness). */
  expectedIntervalS: number;
  metrics: Record<string, MetricSchema>;
  events?: Record<string, EventSchema>;
  /**
   * Sources of this kind are cameras: they carry `streamUrl` / `snapshotUrl` attributes, their
   * `status` topic is their heartbeat, and incidents list the nearest ones.
   */
  camera?: boolean;
  /**
   * Sources of this kind move (response units): the telemetry metrics that carry the position.
   * Ingest stores them in the `unit_position` hypertable instead of `reading`; the other metrics
   * of the message are readings as usual.
   */
  position?: PositionMetrics;
}

/** Names of the telemetry metrics that carry a moving source's position. */
export interface PositionMetrics {
  lon: string;
  lat: string;
  speedKmh?: string;
  headingDeg?: string;
}

export interface SectorManifest {
  /** Sector id, used in MQTT topics and socket topics. */
  id: string;
  name: LocalizedText;
  /** Source kinds of this sector, keyed by kind id (the `{kind}` topic segment). */
  sourceKinds: Record<string, SourceKindSchema>;
  /** Indicators keyed by snake_case id; the full id is `{sector}.{key}`. */
  kpis?: Record<string, KpiDefinition>;
  /** Periodic statistics the sector's units submit, keyed by template id. */
  reports?: Record<string, ReportTemplate>;
  /** Alert rules enabled by default, keyed by rule id. */
  rules?: Record<string, RuleDefault>;
  /** Incident types (playbooks, kịch bản) this module handles, keyed by type id. */
  incidentTypes?: Record<string, IncidentTypeDefinition>;
  /** Citizen field-report categories (lĩnh vực phản ánh), keyed by category id. */
  feedbackCategories?: Record<string, FeedbackCategory>;
  /** Dashboard layouts keyed by id; `oc` is the sector OC page. */
  dashboards?: Record<string, DashboardLayout>;
  /** How the simulator feeds this module. */
  simulator?: SimulatorProfile;
}

/** A registered data source (device, camera, facility feed). */
export interface SourceDefinition {
  id: string;
  sector: string;
  kind: string;
  name: string;
  regionId: string;
  lon: number;
  lat: number;
  attributes?: Record<string, unknown>;
}
