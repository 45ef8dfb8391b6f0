import type { SourceState } from '@ioc/sdk';
import type { MessageKey } from '../i18n';
import type { Rgba } from './color';

/** Colour-blind-safe enough on a dark wall: teal / amber / red / grey differ in lightness too. */
export const SOURCE_STATE_COLORS: Record<SourceState, Rgba> = {
  online: [45, 212, 191, 255],
  stale: [251, 191, 36, 255],
  offline: [239, 68, 68, 255],
  unknown: [148, 163, 184, 255],
};

export const SOURCE_STATE_LABELS: Record<SourceState, MessageKey> = {
  online: 'state.online',
  stale: 'state.stale',
  offline: 'state.offline',
  unknown: 'state.unknown',
};

/** Display order: what needs attention reads last, next to the total. */
export const SOURCE_STATES: readonly SourceState[] = ['online', 'stale', 'offline', 'unknown'];
