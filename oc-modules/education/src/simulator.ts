import type { SimulatorProfile } from '@ioc/sdk';

export const simulator: SimulatorProfile = {
  sources: {
    // A sample of the 438 schools: a primary school in every commune, a lower-secondary school in every other one, an upper-secondary school per district seat and the two specialised schools.
    school: {
      behaviour: 'school',
      count: 182,
      params: {
        // safety-incident events with category one of violence | accident | disaster, only on school days.
        safetyIncidentsPerSchoolYear: 0.4,
        safetyCategories: 'violence,accident,disaster',
      },
    },
  },
  submissions: {
    // Per district office (about a 11th of the province: 40 schools, 780 classes, 1,270 teachers, 23,000 students).
    school_stats_quarterly: {
      onTime: 0.8,
      late: 0.12,
      wrong: 0.04,
      missing: 0.04,
      typical: {
        schools: { value: 40, spread: 0.35 },
        schools_national_standard: { value: 24, spread: 0.4 },
        classes: { value: 780, spread: 0.35 },
        teachers: { value: 1270, spread: 0.35 },
        staff: { value: 420, spread: 0.35 },
        students_preschool: { value: 4100, spread: 0.35 },
        students_primary: { value: 8600, spread: 0.35 },
        students_lower_secondary: { value: 6400, spread: 0.35 },
        students_upper_secondary: { value: 3300, spread: 0.4 },
        dropouts: { value: 12, spread: 0.8 },
      },
    },
    universalisation_yearly: {
      onTime: 0.85,
      late: 0.1,
      wrong: 0.02,
      missing: 0.03,
      typical: {
        assessed: { value: 1 },
        preschool_5y_met: { value: 1 },
        primary_met: { value: 0.95, spread: 0.05 },
        lower_secondary_met: { value: 0.97, spread: 0.03 },
        literacy_met: { value: 0.97, spread: 0.03 },
        literacy_rate_15_60: { value: 98.3, spread: 0.01 },
      },
    },
  },
};
