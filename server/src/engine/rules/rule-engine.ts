import type { AlertRule, CompareOp, RuleCondition, SourceDefinition } from '@ioc/sdk';
import type { AlertSignal } from '../alerts/alert.service.js';
import type { Logger } from '../logging/logger.js';
import { systemClock, type Clock } from '../time/clock.js';

/** What the engine needs to know about a source. */
export interface RuleSource extends Pick<SourceDefinition, 'id' | 'sector' | 'kind' | 'name' | 'regionId' | 'lon' | 'lat'> {
  lastSeen?: string;
}

export interface RuleTelemetry {
  sector: string;
  sourceId: string;
  ts: string;
  metrics: Array<[string, number]>;
}

export interface RuleEvent {
  sector: string;
  sourceId: string;
  ts: string;
  type: string;
  eventId?: string;
}

/** Where the engine's conclusions go (the alert service); calls for one key arrive in order. */
export interface RuleSink {
  raise(signal: AlertSignal): Promise<unknown>;
  clear(key: string, at: Date): Promise<unknown>;
}

export interface RuleEngineOptions {
  sources: { get(id: string): RuleSource | undefined; list(): RuleSource[] };
  sink: RuleSink;
  log: Logger;
  clock?: Clock;
  /** How often no-data conditions are looked at (ms). */
  sweepMs?: number;
}

type Leaf =
  | { type: 'threshold'; kind: string; metric: string; op: CompareOp; value: number; forMs: number }
  | { type: 'rate-of-change'; kind: string; metric: string; delta: number; withinMs: number }
  | { type: 'no-data'; kind: string; afterMs: number }
  | { type: 'event'; kind: string; event: string }
  | { type: 'kpi'; kpi: string; op: CompareOp; value: number };

type Node = { leaf: number } | { all: Node[] } | { any: Node[] };

interface Compiled {
  rule: AlertRule;
  leaves: Leaf[];
  root: Node;
  /** Source kind of the rule's source conditions (undefined: a KPI-only rule, per region). */
  kind?: string;
  metrics: Set<string>;
  /** The metric an alert of this rule reports as its value (the first one its conditions name). */
  primary?: string;
  events: Set<string>;
  kpis: Set<string>;
  hasNoData: boolean;
}

/** Per rule × scope (source or region): the state of each condition and whether the rule fires. */
interface ScopeState {
  firing: boolean;
  /** threshold: since when the raw comparison holds (ms), null when it does not. */
  since: Array<number | null>;
  raw: boolean[];
  /** rate-of-change samples within the window. */
  samples: Array<Array<[number, number]>>;
  /** event: the event being evaluated right now. */
  eventNow: boolean[];
  lastMetric?: string;
  lastValue?: number;
}

export class RuleCompileError extends Error {}

const compare = (op: CompareOp, a: number, b: number): boolean => (op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : a <= b);

/** Turns a rule's condition tree into leaves and a tree over them; one source kind per rule. */
export function compileRule(rule: AlertRule): Compiled {
  const leaves: Leaf[] = [];
  const kinds = new Set<string>();
  const c: Compiled = { rule, leaves, root: { all: [] }, metrics: new Set(), events: new Set(), kpis: new Set(), hasNoData: false };
  const walk = (cond: RuleCondition, depth: number): Node => {
    if (depth > 8) throw new RuleCompileError('conditions nest too deep');
    switch (cond.type) {
      case 'all':
        return { all: cond.conditions.map((x) => walk(x, depth + 1)) };
      case 'any':
        return { any: cond.conditions.map((x) => walk(x, depth + 1)) };
      case 'threshold':
        kinds.add(cond.sourceKind);
        c.metrics.add(cond.metric);
        leaves.push({ type: 'threshold', kind: cond.sourceKind, metric: cond.metric, op: cond.op, value: cond.value, forMs: (cond.forS ?? 0) * 1000 });
        break;
      case 'rate-of-change':
        kinds.add(cond.sourceKind);
        c.metrics.add(cond.metric);
        leaves.push({ type: 'rate-of-change', kind: cond.sourceKind, metric: cond.metric, delta: cond.delta, withinMs: cond.withinS * 1000 });
        break;
      case 'no-data':
        kinds.add(cond.sourceKind);
        c.hasNoData = true;
        leaves.push({ type: 'no-data', kind: cond.sourceKind, afterMs: cond.afterS * 1000 });
        break;
      case 'event':
        kinds.add(cond.sourceKind);
        c.events.add(cond.event);
        leaves.push({ type: 'event', kind: cond.sourceKind, event: cond.event });
        break;
      case 'kpi':
        c.kpis.add(cond.kpi);
        leaves.push({ type: 'kpi', kpi: cond.kpi, op: cond.op, value: cond.value });
        break;
    }
    return { leaf: leaves.length - 1 };
  };
  c.root = walk(rule.when, 0);
  c.primary = [...c.metrics][0];
  if (kinds.size > 1) throw new RuleCompileError(`combines source kinds ${[...kinds].join(' and ')}; a rule watches one kind of source`);
  c.kind = [...kinds][0];
  return c;
}

