import { z } from 'zod';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { UNIT_STATUSES, UNIT_TYPES, type Assignment, type DispatchMessage, type DispatchUnit, type UnitPosition, type UnitStatus, type UnitSuggestion, type UnitType } from '@ioc/sdk';
import { DispatchService } from '../engine/dispatch/dispatch.service.js';
import { RegionTree } from '../engine/registry/region-tree.js';
import { ApiDoc } from './openapi/api-doc.js';
import { answer } from './alerts.controller.js';
import { ProblemException } from './problem.js';
import { parseInput } from './validation.js';
import { Access } from '../engine/auth/access.js';

const actor = z.string().trim().min(1).max(200).describe('Who acts (until [security] brings identity, the caller names themself).');
const id = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');
const csv = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values as [T, ...T[]])));

const PositionSchema = z.object({ ts: z.string(), lon: z.number(), lat: z.number(), speedKmh: z.number().nullable(), headingDeg: z.number().nullable() }).meta({ id: 'UnitPosition' });
const UnitSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    unitType: z.enum(UNIT_TYPES as [string, ...string[]]),
    callSign: z.string(),
    regionId: z.string(),
    base: z.object({ lon: z.number(), lat: z.number() }),
    cruiseKmh: z.number(),
    status: z.enum(UNIT_STATUSES as [string, ...string[]]),
    statusAt: z.string(),
    incidentId: z.string().nullable(),
    assignmentId: z.string().nullable(),
    position: PositionSchema.nullable(),
  })
  .meta({ id: 'DispatchUnit' });
const AssignmentSchema = z
  .object({ id: z.string(), incidentId: z.string(), unitId: z.string(), state: z.enum(['pending', 'acknowledged', 'arrived', 'released', 'cancelled']), assignedBy: z.string(), assignedAt: z.string(), acknowledgedAt: z.string().nullable(), arrivedAt: z.string().nullable(), releasedAt: z.string().nullable(), distanceM: z.number(), etaAt: z.string().nullable(), note: z.string().nullable() })
  .meta({ id: 'Assignment' });
const SuggestionSchema = z.object({ unit: UnitSchema, distanceM: z.number(), routeM: z.number(), etaS: z.number(), matchesType: z.boolean() }).meta({ id: 'UnitSuggestion' });
const MessageSchema = z.object({ id: z.string(), incidentId: z.string().nullable(), toUnit: z.string().nullable(), from: z.string(), text: z.string(), at: z.string() }).meta({ id: 'DispatchMessage' });

