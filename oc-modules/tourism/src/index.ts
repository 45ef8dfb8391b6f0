import type { SectorManifest } from '@ioc/sdk';

export const manifest: SectorManifest = {
  id: 'tourism',
  name: { vi: 'Du lịch', en: 'Tourism' },
  sourceKinds: {},
};
export default manifest;
