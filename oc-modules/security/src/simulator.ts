import type { SimulatorProfile } from '@ioc/sdk';

export const simulator: SimulatorProfile = {
  sources: {
    // Phase 1–3 security cameras at squares, markets, junctions, bus stations, school gates and province gateways.
    camera: { behaviour: 'security-camera', count: 54 },
  },
  submissions: {
    // Per district and month: about 600 criminal cases a year in the province, 80 % solved.
    public_order_monthly: {
      onTime: 0.88,
      late: 0.08,
      wrong: 0.02,
      missing: 0.02,
      typical: {
        criminal_cases: { value: 4.5, spread: 0.6 },
        cases_solved: { value: 3.7, spread: 0.6 },
        drug_cases: { value: 3, spread: 0.7 },
        fires: { value: 0.8, spread: 1 },
        explosions: { value: 0.02, spread: 3 },
        gatherings: { value: 0.3, spread: 1.5 },
        fire_damage_mvnd: { value: 150, spread: 1.5 },
      },
    },
  },
};
