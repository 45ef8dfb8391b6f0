import { describe, expect, it } from 'vitest';
import { EmbeddedBroker, ExternalSubscriber, createMqttIngress } from './index.js';

describe('createMqttIngress', () => {
  const base = { host: '127.0.0.1', tcpPort: 0, wsPort: 0 };

  it('returns the embedded broker without a URL', () => {
    expect(createMqttIngress(base)).toBeInstanceOf(EmbeddedBroker);
  });

  it('returns the external subscriber for MQTT_URL, with the shared subscription', () => {
    const ingress = createMqttIngress({ ...base, url: new URL('mqtt://broker:1883'), clientId: 'ingest-a', shareGroup: 'grp' });
    expect(ingress).toBeInstanceOf(ExternalSubscriber);
    expect((ingress as ExternalSubscriber).subscription).toBe('$share/grp/ioc/v1/#');
    expect((ingress as ExternalSubscriber).clientId).toBe('ingest-a');
    expect(ingress.health()).toMatchObject({ state: 'down', inFlight: 0, received: 0 });
  });
});
