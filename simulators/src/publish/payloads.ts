import type { EventPayload, StatusPayload, TelemetryPayload } from '@ioc/sdk';

export function telemetryPayload(id: string, atMs: number, metrics: Record<string, number>): TelemetryPayload {
  return { ts: new Date(atMs).toISOString(), id, metrics };
}

export function eventPayload(id: string, atMs: number, type: string, fields: Record<string, unknown>): EventPayload {
  return { ...fields, ts: new Date(atMs).toISOString(), id, type };
}

export function statusPayload(online: boolean, atMs: number): StatusPayload {
  return { online, ts: new Date(atMs).toISOString() };
}

/** The Last Will: no timestamp, since it is written at connect time but published at failure. */
export const WILL_PAYLOAD: StatusPayload = { online: false };
