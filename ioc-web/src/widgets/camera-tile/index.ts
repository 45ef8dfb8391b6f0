import { defineWidget } from '../widget-types';

export type CameraTileOptions = {
  /** Camera source id (`cam-dx-001`). */
  camera: string;
  /** Several cameras to cycle through instead (overrides `camera` when not empty). */
  cameras: string[];
  /** Seconds each camera of `cameras` stays on screen. */
  cycleS: number;
  /** Seconds between snapshots when the stream cannot be played. */
  snapshotRefreshS: number;
};

export const cameraTileWidget = defineWidget<CameraTileOptions>({
  manifest: {
    id: 'camera-tile',
    name: { vi: 'Hình ảnh camera', en: 'Camera picture' },
    defaults: { camera: '', cameras: [], cycleS: 20, snapshotRefreshS: 5 },
    version: 1,
    title: (options, context) => {
      void context;
      return options.cameras.length > 1 ? { vi: 'Camera luân phiên', en: 'Camera tour' } : null;
    },
  },
  load: () => import('./CameraTile'),
});
