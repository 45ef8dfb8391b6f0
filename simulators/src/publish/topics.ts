import { MQTT_TOPIC_ROOT, type MqttChannel, type SourceDefinition } from '@ioc/sdk';

/**
 * `{root}/{sector}/{kind}/{sourceId}/{channel}`. The root is `ioc/v1` on the wire; tests pass
 * another root to stay out of the way of anything else listening on a shared broker.
 */
export function sourceTopic(source: Pick<SourceDefinition, 'sector' | 'kind' | 'id'>, channel: MqttChannel, root: string = MQTT_TOPIC_ROOT): string {
  return `${root}/${source.sector}/${source.kind}/${source.id}/${channel}`;
}
