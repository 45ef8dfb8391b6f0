import type { SectorManifest } from '@ioc/sdk';

export const manifest: SectorManifest = {
  id: 'finance',
  name: { vi: 'Tài chính', en: 'Finance' },
  sourceKinds: {},
};
export default manifest;
