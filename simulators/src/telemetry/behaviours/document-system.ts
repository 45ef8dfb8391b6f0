import type { DocumentSystemProfile } from '../../model/source-profile.js';
import { noise1 } from '../../random/value-noise.js';
import { isWorkingDay, localDay } from '../calendar.js';
import { OFFICE_AFTERNOON, OFFICE_MORNING } from '../daily-rhythms.js';
import { cumulativeShare } from '../hourly-curve.js';
import type { MetricContext, Metrics } from './metric-context.js';

/**
 * Documents arrive mostly in the morning (a trickle of electronic ones at weekends) and are
 * signed and issued mostly in the afternoon; nearly all outgoing ones carry a digital signature.
 */
export function documentSystemMetrics(p: DocumentSystemProfile & { noiseSeed: number }, ctx: MetricContext): Metrics {
  const { hour, dayIndex } = ctx.local;
  const working = isWorkingDay(localDay(dayIndex));
  const out = p.documentsOutPerWorkingDay * (working ? 1 : 0.02) * (1 + 0.15 * noise1(p.noiseSeed, dayIndex + 0.5));
  const incoming = p.documentsOutPerWorkingDay * p.documentsInPerOut * (working ? 1 : 0.04) * (1 + 0.1 * noise1(p.noiseSeed + 1, dayIndex + 0.5));
  const signedShare = Math.min(1, Math.max(0, p.digitalSignatureShare + 0.02 * noise1(p.noiseSeed + 2, dayIndex + 0.5)));
  const issued = Math.floor(out * cumulativeShare(OFFICE_AFTERNOON, hour));
  return {
    documents_in_today: Math.floor(incoming * cumulativeShare(OFFICE_MORNING, hour)),
    documents_out_today: issued,
    documents_signed_digitally_today: Math.floor(issued * signedShare),
  };
}
