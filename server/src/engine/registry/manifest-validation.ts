import {
  CALENDAR_PERIODS,
  INCIDENT_CLASSES,
  INCIDENT_STATES,
  KPI_PERIODS,
  SEVERITIES,
  STREAM_AGGREGATES,
  TOPIC_SEGMENT,
  UNIT_TYPES,
  type KpiDefinition,
  type KpiPeriod,
  type ReportTemplate,
  type SectorManifest,
} from '@ioc/sdk';
import { FormulaError, formulaIdentifiers, parseFormula } from '../kpi/formula.js';
import { checkFeedbackCategories, checkFeedbackCategorySet } from './feedback-categories-validation.js';

export class ManifestError extends Error {
  constructor(
    readonly moduleName: string,
    readonly field: string,
    problem: string,
  ) {
    super(`module ${moduleName}: ${field} ${problem}`);
    this.name = 'ManifestError';
  }
}

/** Columns of every dashboard grid; widget positions are 1-based cells like the wall layouts. */
export const DASHBOARD_COLUMNS = 12;

/** KPI, metric, report-template and field keys: snake_case, usable as formula identifiers. */
const SNAKE_KEY = /^[a-z][a-z0-9_]{0,62}$/;
/** Rule and dashboard keys may also use hyphens. */
const LOOSE_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
/** A full KPI or report id `sector.key`. */
const FULL_ID = /^([a-z0-9][a-z0-9_.-]{0,63})\.([a-z][a-z0-9_]{0,62})$/;
/** Words of the formula language that cannot name a KPI. */
const FORMULA_WORDS = new Set(['and', 'or', 'not']);
/** Keys of the data-truth KPIs the engine adds to every sector (DataQualityKpi in @ioc/sdk). */
const RESERVED_KPI_KEYS = new Set(['data_freshness', 'data_completeness', 'data_validity', 'report_timeliness']);

