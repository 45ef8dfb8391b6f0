import type { ReportField, ReportTemplate } from '@ioc/sdk';

const BN_VND = { vi: 'tỷ đồng', en: 'bn VND' };
const money = (vi: string, en: string, max: number, required = true): ReportField => ({ name: { vi, en }, unit: BN_VND, type: 'number', min: 0, max, required });

export const reports: Record<string, ReportTemplate> = {
  budget_monthly: {
    name: { vi: 'Báo cáo thu, chi ngân sách tháng', en: 'Monthly budget revenue and expenditure' },
    description: {
      vi: 'Phòng Tài chính – Kế hoạch cấp huyện báo cáo số thu, chi trên địa bàn; thuế xuất nhập khẩu do Hải quan thu tại các cửa khẩu trên địa bàn.',
      en: 'District finance offices report revenue and spending in the district; import/export duties are those collected by customs at the district’s border gates.',
    },
    period: 'month',
    level: 'district',
    dueDays: 10,
    department: { vi: 'Sở Tài chính', en: 'Department of Finance' },
    fields: {
      revenue_total_bn: money('Tổng thu ngân sách nhà nước trên địa bàn', 'State budget revenue', 10000),
      revenue_domestic_bn: money('Thu nội địa', 'Domestic revenue', 10000),
      revenue_land_bn: money('Thu tiền sử dụng đất', 'Land-use fees', 5000),
      import_export_tax_bn: money('Thu thuế xuất khẩu, nhập khẩu', 'Import and export duties', 1000),
      expenditure_total_bn: money('Tổng chi ngân sách địa phương', 'Local budget expenditure', 10000),
      expenditure_investment_bn: money('Chi đầu tư phát triển', 'Development investment spending', 5000),
      expenditure_recurrent_bn: money('Chi thường xuyên', 'Recurrent spending', 5000),
    },
  },
  public_investment_monthly: {
    name: { vi: 'Báo cáo giải ngân vốn đầu tư công', en: 'Public investment disbursement' },
    period: 'month',
    level: 'district',
    dueDays: 5,
    department: { vi: 'Sở Tài chính', en: 'Department of Finance' },
    fields: {
      plan_capital_bn: money('Kế hoạch vốn năm được giao (lũy kế điều chỉnh)', 'Capital plan of the year (as adjusted)', 10000),
      disbursed_bn: money('Giải ngân trong tháng', 'Disbursed this month', 5000),
      projects_disbursing: { name: { vi: 'Dự án có giải ngân trong tháng', en: 'Projects disbursing this month' }, unit: { vi: 'dự án', en: 'projects' }, type: 'integer', min: 0, max: 2000, required: true },
      projects_slow: { name: { vi: 'Dự án giải ngân dưới 30 % kế hoạch', en: 'Projects below 30 % of plan' }, unit: { vi: 'dự án', en: 'projects' }, type: 'integer', min: 0, max: 2000 },
    },
  },
  public_debt_quarterly: {
    name: { vi: 'Báo cáo vay, trả nợ của chính quyền địa phương', en: 'Local government borrowing and repayment' },
    period: 'quarter',
    level: 'province',
    dueDays: 20,
    department: { vi: 'Sở Tài chính', en: 'Department of Finance' },
    fields: {
      borrowing_bn: money('Vay trong quý', 'Borrowed this quarter', 5000),
      repayment_bn: money('Trả nợ gốc trong quý', 'Principal repaid this quarter', 5000),
      interest_bn: money('Trả lãi, phí trong quý', 'Interest and fees this quarter', 1000, false),
      debt_outstanding_bn: money('Dư nợ cuối quý', 'Debt outstanding at quarter end', 20000),
    },
  },
};
