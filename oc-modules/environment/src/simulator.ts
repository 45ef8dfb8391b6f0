import type { SimulatorProfile } from '@ioc/sdk';

export const simulator: SimulatorProfile = {
  sources: {
    // Air stations in every district; aqi_good_pct is 100 while the computed VN_AQI is ≤ 50, else 0.
    'air-station': { behaviour: 'air-station', count: 15 },
    // River and reservoir gauges (Bé, Sài Gòn, Đồng Nai rivers; Thác Mơ, Cần Đơn, Srok Phu Miêng, Phước Hòa, Suối Lam reservoirs);
    // rain_today_mm accumulates rain_mm since local midnight.
    'water-level': { behaviour: 'water-level', count: 13 },
  },
  submissions: {
    // Bình Phước generates roughly 650 t of household waste a day (≈ 1,800 t per district and month).
    waste_monthly: {
      onTime: 0.8,
      late: 0.13,
      wrong: 0.03,
      missing: 0.04,
      typical: {
        generated_t: { value: 1800, spread: 0.5 },
        collected_t: { value: 1690, spread: 0.5 },
        treated_landfill_t: { value: 1100, spread: 0.5 },
        treated_other_t: { value: 590, spread: 0.6 },
        illegal_dumps: { value: 3, spread: 0.8 },
      },
    },
  },
};
