/**
 * Alerts and incidents on the wire (REST and socket topics `alerts:{scope}`, `incidents`), shared
 * by the server and the web app, and the incident types (playbooks, kịch bản) modules declare.
 */
import type { LocalizedText } from './manifest.js';
import type { RuleCondition, Severity } from './rules.js';

// ---------------------------------------------------------------- alerts

/** open → acknowledged → assigned → resolved → closed; snoozed hides an active alert until a time. */
export type AlertState = 'open' | 'acknowledged' | 'assigned' | 'snoozed' | 'resolved' | 'closed';
export const ALERT_STATES: readonly AlertState[] = ['open', 'acknowledged', 'assigned', 'snoozed', 'resolved', 'closed'];
/** States in which an alert still wants attention (a repeat of its key updates it). */
export const ACTIVE_ALERT_STATES: readonly AlertState[] = ['open', 'acknowledged', 'assigned', 'snoozed'];

/** What an operator (or the system) does to an alert. */
export type AlertAction = 'acknowledge' | 'assign' | 'snooze' | 'resolve' | 'close' | 'reopen';
export const ALERT_ACTIONS: readonly AlertAction[] = ['acknowledge', 'assign', 'snooze', 'resolve', 'close', 'reopen'];

/** Where an alert came from. */
export type AlertOrigin = 'rule' | 'kpi-risk' | 'cap' | 'manual';

export interface AlertRecord {
  id: string;
  /** Deduplication key: a repeat while the alert is active updates count and last value. */
  key: string;
  origin: AlertOrigin;
  ruleId: string | null;
  sector: string | null;
  sourceId: string | null;
  regionId: string | null;
  kpiId: string | null;
  severity: Severity;
  title: LocalizedText;
  state: AlertState;
  count: number;
  firstAt: string;
  lastAt: string;
  metric: string | null;
  lastValue: number | null;
  assignee: string | null;
  snoozedUntil: string | null;
  /** Escalation step reached (0 = not escalated) and when the next one is due. */
  escalationLevel: number;
  escalateAt: string | null;
  policyId: string;
  /** Incident type (playbook) the rule suggests. */
  incidentType: string | null;
  incidentId: string | null;
  lon: number | null;
  lat: number | null;
  details: Record<string, unknown>;
  updatedAt: string;
}

/** One recorded change of an alert (who and when). */
export interface AlertTransition {
  alertId: string;
  at: string;
  action: AlertAction | 'raise' | 'repeat' | 'escalate' | 'unsnooze' | 'link-incident';
  from: AlertState | null;
  to: AlertState;
  actor: string;
  comment: string | null;
  data: Record<string, unknown>;
}

/** A step of an escalation chain: after `afterS` unacknowledged, notify these targets. */
export interface EscalationStep {
  afterS: number;
  /** Who is told (notification target names, e.g. "truc-ban-ioc", "lanh-dao-so"). */
  notify: string[];
  label: LocalizedText;
  /** Open an incident of the rule's type at this step (when it has none yet). */
  openIncident?: boolean;
}

export interface EscalationPolicy {
  id: string;
  name: LocalizedText;
  /** Steps in order; each `afterS` counts from the previous step (the first from the raise). */
  steps: EscalationStep[];
}

/** An alert rule as stored (defaults from manifests, changes and new ones through the API). */
export interface AlertRule {
  id: string;
  sector: string;
  name: LocalizedText;
  severity: Severity;
  when: RuleCondition;
  incidentType: string | null;
  policyId: string;
  enabled: boolean;
  /** Resolve the alert by itself when the condition clears. */
  autoResolve: boolean;
  origin: 'manifest' | 'api';
  version: number;
  updatedAt: string;
  updatedBy: string;
}

/** Delta of an `alerts:{scope}` topic: one change, never coalesced away. */
export interface AlertDelta {
  alert: AlertRecord;
  transition: AlertTransition;
}

/** Snapshot of an `alerts:{scope}` topic: the active alerts of the scope, most severe first. */
export interface AlertsSnapshot {
  alerts: AlertRecord[];
}

// ---------------------------------------------------------------- incidents

/** The three procedures of the IOC: timed handling, immediate handling, command support. */
export type IncidentClass = 'timed' | 'immediate' | 'command';
export const INCIDENT_CLASSES: readonly IncidentClass[] = ['timed', 'immediate', 'command'];

export type IncidentState = 'received' | 'verifying' | 'forwarded' | 'dispatched' | 'handling' | 'resolved' | 'published' | 'cancelled';
export const INCIDENT_STATES: readonly IncidentState[] = ['received', 'verifying', 'forwarded', 'dispatched', 'handling', 'resolved', 'published', 'cancelled'];

/** A checklist step of a playbook and the role that does it. */
export interface PlaybookStep {
  id: string;
  title: LocalizedText;
  /** e.g. operator, coordinator, leader, field-unit, agency. */
  role: string;
}

/** An incident type a module declares: its class, playbook, SLAs and the forces it usually needs. */
export interface IncidentTypeDefinition {
  name: LocalizedText;
  class: IncidentClass;
  severity: Severity;
  /** Minutes allowed in each state before the SLA is breached. */
  slaMinutes?: Partial<Record<IncidentState, number>>;
  playbook: PlaybookStep[];
  /** Unit types suggested for dispatch (police, fire, medical, rescue, environment). */
  unitTypes?: string[];
  /** Agency an incident of this type is forwarded to (timed handling). */
  agency?: LocalizedText;
  /** CAP category of public warnings about it (Geo, Met, Safety, Security, Rescue, Fire, Health, Env, Transport, Infra, CBRNE, Other). */
  capCategory?: string;
}

export type IncidentOrigin = 'alert' | 'camera' | 'feedback' | 'manual';

export interface IncidentChecklistItem extends PlaybookStep {
  doneAt: string | null;
  doneBy: string | null;
}

export interface IncidentLink {
  kind: 'alert' | 'camera' | 'unit' | 'feedback' | 'source';
  refId: string;
  at: string;
}

export interface IncidentRecord {
  id: string;
  /** Human code, e.g. SC-2026-000042. */
  code: string;
  type: string;
  class: IncidentClass;
  state: IncidentState;
  severity: Severity;
  title: string;
  description: string;
  origin: IncidentOrigin;
  regionId: string | null;
  lon: number | null;
  lat: number | null;
  /** When the current state's SLA runs out (null when the state has none). */
  slaDueAt: string | null;
  slaBreached: boolean;
  /** Text published to the public when the incident is resolved. */
  publicResult: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  stateSince: string;
}

export interface IncidentTimelineEntry {
  incidentId: string;
  at: string;
  kind: string;
  actor: string;
  text: string | null;
  data: Record<string, unknown>;
}

/** Delta of the `incidents` topic: one change, never coalesced away. */
export interface IncidentDelta {
  incident: IncidentRecord;
  entry: IncidentTimelineEntry;
}

export interface IncidentsSnapshot {
  incidents: IncidentRecord[];
}

/** A condition type a rule may use (re-exported for the API's rule editor). */
export type { RuleCondition };
