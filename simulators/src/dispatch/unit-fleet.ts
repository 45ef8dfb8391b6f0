import type { MqttClient } from 'mqtt';
import { MQTT_TOPIC_ROOT, type Assignment, type DispatchUnit, type SourceDefinition } from '@ioc/sdk';
import { closeConnection, openConnection, type Log } from '../publish/mqtt-connection.js';
import { MessageIds, newRunTag } from '../publish/message-ids.js';
import { eventPayload, statusPayload, telemetryPayload } from '../publish/payloads.js';
import { sourceTopic } from '../publish/topics.js';

export interface UnitFleetOptions {
  mqttUrl: string;
  /** The IOC's HTTP API: where the fleet learns its assignments. Without it units stay at their base. */
  apiUrl?: string;
  /** Bearer token for the API (a coordinator's or the simulator's service account). */
  apiToken?: string;
  /** Seconds between two position reports of a unit (default 5). */
  intervalS?: number;
  /** Seconds a crew takes to acknowledge an assignment (default 8). */
  ackDelayS?: number;
  /** Time-lapse for demos and tests: units drive this many times faster than their speed (default 1). */
  speedup?: number;
  /** How often the fleet asks the API for assignments, ms (default 2000). */
  pollMs?: number;
  topicRoot?: string;
  log?: Log;
}

export interface FleetStats {
  positions: number;
  acks: number;
  errors: number;
}

export interface UnitFleet {
  readonly stats: FleetStats;
  /** Drives the units one step now (tests call it instead of waiting for the timers). */
  step(): Promise<void>;
  stop(): Promise<FleetStats>;
}

interface Vehicle {
  def: SourceDefinition;
  lon: number;
  lat: number;
  cruiseKmh: number;
  speedKmh: number;
  headingDeg: number;
  fuelPct: number;
  /** Where it is going (scene or base) and why. */
  target?: { lon: number; lat: number };
  ackedAssignment?: string;
  ackDueAt?: number;
  lastReportAt: number;
}

const M_PER_DEG_LAT = 111_320;

