import mqtt from 'mqtt';
import { serviceAvailable } from './services.js';
import { startWireTimescale } from './stack.js';

/** One way of running the stack in a test: the env to start it with and the broker to publish to. */
export interface StackMode {
  name: string;
  setup: (suite: string) => Promise<{ env: Record<string, string>; mqttUrl?: string; teardown: () => Promise<void> } | null>;
}

export const runId = `${process.pid}-${Date.now().toString(36)}`;

export const EMBEDDED: StackMode = { name: 'embedded defaults', setup: async () => ({ env: {}, teardown: async () => undefined }) };

/** Mosquitto and Redis of this machine, the TimescaleDB engine over the wire; null (skipped) when missing. */
export const PRODUCTION: StackMode = {
  name: 'production path (Mosquitto, Redis, TimescaleDB over the wire)',
  setup: async (suite) => {
    if (!(await serviceAvailable('Mosquitto', '127.0.0.1', 1883, suite))) return null;
    if (!(await serviceAvailable('Redis', '127.0.0.1', 6379, suite))) return null;
    const wire = await startWireTimescale();
    const clientId = `ioc-test-${suite.replace(/\W+/g, '-')}-${runId}`.slice(0, 100);
    return {
      env: {
        DATABASE_URL: wire.url,
        DATABASE_POOL_MAX: '1',
        MQTT_URL: 'mqtt://127.0.0.1:1883',
        MQTT_CLIENT_ID: clientId,
        MQTT_SHARE_GROUP: clientId,
        REDIS_URL: 'redis://127.0.0.1:6379',
        // Jobs and bus of this stack only: another suite's worker on the same Redis must not take
        // its jobs, and its processes must not hear another suite's changes (same incident ids).
        JOBS_PREFIX: `ioc-test-${suite.replace(/\W+/g, '-')}-${runId}`,
        BUS_PREFIX: `ioc-test-${suite.replace(/\W+/g, '-')}-${runId}:bus`.slice(0, 64),
      },
      mqttUrl: 'mqtt://127.0.0.1:1883',
      teardown: async () => {
        await wire.stop();
        // Drop the persistent session this run left at the shared broker.
        const c = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId, clean: true, reconnectPeriod: 0 });
        await c.endAsync();
      },
    };
  },
};