const REGION_LEVELS = ['province', 'district', 'commune'] as const;
const PERCENTILES = new Set(['p50', 'p90', 'p95', 'p99']);
/** Aggregates whose values cannot be added up across regions. */
const NON_ADDITIVE = new Set(['avg', 'min', 'max', 'p50', 'p90', 'p95', 'p99']);
const PER_SOURCE = ['max', 'min', 'avg', 'last'];
const ROLLUP_FNS = ['sum', 'recompute', 'avg', 'min', 'max', 'weighted-avg', 'formula'];
const ACCUMULATE = ['sum', 'last', 'avg', 'max'];
const DIRECTIONS = ['higher', 'lower', 'none'];
const FORECASTS = ['pace', 'trend', 'none'];
const FIELD_TYPES = ['integer', 'number', 'text'];
const CONSOLIDATE_FNS = ['sum', 'avg', 'weighted-avg', 'none'];
const EVENT_FIELD_TYPES = ['string', 'number', 'boolean', 'object'];
const COMPARE_OPS = ['>', '>=', '<', '<='];
/** CAP 1.2 info categories. */
const CAP_CATEGORIES = ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'];
/** KPI periods a submitted KPI may have, by the period of its report (a week counts in the month it ends in). */
const KPI_PERIODS_BY_REPORT_PERIOD: Record<string, readonly KpiPeriod[]> = {
  day: ['day', 'month', 'quarter', 'year'],
  week: ['month', 'quarter', 'year'],
  month: ['month', 'quarter', 'year'],
  quarter: ['quarter', 'year'],
  year: ['year'],
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPositiveInteger = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;
const list = (xs: readonly string[]) => xs.join(', ');

function requireLocalized(moduleName: string, field: string, v: unknown): void {
  if (!isObject(v) || typeof v.vi !== 'string' || !v.vi || typeof v.en !== 'string' || !v.en) {
    throw new ManifestError(moduleName, field, 'must be { vi, en } with both texts non-empty');
  }
}

function requireUnit(moduleName: string, field: string, v: unknown): void {
  if (typeof v !== 'string') requireLocalized(moduleName, field, v);
}

/** Checks a manifest's shape at boot; the first problem stops the boot naming module and field. */
export function validateManifest(moduleName: string, m: unknown): SectorManifest {
  if (!isObject(m)) throw new ManifestError(moduleName, 'manifest', 'must be an object exported as `manifest`');
  if (typeof m.id !== 'string' || !TOPIC_SEGMENT.test(m.id)) throw new ManifestError(moduleName, 'id', 'must be a lower-case identifier');
  requireLocalized(moduleName, 'name', m.name);
  if (!isObject(m.sourceKinds)) throw new ManifestError(moduleName, 'sourceKinds', 'must be an object');
  for (const [kindId, kind] of Object.entries(m.sourceKinds)) {
    const at = `sourceKinds.${kindId}`;
    if (!TOPIC_SEGMENT.test(kindId)) throw new ManifestError(moduleName, at, 'key must be a lower-case identifier');
    if (!isObject(kind)) throw new ManifestError(moduleName, at, 'must be an object');
    requireLocalized(moduleName, `${at}.name`, kind.name);
    if (typeof kind.expectedIntervalS !== 'number' || !(kind.expectedIntervalS > 0)) {
      throw new ManifestError(moduleName, `${at}.expectedIntervalS`, 'must be a positive number of seconds');
    }
    if (!isObject(kind.metrics)) throw new ManifestError(moduleName, `${at}.metrics`, 'must be an object');
    for (const [metricId, metric] of Object.entries(kind.metrics)) {
      const mat = `${at}.metrics.${metricId}`;
      if (!SNAKE_KEY.test(metricId)) throw new ManifestError(moduleName, mat, 'key must be a snake_case identifier');
      if (!isObject(metric)) throw new ManifestError(moduleName, mat, 'must be an object');
      requireLocalized(moduleName, `${mat}.name`, metric.name);
      requireUnit(moduleName, `${mat}.unit`, metric.unit);
      if (typeof metric.min !== 'number' || typeof metric.max !== 'number' || !(metric.min < metric.max)) {
        throw new ManifestError(moduleName, `${mat}.min/max`, 'must be numbers with min < max');
      }
    }
    if (kind.camera !== undefined && typeof kind.camera !== 'boolean') throw new ManifestError(moduleName, `${at}.camera`, 'must be true or false');
    if (kind.position !== undefined) {
      if (!isObject(kind.position)) throw new ManifestError(moduleName, `${at}.position`, 'must be an object naming the lon and lat metrics');
      for (const [role, metric] of Object.entries(kind.position)) {
        if (!['lon', 'lat', 'speedKmh', 'headingDeg'].includes(role)) throw new ManifestError(moduleName, `${at}.position.${role}`, 'is not one of lon, lat, speedKmh, headingDeg');
        if (typeof metric !== 'string' || !(kind.metrics as Record<string, unknown>)[metric]) throw new ManifestError(moduleName, `${at}.position.${role}`, `must name a metric of ${kindId}`);
      }
      if (!kind.position.lon || !kind.position.lat) throw new ManifestError(moduleName, `${at}.position`, 'needs both lon and lat');
    }
    if (kind.events !== undefined) {
      if (!isObject(kind.events)) throw new ManifestError(moduleName, `${at}.events`, 'must be an object');
      for (const [eventId, ev] of Object.entries(kind.events)) {
        const eat = `${at}.events.${eventId}`;
        if (!TOPIC_SEGMENT.test(eventId)) throw new ManifestError(moduleName, eat, 'key must be a lower-case identifier');
        if (!isObject(ev)) throw new ManifestError(moduleName, eat, 'must be an object');
        requireLocalized(moduleName, `${eat}.name`, ev.name);
        if (ev.fields !== undefined) {
          if (!isObject(ev.fields)) throw new ManifestError(moduleName, `${eat}.fields`, 'must be an object of field → JSON type');
          for (const [field, type] of Object.entries(ev.fields)) {
            if (!EVENT_FIELD_TYPES.includes(type as string)) throw new ManifestError(moduleName, `${eat}.fields.${field}`, `must be one of ${list(EVENT_FIELD_TYPES)}`);
          }
        }
      }
    }
  }
  const manifest = m as unknown as SectorManifest;
  const check = new ManifestChecker(moduleName, manifest);
  if (m.reports !== undefined) check.reports(m.reports);
  if (m.kpis !== undefined) check.kpis(m.kpis);
  if (m.rules !== undefined) check.rules(m.rules);
  if (m.incidentTypes !== undefined) check.incidentTypes(m.incidentTypes);
  if (m.feedbackCategories !== undefined) checkFeedbackCategories(m.feedbackCategories, (field, problem) => { throw new ManifestError(moduleName, field, problem); });
  if (m.dashboards !== undefined) check.dashboards(m.dashboards);
  if (m.simulator !== undefined) check.simulator(m.simulator);
  // Cycles among the module's own derived KPIs; cycles through other modules are found at load.
  const cycle = findDerivedCycle([manifest]);
  if (cycle) throw new ManifestError(moduleName, `kpis.${cycle.key}.formula`, `is circular: ${cycle.path.join(' → ')}`);
  return manifest;
}

/**
 * The parts of a manifest beyond its source kinds. Methods run in order reports → kpis → rules
 * → dashboards → simulator, each relying on the parts checked before it.
 */
class ManifestChecker {
  constructor(
    private readonly moduleName: string,
    private readonly m: SectorManifest,
  ) {}

  private fail(field: string, problem: string): never {
    throw new ManifestError(this.moduleName, field, problem);
  }

  private keyed(at: string, v: unknown, key: RegExp, keyText: string): Record<string, unknown> {
    if (!isObject(v)) this.fail(at, 'must be an object');
    for (const [k, item] of Object.entries(v)) {
      if (!key.test(k)) this.fail(`${at}.${k}`, `key must be ${keyText}`);
      if (!isObject(item)) this.fail(`${at}.${k}`, 'must be an object');
    }
    return v;
  }

  private oneOf(at: string, v: unknown, allowed: readonly string[]): void {
    if (typeof v !== 'string' || !allowed.includes(v)) this.fail(at, `must be one of ${list(allowed)}${v === undefined ? '' : `, got ${JSON.stringify(v)}`}`);
  }

  private sourceKind(at: string, v: unknown) {
    if (typeof v !== 'string' || !this.m.sourceKinds[v]) this.fail(at, `must name a source kind of this module (${list(Object.keys(this.m.sourceKinds))}), got ${JSON.stringify(v)}`);
    return this.m.sourceKinds[v];
  }

  private metric(at: string, kindId: string, v: unknown) {
    const metrics = this.m.sourceKinds[kindId].metrics;
    if (typeof v !== 'string' || !metrics[v]) this.fail(at, `must name a metric of source kind ${kindId} (${list(Object.keys(metrics))}), got ${JSON.stringify(v)}`);
    return metrics[v];
  }

  private event(at: string, kindId: string, v: unknown): void {
    const events = this.m.sourceKinds[kindId].events ?? {};
    if (typeof v !== 'string' || !events[v]) this.fail(at, `must name an event type of source kind ${kindId} (${list(Object.keys(events)) || 'it has none'}), got ${JSON.stringify(v)}`);
  }

  /** A KPI named by full id: this module's must exist; another module's is checked at load. */
  private kpiRef(at: string, v: unknown): KpiDefinition | undefined {
    const mt = typeof v === 'string' ? FULL_ID.exec(v) : null;
    if (!mt) this.fail(at, `must be a full KPI id "sector.key", got ${JSON.stringify(v)}`);
    if (mt[1] !== this.m.id) return undefined;
    const kpi = this.m.kpis?.[mt[2]];
    if (!kpi) this.fail(at, `names ${v}, which is not a KPI of this module`);
    return kpi;
  }

  private reportRef(at: string, v: unknown): ReportTemplate | undefined {
    const mt = typeof v === 'string' ? FULL_ID.exec(v) : null;
    if (!mt) this.fail(at, `must be a full report template id "sector.key", got ${JSON.stringify(v)}`);
    if (mt[1] !== this.m.id) return undefined;
    const template = this.m.reports?.[mt[2]];
    if (!template) this.fail(at, `names ${v}, which is not a report template of this module`);
    return template;
  }

  reports(v: unknown): void {
    for (const [id, t] of Object.entries(this.keyed('reports', v, SNAKE_KEY, 'a snake_case identifier'))) {
      const at = `reports.${id}`;
      const r = t as Record<string, unknown>;
      requireLocalized(this.moduleName, `${at}.name`, r.name);
      if (r.description !== undefined) requireLocalized(this.moduleName, `${at}.description`, r.description);
      if (r.department !== undefined) requireLocalized(this.moduleName, `${at}.department`, r.department);
      this.oneOf(`${at}.period`, r.period, CALENDAR_PERIODS);
      this.oneOf(`${at}.level`, r.level, REGION_LEVELS);
      if (!Number.isInteger(r.dueDays) || (r.dueDays as number) < 0 || (r.dueDays as number) > 366) this.fail(`${at}.dueDays`, 'must be a whole number of days from 0 to 366');
      const fields = this.keyed(`${at}.fields`, r.fields, SNAKE_KEY, 'a snake_case identifier');
      if (Object.keys(fields).length === 0) this.fail(`${at}.fields`, 'must declare at least one field');
      for (const [fieldId, f] of Object.entries(fields)) {
        const fat = `${at}.fields.${fieldId}`;
        const field = f as Record<string, unknown>;
        requireLocalized(this.moduleName, `${fat}.name`, field.name);
        if (field.unit !== undefined) requireUnit(this.moduleName, `${fat}.unit`, field.unit);
        this.oneOf(`${fat}.type`, field.type, FIELD_TYPES);
        const numeric = field.type !== 'text';
        for (const bound of ['min', 'max'] as const) {
          if (field[bound] === undefined) continue;
          if (!numeric) this.fail(`${fat}.${bound}`, 'only applies to numeric fields');
          if (!isFiniteNumber(field[bound])) this.fail(`${fat}.${bound}`, 'must be a finite number');
        }
        if (isFiniteNumber(field.min) && isFiniteNumber(field.max) && !(field.min <= field.max)) this.fail(`${fat}.min/max`, 'must have min ≤ max');
        if (field.required !== undefined && typeof field.required !== 'boolean') this.fail(`${fat}.required`, 'must be true or false');
        if (field.consolidate !== undefined) {
          const c = field.consolidate;
          if (!isObject(c)) this.fail(`${fat}.consolidate`, 'must be { fn }');
          this.oneOf(`${fat}.consolidate.fn`, c.fn, CONSOLIDATE_FNS);
          if (!numeric && c.fn !== 'none') this.fail(`${fat}.consolidate.fn`, 'must be "none" for a text field');
          if (c.fn === 'weighted-avg') {
            const weight = fields[c.weight as string] as Record<string, unknown> | undefined;
            if (typeof c.weight !== 'string' || c.weight === fieldId || !weight || weight.type === 'text') {
              this.fail(`${fat}.consolidate.weight`, `must name another numeric field of ${id}, got ${JSON.stringify(c.weight)}`);
            }
          }
        }
      }
    }
  }

  kpis(v: unknown): void {
    const kpis = this.keyed('kpis', v, SNAKE_KEY, 'a snake_case identifier');
    for (const [key, k] of Object.entries(kpis)) {
      const at = `kpis.${key}`;
      if (FORMULA_WORDS.has(key)) this.fail(at, `key "${key}" is a word of the formula language`);
      if (RESERVED_KPI_KEYS.has(key)) this.fail(at, `key "${key}" is reserved for the data-quality KPI the engine adds to every sector`);
      const kpi = k as Record<string, unknown>;
      requireLocalized(this.moduleName, `${at}.name`, kpi.name);
      if (kpi.description !== undefined) requireLocalized(this.moduleName, `${at}.description`, kpi.description);
      requireUnit(this.moduleName, `${at}.unit`, kpi.unit);
      this.oneOf(`${at}.direction`, kpi.direction, DIRECTIONS);
      if (!Array.isArray(kpi.periods) || kpi.periods.length === 0) this.fail(`${at}.periods`, `must be a non-empty list of ${list(KPI_PERIODS)}`);
      kpi.periods.forEach((p, i) => this.oneOf(`${at}.periods[${i}]`, p, KPI_PERIODS));
      if (new Set(kpi.periods).size !== kpi.periods.length) this.fail(`${at}.periods`, 'must not repeat a period');
      const periods = kpi.periods as KpiPeriod[];
      if (kpi.decimals !== undefined && (!Number.isInteger(kpi.decimals) || (kpi.decimals as number) < 0 || (kpi.decimals as number) > 6)) this.fail(`${at}.decimals`, 'must be a whole number from 0 to 6');
      if (kpi.group !== undefined && (typeof kpi.group !== 'string' || !kpi.group)) this.fail(`${at}.group`, 'must be a non-empty string');
      if (kpi.forecast !== undefined) this.oneOf(`${at}.forecast`, kpi.forecast, FORECASTS);
      this.kpiTargets(at, kpi, periods);
      this.oneOf(`${at}.kind`, kpi.kind, ['stream', 'submitted', 'derived']);
      if (kpi.kind === 'stream') this.streamKpi(at, kpi, periods);
      else if (kpi.kind === 'submitted') this.submittedKpi(at, kpi, periods);
      else this.derivedKpi(at, key, kpi, periods, kpis);
      this.kpiRollup(at, key, kpi, kpis);
    }
  }

  private kpiTargets(at: string, kpi: Record<string, unknown>, periods: KpiPeriod[]): void {
    if (kpi.targets === undefined) return;
    if (!Array.isArray(kpi.targets)) this.fail(`${at}.targets`, 'must be a list');
    if (kpi.targets.length > 0 && kpi.direction === 'none') this.fail(`${at}.targets`, 'need a direction of higher or lower to measure attainment');
    kpi.targets.forEach((t, i) => {
      const tat = `${at}.targets[${i}]`;
      if (!isObject(t)) this.fail(tat, 'must be an object');
      if (typeof t.period !== 'string' || !periods.includes(t.period as KpiPeriod)) this.fail(`${tat}.period`, `must be one of the KPI's periods (${list(periods)}), got ${JSON.stringify(t.period)}`);
      if (!isFiniteNumber(t.value)) this.fail(`${tat}.value`, 'must be a finite number');
      if (t.level !== undefined) this.oneOf(`${tat}.level`, t.level, REGION_LEVELS);
      if (t.regionId !== undefined && (typeof t.regionId !== 'string' || !t.regionId)) this.fail(`${tat}.regionId`, 'must be a region id');
    });
  }

  private streamKpi(at: string, kpi: Record<string, unknown>, periods: KpiPeriod[]): void {
    const kindId = kpi.sourceKind as string;
    this.sourceKind(`${at}.sourceKind`, kindId);
    if ((kpi.metric === undefined) === (kpi.event === undefined)) this.fail(`${at}.metric/event`, 'must give exactly one of metric and event');
    this.oneOf(`${at}.aggregate`, kpi.aggregate, STREAM_AGGREGATES);
    const aggregate = kpi.aggregate as string;
    if (kpi.event !== undefined) {
      this.event(`${at}.event`, kindId, kpi.event);
      if (aggregate !== 'count' && aggregate !== 'rate') this.fail(`${at}.aggregate`, `must be count or rate for events, got ${JSON.stringify(aggregate)}`);
      if (kpi.perSource !== undefined) this.fail(`${at}.perSource`, 'applies to readings, not events');
    } else {
      this.metric(`${at}.metric`, kindId, kpi.metric);
    }
    if (kpi.perSource !== undefined) {
      this.oneOf(`${at}.perSource`, kpi.perSource, PER_SOURCE);
      if (kpi.perSource === 'last' && periods.some((p) => p !== 'realtime')) this.fail(`${at}.perSource`, '"last" is for the realtime period only');
    }
    if (PERCENTILES.has(aggregate)) {
      if (kpi.perSource !== undefined) this.fail(`${at}.perSource`, 'does not apply to percentiles, which rank every reading');
      const bad = periods.filter((p) => p !== 'realtime' && p !== 'day');
      if (bad.length > 0) this.fail(`${at}.aggregate`, `percentiles are computed for realtime and day only, not ${list(bad)}`);
    }
    if (kpi.ratePerS !== undefined) {
      if (aggregate !== 'rate') this.fail(`${at}.ratePerS`, 'only applies to aggregate rate');
      if (!isFiniteNumber(kpi.ratePerS) || kpi.ratePerS <= 0) this.fail(`${at}.ratePerS`, 'must be a positive number of seconds');
    }
    if (kpi.windowS !== undefined) {
      if (!isPositiveInteger(kpi.windowS)) this.fail(`${at}.windowS`, 'must be a positive whole number of seconds');
      if (!periods.includes('realtime')) this.fail(`${at}.windowS`, 'only applies to a KPI with the realtime period');
    }
  }

  private submittedKpi(at: string, kpi: Record<string, unknown>, periods: KpiPeriod[]): void {
    const template = typeof kpi.report === 'string' ? this.m.reports?.[kpi.report] : undefined;
    if (!template) this.fail(`${at}.report`, `must name a report template of this module (${list(Object.keys(this.m.reports ?? {})) || 'it has none'}), got ${JSON.stringify(kpi.report)}`);
    const field = typeof kpi.field === 'string' ? template.fields[kpi.field] : undefined;
    if (!field) this.fail(`${at}.field`, `must name a field of report ${kpi.report as string}, got ${JSON.stringify(kpi.field)}`);
    if (field.type === 'text') this.fail(`${at}.field`, `names text field ${kpi.field as string}; a KPI needs a numeric field`);
    if (kpi.accumulate !== undefined) this.oneOf(`${at}.accumulate`, kpi.accumulate, ACCUMULATE);
    const allowed = KPI_PERIODS_BY_REPORT_PERIOD[template.period];
    const bad = periods.filter((p) => !allowed.includes(p));
    if (bad.length > 0) this.fail(`${at}.periods`, `cannot include ${list(bad)}: report ${kpi.report as string} is submitted per ${template.period}`);
  }

  private derivedKpi(at: string, key: string, kpi: Record<string, unknown>, periods: KpiPeriod[], kpis: Record<string, unknown>): void {
    let identifiers: string[];
    try {
      identifiers = formulaIdentifiers(parseFormula(kpi.formula as string));
    } catch (e) {
      if (e instanceof FormulaError) this.fail(`${at}.formula`, `does not parse: ${e.message}`);
      throw e;
    }
    for (const name of identifiers) {
      const [sector, inputKey] = name.includes('.') ? (name.split('.') as [string, string]) : [this.m.id, name];
      if (sector !== this.m.id) continue; // another module's KPI: checked when every module is loaded
      if (inputKey === key) this.fail(`${at}.formula`, 'refers to the KPI itself');
      const input = kpis[inputKey] as Record<string, unknown> | undefined;
      if (!input) this.fail(`${at}.formula`, `names ${name}, which is not a KPI of this module`);
      const inputPeriods = Array.isArray(input.periods) ? (input.periods as KpiPeriod[]) : [];
      const missing = periods.filter((p) => !inputPeriods.includes(p));
      if (missing.length > 0) this.fail(`${at}.periods`, `include ${list(missing)}, for which input ${name} is not computed`);
    }
  }

  private kpiRollup(at: string, key: string, kpi: Record<string, unknown>, kpis: Record<string, unknown>): void {
    const r = kpi.rollup;
    if (!isObject(r)) this.fail(`${at}.rollup`, 'must be { fn }');
    this.oneOf(`${at}.rollup.fn`, r.fn, ROLLUP_FNS);
    if (r.fn === 'recompute' && kpi.kind !== 'stream') this.fail(`${at}.rollup.fn`, '"recompute" is for stream KPIs only');
    if (r.fn === 'formula' && kpi.kind !== 'derived') this.fail(`${at}.rollup.fn`, '"formula" is for derived KPIs only');
    if (r.fn === 'sum' && kpi.kind === 'stream' && NON_ADDITIVE.has(kpi.aggregate as string) && kpi.perSource === undefined) {
      this.fail(`${at}.rollup.fn`, `cannot add up values aggregated with ${kpi.aggregate as string}; use recompute, avg or weighted-avg`);
    }
    if (r.fn === 'weighted-avg') {
      if (typeof r.weight !== 'string' || r.weight === key || !kpis[r.weight]) this.fail(`${at}.rollup.weight`, `must name another KPI of this module, got ${JSON.stringify(r.weight)}`);
    }
  }

  rules(v: unknown): void {
    for (const [id, r] of Object.entries(this.keyed('rules', v, LOOSE_KEY, 'a lower-case identifier'))) {
      const at = `rules.${id}`;
      const rule = r as Record<string, unknown>;
      requireLocalized(this.moduleName, `${at}.name`, rule.name);
      this.oneOf(`${at}.severity`, rule.severity, SEVERITIES);
      if (rule.incidentType !== undefined && (typeof rule.incidentType !== 'string' || !LOOSE_KEY.test(rule.incidentType))) this.fail(`${at}.incidentType`, 'must be a lower-case identifier');
      if (rule.policy !== undefined && (typeof rule.policy !== 'string' || !LOOSE_KEY.test(rule.policy))) this.fail(`${at}.policy`, 'must be a lower-case identifier');
      if (rule.autoResolve !== undefined && typeof rule.autoResolve !== 'boolean') this.fail(`${at}.autoResolve`, 'must be true or false');
      this.condition(`${at}.when`, rule.when, 0);
    }
  }

  incidentTypes(v: unknown): void {
    for (const [id, t] of Object.entries(this.keyed('incidentTypes', v, LOOSE_KEY, 'a lower-case identifier'))) {
      const at = `incidentTypes.${id}`;
      const it = t as Record<string, unknown>;
      requireLocalized(this.moduleName, `${at}.name`, it.name);
      this.oneOf(`${at}.class`, it.class, INCIDENT_CLASSES);
      this.oneOf(`${at}.severity`, it.severity, SEVERITIES);
      if (it.agency !== undefined) requireLocalized(this.moduleName, `${at}.agency`, it.agency);
      if (it.slaMinutes !== undefined) {
        if (!isObject(it.slaMinutes)) this.fail(`${at}.slaMinutes`, 'must be an object of state → minutes');
        for (const [state, min] of Object.entries(it.slaMinutes)) {
          this.oneOf(`${at}.slaMinutes.${state}`, state, INCIDENT_STATES);
          if (!isFiniteNumber(min) || min <= 0) this.fail(`${at}.slaMinutes.${state}`, 'must be a positive number of minutes');
        }
      }
      if (it.unitTypes !== undefined && (!Array.isArray(it.unitTypes) || it.unitTypes.some((u) => typeof u !== 'string' || !LOOSE_KEY.test(u)))) this.fail(`${at}.unitTypes`, 'must be a list of lower-case unit type ids');
      if (it.capCategory !== undefined) this.oneOf(`${at}.capCategory`, it.capCategory, CAP_CATEGORIES);
      if (!Array.isArray(it.playbook) || it.playbook.length === 0) this.fail(`${at}.playbook`, 'must be a non-empty list of steps');
      const seen = new Set<string>();
      it.playbook.forEach((step: unknown, i: number) => {
        const sat = `${at}.playbook[${i}]`;
        if (!isObject(step)) this.fail(sat, 'must be an object');
        if (typeof step.id !== 'string' || !LOOSE_KEY.test(step.id)) this.fail(`${sat}.id`, 'must be a lower-case identifier');
        if (seen.has(step.id)) this.fail(`${sat}.id`, `repeats ${step.id}`);
        seen.add(step.id);
        requireLocalized(this.moduleName, `${sat}.title`, step.title);
        if (typeof step.role !== 'string' || !LOOSE_KEY.test(step.role)) this.fail(`${sat}.role`, 'must be a lower-case role id');
      });
    }
  }

  private condition(at: string, c: unknown, depth: number): void {
    if (!isObject(c)) this.fail(at, 'must be a condition object');
    if (depth > 8) this.fail(at, 'nests too deep');
    switch (c.type) {
      case 'threshold': {
        this.sourceKind(`${at}.sourceKind`, c.sourceKind);
        const metric = this.metric(`${at}.metric`, c.sourceKind as string, c.metric);
        this.oneOf(`${at}.op`, c.op, COMPARE_OPS);
        if (!isFiniteNumber(c.value)) this.fail(`${at}.value`, 'must be a finite number');
        if (c.value < metric.min || c.value > metric.max) this.fail(`${at}.value`, `${c.value} lies outside the metric's range ${metric.min}…${metric.max}`);
        if (c.forS !== undefined && (!isFiniteNumber(c.forS) || c.forS < 0)) this.fail(`${at}.forS`, 'must be a non-negative number of seconds');
        return;
      }
      case 'rate-of-change':
        this.sourceKind(`${at}.sourceKind`, c.sourceKind);
        this.metric(`${at}.metric`, c.sourceKind as string, c.metric);
        if (!isFiniteNumber(c.delta) || c.delta === 0) this.fail(`${at}.delta`, 'must be a non-zero number (positive = rising)');
        if (!isFiniteNumber(c.withinS) || c.withinS <= 0) this.fail(`${at}.withinS`, 'must be a positive number of seconds');
        return;
      case 'no-data': {
        const kind = this.sourceKind(`${at}.sourceKind`, c.sourceKind);
        if (!isFiniteNumber(c.afterS) || c.afterS <= kind.expectedIntervalS) {
          this.fail(`${at}.afterS`, `must be a number of seconds above the kind's expected interval (${kind.expectedIntervalS} s)`);
        }
        return;
      }
      case 'event':
        this.sourceKind(`${at}.sourceKind`, c.sourceKind);
        this.event(`${at}.event`, c.sourceKind as string, c.event);
        return;
      case 'kpi':
        this.kpiRef(`${at}.kpi`, c.kpi);
        this.oneOf(`${at}.op`, c.op, COMPARE_OPS);
        if (!isFiniteNumber(c.value)) this.fail(`${at}.value`, 'must be a finite number');
        return;
      case 'all':
      case 'any':
        if (!Array.isArray(c.conditions) || c.conditions.length === 0) this.fail(`${at}.conditions`, 'must be a non-empty list');
        c.conditions.forEach((sub, i) => this.condition(`${at}.conditions[${i}]`, sub, depth + 1));
        return;
      default:
        this.fail(`${at}.type`, `must be one of threshold, rate-of-change, no-data, event, kpi, all, any, got ${JSON.stringify(c.type)}`);
    }
  }

  dashboards(v: unknown): void {
    for (const [id, d] of Object.entries(this.keyed('dashboards', v, LOOSE_KEY, 'a lower-case identifier'))) {
      const at = `dashboards.${id}`;
      const layout = d as Record<string, unknown>;
      requireLocalized(this.moduleName, `${at}.title`, layout.title);
      if (!isPositiveInteger(layout.rows) || layout.rows > 100) this.fail(`${at}.rows`, 'must be a whole number of rows from 1 to 100');
      const rows = layout.rows;
      if (!Array.isArray(layout.widgets) || layout.widgets.length === 0) this.fail(`${at}.widgets`, 'must be a non-empty list');
      const owner = new Map<string, number>();
      layout.widgets.forEach((w, i) => {
        const wat = `${at}.widgets[${i}]`;
        if (!isObject(w)) this.fail(wat, 'must be an object');
        for (const c of ['x', 'y', 'w', 'h'] as const) if (!isPositiveInteger(w[c])) this.fail(`${wat}.${c}`, 'must be a positive whole number (cells count from 1)');
        const { x, y, w: width, h } = w as { x: number; y: number; w: number; h: number };
        if (x + width - 1 > DASHBOARD_COLUMNS) this.fail(wat, `spans columns ${x}–${x + width - 1}, beyond the ${DASHBOARD_COLUMNS}-column grid`);
        if (y + h - 1 > rows) this.fail(wat, `spans rows ${y}–${y + h - 1}, beyond the layout's ${rows} rows`);
        for (let col = x; col < x + width; col++) {
          for (let row = y; row < y + h; row++) {
            const other = owner.get(`${col},${row}`);
            if (other !== undefined) this.fail(wat, `overlaps ${at}.widgets[${other}] at column ${col}, row ${row}`);
            owner.set(`${col},${row}`, i);
          }
        }
        if (w.options !== undefined && !isObject(w.options)) this.fail(`${wat}.options`, 'must be an object');
        this.widget(wat, w.widget, (w.options ?? {}) as Record<string, unknown>);
      });
    }
  }

  /** Widget ids the sector OC pages draw, and the options each needs from a manifest. */
  private widget(at: string, widget: unknown, o: Record<string, unknown>): void {
    const periodOf = (kpi: KpiDefinition | undefined) => {
      this.oneOf(`${at}.options.period`, o.period, KPI_PERIODS);
      if (kpi && !kpi.periods.includes(o.period as KpiPeriod)) this.fail(`${at}.options.period`, `is not a period of ${o.kpi as string} (${list(kpi.periods)})`);
    };
    switch (widget) {
      case 'kpi-tile':
        this.kpiRef(`${at}.options.kpi`, o.kpi);
        return;
      case 'kpi-trend':
        periodOf(this.kpiRef(`${at}.options.kpi`, o.kpi));
        return;
      case 'kpi-by-region': {
        const kpi = this.kpiRef(`${at}.options.kpi`, o.kpi);
        periodOf(kpi);
        this.oneOf(`${at}.options.level`, o.level, ['district', 'commune']);
        if (kpi?.kind === 'submitted') {
          const reportLevel = this.m.reports?.[kpi.report]?.level;
          if (reportLevel && REGION_LEVELS.indexOf(o.level as 'district') > REGION_LEVELS.indexOf(reportLevel)) {
            this.fail(`${at}.options.level`, `is below the level report ${kpi.report} is submitted at (${reportLevel})`);
          }
        }
        return;
      }
      case 'report-status':
        this.reportRef(`${at}.options.report`, o.report);
        return;
      case 'province-map': {
        // [map] version 1 names one `layer`; version 2 lists `layers` (ioc-web province-map/map-options.ts).
        const MAP_LAYERS = ['choropleth', 'heatmap', 'sources', 'cameras', 'feedback', 'synthetic', 'incidents', 'units'];
        if (o.layers !== undefined) {
          if (!Array.isArray(o.layers) || o.layers.length === 0) this.fail(`${at}.options.layers`, 'must list map layers');
          (o.layers as unknown[]).forEach((l, i) => {
            if (typeof l !== 'string' || !MAP_LAYERS.includes(l)) this.fail(`${at}.options.layers[${i}]`, `must be one of ${MAP_LAYERS.join(', ')}, got ${JSON.stringify(l)}`);
          });
        } else if (typeof o.layer !== 'string' || !o.layer) this.fail(`${at}.options.layer`, 'must name a map layer');
        return;
      }
      case 'metric-trend':
        this.sourceKind(`${at}.options.sourceKind`, o.sourceKind);
        this.metric(`${at}.options.metric`, o.sourceKind as string, o.metric);
        return;
      case 'latest-values':
        this.sourceKind(`${at}.options.sourceKind`, o.sourceKind);
        if (o.metrics !== undefined) {
          if (!Array.isArray(o.metrics) || o.metrics.length === 0) this.fail(`${at}.options.metrics`, 'must be a non-empty list');
          o.metrics.forEach((metric, i) => this.metric(`${at}.options.metrics[${i}]`, o.sourceKind as string, metric));
        }
        return;
      case 'source-status':
      case 'alert-list':
      case 'incident-queue':
        return;
      case 'unit-list':
        if (o.unitType !== undefined && o.unitType !== null) this.oneOf(`${at}.options.unitType`, o.unitType, UNIT_TYPES);
        return;
      default:
        this.fail(`${at}.widget`, `must be one of kpi-tile, kpi-trend, kpi-by-region, report-status, province-map, metric-trend, latest-values, source-status, alert-list, incident-queue, unit-list, got ${JSON.stringify(widget)}`);
    }
  }

  simulator(v: unknown): void {
    if (!isObject(v)) this.fail('simulator', 'must be an object');
    if (v.sources !== undefined) {
      for (const [kindId, s] of Object.entries(this.keyed('simulator.sources', v.sources, TOPIC_SEGMENT, 'a source kind id'))) {
        const at = `simulator.sources.${kindId}`;
        if (!this.m.sourceKinds[kindId]) this.fail(at, `is not a source kind of this module (${list(Object.keys(this.m.sourceKinds))})`);
        const src = s as Record<string, unknown>;
        if (typeof src.behaviour !== 'string' || !LOOSE_KEY.test(src.behaviour)) this.fail(`${at}.behaviour`, 'must be a behaviour id of @ioc/simulators');
        if (src.count !== undefined && !isPositiveInteger(src.count)) this.fail(`${at}.count`, 'must be a positive whole number');
        if (src.params !== undefined) {
          if (!isObject(src.params)) this.fail(`${at}.params`, 'must be an object');
          for (const [p, value] of Object.entries(src.params)) {
            if (!['number', 'string', 'boolean'].includes(typeof value) || (typeof value === 'number' && !Number.isFinite(value))) {
              this.fail(`${at}.params.${p}`, 'must be a finite number, a string or a boolean');
            }
          }
        }
      }
    }
    if (v.submissions !== undefined) {
      for (const [templateId, s] of Object.entries(this.keyed('simulator.submissions', v.submissions, SNAKE_KEY, 'a report template id'))) {
        const at = `simulator.submissions.${templateId}`;
        const template = this.m.reports?.[templateId];
        if (!template) this.fail(at, `is not a report template of this module (${list(Object.keys(this.m.reports ?? {})) || 'it has none'})`);
        const sub = s as Record<string, unknown>;
        let sum = 0;
        for (const share of ['onTime', 'late', 'wrong', 'missing'] as const) {
          const x = sub[share];
          if (!isFiniteNumber(x) || x < 0 || x > 1) this.fail(`${at}.${share}`, 'must be a share from 0 to 1');
          sum += x;
        }
        if (Math.abs(sum - 1) > 1e-6) this.fail(`${at}.onTime/late/wrong/missing`, `must sum to 1, got ${Math.round(sum * 1e6) / 1e6}`);
        if (!isObject(sub.typical)) this.fail(`${at}.typical`, 'must be an object of field → { value, spread? }');
        for (const [fieldId, t] of Object.entries(sub.typical)) {
          const tat = `${at}.typical.${fieldId}`;
          const field = template.fields[fieldId];
          if (!field || field.type === 'text') this.fail(tat, `is not a numeric field of report ${templateId}`);
          if (!isObject(t) || !isFiniteNumber(t.value)) this.fail(`${tat}.value`, 'must be a finite number');
          if (t.spread !== undefined && (!isFiniteNumber(t.spread) || t.spread < 0)) this.fail(`${tat}.spread`, 'must be a non-negative number');
        }
        for (const [fieldId, field] of Object.entries(template.fields)) {
          if (field.required && field.type !== 'text' && !(fieldId in sub.typical)) this.fail(`${at}.typical`, `lacks a typical value for required field ${fieldId}`);
        }
      }
    }
  }
}

/** A derived-KPI cycle: the module-local key it was found at and the full ids around it. */
interface DerivedCycle {
  sector: string;
  key: string;
  path: string[];
}

/** Finds a cycle among the derived KPIs of these manifests (identifiers of unknown modules are ignored). */
function findDerivedCycle(manifests: SectorManifest[]): DerivedCycle | undefined {
  const edges = new Map<string, string[]>();
  for (const m of manifests) {
    for (const [key, kpi] of Object.entries(m.kpis ?? {})) {
      if (kpi.kind !== 'derived') continue;
      let names: string[];
      try {
        names = formulaIdentifiers(parseFormula(kpi.formula));
      } catch {
        continue; // reported by validateManifest
      }
      edges.set(`${m.id}.${key}`, names.map((n) => (n.includes('.') ? n : `${m.id}.${n}`)));
    }
  }
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'open') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'open');
    stack.push(id);
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    const path = visit(id);
    if (path) {
      const [sector, key] = path[0].split('.') as [string, string];
      return { sector, key, path };
    }
  }
  return undefined;
}

