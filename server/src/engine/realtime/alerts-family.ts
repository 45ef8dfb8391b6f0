import type { AlertDelta, AlertRecord, AlertsSnapshot, IncidentDelta, IncidentRecord, IncidentsSnapshot } from '@ioc/sdk';
import type { ModuleRegistry } from '../registry/module-registry.js';
import type { RegionTree } from '../registry/region-tree.js';
import { SEVERITY_RANK, isActive } from '../alerts/lifecycle.js';
import type { TopicFamily, TopicHub } from './topic-hub.js';

const PREFIX = 'alerts:';
const ALL = 'all';

const bySeverity = (a: AlertRecord, b: AlertRecord) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.lastAt.localeCompare(a.lastAt);

/**
 * `alerts:{scope}` — scope `all`, a sector id, or a region id (the region and everything in it).
 * The snapshot holds the scope's active alerts, most severe first; each change is a delta of its
 * own (never coalesced away), on every topic whose scope contains the alert.
 */
export class AlertsFamily implements TopicFamily {
  private readonly active = new Map<string, AlertRecord>();

  constructor(
    private readonly modules: ModuleRegistry,
    private readonly tree: RegionTree,
    private readonly hub: TopicHub,
  ) {}

  static topic(scope: string): string {
    return `${PREFIX}${scope}`;
  }

  warm(alerts: AlertRecord[]): void {
    for (const a of alerts) if (isActive(a.state)) this.active.set(a.id, a);
  }

  accepts(topic: string): boolean {
    if (!topic.startsWith(PREFIX)) return false;
    const scope = topic.slice(PREFIX.length);
    return scope === ALL || this.modules.sector(scope) !== undefined || this.tree.get(scope) !== undefined;
  }

  private inScope(a: AlertRecord, scope: string): boolean {
    if (scope === ALL) return true;
    if (this.modules.sector(scope)) return a.sector === scope;
    return a.regionId !== null && this.tree.within(a.regionId, scope);
  }

  snapshot(topic: string): AlertsSnapshot {
    const scope = topic.slice(PREFIX.length);
    return { alerts: [...this.active.values()].filter((a) => this.inScope(a, scope)).sort(bySeverity) };
  }

  /** Topics a change of this alert goes to. */
  topicsOf(a: AlertRecord): string[] {
    const out = [AlertsFamily.topic(ALL)];
    if (a.sector) out.push(AlertsFamily.topic(a.sector));
    for (let r = a.regionId ? this.tree.get(a.regionId) : undefined; r; r = r.parentId ? this.tree.get(r.parentId) : undefined) out.push(AlertsFamily.topic(r.id));
    return out;
  }

  apply(d: AlertDelta): void {
    if (isActive(d.alert.state)) this.active.set(d.alert.id, d.alert);
    else this.active.delete(d.alert.id);
    for (const t of this.topicsOf(d.alert)) this.hub.publish(t, d);
  }
}

const FINAL = new Set(['published', 'cancelled']);

/** `incidents`: the incidents not yet published or cancelled; every change a delta of its own. */
export class IncidentsFamily implements TopicFamily {
  static readonly TOPIC = 'incidents';
  private readonly open = new Map<string, IncidentRecord>();

  constructor(private readonly hub: TopicHub) {}

  warm(list: IncidentRecord[]): void {
    for (const i of list) if (!FINAL.has(i.state)) this.open.set(i.id, i);
  }

  accepts(topic: string): boolean {
    return topic === IncidentsFamily.TOPIC;
  }

  snapshot(): IncidentsSnapshot {
    return { incidents: [...this.open.values()].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.slaDueAt ?? '~').localeCompare(b.slaDueAt ?? '~')) };
  }

  apply(d: IncidentDelta): void {
    if (FINAL.has(d.incident.state)) this.open.delete(d.incident.id);
    else this.open.set(d.incident.id, d.incident);
    this.hub.publish(IncidentsFamily.TOPIC, d);
  }
}