const unitsQuery = z.object({ status: csv(UNIT_STATUSES).optional().describe('Statuses, comma-separated.'), type: csv(UNIT_TYPES).optional().describe('Unit types, comma-separated.'), regionId: z.string().optional().describe('Units stationed in this region or below.') });
const statusBody = z.object({ status: z.enum(UNIT_STATUSES as [string, ...string[]]).describe('available, off_duty or returning (en route / on scene follow from assignments).'), actor }).strict();
const trackQuery = z.object({ from: z.iso.datetime({ offset: true }).optional().describe('Default: one hour before `to`.'), to: z.iso.datetime({ offset: true }).optional().describe('Default: now.'), limit: z.coerce.number().int().min(1).max(20_000).optional() });
const suggestQuery = z.object({
  incidentId: id.optional().describe('Suggest for this incident (its location and the unit types its type asks for).'),
  lon: z.coerce.number().min(-180).max(180).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  type: csv(UNIT_TYPES).optional().describe('Unit types wanted, comma-separated (default: the incident type’s).'),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
const assignBody = z.object({ incidentId: id, unitId: z.string().min(1).max(64), actor, note: z.string().max(2000).optional() }).strict();
const assignmentsQuery = z.object({ incidentId: id.optional(), unitId: z.string().max(64).optional(), active: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() });
const ACTIONS = ['acknowledge', 'arrive', 'release'] as const;
const actionBody = z.object({ action: z.enum(ACTIONS).describe('acknowledge (the crew accepts), arrive (on scene), release (stand down; a pending assignment is cancelled).'), actor, note: z.string().max(2000).optional() }).strict();
const messageBody = z.object({ incidentId: id.optional().describe('The incident’s group channel.'), toUnit: z.string().min(1).max(64).optional().describe('One unit (one-to-one).'), from: actor, text: z.string().min(1).max(4000) }).strict();
const messagesQuery = z.object({ incidentId: id.optional(), unitId: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() });

@Controller('api/v1/dispatch')
export class DispatchController {
  constructor(
    @Inject(DispatchService) private readonly dispatch: DispatchService,
    @Inject(RegionTree) private readonly tree: RegionTree,
  ) {}

  @ApiDoc({ summary: 'Response units', description: 'Police, fire, medical, rescue and environment units with duty status, newest position and what they work on. / Lực lượng ứng phó.', query: unitsQuery, responses: { 200: { description: 'Units', schema: z.object({ items: z.array(UnitSchema) }) }, 422: { description: 'A query parameter is invalid' } } })
  @Access('dispatch:read', { region: 'query.regionId' })
  @Get('units')
  units(@Query() query: unknown): { items: DispatchUnit[] } {
    const q = parseInput(unitsQuery, query, 'query');
    if (q.regionId && !this.tree.get(q.regionId)) throw new ProblemException({ status: 422, title: 'Invalid request', errors: [{ field: 'regionId', problem: `no region ${q.regionId}` }] });
    const region = q.regionId;
    return { items: this.dispatch.units({ ...(q.status ? { status: q.status as UnitStatus[] } : {}), ...(q.type ? { unitType: q.type as UnitType[] } : {}), ...(region ? { regionId: (r: string) => this.tree.within(r, region) } : {}) }) };
  }

  @ApiDoc({ summary: 'One response unit', params: { unitId: 'Unit (source) id' }, responses: { 200: { description: 'The unit', schema: UnitSchema }, 404: { description: 'No such unit' } } })
  @Access('dispatch:read', { entity: { kind: 'unit', from: 'param.unitId' } })
  @Get('units/:unitId')
  unit(@Param('unitId') unitId: string): Promise<DispatchUnit> {
    return answer(() => this.dispatch.unit(unitId));
  }

  @ApiDoc({ summary: 'Where a unit went', description: 'Positions from the `unit_position` hypertable, oldest first.', params: { unitId: 'Unit (source) id' }, query: trackQuery, responses: { 200: { description: 'Positions', schema: z.object({ items: z.array(PositionSchema) }) }, 404: { description: 'No such unit' }, 422: { description: 'A query parameter is invalid' } } })
  @Access('dispatch:read', { entity: { kind: 'unit', from: 'param.unitId' } })
  @Get('units/:unitId/track')
  async track(@Param('unitId') unitId: string, @Query() query: unknown): Promise<{ items: UnitPosition[] }> {
    const q = parseInput(trackQuery, query, 'query');
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 3_600_000);
    return { items: await answer(() => this.dispatch.track(unitId, from, to, q.limit)) };
  }

  @ApiDoc({ summary: 'Set a unit’s duty status', description: 'Off duty, back available, or returning; en route and on scene follow from assignments (409 while the unit has one).', params: { unitId: 'Unit (source) id' }, body: statusBody, responses: { 200: { description: 'The unit', schema: UnitSchema }, 404: { description: 'No such unit' }, 409: { description: 'The unit is on an assignment' }, 422: { description: 'Invalid body' } } })
  @Access('unit:report', { entity: { kind: 'unit', from: 'param.unitId' } })
  @Put('units/:unitId/status')
  status(@Param('unitId') unitId: string, @Body() body: unknown): Promise<DispatchUnit> {
    const b = parseInput(statusBody, body ?? {});
    return answer(() => this.dispatch.setStatus(unitId, b.status as UnitStatus, b.actor));
  }

  @ApiDoc({ summary: 'Suggest units for an incident', description: 'Available units nearest by estimated travel time (straight line × detour factor over the unit’s speed), the types the incident asks for first.', query: suggestQuery, responses: { 200: { description: 'Suggestions, best first', schema: z.object({ items: z.array(SuggestionSchema) }) }, 404: { description: 'No such incident' }, 422: { description: 'Neither an incident nor a point, or the incident has no location' } } })
  @Access('dispatch:read', { entity: { kind: 'incident', from: 'query.incidentId' } })
  @Get('suggestions')
  async suggest(@Query() query: unknown): Promise<{ items: UnitSuggestion[] }> {
    const q = parseInput(suggestQuery, query, 'query');
    if (q.incidentId === undefined && (q.lon === undefined || q.lat === undefined)) throw new ProblemException({ status: 422, title: 'Invalid request', errors: [{ field: 'incidentId', problem: 'give an incident id, or lon and lat' }] });
    return { items: await answer(() => this.dispatch.suggest({ ...(q.incidentId ? { incidentId: q.incidentId } : {}), ...(q.lon !== undefined ? { lon: q.lon } : {}), ...(q.lat !== undefined ? { lat: q.lat } : {}), ...(q.type ? { unitTypes: q.type as UnitType[] } : {}), ...(q.limit ? { limit: q.limit } : {}) })) };
  }

  @ApiDoc({ summary: 'Dispatch a unit to an incident', description: 'The assignment waits for the crew to acknowledge (MQTT event `assignment.ack` from the unit, or the action route). The incident is linked to the unit and, when its procedure allows, moves to dispatched.', body: assignBody, responses: { 201: { description: 'The assignment', schema: AssignmentSchema }, 404: { description: 'No such incident or unit' }, 409: { description: 'The unit is not available, or the incident is closed' }, 422: { description: 'Invalid body, or the incident has no location' } } })
  @Access('dispatch:assign', { entity: { kind: 'incident', from: 'body.incidentId' } })
  @Post('assignments')
  assign(@Body() body: unknown): Promise<Assignment> {
    const b = parseInput(assignBody, body ?? {});
    return answer(() => this.dispatch.assign({ incidentId: b.incidentId, unitId: b.unitId, actor: b.actor, ...(b.note ? { note: b.note } : {}) }));
  }

  @ApiDoc({ summary: 'Assignments', query: assignmentsQuery, responses: { 200: { description: 'Assignments, newest first', schema: z.object({ items: z.array(AssignmentSchema) }) }, 422: { description: 'A query parameter is invalid' } } })
  @Access('dispatch:read', { entity: { kind: 'incident', from: 'query.incidentId' }, unit: 'query.unitId' })
  @Get('assignments')
  async assignments(@Query() query: unknown): Promise<{ items: Assignment[] }> {
    const q = parseInput(assignmentsQuery, query, 'query');
    return { items: await this.dispatch.assignments({ ...(q.incidentId ? { incidentId: q.incidentId } : {}), ...(q.unitId ? { unitId: q.unitId } : {}), active: q.active === 'true', ...(q.limit ? { limit: q.limit } : {}) }) };
  }

  @ApiDoc({ summary: 'Acknowledge, arrive or release an assignment', description: 'What the crew reports by radio when its terminal cannot (the terminal sends MQTT events). Arriving moves a dispatched incident to handling.', params: { id: 'Assignment id' }, body: actionBody, responses: { 200: { description: 'The assignment', schema: AssignmentSchema }, 404: { description: 'No such assignment' }, 409: { description: 'Not possible from its state' }, 422: { description: 'Invalid body' } } })
  @Access('unit:report', { entity: { kind: 'assignment', from: 'param.id' } })
  @Post('assignments/:id/actions')
  @HttpCode(200)
  act(@Param('id') assignmentId: string, @Body() body: unknown): Promise<Assignment> {
    const b = parseInput(actionBody, body ?? {});
    return answer(() => (b.action === 'acknowledge' ? this.dispatch.acknowledge(assignmentId, b.actor) : b.action === 'arrive' ? this.dispatch.arrive(assignmentId, b.actor) : this.dispatch.release(assignmentId, b.actor, b.note)));
  }

  @ApiDoc({ summary: 'Send a message', description: 'To an incident’s group channel (every unit on it and the console) or to one unit.', body: messageBody, responses: { 201: { description: 'The message', schema: MessageSchema }, 404: { description: 'No such incident or unit' }, 422: { description: 'Invalid body' } } })
  @Access('incident:act', { entity: { kind: 'incident', from: 'body.incidentId' } })
  @Post('messages')
  send(@Body() body: unknown): Promise<DispatchMessage> {
    const b = parseInput(messageBody, body ?? {});
    return answer(() => this.dispatch.sendMessage({ ...(b.incidentId ? { incidentId: b.incidentId } : {}), ...(b.toUnit ? { toUnit: b.toUnit } : {}), from: b.from, text: b.text }));
  }

  @ApiDoc({ summary: 'Messages', description: 'An incident’s group channel, or what one unit sent and received; oldest first.', query: messagesQuery, responses: { 200: { description: 'Messages', schema: z.object({ items: z.array(MessageSchema) }) }, 422: { description: 'Neither an incident nor a unit' } } })
  @Access('dispatch:read', { entity: { kind: 'incident', from: 'query.incidentId' }, unit: 'query.unitId' })
  @Get('messages')
  async messages(@Query() query: unknown): Promise<{ items: DispatchMessage[] }> {
    const q = parseInput(messagesQuery, query, 'query');
    return { items: await answer(() => this.dispatch.messages({ ...(q.incidentId ? { incidentId: q.incidentId } : {}), ...(q.unitId ? { unitId: q.unitId } : {}), ...(q.limit ? { limit: q.limit } : {}) })) };
  }
}
