import { useEffect, useMemo, useRef } from 'react';
import { formatNumber } from '../../format/format';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n';
import { formatPercent } from '../../kpi/kpi-format';
import { regionLabel } from '../../regions/region-label';
import type { WidgetProps } from '../widget-types';
import { fetchApi } from '../widget-kit/fetch-json';
import { useTopicChanges } from '../../live/shared-live';
import { usePolled } from '../widget-kit/use-polled';
import { useScopeRegions } from '../widget-kit/use-scope-regions';
import '../widget-kit/widgets.css';
import type { FeedbackSlaOptions } from './index';
import { dayLabel, localDay, SLA_SEGMENTS, slaRows, type FeedbackStatsAnswer, type SlaSegment } from './sla-rows';

const REFRESH_MS = 60_000;
const ROW_PX = 30;
const FIXED_PX = 64;
export const SLA_COLORS: Record<SlaSegment, string> = { inTime: '#2dd4bf', lateDone: '#38bdf8', overdueOpen: '#ef4444', open: '#64748b' };
const SLA_LABELS: Record<SlaSegment, MessageKey> = { inTime: 'sla.inTime', lateDone: 'sla.lateDone', overdueOpen: 'sla.overdueOpen', open: 'sla.open' };

/**
 * Citizens' field reports against their deadlines: for each ward, day or department, how many
 * were done in time, done late, are open past the deadline or still within it. Reloads when the
 * `feedback` topic moves (a report came in or changed state) and every minute.
 */
export default function FeedbackSla({ options, height, scope, live, onReady }: WidgetProps<FeedbackSlaOptions>) {
  const { t, locale, lang } = useI18n();
  const days = Math.max(1, Math.min(90, Math.round(options.days)));
  const to = localDay(Date.now());
  const from = localDay(Date.now(), days - 1);
  const tree = useScopeRegions(scope);
  const changes = useTopicChanges('feedback', 2_000, live);
  const stats = usePolled(`${options.groupBy}|${from}|${to}`, (signal) => fetchApi<FeedbackStatsAnswer>(`/feedback/stats?by=${options.groupBy}&from=${from}&to=${to}`, signal), REFRESH_MS, changes);

  const rows = useMemo(() => {
    if (!stats.data) return null;
    const nameOf = (row: { key: string; name?: string }) => {
      if (options.groupBy === 'day') return dayLabel(row.key);
      if (options.groupBy === 'ward') {
        const node = tree?.get(row.key);
        return regionLabel(node ? node.name[lang] : (row.name ?? row.key)) || '—';
      }
      return row.name ?? row.key;
    };
    return slaRows(stats.data, options.groupBy, nameOf, { from, to });
  }, [stats.data, options.groupBy, tree, lang, from, to]);

  const reported = useRef(false);
  useEffect(() => {
    if (stats.settled && !reported.current) {
      reported.current = true;
      onReady();
    }
  }, [stats.settled, onReady]);

  if (stats.error && !stats.data) return <div className="tile-message tile-message--error">{t('data.error', { message: stats.error })}</div>;
  if (!rows || !stats.data) return null;
  const total = stats.data.total;
  const format = (n: number) => formatNumber(n, locale, 0);
  const fitting = Math.max(1, Math.floor((height - FIXED_PX) / ROW_PX));
  // Days: the latest ones; wards and departments: the most overdue.
  const shown = options.groupBy === 'day' ? rows.slice(-fitting) : rows.slice(0, rows.length > fitting ? fitting - 1 : fitting);
  const hidden = rows.length - shown.length;
  const scaleMax = Math.max(1, ...shown.map((r) => r.received));
  const inTimePct = total.processed > 0 ? formatPercent((100 * total.inTime) / total.processed, locale) : '—';
  const nameWidth = options.groupBy === 'day' ? 64 : options.groupBy === 'department' ? 190 : 150;
  return (
    <div className="feedback-sla" data-testid="feedback-sla" data-group-by={options.groupBy}>
      <div className="feedback-sla__summary">
        <span>
          {t('sla.summary', { processed: format(total.processed), received: format(total.received), inTimePct, overdue: format(total.overdue) })}
        </span>
        <span className="muted">
          {t(`sla.groupBy.${options.groupBy}`)} · {t('sla.range', { days })}
        </span>
      </div>
      <div className="feedback-sla__legend">
        {SLA_SEGMENTS.map((s) => (
          <span key={s} className="feedback-sla__legend-item">
            <span className="state-dot" style={{ background: SLA_COLORS[s] }} />
            {t(SLA_LABELS[s])}
          </span>
        ))}
      </div>
      {total.received === 0 && options.groupBy !== 'day' ? (
        <div className="tile-message">{t('sla.empty', { days })}</div>
      ) : (
        <ol className="feedback-sla__rows">
          {shown.map((row) => (
            <li key={row.key} className="feedback-sla__row" data-testid="sla-row" data-key={row.key} title={SLA_SEGMENTS.map((s) => `${t(SLA_LABELS[s])}: ${row[s]}`).join(' · ')}>
              <span className="feedback-sla__name" style={{ width: nameWidth }}>
                {row.name}
              </span>
              <span className="feedback-sla__bar">
                {SLA_SEGMENTS.map((s) =>
                  row[s] > 0 ? <span key={s} className="feedback-sla__segment" data-segment={s} style={{ width: `${(100 * row[s]) / scaleMax}%`, background: SLA_COLORS[s] }} /> : null,
                )}
              </span>
              <span className="feedback-sla__count num">
                {format(row.processed)}/{format(row.received)}
              </span>
              <span className={`feedback-sla__overdue num${row.overdue > 0 ? ' is-alert' : ' muted'}`}>{row.overdue > 0 ? `⚠ ${format(row.overdue)}` : '0'}</span>
            </li>
          ))}
        </ol>
      )}
      {hidden > 0 && options.groupBy !== 'day' && <div className="feedback-sla__more muted">{t('sla.more', { count: hidden })}</div>}
    </div>
  );
}
