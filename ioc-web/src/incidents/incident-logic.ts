import type {
  AlertDelta,
  AlertRecord,
  AlertsSnapshot,
  Assignment,
  DispatchMessage,
  DispatchUnit,
  FeedbackDelta,
  FeedbackRecord,
  FeedbackSnapshot,
  IncidentClass,
  IncidentDelta,
  IncidentRecord,
  IncidentsSnapshot,
  IncidentState,
  IncidentTimelineEntry,
  Severity,
  UnitPosition,
  UnitsDelta,
  UnitsSnapshot,
} from '@ioc/sdk';
import type { TopicReducer } from '../live/live-client';

// ---------------------------------------------------------------- priority and SLA

export const SEVERITY_RANK: Record<Severity, number> = { critical: 5, major: 4, minor: 3, warning: 2, info: 1 };
/** Immediate handling outranks command support, which outranks timed handling, at equal severity. */
export const CLASS_RANK: Record<IncidentClass, number> = { immediate: 3, command: 2, timed: 1 };

export { SEVERITY_COLORS, UNIT_STATUS_COLORS } from '../colors/severity';

/** Milliseconds left of the current state's SLA (negative: overdue), null when the state has none. */
export function slaLeftMs(incident: Pick<IncidentRecord, 'slaDueAt'>, now: number): number | null {
  return incident.slaDueAt ? Date.parse(incident.slaDueAt) - now : null;
}

export function isOverdue(incident: Pick<IncidentRecord, 'slaDueAt' | 'slaBreached'>, now: number): boolean {
  const left = slaLeftMs(incident, now);
  return incident.slaBreached || (left !== null && left <= 0);
}

/**
 * The queue's order: overdue incidents first (most severe, then longest overdue), then the rest by
 * severity, class (immediate › command › timed), least SLA time left (no SLA last), oldest first.
 */
export function compareQueue(a: IncidentRecord, b: IncidentRecord, now: number): number {
  const overdueA = isOverdue(a, now);
  const overdueB = isOverdue(b, now);
  if (overdueA !== overdueB) return overdueA ? -1 : 1;
  const bySeverity = SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];
  if (bySeverity !== 0) return bySeverity;
  if (!overdueA) {
    const byClass = CLASS_RANK[b.class] - CLASS_RANK[a.class];
    if (byClass !== 0) return byClass;
  }
  const leftA = slaLeftMs(a, now) ?? Number.POSITIVE_INFINITY;
  const leftB = slaLeftMs(b, now) ?? Number.POSITIVE_INFINITY;
  if (leftA !== leftB) return leftA < leftB ? -1 : 1;
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

export interface QueueFilter {
  states: readonly IncidentState[];
  severities: readonly Severity[];
  /** District id; null = every district. */
  districtId: string | null;
}

export const NO_FILTER: QueueFilter = { states: [], severities: [], districtId: null };

/**
 * The open incidents that pass the filter, in queue order. `districtOf` maps an incident's region
 * (often a commune) to its district.
 */
export function queueOf(incidents: Iterable<IncidentRecord>, filter: QueueFilter, now: number, districtOf: (regionId: string | null) => string | null): IncidentRecord[] {
  return [...incidents]
    .filter((i) => filter.states.length === 0 || filter.states.includes(i.state))
    .filter((i) => filter.severities.length === 0 || filter.severities.includes(i.severity))
    .filter((i) => filter.districtId === null || districtOf(i.regionId) === filter.districtId)
    .sort((a, b) => compareQueue(a, b, now));
}

