import { z } from 'zod';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ALERT_ACTIONS, ALERT_STATES, SEVERITIES, type AlertAction, type AlertRecord, type AlertRule, type AlertTransition, type EscalationPolicy } from '@ioc/sdk';
import { AlertError, AlertService } from '../engine/alerts/alert.service.js';
import { PolicyBook } from '../engine/alerts/policies.js';
import { DomainError } from '../engine/domain-error.js';
import { IncidentService } from '../engine/incidents/incident.service.js';
import { RuleBook } from '../engine/rules/rule-book.js';
import { RegionTree } from '../engine/registry/region-tree.js';
import { ApiDoc } from './openapi/api-doc.js';
import { ProblemException } from './problem.js';
import { parseInput } from './validation.js';
import { Access } from '../engine/auth/access.js';

const KIND_STATUS = { 'not-found': HttpStatus.NOT_FOUND, conflict: HttpStatus.CONFLICT, invalid: HttpStatus.UNPROCESSABLE_ENTITY } as const;
const TITLES = { 'not-found': 'Not found', conflict: 'Conflict', invalid: 'Invalid request' } as const;

/** Domain errors of alerts, rules, policies and incidents as problem+json naming the field. */
export function domainProblem(err: unknown): unknown {
  if (!(err instanceof DomainError)) return err;
  return new ProblemException({ status: KIND_STATUS[err.kind], title: TITLES[err.kind], detail: err.message, ...(err.field ? { errors: [{ field: err.field, problem: err.problem }] } : {}) });
}

export async function answer<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw domainProblem(err);
  }
}

const localized = z.object({ vi: z.string().min(1).max(300), en: z.string().min(1).max(300) });
const actor = z.string().trim().min(1).max(200).describe('Who acts (until [security] brings identity, the caller names themself).');
const csv = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values as [T, ...T[]])));

export const AlertSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    origin: z.enum(['rule', 'kpi-risk', 'cap', 'manual']),
    ruleId: z.string().nullable(),
    sector: z.string().nullable(),
    sourceId: z.string().nullable(),
    regionId: z.string().nullable(),
    severity: z.enum(SEVERITIES as [string, ...string[]]),
    title: localized,
    state: z.enum(ALERT_STATES as [string, ...string[]]),
    count: z.number().int(),
    firstAt: z.string(),
    lastAt: z.string(),
    lastValue: z.number().nullable(),
    escalationLevel: z.number().int(),
    escalateAt: z.string().nullable(),
    incidentId: z.string().nullable(),
  })
  .loose()
  .meta({ id: 'Alert' });
const TransitionSchema = z.object({ alertId: z.string(), at: z.string(), action: z.string(), from: z.string().nullable(), to: z.string(), actor: z.string(), comment: z.string().nullable() }).loose().meta({ id: 'AlertTransition' });

const listQuery = z.object({
  state: csv(ALERT_STATES).optional().describe('States, comma-separated (default: the active ones).'),
  severity: csv(SEVERITIES).optional().describe('Severities, comma-separated.'),
  sector: z.string().optional().describe('Sector id.'),
  regionId: z.string().optional().describe('Region: alerts in it and everything below it.'),
  sourceId: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional().describe('At most this many (default 200).'),
});

export const actionBody = z
  .object({
    action: z.enum(ALERT_ACTIONS as [string, ...string[]]),
    actor,
    comment: z.string().max(2000).optional().describe('Required to acknowledge.'),
    assignee: z.string().max(200).optional().describe('Required to assign.'),
    until: z.iso.datetime({ offset: true }).optional().describe('Required to snooze: until when.'),
  })
  .strict();

const incidentFromAlertBody = z.object({ actor, type: z.string().optional().describe('Incident type; default the rule\'s.'), title: z.string().max(300).optional(), description: z.string().max(5000).optional() }).strict();

@Controller('api/v1/alerts')
export class AlertsController {
  constructor(
    @Inject(AlertService) private readonly alerts: AlertService,
    @Inject(RegionTree) private readonly tree: RegionTree,
    @Inject(IncidentService) private readonly incidents: IncidentService,
  ) {}

