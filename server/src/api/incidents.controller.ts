import { z } from 'zod';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { INCIDENT_STATES, SEVERITIES, type IncidentRecord, type IncidentState, type IncidentTimelineEntry, type Severity } from '@ioc/sdk';
import { IncidentService, type IncidentDetail, type NearbyCamera } from '../engine/incidents/incident.service.js';
import { ApiDoc } from './openapi/api-doc.js';
import { answer } from './alerts.controller.js';
import { parseInput } from './validation.js';
import { Access, SignedIn } from '../engine/auth/access.js';

const actor = z.string().trim().min(1).max(200).describe('Who acts (until [security] brings identity, the caller names themself).');
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

const IncidentSchema = z
  .object({ id: z.string(), code: z.string(), type: z.string(), class: z.enum(['timed', 'immediate', 'command']), state: z.enum(INCIDENT_STATES as [string, ...string[]]), severity: z.string(), title: z.string(), regionId: z.string().nullable(), lon: z.number().nullable(), lat: z.number().nullable(), slaDueAt: z.string().nullable(), slaBreached: z.boolean(), publicResult: z.string().nullable() })
  .loose()
  .meta({ id: 'Incident' });
const EntrySchema = z.object({ incidentId: z.string(), at: z.string(), kind: z.string(), actor: z.string(), text: z.string().nullable(), data: z.object({}).loose() }).meta({ id: 'IncidentTimelineEntry' });
const CameraSchema = z.object({ sourceId: z.string(), name: z.string(), lon: z.number(), lat: z.number(), distanceM: z.number(), online: z.boolean().nullable(), streamUrl: z.string().nullable(), snapshotUrl: z.string().nullable() }).loose().meta({ id: 'NearbyCamera' });

export const createBody = z
  .object({
    type: z.string().describe('Incident type declared by a module (GET /api/v1/incident-types).'),
    title: z.string().max(300).optional(),
    description: z.string().max(5000).optional(),
    severity: z.enum(SEVERITIES as [string, ...string[]]).optional(),
    lon: lon.optional(),
    lat: lat.optional(),
    regionId: z.string().optional(),
    createdBy: actor,
  })
  .strict();
