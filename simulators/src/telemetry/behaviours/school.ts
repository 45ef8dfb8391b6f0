import { noise1 } from '../../random/value-noise.js';
import type { SchoolProfile } from '../../model/source-profile.js';
import { inClassSession, isSchoolDay } from '../school-calendar.js';
import { rainMm } from '../weather.js';
import type { MetricContext, Metrics } from './metric-context.js';

/**
 * Smart student cards report who is in school: attendance exists only during class sessions on
 * school days; outside them a school reports its enrolment alone.
 */
export function schoolMetrics(p: SchoolProfile & { noiseSeed: number }, ctx: MetricContext): Metrics {
  const { local } = ctx;
  if (!isSchoolDay(local) || !inClassSession(local)) return { students_enrolled: p.enrolled };
  const rainyMorning = rainMm(ctx.atMs, ctx.lon, ctx.lat) > 10 ? 0.015 : 0;
  const attendance = Math.min(1, Math.max(0.5, p.baseAttendance - 0.02 * (noise1(p.noiseSeed, local.dayIndex) + 1) / 2 - rainyMorning));
  const present = Math.round(p.enrolled * attendance);
  return { students_enrolled: p.enrolled, students_present: present, attendance_pct: (100 * present) / p.enrolled };
}