/**
 * Evaluates the alert rules on the stream, in the ingest role, on what each committed batch
 * carried (so a rule sees exactly what was stored). Conditions are tracked per source (per region
 * for KPI rules) with event time: "above X for N minutes" means readings timestamped N minutes
 * apart all above X. The engine raises when a rule starts to hold and clears when it stops; the
 * alert service deduplicates by key. Evaluation is synchronous and allocation-light; the alert
 * writes it causes run behind it, in order per key, and never hold up ingest.
 */
export class RuleEngine {
  private compiled: Compiled[] = [];
  private byKind = new Map<string, Compiled[]>();
  private kpiRules: Compiled[] = [];
  private readonly state = new Map<string, Map<string, ScopeState>>();
  /** KPI values: kpiId → regionId → value (current period). */
  private readonly kpiValues = new Map<string, Map<string, number>>();
  private readonly lastSeen = new Map<string, number>();
  private readonly started: number;
  private readonly chains = new Map<string, Promise<unknown>>();
  private sweepTimer?: NodeJS.Timeout;
  private readonly clock: Clock;
  readonly stats = { readings: 0, events: 0, raised: 0, cleared: 0, sinkErrors: 0, evalNs: 0, rules: 0, skipped: 0 };

  constructor(private readonly o: RuleEngineOptions) {
    this.clock = o.clock ?? systemClock;
    this.started = this.clock.now().getTime();
    for (const s of o.sources.list()) if (s.lastSeen) this.lastSeen.set(s.id, Date.parse(s.lastSeen));
  }

  /** Replaces the rule set; the state of rules whose version did not change is kept. */
  setRules(rules: AlertRule[]): void {
    const old = new Map(this.compiled.map((c) => [c.rule.id, c.rule.version]));
    const next: Compiled[] = [];
    let skipped = 0;
    for (const r of rules) {
      if (!r.enabled) continue;
      try {
        next.push(compileRule(r));
      } catch (err) {
        skipped++;
        this.o.log.warn('rule not evaluated', { ruleId: r.id, error: (err as Error).message });
      }
    }
    for (const id of this.state.keys()) {
      const c = next.find((x) => x.rule.id === id);
      if (!c || old.get(id) !== c.rule.version) this.state.delete(id);
    }
    this.compiled = next;
    this.byKind = new Map();
    this.kpiRules = [];
    for (const c of next) {
      if (c.kind) {
        const k = `${c.rule.sector}/${c.kind}`;
        (this.byKind.get(k) ?? this.byKind.set(k, []).get(k)!).push(c);
      } else this.kpiRules.push(c);
    }
    this.stats.rules = next.length;
    this.stats.skipped = skipped;
  }

  start(): void {
    this.sweepTimer = setInterval(() => this.sweep(), this.o.sweepMs ?? 5000);
    this.sweepTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await Promise.allSettled([...this.chains.values()]);
  }

  private scope(ruleId: string, scopeId: string, leaves: number): ScopeState {
    let m = this.state.get(ruleId);
    if (!m) this.state.set(ruleId, (m = new Map()));
    let s = m.get(scopeId);
    if (!s) {
      s = { firing: false, since: new Array(leaves).fill(null), raw: new Array(leaves).fill(false), samples: Array.from({ length: leaves }, () => []), eventNow: new Array(leaves).fill(false) };
      m.set(scopeId, s);
    }
    return s;
  }