  @ApiDoc({ summary: 'List alerts', description: 'Most severe first, newest first. Default: the active ones (open, acknowledged, assigned, snoozed). / Danh sách cảnh báo.', query: listQuery, responses: { 200: { description: 'Alerts', schema: z.object({ items: z.array(AlertSchema) }) }, 422: { description: 'A query parameter is invalid' } } })
  @Access('alert:read', { sector: 'query.sector', region: 'query.regionId' })
  @Get()
  async list(@Query() query: unknown): Promise<{ items: AlertRecord[] }> {
    const q = parseInput(listQuery, query, 'query');
    const regionIds = q.regionId ? this.tree.all().filter((r) => this.tree.within(r.id, q.regionId!)).map((r) => r.id) : undefined;
    if (q.regionId && !regionIds!.length) throw new ProblemException({ status: 422, title: 'Invalid request', errors: [{ field: 'query.regionId', problem: `no region ${q.regionId}` }] });
    return { items: await this.alerts.list({ state: (q.state as AlertRecord['state'][]) ?? ['open', 'acknowledged', 'assigned', 'snoozed'], ...(q.severity ? { severity: q.severity as AlertRecord['severity'][] } : {}), ...(q.sector ? { sector: q.sector } : {}), ...(regionIds ? { regionIds } : {}), ...(q.sourceId ? { sourceId: q.sourceId } : {}), ...(q.limit ? { limit: q.limit } : {}) }) };
  }

  @ApiDoc({ summary: 'One alert', params: { id: 'Alert id' }, responses: { 200: { description: 'The alert', schema: AlertSchema }, 404: { description: 'No such alert' } } })
  @Access('alert:read', { entity: { kind: 'alert', from: 'param.id' } })
  @Get(':id')
  get(@Param('id') id: string): Promise<AlertRecord> {
    return answer(() => this.alerts.get(id));
  }

  @ApiDoc({ summary: 'Transitions of an alert', description: 'Every change with who and when: raise, acknowledge, assign, snooze, escalate, resolve, close, reopen.', params: { id: 'Alert id' }, responses: { 200: { description: 'Transitions, oldest first', schema: z.object({ items: z.array(TransitionSchema) }) }, 404: { description: 'No such alert' } } })
  @Access('alert:read', { entity: { kind: 'alert', from: 'param.id' } })
  @Get(':id/transitions')
  async transitions(@Param('id') id: string): Promise<{ items: AlertTransition[] }> {
    return { items: await answer(() => this.alerts.transitions(id)) };
  }

  @ApiDoc({
    summary: 'Act on an alert',
    description: 'acknowledge (with a comment), assign (assignee), snooze (until), resolve, close, reopen. A move the lifecycle does not allow from the current state is 409 naming the possible ones.',
    params: { id: 'Alert id' },
    body: actionBody,
    responses: { 200: { description: 'The alert after the action', schema: AlertSchema }, 404: { description: 'No such alert' }, 409: { description: 'Not allowed from the current state' }, 422: { description: 'A field is missing or invalid' } },
  })
  @Access('alert:act', { entity: { kind: 'alert', from: 'param.id' } })
  @Post(':id/actions')
  @HttpCode(200)
  act(@Param('id') id: string, @Body() body: unknown): Promise<AlertRecord> {
    const b = parseInput(actionBody, body ?? {});
    return answer(() => this.alerts.act(id, { action: b.action as AlertAction, actor: b.actor, ...(b.comment !== undefined ? { comment: b.comment } : {}), ...(b.assignee ? { assignee: b.assignee } : {}), ...(b.until ? { until: new Date(b.until) } : {}) }));
  }