export const moveBody = z.object({ to: z.enum(INCIDENT_STATES as [string, ...string[]]), actor, comment: z.string().max(2000).optional(), publicResult: z.string().max(5000).optional().describe('Required to publish: the result text for the public.') }).strict();
const stepBody = z.object({ done: z.boolean(), actor }).strict();
const noteBody = z.object({ text: z.string().min(1).max(5000), actor }).strict();
const listQuery = z.object({
  state: z.string().optional().describe('States, comma-separated.'),
  type: z.string().optional(),
  open: z.enum(['true', 'false']).optional().describe('Only incidents not published or cancelled.'),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
const nearQuery = z.object({ lon: z.coerce.number().min(-180).max(180), lat: z.coerce.number().min(-90).max(90), limit: z.coerce.number().int().min(1).max(100).optional(), withinM: z.coerce.number().positive().max(200_000).optional() });

@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(@Inject(IncidentService) private readonly incidents: IncidentService) {}

  @ApiDoc({ summary: 'List incidents', description: 'Most severe first, then the nearest SLA deadline. / Danh sách sự cố.', query: listQuery, responses: { 200: { description: 'Incidents', schema: z.object({ items: z.array(IncidentSchema) }) }, 422: { description: 'A query parameter is invalid' } } })
  @Access('incident:read', { region: 'query.regionId' })
  @Get()
  async list(@Query() query: unknown): Promise<{ items: IncidentRecord[] }> {
    const q = parseInput(listQuery, query, 'query');
    const states = q.state?.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = states?.find((s) => !INCIDENT_STATES.includes(s as IncidentState));
    if (bad) parseInput(z.object({ state: z.enum(INCIDENT_STATES as [string, ...string[]]) }), { state: bad }, 'query');
    return { items: await this.incidents.list({ ...(states ? { state: states as IncidentState[] } : {}), ...(q.type ? { type: q.type } : {}), open: q.open === 'true', ...(q.limit ? { limit: q.limit } : {}) }) };
  }

  @ApiDoc({ summary: 'Create an incident by hand', description: 'Class, severity, playbook checklist and SLAs come from the type; the region is found from the point when not given.', body: createBody, responses: { 201: { description: 'The incident', schema: IncidentSchema }, 422: { description: 'A field is invalid' } } })
  @Access('incident:act', { region: 'body.regionId' })
  @Post()
  create(@Body() body: unknown): Promise<IncidentRecord> {
    const b = parseInput(createBody, body ?? {});
    return answer(() => this.incidents.create({ type: b.type, ...(b.title ? { title: b.title } : {}), ...(b.description ? { description: b.description } : {}), ...(b.severity ? { severity: b.severity as Severity } : {}), ...(b.lon !== undefined ? { lon: b.lon } : {}), ...(b.lat !== undefined ? { lat: b.lat } : {}), ...(b.regionId ? { regionId: b.regionId } : {}), origin: 'manual', actor: b.createdBy }));
  }

  @ApiDoc({ summary: 'One incident', description: 'With its playbook checklist, links (alerts, cameras, units, reports) and the states it may move to.', params: { id: 'Incident id' }, responses: { 200: { description: 'The incident', schema: IncidentSchema.extend({ checklist: z.array(z.object({}).loose()), links: z.array(z.object({}).loose()), nextStates: z.array(z.string()) }).loose() }, 404: { description: 'No such incident' } } })
  @Access('incident:read', { entity: { kind: 'incident', from: 'param.id' } })
  @Get(':id')
  get(@Param('id') id: string): Promise<IncidentDetail> {
    return answer(() => this.incidents.detail(id));
  }

  @ApiDoc({ summary: 'Timeline of an incident', params: { id: 'Incident id' }, responses: { 200: { description: 'Every change, oldest first', schema: z.object({ items: z.array(EntrySchema) }) }, 404: { description: 'No such incident' } } })
  @Access('incident:read', { entity: { kind: 'incident', from: 'param.id' } })
  @Get(':id/timeline')
  async timeline(@Param('id') id: string): Promise<{ items: IncidentTimelineEntry[] }> {
    return { items: await answer(() => this.incidents.timeline(id)) };
  }

  @ApiDoc({ summary: 'Move an incident to another state', description: 'Only the moves its class allows (409 names the possible ones); publishing needs `publicResult`, cancelling a `comment`. Entering a state starts its SLA.', params: { id: 'Incident id' }, body: moveBody, responses: { 200: { description: 'The incident', schema: IncidentSchema }, 404: { description: 'No such incident' }, 409: { description: 'Not allowed from the current state' }, 422: { description: 'A field is missing' } } })
  @Access('incident:act', { entity: { kind: 'incident', from: 'param.id' } })
  @Post(':id/transitions')
  @HttpCode(200)
  move(@Param('id') id: string, @Body() body: unknown): Promise<IncidentRecord> {
    const b = parseInput(moveBody, body ?? {});
    return answer(() => this.incidents.move(id, b.to as IncidentState, { actor: b.actor, ...(b.comment ? { comment: b.comment } : {}), ...(b.publicResult ? { publicResult: b.publicResult } : {}) }));
  }

  @ApiDoc({ summary: 'Tick a playbook step', params: { id: 'Incident id', stepId: 'Playbook step id' }, body: stepBody, responses: { 200: { description: 'The incident', schema: IncidentSchema }, 404: { description: 'No such incident or step' }, 422: { description: 'Invalid body' } } })
  @Access('incident:act', { entity: { kind: 'incident', from: 'param.id' } })
  @Post(':id/checklist/:stepId')
  @HttpCode(200)
  step(@Param('id') id: string, @Param('stepId') stepId: string, @Body() body: unknown): Promise<IncidentRecord> {
    const b = parseInput(stepBody, body ?? {});
    return answer(() => this.incidents.checkStep(id, stepId, b.done, b.actor));
  }

  @ApiDoc({ summary: 'Add a note to the timeline', params: { id: 'Incident id' }, body: noteBody, responses: { 201: { description: 'The entry', schema: EntrySchema }, 404: { description: 'No such incident' }, 422: { description: 'Invalid body' } } })
  @Access('incident:act', { entity: { kind: 'incident', from: 'param.id' } })
  @Post(':id/notes')
  note(@Param('id') id: string, @Body() body: unknown): Promise<IncidentTimelineEntry> {
    const b = parseInput(noteBody, body ?? {});
    return answer(() => this.incidents.note(id, b.text, b.actor));
  }

  @ApiDoc({ summary: 'Cameras nearest to an incident', params: { id: 'Incident id' }, query: z.object({ limit: z.coerce.number().int().min(1).max(50).optional(), withinM: z.coerce.number().positive().max(200_000).optional() }), responses: { 200: { description: 'Cameras, nearest first, with their heartbeat', schema: z.object({ items: z.array(CameraSchema) }) }, 404: { description: 'No such incident' } } })
  @Access('incident:read', { entity: { kind: 'incident', from: 'param.id' } })
  @Get(':id/cameras')
  async cameras(@Param('id') id: string, @Query() query: unknown): Promise<{ items: NearbyCamera[] }> {
    const q = parseInput(z.object({ limit: z.coerce.number().int().min(1).max(50).optional(), withinM: z.coerce.number().positive().max(200_000).optional() }), query, 'query');
    return { items: await answer(() => this.incidents.nearestCameras(id, q.limit, q.withinM)) };
  }
}

@Controller('api/v1/incident-types')
export class IncidentTypesController {
  constructor(@Inject(IncidentService) private readonly incidents: IncidentService) {}

  @ApiDoc({ summary: 'Incident types and their playbooks', description: 'Declared by the modules: class (timed / immediate / command), severity, SLA minutes per state, playbook steps with roles, unit types. / Kịch bản xử lý.', responses: { 200: { description: 'Types', schema: z.object({ items: z.array(z.object({ id: z.string(), sector: z.string() }).loose()) }) } } })
  @SignedIn()
  @Get()
  list(): { items: Array<Record<string, unknown>> } {
    return { items: this.incidents.types().map((t) => ({ id: t.id, sector: t.sector, ...t.type })) };
  }
}

@Controller('api/v1/cameras')
export class CamerasController {
  constructor(@Inject(IncidentService) private readonly incidents: IncidentService) {}

  @ApiDoc({ summary: 'Cameras near a point', description: 'Sources of camera kinds with stream/snapshot URLs and their heartbeat (online/offline from their status topic).', query: nearQuery, responses: { 200: { description: 'Cameras, nearest first', schema: z.object({ items: z.array(CameraSchema) }) }, 422: { description: 'lon/lat missing or invalid' } } })
  @Access('telemetry:read')
  @Get()
  near(@Query() query: unknown): { items: NearbyCamera[] } {
    const q = parseInput(nearQuery, query, 'query');
    return { items: this.incidents.camerasNear(q.lon, q.lat, q.limit ?? 10, q.withinM ?? 5000) };
  }
}
