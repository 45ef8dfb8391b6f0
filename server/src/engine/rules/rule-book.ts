import { DomainError, type DomainErrorKind } from '../domain-error.js';
import { SEVERITIES, type AlertRule, type LocalizedText, type RuleCondition, type Severity } from '@ioc/sdk';
import type { Bus } from '../bus/bus.js';
import type { Database } from '../db/database.js';
import type { ModuleRegistry } from '../registry/module-registry.js';
import { ManifestError, validateRuleAgainst } from '../registry/manifest-validation.js';
import type { PolicyBook } from '../alerts/policies.js';

/** Bus channel: the rule set changed (any process reloads it, no restart). */
export const RULES_CHANGED = 'rules.changed';

interface RuleRow {
  id: string;
  sector: string;
  name: LocalizedText;
  severity: Severity;
  condition: RuleCondition;
  incident_type: string | null;
  policy_id: string;
  enabled: boolean;
  auto_resolve: boolean;
  origin: 'manifest' | 'api';
  version: number;
  updated_at: Date | string;
  updated_by: string;
}

const toRule = (r: RuleRow): AlertRule => ({
  id: r.id,
  sector: r.sector,
  name: r.name,
  severity: r.severity,
  when: r.condition,
  incidentType: r.incident_type,
  policyId: r.policy_id,
  enabled: r.enabled,
  autoResolve: r.auto_resolve,
  origin: r.origin,
  version: Number(r.version),
  updatedAt: new Date(r.updated_at).toISOString(),
  updatedBy: r.updated_by,
});

export class RuleProblem extends DomainError {
  declare readonly field: string;
  constructor(kind: DomainErrorKind, field: string, problem: string) {
    super(kind, `${field} ${problem}`, field, problem);
  }
}

/** What an admin sends to create or change a rule. */
export interface RuleInput {
  sector: string;
  name: LocalizedText;
  severity: Severity;
  when: RuleCondition;
  incidentType?: string | null;
  policyId?: string;
  enabled?: boolean;
  autoResolve?: boolean;
}

const RULE_KEY = /^[a-z][a-z0-9_-]{0,62}$/;

/**
 * The alert rules: each module's defaults (written at boot unless an admin changed them) and
 * rules added through the API. Every change is checked against the module's manifest like a
 * default rule, stored, and announced on the bus so every process reloads it without a restart.
 */
export class RuleBook {
  private rules: AlertRule[] = [];
  private readonly listeners: Array<(rules: AlertRule[]) => void> = [];

  constructor(
    private readonly db: Database,
    private readonly bus: Bus,
    private readonly modules: ModuleRegistry,
    private readonly policies: PolicyBook,
  ) {
    bus.subscribe(RULES_CHANGED, () => void this.reload().catch(() => undefined));
  }

  /** Writes the manifests' defaults (keeping rules an admin changed) and loads everything. */
  async load(): Promise<void> {
    const defaults = this.modules.rules();
    if (defaults.length) {
      await this.db.query(
        `INSERT INTO alert_rule (id, sector, name, severity, condition, incident_type, policy_id, auto_resolve, origin)
         SELECT id, sector, name, severity, condition, incident_type, policy_id, auto_resolve, 'manifest'
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, sector text, name jsonb, severity text, condition jsonb, incident_type text, policy_id text, auto_resolve boolean)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, severity = excluded.severity, condition = excluded.condition, incident_type = excluded.incident_type,
           policy_id = excluded.policy_id, auto_resolve = excluded.auto_resolve
         WHERE alert_rule.origin = 'manifest'`,
        [
          JSON.stringify(
            defaults.map((d) => ({
              id: d.id,
              sector: d.sector,
              name: d.rule.name,
              severity: d.rule.severity,
              condition: d.rule.when,
              incident_type: d.rule.incidentType ?? null,
              policy_id: d.rule.policy ?? (d.rule.severity === 'critical' ? 'critical' : d.rule.severity === 'info' || d.rule.severity === 'warning' ? 'low' : 'default'),
              auto_resolve: d.rule.autoResolve ?? !hasEvent(d.rule.when),
            })),
          ),
        ],
      );
    }
    await this.reload();
  }

  async reload(): Promise<void> {
    const rows = await this.db.query<RuleRow>(`SELECT * FROM alert_rule ORDER BY id`);
    // Rules of modules this server did not load are kept in the table but not evaluated.
    this.rules = rows.map(toRule).filter((r) => this.modules.sector(r.sector));
    for (const l of this.listeners) l(this.rules);
  }

  onChange(listener: (rules: AlertRule[]) => void): void {
    this.listeners.push(listener);
  }

