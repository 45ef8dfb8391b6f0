import type { SourceDefinition } from '@ioc/sdk';

/**
 * Which sources get their own MQTT connection (and so a Last Will of their own): the first
 * `count`, taken round-robin over sector/kind so every kind of device has some.
 */
export function chooseDevicesWithWill(sources: readonly SourceDefinition[], count: number): Set<string> {
  const groups = new Map<string, string[]>();
  for (const s of sources) {
    const key = `${s.sector}/${s.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), s.id]);
  }
  const queues = [...groups.values()];
  const chosen = new Set<string>();
  for (let round = 0; chosen.size < Math.min(count, sources.length); round++) {
    for (const queue of queues) {
      const id = queue[round];
      if (id !== undefined && chosen.size < count) chosen.add(id);
    }
  }
  return chosen;
}
