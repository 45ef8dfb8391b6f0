import { reportTemplate } from '../../kpi/kpi-info';
import { defineWidget } from '../widget-types';

export type ReportStatusOptions = {
  /** Report template id, `{sector}.{key}`. */
  report: string;
};

export const reportStatusWidget = defineWidget<ReportStatusOptions>({
  manifest: {
    id: 'report-status',
    name: { vi: 'Tình hình báo cáo', en: 'Reporting status' },
    defaults: { report: '' },
    version: 1,
    title: (options, context) => reportTemplate(options.report, context)?.name ?? null,
  },
  load: () => import('./ReportStatus'),
});