/**
 * Checks what one manifest cannot check alone, once every selected module is loaded: KPIs named
 * as `sector.key` in formulas, rules and dashboards exist (and a formula's inputs are computed
 * for its periods), report templates named by dashboards exist, and derived KPIs form no cycle.
 */
export function validateModuleSet(modules: Array<{ moduleName: string; manifest: SectorManifest }>): void {
  const bySector = new Map(modules.map((x) => [x.manifest.id, x]));
  const external = (moduleName: string, own: string, field: string, id: string, what: 'kpis' | 'reports'): KpiDefinition | ReportTemplate | undefined => {
    const [sector, key] = id.split('.') as [string, string];
    if (sector === own) return undefined;
    const other = bySector.get(sector);
    if (!other) throw new ManifestError(moduleName, field, `names ${id}, but module ${sector} is not loaded (add it to IOC_MODULES)`);
    const found = other.manifest[what]?.[key];
    if (!found) throw new ManifestError(moduleName, field, `names ${id}, which module ${sector} does not declare`);
    return found;
  };

  for (const { moduleName, manifest: m } of modules) {
    for (const [key, kpi] of Object.entries(m.kpis ?? {})) {
      if (kpi.kind !== 'derived') continue;
      for (const name of formulaIdentifiers(parseFormula(kpi.formula))) {
        if (!name.includes('.')) continue;
        const input = external(moduleName, m.id, `kpis.${key}.formula`, name, 'kpis') as KpiDefinition | undefined;
        const missing = input ? kpi.periods.filter((p) => !input.periods.includes(p)) : [];
        if (missing.length > 0) throw new ManifestError(moduleName, `kpis.${key}.periods`, `include ${list(missing)}, for which input ${name} is not computed`);
      }
    }
    const conditions = (at: string, c: RuleConditionLike): void => {
      if (c.type === 'kpi') external(moduleName, m.id, `${at}.kpi`, c.kpi as string, 'kpis');
      if (c.type === 'all' || c.type === 'any') (c.conditions as RuleConditionLike[]).forEach((sub, i) => conditions(`${at}.conditions[${i}]`, sub));
    };
    for (const [id, rule] of Object.entries(m.rules ?? {})) {
      conditions(`rules.${id}.when`, rule.when as RuleConditionLike);
      if (rule.incidentType && !modules.some((x) => x.manifest.incidentTypes?.[rule.incidentType!])) {
        throw new ManifestError(moduleName, `rules.${id}.incidentType`, `names ${rule.incidentType}, which no loaded module declares in incidentTypes`);
      }
    }
    for (const [id, layout] of Object.entries(m.dashboards ?? {})) {
      layout.widgets.forEach((w, i) => {
        const at = `dashboards.${id}.widgets[${i}].options`;
        if (typeof w.options?.kpi === 'string') {
          const kpi = external(moduleName, m.id, `${at}.kpi`, w.options.kpi, 'kpis') as KpiDefinition | undefined;
          if (kpi && typeof w.options.period === 'string' && !kpi.periods.includes(w.options.period as KpiPeriod)) {
            throw new ManifestError(moduleName, `${at}.period`, `is not a period of ${w.options.kpi} (${list(kpi.periods)})`);
          }
        }
        if (typeof w.options?.report === 'string') external(moduleName, m.id, `${at}.report`, w.options.report, 'reports');
      });
    }
  }

  checkFeedbackCategorySet(modules, (moduleName, field, problem) => { throw new ManifestError(moduleName, field, problem); });

  const cycle = findDerivedCycle(modules.map((x) => x.manifest));
  if (cycle) {
    const owner = bySector.get(cycle.sector);
    throw new ManifestError(owner?.moduleName ?? cycle.sector, `kpis.${cycle.key}.formula`, `is circular: ${cycle.path.join(' → ')}`);
  }
}

type RuleConditionLike = { type: string; [k: string]: unknown };

/**
 * Checks one rule as if the module `manifest` declared it under `key` (rules added through the
 * API are held to the manifest's own standard). Throws ManifestError naming the field.
 */
export function validateRuleAgainst(manifest: SectorManifest, key: string, rule: unknown): void {
  new ManifestChecker(manifest.id, manifest).rules({ [key]: rule });
}
