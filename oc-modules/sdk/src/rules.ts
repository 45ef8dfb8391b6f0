/**
 * Default alert rules a module ships (evaluated by the [alerts] rule engine). Thresholds name a
 * source kind and metric of the same module, or a KPI.
 */
import type { LocalizedText } from './manifest.js';

export type Severity = 'critical' | 'major' | 'minor' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'major', 'minor', 'warning', 'info'];

export type CompareOp = '>' | '>=' | '<' | '<=';

export type RuleCondition =
  /** A reading crosses a value, optionally for a duration. */
  | { type: 'threshold'; sourceKind: string; metric: string; op: CompareOp; value: number; forS?: number }
  /** A metric changes by more than `delta` within `withinS` seconds (positive = rising). */
  | { type: 'rate-of-change'; sourceKind: string; metric: string; delta: number; withinS: number }
  /** A source of this kind sends nothing for `afterS` seconds. */
  | { type: 'no-data'; sourceKind: string; afterS: number }
  /** A camera/analytics event of this type arrives. */
  | { type: 'event'; sourceKind: string; event: string }
  /** A KPI value crosses a value. */
  | { type: 'kpi'; kpi: string; op: CompareOp; value: number }
  | { type: 'all' | 'any'; conditions: RuleCondition[] };

export interface RuleDefault {
  name: LocalizedText;
  severity: Severity;
  when: RuleCondition;
  /** Incident type (playbook) an alert of this rule suggests; any loaded module may declare it. */
  incidentType?: string;
  /** Escalation policy id (default `default`). */
  policy?: string;
  /** Resolve the alert by itself when the condition clears (default true; event rules never clear). */
  autoResolve?: boolean;
}