/** "12:05" / "1:02:05" of a duration, for SLA countdowns; sign left to the caller. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** Distance for people: "850 m", "2,4 km" (locale decimal). */
export function formatDistance(m: number, locale: string): string {
  if (m < 1000) return `${Math.round(m / 10) * 10} m`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(m / 1000)} km`;
}

// ---------------------------------------------------------------- topic reducers

export type IncidentMap = ReadonlyMap<string, IncidentRecord>;
const FINAL_INCIDENT = new Set<IncidentState>(['published', 'cancelled']);

/** `incidents`: the open incidents by id; a published or cancelled one leaves. */
export const incidentsReducer: TopicReducer<IncidentMap, IncidentDelta> = {
  fromSnapshot: (snapshot) => new Map((snapshot as IncidentsSnapshot).incidents.map((i) => [i.id, i])),
  applyDelta(state, delta) {
    const next = new Map(state);
    const previous = next.get(delta.incident.id);
    // An older record arriving late never replaces a newer one.
    if (previous && previous.updatedAt > delta.incident.updatedAt) return state;
    if (FINAL_INCIDENT.has(delta.incident.state)) next.delete(delta.incident.id);
    else next.set(delta.incident.id, delta.incident);
    return next;
  },
};

export interface UnitsState {
  units: ReadonlyMap<string, DispatchUnit>;
  /** Assignments seen (active from the snapshot, any state from deltas) by id. */
  assignments: ReadonlyMap<string, Assignment>;
  /** Group and one-to-one messages that arrived since the snapshot. */
  messages: readonly DispatchMessage[];
  /**
   * Newest positions of units the snapshot did not hold (a unit that registered after it: the
   * topic announces units only when their status changes); `withUnits` adds them once fetched.
   */
  strayPositions: ReadonlyMap<string, UnitPosition>;
}

/** Adds units fetched over REST that the topic has not announced, at their newest known position. */
export function withUnits(state: UnitsState, fetched: readonly DispatchUnit[]): UnitsState {
  const missing = fetched.filter((u) => !state.units.has(u.id));
  if (missing.length === 0) return state;
  const units = new Map(state.units);
  const strayPositions = new Map(state.strayPositions);
  for (const u of missing) {
    const stray = strayPositions.get(u.id);
    strayPositions.delete(u.id);
    units.set(u.id, stray && (!u.position || stray.ts > u.position.ts) ? { ...u, position: stray } : u);
  }
  return { ...state, units, strayPositions };
}

/** `units`: units with status and position, assignments and messages, as deltas change them. */
export const unitsReducer: TopicReducer<UnitsState, UnitsDelta> = {
  fromSnapshot: (snapshot) => {
    const s = snapshot as UnitsSnapshot;
    return { units: new Map(s.units.map((u) => [u.id, u])), assignments: new Map(s.assignments.map((a) => [a.id, a])), messages: [], strayPositions: new Map() };
  },
  applyDelta(state, delta) {
    switch (delta.kind) {
      case 'units': {
        const units = new Map(state.units);
        const strayPositions = new Map(state.strayPositions);
        for (const u of delta.units) {
          strayPositions.delete(u.id);
          const previous = units.get(u.id);
          // A status change carries the position the server knew; keep a newer one seen since.
          const position = previous?.position && u.position && previous.position.ts > u.position.ts ? previous.position : u.position ?? previous?.position ?? null;
          units.set(u.id, { ...u, position });
        }
        return { ...state, units, strayPositions };
      }
      case 'positions': {
        const units = new Map(state.units);
        let strayPositions = state.strayPositions;
        for (const { unitId, ...position } of delta.positions) {
          const unit = units.get(unitId);
          if (!unit) {
            if (strayPositions === state.strayPositions) strayPositions = new Map(strayPositions);
            (strayPositions as Map<string, UnitPosition>).set(unitId, position);
            continue;
          }
          if (unit.position && unit.position.ts > position.ts) continue;
          units.set(unitId, { ...unit, position });
        }
        return { ...state, units, strayPositions };
      }
      case 'assignment': {
        const assignments = new Map(state.assignments);
        assignments.set(delta.assignment.id, delta.assignment);
        return { ...state, assignments };
      }
      case 'message':
        return { ...state, messages: [...state.messages.slice(-499), delta.message] };
    }
  },
};

export interface FeedbackState {
  open: ReadonlyMap<string, FeedbackRecord>;
  today: FeedbackSnapshot['today'] | null;
}

/** `feedback`: reports not done by id; a done report leaves the inbox. */
export const feedbackReducer: TopicReducer<FeedbackState, FeedbackDelta> = {
  fromSnapshot: (snapshot) => {
    const s = snapshot as FeedbackSnapshot;
    return { open: new Map(s.open.map((r) => [r.id, r])), today: s.today ?? null };
  },
  applyDelta(state, delta) {
    const open = new Map(state.open);
    if (delta.report.state === 'done') open.delete(delta.report.id);
    else open.set(delta.report.id, delta.report);
    return { ...state, open };
  },
};

/** Field reports in the inbox order: overdue first, then nearest deadline. */
export function inboxOf(reports: Iterable<FeedbackRecord>, now: number): FeedbackRecord[] {
  const overdue = (r: FeedbackRecord) => r.overdue || Date.parse(r.dueAt) <= now;
  return [...reports].sort((a, b) => Number(overdue(b)) - Number(overdue(a)) || a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
}

export type AlertMap = ReadonlyMap<string, AlertRecord>;
const ACTIVE_ALERT = new Set(['open', 'acknowledged', 'assigned', 'snoozed']);

/** `alerts:{scope}`: active alerts by id. */
export const alertsReducer: TopicReducer<AlertMap, AlertDelta> = {
  fromSnapshot: (snapshot) => new Map((snapshot as AlertsSnapshot).alerts.map((a) => [a.id, a])),
  applyDelta(state, delta) {
    const next = new Map(state);
    if (ACTIVE_ALERT.has(delta.alert.state)) next.set(delta.alert.id, delta.alert);
    else next.delete(delta.alert.id);
    return next;
  },
};

/** Most severe first, newest first; snoozed alerts last. */
export function alertOrder(alerts: Iterable<AlertRecord>): AlertRecord[] {
  return [...alerts].sort(
    (a, b) => Number(a.state === 'snoozed') - Number(b.state === 'snoozed') || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.lastAt.localeCompare(a.lastAt),
  );
}

// ---------------------------------------------------------------- assignments and chat

/** The incident's assignments, newest first; active ones before released or cancelled. */
export function assignmentsOf(assignments: Iterable<Assignment>, incidentId: string): Assignment[] {
  const active = (a: Assignment) => a.state === 'pending' || a.state === 'acknowledged' || a.state === 'arrived';
  return [...assignments].filter((a) => a.incidentId === incidentId).sort((a, b) => Number(active(b)) - Number(active(a)) || b.assignedAt.localeCompare(a.assignedAt));
}

/** Merges assignments fetched over REST with those the topic delivered (a newer state wins). */
export function mergeAssignments(rest: readonly Assignment[], live: ReadonlyMap<string, Assignment>): Map<string, Assignment> {
  const rank: Record<Assignment['state'], number> = { pending: 0, acknowledged: 1, arrived: 2, released: 3, cancelled: 3 };
  const out = new Map<string, Assignment>(rest.map((a) => [a.id, a]));
  for (const a of live.values()) {
    const known = out.get(a.id);
    if (!known || rank[a.state] >= rank[known.state]) out.set(a.id, a);
  }
  return out;
}

export interface ChatLine {
  key: string;
  at: string;
  author: string;
  text: string;
  /** note: a coordinator's note on the timeline; units: on the incident's dispatch group channel. */
  channel: 'note' | 'units';
}

/** The incident's chat: timeline notes and its dispatch group messages, oldest first, without duplicates. */
export function chatLines(timeline: readonly IncidentTimelineEntry[], messages: readonly DispatchMessage[], incidentId: string): ChatLine[] {
  const lines = new Map<string, ChatLine>();
  for (const e of timeline) {
    if (e.kind !== 'note' || !e.text) continue;
    lines.set(`n|${e.at}|${e.actor}|${e.text}`, { key: `n|${e.at}|${e.actor}|${e.text}`, at: e.at, author: e.actor, text: e.text, channel: 'note' });
  }
  for (const m of messages) {
    if (m.incidentId !== incidentId) continue;
    lines.set(`m|${m.id}`, { key: `m|${m.id}`, at: m.at, author: m.from, text: m.text, channel: 'units' });
  }
  return [...lines.values()].sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
}
