import { MQTT_CHANNELS, MQTT_TOPIC_ROOT, TOPIC_SEGMENT } from '@ioc/sdk';
import { devicePrincipal, Policy } from '../auth/index.js';

/**
 * Devices are decided by the same policy module as people (REST, socket.io): a device binding
 * reaches its own sources. Their scope has no regions, so no geography is needed here.
 */
const policy = new Policy({ lineage: () => undefined });

/** What the ACL needs to know of a credential. */
export interface AclCredential {
  username: string;
  sources: readonly string[];
}

/** Registered sources' sector and kind (the SourceRegistry satisfies it). */
export interface SourceLookup {
  get(id: string): { sector: string; kind: string } | undefined;
}

/**
 * Why `cred` may not PUBLISH to `topic`, or undefined when it may. A device publishes only
 * `ioc/v1/{sector}/{kind}/{sourceId}/{telemetry|event|status}` where sourceId is one of its
 * sources and, when that source is registered, sector/kind are the registered ones. A declared
 * source that is not registered yet may publish under any well-formed sector/kind (ingest then
 * dead-letters its messages as `unknown-source` until it is registered).
 */
export function publishRefusal(cred: AclCredential, topic: string, sources: SourceLookup): string | undefined {
  const deny = (why: string) => `device ${cred.username} may not publish to ${topic.slice(0, 200)}: ${why}`;
  if (topic.includes('+') || topic.includes('#')) return deny('wildcards are not allowed in a publish topic');
  const parts = topic.split('/');
  if (parts.length !== 6 || `${parts[0]}/${parts[1]}` !== MQTT_TOPIC_ROOT) return deny(`topic must be ${MQTT_TOPIC_ROOT}/{sector}/{kind}/{sourceId}/{channel}`);
  const [, , sector, kind, sourceId, channel] = parts as [string, string, string, string, string, string];
  if (!(MQTT_CHANNELS as readonly string[]).includes(channel)) return deny(`channel must be one of ${MQTT_CHANNELS.join(', ')}`);
  if (!TOPIC_SEGMENT.test(sector) || !TOPIC_SEGMENT.test(kind) || !TOPIC_SEGMENT.test(sourceId)) return deny('malformed topic segment');
  if (!policy.allows(devicePrincipal(cred.username, cred.sources), 'telemetry:publish', { source: sourceId, sector })) return deny(`source ${sourceId} is not one of its sources`);
  const registered = sources.get(sourceId);
  if (registered && (registered.sector !== sector || registered.kind !== kind)) {
    return deny(`source ${sourceId} is registered as ${registered.sector}/${registered.kind}`);
  }
  return undefined;
}

/**
 * Why `cred` may not SUBSCRIBE to `filter`, or undefined when it may. Devices subscribe only to
 * their own downlink: `ioc/v1/{sector|+}/{kind|+}/{sourceId}/cmd` and anything under it
 * (`…/cmd/#`), sourceId one of theirs. They never read other devices' data.
 */
export function subscribeRefusal(cred: AclCredential, filter: string, sources: SourceLookup): string | undefined {
  const deny = (why: string) => `device ${cred.username} may not subscribe to ${filter.slice(0, 200)}: ${why}`;
  const parts = filter.split('/');
  if (parts.length < 6 || `${parts[0]}/${parts[1]}` !== MQTT_TOPIC_ROOT || parts[5] !== 'cmd') return deny(`devices subscribe only to ${MQTT_TOPIC_ROOT}/{sector}/{kind}/{sourceId}/cmd[/#]`);
  const [, , sector, kind, sourceId] = parts as [string, string, string, string, string];
  if (!cred.sources.includes(sourceId)) return deny(`source ${sourceId} is not one of its sources`);
  const registered = sources.get(sourceId);
  if (registered && ((sector !== '+' && sector !== registered.sector) || (kind !== '+' && kind !== registered.kind))) {
    return deny(`source ${sourceId} is registered as ${registered.sector}/${registered.kind}`);
  }
  if (sector.includes('#') || kind.includes('#')) return deny('# only at the end');
  return undefined;
}
