import type { AlertOrigin, AlertRecord, AlertState, AlertTransition, LocalizedText, Severity } from '@ioc/sdk';
import { iso } from '../db/row-time.js';

/** A row of `alert` as the database returns it. */
export interface AlertRow {
  id: string | number;
  dedup_key: string;
  origin: AlertOrigin;
  rule_id: string | null;
  sector: string | null;
  source_id: string | null;
  region_id: string | null;
  kpi_id: string | null;
  severity: Severity;
  title: LocalizedText;
  state: AlertState;
  snoozed_from: AlertState | null;
  count: number;
  first_at: Date | string;
  last_at: Date | string;
  metric: string | null;
  last_value: number | null;
  assignee: string | null;
  snoozed_until: Date | string | null;
  escalation_level: number;
  escalate_at: Date | string | null;
  policy_id: string;
  incident_type: string | null;
  incident_id: string | number | null;
  lon: number | null;
  lat: number | null;
  details: Record<string, unknown>;
  updated_at: Date | string;
}

export interface TransitionRow {
  alert_id: string | number;
  at: Date | string;
  action: AlertTransition['action'];
  from_state: AlertState | null;
  to_state: AlertState;
  actor: string;
  comment: string | null;
  data: Record<string, unknown>;
}


export function toAlert(r: AlertRow): AlertRecord {
  return {
    id: String(r.id),
    key: r.dedup_key,
    origin: r.origin,
    ruleId: r.rule_id,
    sector: r.sector,
    sourceId: r.source_id,
    regionId: r.region_id,
    kpiId: r.kpi_id,
    severity: r.severity,
    title: r.title,
    state: r.state,
    count: Number(r.count),
    firstAt: iso(r.first_at)!,
    lastAt: iso(r.last_at)!,
    metric: r.metric,
    lastValue: r.last_value === null ? null : Number(r.last_value),
    assignee: r.assignee,
    snoozedUntil: iso(r.snoozed_until),
    escalationLevel: Number(r.escalation_level),
    escalateAt: iso(r.escalate_at),
    policyId: r.policy_id,
    incidentType: r.incident_type,
    incidentId: r.incident_id === null ? null : String(r.incident_id),
    lon: r.lon === null ? null : Number(r.lon),
    lat: r.lat === null ? null : Number(r.lat),
    details: r.details ?? {},
    updatedAt: iso(r.updated_at)!,
  };
}

export function toTransition(r: TransitionRow): AlertTransition {
  return { alertId: String(r.alert_id), at: iso(r.at)!, action: r.action, from: r.from_state, to: r.to_state, actor: r.actor, comment: r.comment, data: r.data ?? {} };
}
