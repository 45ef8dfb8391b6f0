import type { SectorManifest } from '@ioc/sdk';

export const manifest: SectorManifest = {
  id: 'citizen',
  name: { vi: 'Phản ánh hiện trường', en: 'Citizen field reports' },
  sourceKinds: {},
};
export default manifest;
