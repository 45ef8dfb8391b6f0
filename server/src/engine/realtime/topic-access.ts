import type { Permission, Resource } from '../auth/index.js';

/** What reading a live topic needs. */
export interface TopicAccess {
  permission: Permission;
  resource: Resource;
}

/**
 * The access policy of every live topic family: which permission reading it needs and what data
 * it carries. A topic of a family not listed here has no policy and is refused (the matrix test
 * checks every family of the hub has one).
 */
export function topicAccess(topic: string, isSector: (id: string) => boolean): TopicAccess | undefined {
  const [family, a, b] = topic.split(':');
  switch (family) {
    case 'kpi':
      return a && b ? { permission: 'kpi:read', resource: { sector: a, region: b } } : undefined;
    case 'latest':
      return a ? { permission: 'telemetry:read', resource: { sector: a } } : undefined;
    case 'sources':
      return a ? { permission: 'telemetry:read', resource: a === 'all' ? {} : { sector: a } } : undefined;
    case 'alerts':
      if (!a) return undefined;
      return { permission: 'alert:read', resource: a === 'all' ? {} : isSector(a) ? { sector: a } : { region: a } };
    case 'incidents':
      return { permission: 'incident:read', resource: {} };
    case 'units':
      return { permission: 'dispatch:read', resource: {} };
    case 'feedback':
      return { permission: 'feedback:read', resource: {} };
    case 'wall':
      return a ? { permission: 'wall:read', resource: {} } : undefined;
    default:
      return undefined;
  }
}

/** The topic families (prefixes) topicAccess has a policy for. */
export const TOPIC_FAMILIES_WITH_POLICY = ['kpi:', 'latest:', 'sources:', 'alerts:', 'incidents', 'units', 'feedback', 'wall:'] as const;
