import type { SimulatorProfile } from '@ioc/sdk';

export const simulator: SimulatorProfile = {
  sources: {
    // The provincial public-service centre and one desk per district; about 1,000 dossiers a working day province-wide.
    'one-stop-desk': {
      behaviour: 'one-stop-desk',
      count: 12,
      params: {
        dossiersPerWorkingDay: 1000,
        provincialShare: 0.3,
        resolvedShare: 0.97,
        inTimeShareOfResolved: 0.985,
      },
    },
    // The provincial and district document systems (188 units); about 2,000 documents issued a working day.
    'document-system': {
      behaviour: 'document-system',
      count: 12,
      params: {
        documentsOutPerWorkingDay: 2000,
        documentsInPerOut: 2,
        digitalSignatureShare: 0.92,
      },
    },
  },
  submissions: {
    // Per commune: about 1.04 million people in 111 communes, 3.4 people a household, ≈ 0.9 % poor and 1.5 % near-poor households.
    population_monthly: {
      onTime: 0.84,
      late: 0.1,
      wrong: 0.03,
      missing: 0.03,
      typical: {
        population: { value: 9400, spread: 0.45 },
        households: { value: 2760, spread: 0.45 },
        males: { value: 4720, spread: 0.45 },
        females: { value: 4680, spread: 0.45 },
        temporary_residents: { value: 650, spread: 0.9 },
        poor_households: { value: 25, spread: 0.8 },
        near_poor_households: { value: 41, spread: 0.7 },
        military_age_men: { value: 720, spread: 0.45 },
        births: { value: 11, spread: 0.4 },
        deaths: { value: 5, spread: 0.5 },
      },
    },
  },
};
