import type { UnitType } from '@ioc/sdk';
import { defineWidget } from '../widget-types';

export type UnitListOptions = {
  /** Only units of this type; null = every type. */
  unitType: UnitType | null;
};

export const unitListWidget = defineWidget<UnitListOptions>({
  manifest: {
    id: 'unit-list',
    name: { vi: 'Lực lượng ứng phó', en: 'Response units' },
    defaults: { unitType: null },
    version: 1,
  },
  load: () => import('./UnitList'),
});
