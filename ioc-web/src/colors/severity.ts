import type { Severity, UnitStatus } from '@ioc/sdk';
import type { Rgba } from './color';

/**
 * One palette for incidents, alerts and units everywhere — wall map, incident console, lists,
 * tablet — so an operator reads the same colour the same way on every screen.
 */
export const SEVERITY_COLORS: Record<Severity, Rgba> = {
  critical: [239, 68, 68, 255],
  major: [249, 115, 22, 255],
  minor: [250, 204, 21, 255],
  warning: [253, 224, 71, 255],
  info: [96, 165, 250, 255],
};
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'major', 'minor', 'warning', 'info'];

export const UNIT_STATUS_COLORS: Record<UnitStatus, Rgba> = {
  available: [74, 222, 128, 255],
  en_route: [56, 189, 248, 255],
  on_scene: [232, 121, 249, 255],
  returning: [45, 212, 191, 255],
  off_duty: [100, 116, 139, 255],
};
export const UNIT_STATUS_ORDER: readonly UnitStatus[] = ['en_route', 'on_scene', 'returning', 'available', 'off_duty'];
