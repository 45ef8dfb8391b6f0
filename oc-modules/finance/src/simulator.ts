import type { SimulatorProfile } from '@ioc/sdk';

export const simulator: SimulatorProfile = {
  sources: {
    // The provincial treasury in Đồng Xoài and one office per other district.
    treasury: {
      behaviour: 'treasury',
      count: 12,
      params: {
        // Yearly totals in billion VND, spread over working days; the provincial office books about half.
        revenueBnPerYear: 12500,
        expenditureBnPerYear: 15000,
        investmentBnPerYear: 5000,
        provincialShare: 0.5,
        // Postings come in during office hours (07:30–17:00, Monday–Friday); the closing days of
        // a quarter and December bring surges (disbursement rush before the year closes).
        quarterEndSurge: 1.5,
        decemberSurge: 2.2,
      },
    },
  },
  submissions: {
    // Per district and month: about 1/11 of a twelfth of the province's year.
    budget_monthly: {
      onTime: 0.8,
      late: 0.12,
      wrong: 0.05,
      missing: 0.03,
      typical: {
        revenue_total_bn: { value: 95, spread: 0.6 },
        revenue_domestic_bn: { value: 85, spread: 0.6 },
        revenue_land_bn: { value: 23, spread: 0.9 },
        import_export_tax_bn: { value: 4.5, spread: 1.2 },
        expenditure_total_bn: { value: 115, spread: 0.5 },
        expenditure_investment_bn: { value: 40, spread: 0.7 },
        expenditure_recurrent_bn: { value: 70, spread: 0.4 },
      },
    },
    public_investment_monthly: {
      onTime: 0.75,
      late: 0.15,
      wrong: 0.05,
      missing: 0.05,
      typical: {
        plan_capital_bn: { value: 450, spread: 0.5 },
        disbursed_bn: { value: 38, spread: 0.8 },
        projects_disbursing: { value: 35, spread: 0.4 },
        projects_slow: { value: 6, spread: 0.7 },
      },
    },
    public_debt_quarterly: {
      onTime: 0.9,
      late: 0.1,
      wrong: 0,
      missing: 0,
      typical: {
        borrowing_bn: { value: 40, spread: 0.6 },
        repayment_bn: { value: 15, spread: 0.5 },
        interest_bn: { value: 2, spread: 0.4 },
        debt_outstanding_bn: { value: 420, spread: 0.1 },
      },
    },
  },
};
