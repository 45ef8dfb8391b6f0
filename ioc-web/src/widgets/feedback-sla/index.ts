import { defineWidget } from '../widget-types';
import type { SlaGroupBy } from './sla-rows';

export type FeedbackSlaOptions = {
  /** One bar per ward, per day or per department handling the reports. */
  groupBy: SlaGroupBy;
  /** Reports received over the last `days` Vietnamese calendar days. */
  days: number;
};

export const feedbackSlaWidget = defineWidget<FeedbackSlaOptions>({
  manifest: {
    id: 'feedback-sla',
    name: { vi: 'Xử lý phản ánh hiện trường', en: 'Field-report handling' },
    defaults: { groupBy: 'ward', days: 14 },
    version: 1,
  },
  load: () => import('./FeedbackSla'),
});