  @ApiDoc({ summary: 'Open an incident from an alert', description: 'Creates an incident of the alert\'s type (or `type`) at its place, links both ways.', params: { id: 'Alert id' }, body: incidentFromAlertBody, responses: { 201: { description: 'The incident id', schema: z.object({ id: z.string() }) }, 404: { description: 'No such alert' }, 409: { description: 'The alert already has an incident' }, 422: { description: 'No incident type' } } })
  @Access('incident:act', { entity: { kind: 'alert', from: 'param.id' } })
  @Post(':id/incident')
  openIncident(@Param('id') id: string, @Body() body: unknown): Promise<{ id: string }> {
    const b = parseInput(incidentFromAlertBody, body ?? {});
    return answer(async () => {
      const alert = await this.alerts.get(id);
      if (alert.incidentId) throw new AlertError('conflict', `alert ${id} already has incident ${alert.incidentId}`, 'id');
      const inc = await this.incidents.openFromAlert(alert, b.actor, b.type, { ...(b.title ? { title: b.title } : {}), ...(b.description ? { description: b.description } : {}) });
      await this.alerts.linkIncident(id, inc.id, b.actor);
      return inc;
    });
  }
}

// ------------------------------------------------------------------ rules

const conditionSchema: z.ZodType = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('threshold'), sourceKind: z.string(), metric: z.string(), op: z.enum(['>', '>=', '<', '<=']), value: z.number(), forS: z.number().min(0).optional() }).strict(),
    z.object({ type: z.literal('rate-of-change'), sourceKind: z.string(), metric: z.string(), delta: z.number(), withinS: z.number().positive() }).strict(),
    z.object({ type: z.literal('no-data'), sourceKind: z.string(), afterS: z.number().positive() }).strict(),
    z.object({ type: z.literal('event'), sourceKind: z.string(), event: z.string() }).strict(),
    z.object({ type: z.literal('kpi'), kpi: z.string(), op: z.enum(['>', '>=', '<', '<=']), value: z.number() }).strict(),
    z.object({ type: z.enum(['all', 'any']), conditions: z.array(conditionSchema).min(1) }).strict(),
  ]),
);

export const ruleBody = z
  .object({
    sector: z.string(),
    name: localized,
    severity: z.enum(SEVERITIES as [string, ...string[]]),
    when: conditionSchema.describe('threshold (forS), rate-of-change, no-data, event, kpi, or all/any of conditions.'),
    incidentType: z.string().nullable().optional(),
    policyId: z.string().optional(),
    enabled: z.boolean().optional(),
    autoResolve: z.boolean().optional(),
    updatedBy: actor,
    version: z.number().int().optional().describe('The version you changed (optimistic locking); omit to overwrite.'),
  })
  .strict();
const RuleSchema = z.object({ id: z.string(), sector: z.string(), name: localized, severity: z.string(), when: z.object({}).loose(), enabled: z.boolean(), origin: z.enum(['manifest', 'api']), version: z.number().int() }).loose().meta({ id: 'AlertRule' });
const enabledBody = z.object({ enabled: z.boolean(), updatedBy: actor }).strict();

@Controller('api/v1/rules')
export class RulesController {
  constructor(@Inject(RuleBook) private readonly rules: RuleBook) {}

  @ApiDoc({ summary: 'List alert rules', description: 'Defaults of the loaded modules and rules added by admins; evaluated on the stream in the ingest path.', query: z.object({ sector: z.string().optional() }), responses: { 200: { description: 'Rules', schema: z.object({ items: z.array(RuleSchema) }) } } })
  @Access('rule:read', { sector: 'query.sector' })
  @Get()
  list(@Query() query: unknown): { items: AlertRule[] } {
    const q = parseInput(z.object({ sector: z.string().optional() }), query, 'query');
    return { items: this.rules.list(q.sector ? { sector: q.sector } : {}) };
  }

  @ApiDoc({ summary: 'One rule', params: { id: 'Rule id `{sector}.{key}`' }, responses: { 200: { description: 'The rule', schema: RuleSchema }, 404: { description: 'No such rule' } } })
  @Access('rule:read', { entity: { kind: 'rule', from: 'param.id' } })
  @Get(':id')
  get(@Param('id') id: string): Promise<AlertRule> {
    return answer(() => this.rules.get(id));
  }

