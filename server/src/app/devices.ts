import type { Provider, Type } from '@nestjs/common';
import type { Config } from '../config/config.js';
import type { Bus } from '../engine/bus/bus.js';
import type { Database } from '../engine/db/database.js';
import type { Logger } from '../engine/logging/logger.js';
import type { SourceRegistry } from '../engine/registry/source-registry.js';
import type { AuditSink } from '../engine/auth/audit-sink.js';
import type { BrokerAccessHooks } from '../engine/mqtt/broker-access.js';
import { CredentialStore, DeviceAccess, DeviceCredentials } from '../engine/devices/index.js';
import { DevicesController } from '../api/devices.controller.js';

/**
 * Device credentials and the MQTT topic ACL: the store (cached, reloaded on `devices.changed`),
 * the embedded broker's access hooks (`access`: pass it as createMqttIngress({ access })), and
 * the REST API under /api/v1/devices/credentials.
 */
export async function devicesApi(deps: { config: Config; db: Database; bus: Bus; sources: SourceRegistry; audit: AuditSink; log: Logger }): Promise<{
  providers: Provider[];
  controllers: Type[];
  access: BrokerAccessHooks;
  store: CredentialStore;
  close(): Promise<void>;
}> {
  const store = new CredentialStore(deps.db, deps.bus);
  await store.start();
  const service = new DeviceCredentials(store, deps.audit);
  const access = new DeviceAccess(store, deps.sources, deps.db, deps.audit, {
    mode: deps.config.mqtt.deviceAuth,
    deadLetterMaxBytes: deps.config.ingest.deadLetterMaxBytes,
    log: deps.log,
  });
  if (deps.config.mqtt.deviceAuth === 'off' && !deps.config.mqtt.url) deps.log.warn('MQTT_DEVICE_AUTH=off: any MQTT client may connect to the embedded broker and publish any source\'s topics');
  return {
    providers: [{ provide: DeviceCredentials, useValue: service }],
    controllers: [DevicesController],
    access,
    store,
    close: async () => store.stop(),
  };
}
