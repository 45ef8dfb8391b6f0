import type { SectorManifest } from '@ioc/sdk';

export const manifest: SectorManifest = {
  id: 'administration',
  name: { vi: 'Hành chính xã/phường', en: 'Commune administration' },
  sourceKinds: {},
};
export default manifest;
