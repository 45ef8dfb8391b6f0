import type { SimulatorProfile } from '@ioc/sdk';

export const simulator: SimulatorProfile = {
  sources: {
    // Counters along QL13, QL14 and ĐT741.
    counter: { behaviour: 'traffic-counter', count: 18 },
    // Phase 1–3 violation, red-light and speed cameras (004:l710-733).
    camera: { behaviour: 'traffic-camera', count: 30 },
  },
  submissions: {
    // Per district and month: Bình Phước has roughly 140 accidents, 120 deaths and 90 injuries a year.
    accidents_monthly: {
      onTime: 0.85,
      late: 0.1,
      wrong: 0.03,
      missing: 0.02,
      typical: {
        accidents: { value: 1.1, spread: 0.8 },
        deaths: { value: 0.95, spread: 0.9 },
        injuries: { value: 0.7, spread: 1 },
        minor_collisions: { value: 6, spread: 0.6 },
        damage_mvnd: { value: 120, spread: 1 },
        fines_issued: { value: 650, spread: 0.5 },
      },
    },
  },
};
