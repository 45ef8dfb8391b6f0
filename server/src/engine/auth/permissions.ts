import type { BindingRole } from './principal.js';

/**
 * What can be done, one word per kind of data and verb. Routes, socket topics and MQTT topics
 * each name one permission; roles grant sets of them (below).
 */
export const PERMISSIONS = [
  'geo:read', // regions, sectors, map config
  'kpi:read', // KPI values, targets, risks, data quality, summaries
  'kpi:write', // KPI targets
  'telemetry:read', // sources, latest values, readings, cameras
  'source:write', // register / change sources
  'alert:read',
  'alert:act', // acknowledge, assign, snooze, resolve
  'rule:read', // rules, escalation policies
  'rule:write',
  'incident:read',
  'incident:act', // create, transition, notes, checklist
  'dispatch:read', // units, suggestions
  'dispatch:assign',
  'unit:report', // a field unit reports its own status / acknowledges
  'report:read', // statistics submissions and compliance
  'report:submit',
  'report:write', // templates, imports
  'feedback:read',
  'feedback:act',
  'wall:read',
  'wall:command',
  'wall:write', // layouts
  'notify:read',
  'notify:write',
  'cap:read',
  'cap:write',
  'deadletter:read',
  'audit:read',
  'user:manage',
  'grant:manage',
  'device:manage',
  'telemetry:publish', // a device publishes readings, events, status on MQTT
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL: Permission[] = ['geo:read', 'kpi:read', 'telemetry:read', 'alert:read', 'rule:read', 'incident:read', 'dispatch:read', 'report:read', 'feedback:read', 'wall:read', 'notify:read', 'cap:read'];

/**
 * Permissions whose data belongs to a sector: a binding with a sector list reaches only those
 * sectors' data. The others (geography, walls, incidents, ...) are not sector data.
 */
export const SECTOR_DATA: ReadonlySet<Permission> = new Set<Permission>(['kpi:read', 'kpi:write', 'telemetry:read', 'source:write', 'alert:read', 'alert:act', 'rule:read', 'rule:write', 'report:read', 'report:submit', 'report:write']);

/** What each role may do, before its scope narrows it. */
export const ROLE_PERMISSIONS: Record<BindingRole, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS.filter((p) => p !== 'telemetry:publish')),
  device: new Set<Permission>(['telemetry:publish']),
  // The IOC reads every sector's live picture; the sectors' own statistics submissions need a grant.
  operator: new Set<Permission>([...READ_ALL.filter((p) => p !== 'report:read'), 'alert:act', 'incident:act', 'wall:command', 'deadletter:read']),
  leader: new Set<Permission>([...READ_ALL, 'alert:act', 'incident:act', 'wall:command', 'dispatch:assign', 'audit:read']),
  'sector-staff': new Set<Permission>(['geo:read', 'kpi:read', 'kpi:write', 'telemetry:read', 'alert:read', 'alert:act', 'rule:read', 'rule:write', 'report:read', 'report:write', 'incident:read', 'wall:read', 'grant:manage']),
  coordinator: new Set<Permission>(['geo:read', 'kpi:read', 'telemetry:read', 'alert:read', 'alert:act', 'incident:read', 'incident:act', 'dispatch:read', 'dispatch:assign', 'unit:report', 'feedback:read', 'feedback:act', 'cap:read', 'cap:write', 'wall:read']),
  'field-unit': new Set<Permission>(['geo:read', 'incident:read', 'dispatch:read', 'unit:report']),
  reporter: new Set<Permission>(['geo:read', 'kpi:read', 'report:read', 'report:submit']),
  viewer: new Set<Permission>(['geo:read', 'kpi:read', 'wall:read']),
};