/** Moves from a point toward another by at most `m` metres (flat earth: distances of a province). */
function moveToward(from: { lon: number; lat: number }, to: { lon: number; lat: number }, m: number): { lon: number; lat: number; headingDeg: number; arrived: boolean } {
  const kx = M_PER_DEG_LAT * Math.cos((from.lat * Math.PI) / 180);
  const dx = (to.lon - from.lon) * kx;
  const dy = (to.lat - from.lat) * M_PER_DEG_LAT;
  const d = Math.hypot(dx, dy);
  const headingDeg = (((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360) || 0;
  if (d <= m) return { lon: to.lon, lat: to.lat, headingDeg, arrived: true };
  return { lon: from.lon + (dx / d) * (m / kx), lat: from.lat + (dy / d) * (m / M_PER_DEG_LAT), headingDeg, arrived: false };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * The response units of the simulated province: each reports its position on
 * `ioc/v1/dispatch/unit/{id}/telemetry`. The fleet polls the IOC for assignments: a pending one
 * is acknowledged after the crew's delay (MQTT event `assignment.ack`); an acknowledged unit
 * drives toward its incident at its cruise speed (× speedup) and reports its position until it is
 * there (the IOC detects the arrival from the position); a returning unit drives back to base.
 */
export function startUnitFleet(units: readonly SourceDefinition[], options: UnitFleetOptions): UnitFleet {
  const root = options.topicRoot ?? MQTT_TOPIC_ROOT;
  const intervalMs = Math.max(0.05, options.intervalS ?? 5) * 1000;
  const ackDelayMs = (options.ackDelayS ?? 8) * 1000;
  const speedup = options.speedup ?? 1;
  const log = options.log ?? (() => {});
  const runTag = newRunTag();
  const ids = new MessageIds(runTag);
  const stats: FleetStats = { positions: 0, acks: 0, errors: 0 };
  const vehicles = new Map<string, Vehicle>(
    units.map((def) => [def.id, { def, lon: def.lon, lat: def.lat, cruiseKmh: Number(def.attributes?.cruiseKmh) || 40, speedKmh: 0, headingDeg: 0, fuelPct: 70 + (def.id.length % 30), lastReportAt: 0 }]),
  );
  const client: MqttClient = openConnection({
    url: options.mqttUrl,
    clientId: `ioc-sim-${runTag}-units`,
    onConnect: (c) => {
      for (const v of vehicles.values()) c.publish(sourceTopic(v.def, 'status', root), JSON.stringify(statusPayload(true, Date.now())), { qos: 1, retain: true });
    },
    log,
  });
  const publish = (topic: string, payload: object) =>
    new Promise<void>((resolve) =>
      client.publish(topic, JSON.stringify(payload), { qos: 1 }, (err) => {
        if (err) stats.errors++;
        resolve();
      }),
    );
  const api = options.apiUrl?.replace(/\/+$/, '');
  const scenes = new Map<string, { lon: number; lat: number }>();
  let lastMove = Date.now();

  async function getJson<T>(path: string): Promise<T | undefined> {
    try {
      const r = await fetch(`${api}${path}`, options.apiToken ? { headers: { authorization: `Bearer ${options.apiToken}` } } : {});
      return r.ok ? ((await r.json()) as T) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Learns what each unit should be doing from the IOC. */
  async function poll(): Promise<void> {
    if (!api) return;
    const [unitList, active] = await Promise.all([getJson<{ items: DispatchUnit[] }>('/api/v1/dispatch/units'), getJson<{ items: Assignment[] }>('/api/v1/dispatch/assignments?active=true')]);
    if (!unitList || !active) return;
    const byUnit = new Map(active.items.map((a) => [a.unitId, a]));
    for (const u of unitList.items) {
      const v = vehicles.get(u.id);
      if (!v) continue;
      const a = byUnit.get(u.id);
      if (a?.state === 'pending') {
        v.target = undefined;
        if (v.ackedAssignment !== a.id) v.ackDueAt ??= Date.now() + ackDelayMs;
      } else if (a?.state === 'acknowledged' || a?.state === 'arrived') {
        let scene = scenes.get(a.incidentId);
        if (!scene) {
          const inc = await getJson<{ lon: number | null; lat: number | null }>(`/api/v1/incidents/${a.incidentId}`);
          if (inc?.lon != null && inc.lat != null) scenes.set(a.incidentId, (scene = { lon: inc.lon, lat: inc.lat }));
        }
        v.target = scene;
      } else if (u.status === 'returning') {
        v.target = { lon: v.def.lon, lat: v.def.lat };
      } else {
        v.target = undefined;
      }
      if (a?.state === 'pending' && v.ackDueAt !== undefined && Date.now() >= v.ackDueAt && v.ackedAssignment !== a.id) {
        v.ackedAssignment = a.id;
        v.ackDueAt = undefined;
        stats.acks++;
        await publish(sourceTopic(v.def, 'event', root), eventPayload(ids.next(v.def.id), Date.now(), 'assignment.ack', { assignment: a.id }));
      }
    }
  }

  /** Moves every unit by the time since the last step and reports the positions. */
  async function move(): Promise<void> {
    const now = Date.now();
    const dtS = Math.min((now - lastMove) / 1000, 60);
    lastMove = now;
    const sends: Array<Promise<void>> = [];
    for (const v of vehicles.values()) {
      if (v.target) {
        const next = moveToward(v, v.target, (v.cruiseKmh / 3.6) * dtS * speedup);
        v.lon = next.lon;
        v.lat = next.lat;
        v.headingDeg = next.headingDeg;
        v.speedKmh = next.arrived ? 0 : v.cruiseKmh;
        v.fuelPct = Math.max(5, v.fuelPct - 0.002 * dtS * speedup);
        if (next.arrived) v.target = undefined;
      } else {
        v.speedKmh = 0;
        // A unit standing still reports at its interval; a moving one at every step.
        if (now - v.lastReportAt < intervalMs) continue;
      }
      v.lastReportAt = now;
      stats.positions++;
      sends.push(publish(sourceTopic(v.def, 'telemetry', root), telemetryPayload(ids.next(v.def.id), now, { lon: round6(v.lon), lat: round6(v.lat), speed_kmh: Math.round(v.speedKmh), heading_deg: Math.round(v.headingDeg) % 360, fuel_pct: Math.round(v.fuelPct) })));
    }
    await Promise.all(sends);
  }

  let busy = false;
  const step = async () => {
    if (busy) return;
    busy = true;
    try {
      await poll();
      await move();
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void step().catch(() => stats.errors++), Math.min(intervalMs, options.pollMs ?? 2000));
  // Positions every interval; polling more often keeps acknowledgements and departures prompt.
  let stopping: Promise<FleetStats> | undefined;
  return {
    stats,
    step,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(timer);
        for (const v of vehicles.values()) client.publish(sourceTopic(v.def, 'status', root), JSON.stringify(statusPayload(false, Date.now())), { qos: 1, retain: true });
        await closeConnection(client);
        return { ...stats };
      })()),
  };
}
