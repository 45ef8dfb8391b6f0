import type { LocalizedText } from '@ioc/sdk';
import { defineWidget } from '../widget-types';

export type HeaderClockOptions = {
  /** The province (or centre) named above the clock; null: Bình Phước. */
  province: LocalizedText | null;
  /** Seconds on the clock. */
  seconds: boolean;
};

export const headerClockWidget = defineWidget<HeaderClockOptions>({
  manifest: {
    id: 'header-clock',
    name: { vi: 'Đồng hồ và ngày', en: 'Clock and date' },
    defaults: { province: null, seconds: true },
    version: 1,
  },
  load: () => import('./HeaderClock'),
});
