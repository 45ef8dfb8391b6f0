import type { SectorManifest } from '@ioc/sdk';

export const manifest: SectorManifest = {
  id: 'planning',
  name: { vi: 'Kế hoạch và Đầu tư', en: 'Planning and investment' },
  sourceKinds: {},
};
export default manifest;
