import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

export type Log = (line: string) => void;

export interface ConnectionOptions {
  url: string;
  clientId: string;
  will?: { topic: string; payload: string };
  /** Runs on every (re)connect: where retained status is (re)published. */
  onConnect?: (client: MqttClient) => void;
  log?: Log;
}

/**
 * The device credential every connection signs in with (MQTT user name and secret), from
 * IOC_SIM_MQTT_USERNAME / IOC_SIM_MQTT_PASSWORD — environment, not argv, so the secret does not
 * show in `ps`. Unset: connect without credentials (a broker with MQTT_DEVICE_AUTH=off).
 */
export function simulatorCredentials(env: NodeJS.ProcessEnv = process.env): { username: string; password: string } | undefined {
  const username = env.IOC_SIM_MQTT_USERNAME;
  return username ? { username, password: env.IOC_SIM_MQTT_PASSWORD ?? '' } : undefined;
}

/**
 * An MQTT connection that keeps reconnecting and logs state changes once, not on every retry.
 * QoS 1 messages published while it is down wait in mqtt.js's outgoing store.
 */
export function openConnection(options: ConnectionOptions): MqttClient {
  const log = options.log ?? (() => {});
  const clientOptions: IClientOptions = {
    clientId: options.clientId,
    clean: true,
    keepalive: 30,
    reconnectPeriod: 2000,
    connectTimeout: 10_000,
    ...(simulatorCredentials() ?? {}),
    ...(options.will ? { will: { topic: options.will.topic, payload: Buffer.from(options.will.payload), qos: 1, retain: true } } : {}),
  };
  const client = mqtt.connect(options.url, clientOptions);
  let connected = false;
  let reportedDown = false;
  client.on('connect', () => {
    if (reportedDown) log(`${options.clientId}: reconnected to ${options.url}`);
    connected = true;
    reportedDown = false;
    options.onConnect?.(client);
  });
  client.on('close', () => {
    if (connected && !client.disconnecting) log(`${options.clientId}: connection to ${options.url} lost, retrying`);
    connected = false;
  });
  client.on('error', (error) => {
    if (!reportedDown) log(`${options.clientId}: ${error.message}`);
    reportedDown = true;
  });
  return client;
}

/**
 * Ends a connection gracefully: waits for in-flight QoS 1 messages to be acknowledged, then
 * disconnects. Gives up after `timeoutMs` (broker gone) and closes the socket.
 */
export async function closeConnection(client: MqttClient, timeoutMs = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const ended = await Promise.race([client.endAsync(false).then(() => 'ended' as const), timeout]);
  clearTimeout(timer);
  if (ended === 'timeout') await client.endAsync(true);
}

/** The broker could not be reached in time. */
export class BrokerUnavailableError extends Error {}

/** Resolves once the client is connected (or rejects after `timeoutMs`). */
export function whenConnected(client: MqttClient, timeoutMs = 30_000): Promise<void> {
  if (client.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('connect', onConnect);
      reject(new BrokerUnavailableError(`no MQTT connection to ${client.options.protocol ?? 'mqtt'}://${client.options.hostname ?? '?'}:${client.options.port ?? '?'} after ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const onConnect = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('connect', onConnect);
  });
}