  @ApiDoc({ summary: 'Create or change a rule', description: 'Checked against the module manifest like a default rule (source kinds, metrics and their ranges, events, KPIs); every process applies it at once, no restart. A changed default is kept over later boots.', params: { id: 'Rule id `{sector}.{key}`' }, body: ruleBody, responses: { 200: { description: 'The stored rule', schema: RuleSchema }, 409: { description: 'Changed meanwhile (version)' }, 422: { description: 'The rule is invalid; the field is named' } } })
  @Access('rule:write', { entity: { kind: 'rule', from: 'param.id' } })
  @Put(':id')
  put(@Param('id') id: string, @Body() body: unknown): Promise<AlertRule> {
    const b = parseInput(ruleBody, body ?? {});
    return answer(() => this.rules.put(id, { sector: b.sector, name: b.name, severity: b.severity as AlertRule['severity'], when: b.when as AlertRule['when'], incidentType: b.incidentType ?? null, ...(b.policyId ? { policyId: b.policyId } : {}), ...(b.enabled !== undefined ? { enabled: b.enabled } : {}), ...(b.autoResolve !== undefined ? { autoResolve: b.autoResolve } : {}) }, b.updatedBy, b.version));
  }

  @ApiDoc({ summary: 'Enable or disable a rule', params: { id: 'Rule id' }, body: enabledBody, responses: { 200: { description: 'The rule', schema: RuleSchema }, 404: { description: 'No such rule' }, 422: { description: 'Invalid body' } } })
  @Access('rule:write', { entity: { kind: 'rule', from: 'param.id' } })
  @Post(':id/enabled')
  @HttpCode(200)
  enable(@Param('id') id: string, @Body() body: unknown): Promise<AlertRule> {
    const b = parseInput(enabledBody, body ?? {});
    return answer(() => this.rules.setEnabled(id, b.enabled, b.updatedBy));
  }

  @ApiDoc({ summary: 'Delete a rule added through the API', description: 'Default rules of a module cannot be deleted (409): disable them.', params: { id: 'Rule id' }, responses: { 204: { description: 'Deleted' }, 404: { description: 'No such rule' }, 409: { description: 'A module default' } } })
  @Access('rule:write', { entity: { kind: 'rule', from: 'param.id' } })
  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    await answer(() => this.rules.remove(id));
  }
}

// ------------------------------------------------------------------ escalation policies

const stepSchema = z.object({ afterS: z.number().positive(), notify: z.array(z.string().min(1).max(100)), label: localized, openIncident: z.boolean().optional() }).strict();
export const policyBody = z.object({ name: localized, steps: z.array(stepSchema).min(1), updatedBy: actor }).strict();
const PolicySchema = z.object({ id: z.string(), name: localized, steps: z.array(stepSchema) }).loose().meta({ id: 'EscalationPolicy' });

@Controller('api/v1/escalation-policies')
export class EscalationPoliciesController {
  constructor(@Inject(PolicyBook) private readonly policies: PolicyBook) {}

  @ApiDoc({ summary: 'List escalation policies', description: 'Chains an unacknowledged alert escalates along: after each step\'s seconds its targets are notified; a step may open an incident.', responses: { 200: { description: 'Policies', schema: z.object({ items: z.array(PolicySchema) }) } } })
  @Access('rule:read')
  @Get()
  list(): { items: EscalationPolicy[] } {
    return { items: this.policies.list() };
  }

  @ApiDoc({ summary: 'Create or change an escalation policy', params: { id: 'Policy id (lower-case)' }, body: policyBody, responses: { 200: { description: 'The policy', schema: PolicySchema }, 422: { description: 'Invalid policy' } } })
  @Access('rule:write')
  @Put(':id')
  put(@Param('id') id: string, @Body() body: unknown): Promise<EscalationPolicy> {
    if (!/^[a-z][a-z0-9_-]{0,62}$/.test(id)) throw new ProblemException({ status: 422, title: 'Invalid request', errors: [{ field: 'id', problem: 'must be a lower-case identifier' }] });
    const b = parseInput(policyBody, body ?? {});
    return answer(() => this.policies.put({ id, name: b.name, steps: b.steps }, b.updatedBy));
  }
}