  list(filter: { sector?: string; enabled?: boolean } = {}): AlertRule[] {
    return this.rules.filter((r) => (!filter.sector || r.sector === filter.sector) && (filter.enabled === undefined || r.enabled === filter.enabled));
  }

  get(id: string): AlertRule {
    const r = this.rules.find((x) => x.id === id);
    if (!r) throw new RuleProblem('not-found', 'id', `no rule ${id}`);
    return r;
  }

  private check(key: string, input: RuleInput): void {
    const manifest = this.modules.sector(input.sector);
    if (!manifest) throw new RuleProblem('invalid', 'sector', `names ${JSON.stringify(input.sector)}, which is not a loaded module (${this.modules.sectors().map((m) => m.id).join(', ')})`);
    if (!SEVERITIES.includes(input.severity)) throw new RuleProblem('invalid', 'severity', `must be one of ${SEVERITIES.join(', ')}`);
    try {
      validateRuleAgainst(manifest, key, { name: input.name, severity: input.severity, when: input.when, ...(input.incidentType ? { incidentType: input.incidentType } : {}) });
    } catch (err) {
      if (err instanceof ManifestError) {
        const field = err.field.replace(/^rules\.[^.]+\./, '').replace(/^when/, 'when');
        throw new RuleProblem('invalid', field, err.message.slice(err.message.indexOf(err.field) + err.field.length + 1));
      }
      throw err;
    }
    if (input.incidentType && !this.modules.sectors().some((m) => m.incidentTypes?.[input.incidentType!])) throw new RuleProblem('invalid', 'incidentType', `names ${input.incidentType}, which no loaded module declares`);
    if (input.policyId && !this.policies.has(input.policyId)) throw new RuleProblem('invalid', 'policyId', `names ${input.policyId}, which is not an escalation policy (${this.policies.list().map((p) => p.id).join(', ')})`);
  }

  /** Creates (`id` absent from the table) or replaces a rule; the result is an 'api' rule. */
  async put(id: string, input: RuleInput, by: string, expectVersion?: number): Promise<AlertRule> {
    const [sector, key] = splitId(id);
    if (sector !== input.sector) throw new RuleProblem('invalid', 'sector', `must be ${sector}, the sector the rule id ${id} starts with`);
    this.check(key, input);
    const rows = await this.db.query<RuleRow>(
      `INSERT INTO alert_rule (id, sector, name, severity, condition, incident_type, policy_id, enabled, auto_resolve, origin, version, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'api', 1, now(), $10)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, severity = excluded.severity, condition = excluded.condition, incident_type = excluded.incident_type,
         policy_id = excluded.policy_id, enabled = excluded.enabled, auto_resolve = excluded.auto_resolve, origin = 'api', version = alert_rule.version + 1,
         updated_at = now(), updated_by = excluded.updated_by
       WHERE $11::integer IS NULL OR alert_rule.version = $11
       RETURNING *`,
      [id, input.sector, JSON.stringify(input.name), input.severity, JSON.stringify(input.when), input.incidentType ?? null, input.policyId ?? 'default', input.enabled ?? true, input.autoResolve ?? !hasEvent(input.when), by, expectVersion ?? null],
    );
    if (!rows[0]) throw new RuleProblem('conflict', 'version', `rule ${id} was changed meanwhile (expected version ${expectVersion})`);
    await this.changed();
    return toRule(rows[0]);
  }

  async setEnabled(id: string, enabled: boolean, by: string): Promise<AlertRule> {
    this.get(id);
    const rows = await this.db.query<RuleRow>(`UPDATE alert_rule SET enabled = $2, origin = 'api', version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1 RETURNING *`, [id, enabled, by]);
    await this.changed();
    return toRule(rows[0]!);
  }

  async remove(id: string): Promise<void> {
    const r = this.get(id);
    if (r.origin === 'manifest' || this.modules.rules().some((d) => d.id === id)) throw new RuleProblem('conflict', 'id', `${id} is a default rule of module ${r.sector}; disable it instead`);
    await this.db.query(`DELETE FROM alert_rule WHERE id = $1`, [id]);
    await this.changed();
  }

  private async changed(): Promise<void> {
    await this.reload();
    this.bus.publish(RULES_CHANGED, {});
  }
}

export function splitId(id: string): [string, string] {
  const i = id.indexOf('.');
  const sector = id.slice(0, i);
  const key = id.slice(i + 1);
  if (i <= 0 || !RULE_KEY.test(key) || !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(sector)) throw new RuleProblem('invalid', 'id', 'must be "{sector}.{key}" with a lower-case key (letters, digits, - and _)');
  return [sector, key];
}

function hasEvent(c: RuleCondition): boolean {
  if (c.type === 'event') return true;
  if (c.type === 'all' || c.type === 'any') return c.conditions.some(hasEvent);
  return false;
}
