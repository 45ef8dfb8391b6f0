import type { Position } from '../geo/polygon.js';
import type { RoadId } from './source-profile.js';

export interface Road {
  id: RoadId;
  /** Vietnamese name as signed. */
  name: string;
  /** Approximate course through the province, south/west end first. */
  path: Position[];
}

/**
 * Approximate courses of the three trunk roads named in the camera plan (004:l710-733):
 * QL13 Bình Dương border – Chơn Thành – Tân Khai – An Lộc – Lộc Ninh – Hoa Lư border gate;
 * QL14 Chơn Thành – Đồng Xoài – Đồng Phú – Bù Đăng – Đắk Nông border;
 * ĐT741 Bình Dương border – Đồng Phú – Đồng Xoài – Phú Riềng – Phước Long – Bù Gia Mập.
 */
export const ROADS: Record<RoadId, Road> = {
  QL13: {
    id: 'QL13',
    name: 'Quốc lộ 13',
    path: [[106.62, 11.31], [106.635, 11.43], [106.615, 11.54], [106.6, 11.65], [106.59, 11.75], [106.58, 11.85], [106.565, 11.94], [106.56, 11.98]],
  },
  QL14: {
    id: 'QL14',
    name: 'Quốc lộ 14',
    path: [[106.635, 11.43], [106.78, 11.5], [106.9, 11.54], [107.02, 11.6], [107.12, 11.67], [107.23, 11.77], [107.33, 11.82], [107.42, 11.85]],
  },
  DT741: {
    id: 'DT741',
    name: 'Đường tỉnh 741',
    path: [[106.85, 11.33], [106.875, 11.45], [106.9, 11.54], [106.93, 11.63], [106.935, 11.7], [106.97, 11.78], [106.99, 11.84], [107.03, 11.95], [107.1, 12.04]],
  },
};

/** The point a fraction (0–1) of the way along a road, by length. */
export function pointAlong(road: Road, fraction: number): Position {
  const lengths = road.path.slice(1).map((p, k) => Math.hypot(p[0] - (road.path[k])[0], p[1] - (road.path[k])[1]));
  let remaining = Math.min(Math.max(fraction, 0), 1) * lengths.reduce((a, b) => a + b, 0);
  for (let k = 0; k < lengths.length; k++) {
    const length = lengths[k];
    const [a, b] = [road.path[k], road.path[k + 1]];
    if (remaining <= length || k === lengths.length - 1) {
      const t = length === 0 ? 0 : Math.min(remaining / length, 1);
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    }
    remaining -= length;
  }
  return road.path[road.path.length - 1];
}