  /** Notes that a source was heard from; its record and the rules watching its kind, if any. */
  private seen(it: { sector: string; sourceId: string }, tsMs: number): { src: RuleSource; rules: Compiled[] } | undefined {
    const prev = this.lastSeen.get(it.sourceId);
    if (prev === undefined || prev < tsMs) this.lastSeen.set(it.sourceId, tsMs);
    const src = this.o.sources.get(it.sourceId);
    const rules = src && this.byKind.get(`${it.sector}/${src.kind}`);
    return src && rules ? { src, rules } : undefined;
  }

  /** Readings of a committed batch. */
  telemetry(items: RuleTelemetry[]): void {
    const t0 = process.hrtime.bigint();
    for (const it of items) {
      const tsMs = Date.parse(it.ts);
      const hit = this.seen(it, tsMs);
      if (!hit) continue;
      const { src, rules } = hit;
      this.stats.readings += it.metrics.length;
      for (const c of rules) {
        let touched = false;
        for (const [metric] of it.metrics) if (c.metrics.has(metric)) touched = true;
        if (!touched && !c.hasNoData) continue;
        const s = this.scope(c.rule.id, src.id, c.leaves.length);
        for (const [metric, value] of it.metrics) {
          if (!c.metrics.has(metric)) continue;
          if (metric === c.primary) {
            s.lastMetric = metric;
            s.lastValue = value;
          }
          for (let i = 0; i < c.leaves.length; i++) {
            const leaf = c.leaves[i]!;
            if (leaf.type === 'threshold' && leaf.metric === metric) {
              const raw = compare(leaf.op, value, leaf.value);
              if (raw && !s.raw[i]) s.since[i] = tsMs;
              if (!raw) s.since[i] = null;
              s.raw[i] = raw;
            } else if (leaf.type === 'rate-of-change' && leaf.metric === metric) {
              const list = s.samples[i]!;
              list.push([tsMs, value]);
              while (list.length && list[0]![0] < tsMs - leaf.withinMs) list.shift();
            }
          }
        }
        this.evaluate(c, src, s, tsMs);
      }
    }
    this.stats.evalNs += Number(process.hrtime.bigint() - t0);
  }

  /** Events of a committed batch (camera analytics, CAP messages from outside). */
  events(items: RuleEvent[]): void {
    for (const it of items) {
      const tsMs = Date.parse(it.ts);
      const hit = this.seen(it, tsMs);
      if (!hit) continue;
      const { src, rules } = hit;
      this.stats.events++;
      for (const c of rules) {
        if (!c.events.has(it.type)) continue;
        const s = this.scope(c.rule.id, src.id, c.leaves.length);
        c.leaves.forEach((leaf, i) => (s.eventNow[i] = leaf.type === 'event' && leaf.event === it.type));
        this.evaluate(c, src, s, tsMs, { event: it.type, eventId: it.eventId });
        s.eventNow.fill(false);
      }
    }
  }

  /** Current KPI values (the KPI engine's output). */
  kpis(values: Array<{ kpiId: string; regionId: string; period: string; value: number | null }>): void {
    const touched = new Set<string>();
    for (const v of values) {
      if (v.value === null) continue;
      let m = this.kpiValues.get(v.kpiId);
      if (!m) this.kpiValues.set(v.kpiId, (m = new Map()));
      m.set(v.regionId, v.value);
      touched.add(`${v.kpiId}|${v.regionId}`);
    }
    const now = this.clock.now().getTime();
    for (const c of this.kpiRules) {
      const regions = new Set<string>();
      for (const k of c.kpis) for (const key of touched) if (key.startsWith(`${k}|`)) regions.add(key.slice(k.length + 1));
      for (const regionId of regions) this.evaluate(c, undefined, this.scope(c.rule.id, regionId, c.leaves.length), now, undefined, regionId);
    }
  }

  /** No-data conditions, looked at on a timer against the clock. */
  sweep(): void {
    const now = this.clock.now().getTime();
    for (const c of this.compiled) {
      if (!c.hasNoData || !c.kind) continue;
      for (const src of this.o.sources.list()) {
        if (src.sector !== c.rule.sector || src.kind !== c.kind) continue;
        this.evaluate(c, src, this.scope(c.rule.id, src.id, c.leaves.length), now);
      }
    }
  }

