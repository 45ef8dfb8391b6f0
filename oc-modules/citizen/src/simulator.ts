import type { SimulatorProfile } from '@ioc/sdk';

export const simulator: SimulatorProfile = {
  sources: {
    // One inbox per commune; about 100 reports a day province-wide, mostly in office hours.
    'feedback-inbox': {
      behaviour: 'feedback-inbox',
      count: 111,
      params: {
        reportsPerDayPer10kPeople: 1,
        // Channel shares: 1022 hotline, other hotlines, national/provincial portal, citizen app, Zalo.
        channels: '1022:0.35,hotline:0.1,portal:0.2,app:0.3,zalo:0.05',
        categories: 'security,environment,urban-order,traffic,public-service,other',
        departments: 'commune,police,natural-resources,construction,transport,health',
        // Handling deadline and its outcome, as in the District 7 panel (most closed, a stubborn overdue tail).
        deadlineDays: 7,
        closedShare: 0.83,
        inTimeShareOfClosed: 0.9,
      },
    },
  },
  submissions: {
    feedback_satisfaction_monthly: {
      onTime: 0.8,
      late: 0.1,
      wrong: 0.04,
      missing: 0.06,
      typical: {
        responses: { value: 18, spread: 0.6 },
        satisfied: { value: 15.5, spread: 0.6 },
        dissatisfied: { value: 2.5, spread: 0.8 },
        reopened: { value: 0.6, spread: 1.2 },
      },
    },
  },
};
