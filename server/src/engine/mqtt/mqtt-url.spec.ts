import { describe, expect, it } from 'vitest';
import { parseMqttUrl } from './mqtt-url.js';

describe('parseMqttUrl', () => {
  it('reads host, port and credentials', () => {
    expect(parseMqttUrl('mqtt://ingest:p%40ss@broker.local:1884')).toEqual({
      host: 'broker.local',
      port: 1884,
      tls: false,
      username: 'ingest',
      password: 'p@ss',
      display: 'broker.local:1884',
    });
  });

  it('defaults the port by scheme and accepts a URL object', () => {
    expect(parseMqttUrl(new URL('tcp://10.0.0.5'))).toMatchObject({ host: '10.0.0.5', port: 1883, tls: false });
    expect(parseMqttUrl('mqtts://broker')).toMatchObject({ port: 8883, tls: true });
    expect(parseMqttUrl('mqtt://[::1]:1883')).toMatchObject({ host: '::1', display: '[::1]:1883' });
  });

  it('names the variable in errors and never echoes the password', () => {
    expect(() => parseMqttUrl('http://x')).toThrow(/^MQTT_URL: unsupported scheme "http:\/\/"/);
    expect(() => parseMqttUrl('not a url://u:secret@', 'BROKER')).toThrow(/^BROKER: .* is not a URL/);
    expect(() => parseMqttUrl('not a url://u:secret@')).not.toThrow(/secret/);
  });
});
