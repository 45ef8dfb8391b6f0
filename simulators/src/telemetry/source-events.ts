import type { ModelledSource } from '../model/sources/modelled-source.js';
import type { Random } from '../random/seeded-random.js';
import { feedbackInboxEvents } from './behaviours/feedback-inbox-events.js';
import { projectsLicensed } from './behaviours/registration-office.js';
import { cameraEvents } from './camera-events.js';
import { localTime } from './local-time.js';
import { inClassSession, isSchoolDay } from './school-calendar.js';

/** An event before it gets its id: a manifest event type, its fields, and when it happened (default: now). */
export interface SourceEventDraft {
  type: string;
  fields: Record<string, unknown>;
  atMs?: number;
}

/** School days a year and class hours a school day, to turn a yearly incident rate into an hourly one. */
const SCHOOL_DAYS_PER_YEAR = 170;
const CLASS_HOURS_PER_DAY = 7.25;

const dayIndexOf = (ms: number): number => localTime(ms).dayIndex;

/**
 * Events a source raises during the `elapsedS` seconds up to `atMs`:
 * - cameras: analytics (violations, crowds, intrusion, flooding, fire) — rare, scaled by `rateScale`;
 * - schools: safety incidents during class hours on school days — rare, scaled by `rateScale`;
 * - registration desks: each project licensed in the window (the same projects the counters count);
 * - field-report inboxes: each report received, closed or gone overdue in the window (likewise).
 * Events that mirror counters are not scaled, so counts and counters stay in step.
 */
export function sourceEvents(source: ModelledSource, atMs: number, elapsedS: number, random: Random, rateScale = 1): SourceEventDraft[] {
  const p = source.profile;
  switch (p.behaviour) {
    case 'traffic-camera':
    case 'security-camera':
      return cameraEvents(source, atMs, elapsedS, random, rateScale);
    case 'school': {
      const local = localTime(atMs);
      if (!isSchoolDay(local) || !inClassSession(local) || p.incidentCategories.length === 0) return [];
      const expected = (p.incidentsPerYear / (SCHOOL_DAYS_PER_YEAR * CLASS_HOURS_PER_DAY)) * (elapsedS / 3600) * rateScale;
      if (!(expected > 0) || random.next() >= 1 - Math.exp(-expected)) return [];
      return [{ type: 'safety-incident', fields: { category: random.pick(p.incidentCategories), students: random.int(1, 6) } }];
    }
    case 'registration-office':
      return projectsLicensed(p, atMs - elapsedS * 1000, atMs, dayIndexOf).map((proj) => ({
        type: 'project-registered',
        atMs: proj.atMs,
        fields: { foreign: proj.foreign, capitalMusd: proj.capitalMusd, ...(proj.country ? { investorCountry: proj.country } : {}) },
      }));
    case 'feedback-inbox':
      return feedbackInboxEvents(p, atMs - elapsedS * 1000, atMs, dayIndexOf);
    default:
      return [];
  }
}