  private leafHolds(c: Compiled, i: number, s: ScopeState, src: RuleSource | undefined, regionId: string | undefined, atMs: number): boolean {
    const leaf = c.leaves[i]!;
    switch (leaf.type) {
      case 'threshold':
        return s.raw[i]! && s.since[i] !== null && atMs - s.since[i]! >= leaf.forMs;
      case 'rate-of-change': {
        const list = s.samples[i]!;
        if (list.length < 2) return false;
        const last = list[list.length - 1]![1];
        if (leaf.delta > 0) return last - Math.min(...list.map((x) => x[1])) >= leaf.delta;
        return last - Math.max(...list.map((x) => x[1])) <= leaf.delta;
      }
      case 'no-data': {
        if (!src) return false;
        const seen = this.lastSeen.get(src.id) ?? this.started;
        return this.clock.now().getTime() - seen > leaf.afterMs;
      }
      case 'event':
        return s.eventNow[i]!;
      case 'kpi': {
        const m = this.kpiValues.get(leaf.kpi);
        const region = regionId ?? src?.regionId;
        const v = region !== undefined ? m?.get(region) : undefined;
        return v !== undefined && compare(leaf.op, v, leaf.value);
      }
    }
  }

  private holds(c: Compiled, n: Node, s: ScopeState, src: RuleSource | undefined, regionId: string | undefined, atMs: number): boolean {
    if ('leaf' in n) return this.leafHolds(c, n.leaf, s, src, regionId, atMs);
    if ('all' in n) return n.all.every((x) => this.holds(c, x, s, src, regionId, atMs));
    return n.any.some((x) => this.holds(c, x, s, src, regionId, atMs));
  }

  private evaluate(c: Compiled, src: RuleSource | undefined, s: ScopeState, atMs: number, extra?: Record<string, unknown>, regionId?: string): void {
    const holds = this.holds(c, c.root, s, src, regionId, atMs);
    const scopeId = src?.id ?? regionId!;
    const key = `rule:${c.rule.id}:${scopeId}`;
    const momentary = s.eventNow.some(Boolean);
    if (holds && (!s.firing || momentary)) {
      s.firing = !momentary;
      this.stats.raised++;
      const kpiLeaf = c.leaves.find((l) => l.type === 'kpi') as Extract<Leaf, { type: 'kpi' }> | undefined;
      const kpiValue = kpiLeaf ? this.kpiValues.get(kpiLeaf.kpi)?.get(regionId ?? src?.regionId ?? '') : undefined;
      const signal: AlertSignal = {
        key,
        origin: 'rule',
        severity: c.rule.severity,
        title: src ? { vi: `${c.rule.name.vi} – ${src.name}`, en: `${c.rule.name.en} – ${src.name}` } : { vi: c.rule.name.vi, en: c.rule.name.en },
        at: new Date(atMs),
        ruleId: c.rule.id,
        sector: c.rule.sector,
        ...(src ? { sourceId: src.id, regionId: src.regionId, lon: src.lon, lat: src.lat } : { regionId }),
        ...(kpiLeaf ? { kpiId: kpiLeaf.kpi } : {}),
        ...(s.lastMetric && !momentary ? { metric: s.lastMetric, value: s.lastValue } : kpiValue !== undefined ? { value: kpiValue } : {}),
        policyId: c.rule.policyId,
        ...(c.rule.incidentType ? { incidentType: c.rule.incidentType } : {}),
        details: { ...(extra ?? {}) },
      };
      this.enqueue(key, () => this.o.sink.raise(signal));
    } else if (!holds && s.firing) {
      s.firing = false;
      if (c.rule.autoResolve) {
        this.stats.cleared++;
        this.enqueue(key, () => this.o.sink.clear(key, new Date(atMs)));
      }
    }
  }

  private enqueue(key: string, fn: () => Promise<unknown>): void {
    const prev = this.chains.get(key) ?? Promise.resolve();
    const run = prev
      .then(fn)
      .catch((err: Error) => {
        this.stats.sinkErrors++;
        this.o.log.warn('alert write failed', { key, error: err.message });
      })
      .finally(() => {
        if (this.chains.get(key) === run) this.chains.delete(key);
      });
    this.chains.set(key, run);
  }

  /** Resolves when every alert write queued so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.chains.size) await Promise.allSettled([...this.chains.values()]);
  }
}
