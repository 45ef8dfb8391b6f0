import type { SimulatorProfile } from '@ioc/sdk';

export const simulator: SimulatorProfile = {
  sources: {
    // The provincial general and traditional-medicine hospitals, 11 district health centres and two rubber-company hospitals.
    hospital: {
      behaviour: 'hospital',
      count: 15,
      params: {
        // Poisoning and deaths grow through the day like emergency_today and restart at midnight.
        poisoningPerDayPer100Beds: 0.3,
        deathsPerDayPer100Beds: 0.12,
        // Now and then a food-poisoning cluster (a wedding, a school canteen) adds 10–40 patients in a few hours.
        poisoningClustersPerYear: 3,
      },
    },
  },
  submissions: {
    // About 11 births a month per commune (≈ 14,500 a year in the province).
    epi_monthly: {
      onTime: 0.82,
      late: 0.12,
      wrong: 0.03,
      missing: 0.03,
      typical: {
        target_children: { value: 11, spread: 0.35 },
        fully_immunised: { value: 10.6, spread: 0.35 },
        hepb_birth_24h: { value: 9.8, spread: 0.35 },
        penta3: { value: 10.7, spread: 0.35 },
        opv3: { value: 10.7, spread: 0.35 },
        measles_dose1: { value: 10.5, spread: 0.35 },
        mr_dose: { value: 10.2, spread: 0.35 },
        dpt4: { value: 9.9, spread: 0.35 },
        aefi_serious: { value: 0.02, spread: 3 },
      },
    },
    // Dengue peaks in the rainy season (June–October); the typical values are a yearly mean per commune and week.
    communicable_weekly: {
      onTime: 0.85,
      late: 0.1,
      wrong: 0.02,
      missing: 0.03,
      typical: {
        dengue_cases: { value: 0.3, spread: 1.5 },
        hfmd_cases: { value: 0.2, spread: 1.5 },
        measles_cases: { value: 0.005, spread: 3 },
        chickenpox_cases: { value: 0.15, spread: 1.5 },
        diarrhoea_cases: { value: 2.5, spread: 0.8 },
        other_cases: { value: 0.4, spread: 1.5 },
        deaths: { value: 0.002, spread: 3 },
      },
    },
  },
};
