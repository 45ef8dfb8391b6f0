import type { SimulatorProfile } from '@ioc/sdk';

export const simulator: SimulatorProfile = {
  sources: {
    // The provincial one-stop investment desk (Đồng Xoài), the industrial-zone authority (Chơn Thành) and one desk per other district.
    'registration-office': {
      behaviour: 'registration-office',
      count: 12,
      params: {
        enterprisesPerYear: 1500,
        projectsPerYear: 140,
        fdiProjectsPerYear: 40,
        // Mean FDI capital per licensed project (new or expanded), million USD; lognormal, a few above 100.
        fdiMusdPerProject: 15,
        // Industrial zones (Chơn Thành, Đồng Phú, Đồng Xoài) take most FDI.
        industrialZoneShare: 0.7,
      },
    },
  },
  submissions: {
    // Deliberately untidy: FDI/ODA figures come late or wrong (USD entered as VND, cumulative instead of monthly).
    investment_monthly: {
      onTime: 0.65,
      late: 0.17,
      wrong: 0.12,
      missing: 0.06,
      typical: {
        fdi_implemented_musd: { value: 2.7, spread: 1.2 },
        oda_disbursed_bn: { value: 1.9, spread: 1.5 },
        domestic_implemented_bn: { value: 180, spread: 0.8 },
        projects_active: { value: 85, spread: 0.6 },
        projects_new: { value: 1.1, spread: 1 },
        projects_completed: { value: 0.8, spread: 1 },
        projects_behind_schedule: { value: 8, spread: 0.7 },
      },
    },
  },
};
