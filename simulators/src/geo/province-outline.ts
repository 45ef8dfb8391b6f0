import type { Position } from './polygon.js';

/**
 * Hand-drawn outline of Bình Phước (counter-clockwise, from the south-west tip on the Sài Gòn
 * river): Bình Dương and Đồng Nai to the south, Lâm Đồng and Đắk Nông to the east, Cambodia to
 * the north and north-west, Tây Ninh to the west. Roughly lon 106.42–107.47, lat 11.29–12.28.
 * The generator wiggles it with noise so the border does not look ruler-drawn.
 */
export const PROVINCE_OUTLINE: Position[] = [
  [106.58, 11.3], [106.66, 11.29], [106.76, 11.32], [106.86, 11.32], [106.97, 11.31], [107.06, 11.36],
  [107.14, 11.47], [107.25, 11.53], [107.36, 11.55], [107.43, 11.64], [107.47, 11.75], [107.43, 11.86],
  [107.31, 11.92], [107.27, 12.03], [107.24, 12.14], [107.16, 12.22], [107.07, 12.28], [107.0, 12.22],
  [106.93, 12.1], [106.84, 12.05], [106.74, 12.02], [106.64, 12.0], [106.55, 11.99], [106.49, 11.93],
  [106.44, 11.85], [106.42, 11.76], [106.44, 11.66], [106.47, 11.56], [106.5, 11.46], [106.54, 11.37],
];
