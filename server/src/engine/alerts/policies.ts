import { DomainError } from '../domain-error.js';
import type { EscalationPolicy, EscalationStep } from '@ioc/sdk';
import type { Database } from '../db/database.js';

/**
 * Escalation chains. Shipped defaults are written at boot when absent; admins change them through
 * the API (they are then kept). Each step's `afterS` counts from the previous step.
 */
export const DEFAULT_POLICIES: EscalationPolicy[] = [
  {
    id: 'default',
    name: { vi: 'Mặc định: trực ban → trưởng ca → lãnh đạo', en: 'Default: duty operator → shift lead → leaders' },
    steps: [
      { afterS: 600, notify: ['truc-ban-ioc'], label: { vi: 'Nhắc trực ban IOC', en: 'Remind the IOC duty operator' } },
      { afterS: 900, notify: ['truong-ca-ioc'], label: { vi: 'Báo trưởng ca IOC', en: 'Tell the IOC shift lead' } },
      { afterS: 1800, notify: ['lanh-dao-tinh'], label: { vi: 'Báo lãnh đạo tỉnh', en: 'Tell the provincial leaders' } },
    ],
  },
  {
    id: 'critical',
    name: { vi: 'Khẩn cấp: mở sự cố sau 5 phút không xác nhận', en: 'Critical: open an incident after 5 minutes unacknowledged' },
    steps: [
      { afterS: 120, notify: ['truc-ban-ioc'], label: { vi: 'Nhắc trực ban IOC', en: 'Remind the IOC duty operator' } },
      { afterS: 180, notify: ['truong-ca-ioc', 'lanh-dao-tinh'], label: { vi: 'Báo trưởng ca và lãnh đạo, mở sự cố', en: 'Tell the shift lead and leaders, open an incident' }, openIncident: true },
    ],
  },
  {
    id: 'low',
    name: { vi: 'Thấp: nhắc sau 1 giờ', en: 'Low: remind after an hour' },
    steps: [{ afterS: 3600, notify: ['truc-ban-ioc'], label: { vi: 'Nhắc trực ban IOC', en: 'Remind the IOC duty operator' } }],
  },
];

export class PolicyProblem extends DomainError {
  declare readonly field: string;
  constructor(field: string, problem: string) {
    super('invalid', `${field} ${problem}`, field, problem);
  }
}

export function checkPolicy(p: EscalationPolicy): void {
  if (!Array.isArray(p.steps) || p.steps.length === 0) throw new PolicyProblem('steps', 'must be a non-empty list');
  p.steps.forEach((s: EscalationStep, i) => {
    if (!Number.isFinite(s.afterS) || s.afterS <= 0) throw new PolicyProblem(`steps[${i}].afterS`, 'must be a positive number of seconds');
    if (!Array.isArray(s.notify)) throw new PolicyProblem(`steps[${i}].notify`, 'must be a list of notification target names');
  });
}

export class PolicyBook {
  private readonly byId = new Map<string, EscalationPolicy>();

  constructor(private readonly db: Database) {}

  async load(): Promise<void> {
    for (const p of DEFAULT_POLICIES) {
      await this.db.query(`INSERT INTO escalation_policy (id, name, steps) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [p.id, JSON.stringify(p.name), JSON.stringify(p.steps)]);
    }
    await this.reload();
  }

  async reload(): Promise<void> {
    const rows = await this.db.query<{ id: string; name: EscalationPolicy['name']; steps: EscalationStep[] }>(`SELECT id, name, steps FROM escalation_policy ORDER BY id`);
    this.byId.clear();
    for (const r of rows) this.byId.set(r.id, { id: r.id, name: r.name, steps: r.steps });
  }

  get(id: string): EscalationPolicy {
    return this.byId.get(id) ?? this.byId.get('default') ?? DEFAULT_POLICIES[0]!;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  list(): EscalationPolicy[] {
    return [...this.byId.values()];
  }

  async put(p: EscalationPolicy, by: string): Promise<EscalationPolicy> {
    checkPolicy(p);
    await this.db.query(
      `INSERT INTO escalation_policy (id, name, steps, updated_at, updated_by) VALUES ($1, $2, $3, now(), $4)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, steps = excluded.steps, updated_at = now(), updated_by = excluded.updated_by`,
      [p.id, JSON.stringify(p.name), JSON.stringify(p.steps), by],
    );
    this.byId.set(p.id, p);
    return p;
  }

  /** When step `level + 1` is due for an alert that reached step `level` at `since`; null after the last. */
  nextDue(policyId: string, level: number, since: Date): Date | null {
    const step = this.get(policyId).steps[level];
    return step ? new Date(since.getTime() + step.afterS * 1000) : null;
  }
}
