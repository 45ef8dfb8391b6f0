import { MqttConfigError } from './mqtt-ingress.js';

/** Where and how to reach an external broker, read from MQTT_URL. */
export interface BrokerEndpoint {
  host: string;
  port: number;
  tls: boolean;
  username?: string;
  password?: string;
  /** host:port, for messages (never the credentials). */
  display: string;
}

const PLAIN = new Set(['mqtt:', 'tcp:']);
const SECURE = new Set(['mqtts:', 'ssl:', 'tls:']);

/** Parses mqtt://[user:pass@]host[:port] (or mqtts://); errors name `variable`. */
export function parseMqttUrl(url: string | URL, variable = 'MQTT_URL'): BrokerEndpoint {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    throw new MqttConfigError(variable, `"${redact(String(url))}" is not a URL (expected mqtt://[user:pass@]host:port)`);
  }
  const tls = SECURE.has(u.protocol);
  if (!tls && !PLAIN.has(u.protocol)) {
    throw new MqttConfigError(
      variable,
      `unsupported scheme "${u.protocol}//" (use mqtt:// or mqtts://; the ingest subscriber speaks MQTT over TCP, not WebSocket)`,
    );
  }
  // URL keeps IPv6 literals in brackets; net.connect wants them bare.
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new MqttConfigError(variable, 'has no host (expected mqtt://host:port)');
  const port = u.port ? Number(u.port) : tls ? 8883 : 1883;
  return {
    host,
    port,
    tls,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    display: `${u.hostname}:${port}`,
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
