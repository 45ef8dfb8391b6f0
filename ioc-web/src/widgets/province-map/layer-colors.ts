import type { FeedbackState, UnitType } from '@ioc/sdk';
import type { Rgba } from '../../colors/color';
import { SOURCE_STATE_COLORS } from '../../colors/source-state';

export { SEVERITY_COLORS, SEVERITY_ORDER, UNIT_STATUS_COLORS, UNIT_STATUS_ORDER } from '../../colors/severity';

/** One letter drawn on a unit's marker. */
export const UNIT_TYPE_GLYPH: Record<UnitType, string> = { police: 'P', fire: 'F', medical: 'Y', rescue: 'C', environment: 'M' };

export const FEEDBACK_STATE_COLORS: Record<FeedbackState, Rgba> = {
  received: [251, 146, 60, 255],
  processing: [96, 165, 250, 255],
  done: [74, 222, 128, 255],
};

export const CAMERA_COLOR: Rgba = [192, 132, 252, 255];
export const SYNTHETIC_COLOR: Rgba = [167, 139, 250, 255];

/** The colour of one point (or of a cluster by its worst member) of a clustered layer. */
export function categoryColor(layer: 'cameras' | 'feedback' | 'synthetic', category: string): Rgba {
  if (layer === 'feedback') return FEEDBACK_STATE_COLORS[category as FeedbackState] ?? FEEDBACK_STATE_COLORS.received;
  if (layer === 'cameras') return category === 'offline' ? SOURCE_STATE_COLORS.offline : category === 'stale' ? SOURCE_STATE_COLORS.stale : CAMERA_COLOR;
  return SYNTHETIC_COLOR;
}

/** Which category of a cluster decides its colour: the one needing attention most. */
const ATTENTION: Record<'cameras' | 'feedback' | 'synthetic', readonly string[]> = {
  cameras: ['offline', 'stale'],
  feedback: ['received', 'processing'],
  synthetic: [],
};

export function clusterColor(layer: 'cameras' | 'feedback' | 'synthetic', counts: Record<string, number>): Rgba {
  const worst = ATTENTION[layer].find((c) => (counts[c] ?? 0) > 0);
  return categoryColor(layer, worst ?? Object.keys(counts)[0] ?? '');
}
