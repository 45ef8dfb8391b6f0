import type { KpiPeriod } from '@ioc/sdk';
import { useEffect, useState } from 'react';
import { useNow } from '../../app/use-now';
import { formatShortDateTime, formatShortTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n-context';
import {
  comparableValue,
  formatKpiNumber,
  formatPercent,
  isAccumulating,
  isKpiValueStale,
  KPI_STATE_COLORS,
  KPI_STATE_LABELS,
  kpiTrend,
  targetComparator,
} from '../../kpi/kpi-format';
import { currentPeriodKey, periodKeyLabel, resolveKpiPeriod } from '../../kpi/kpi-period';
import { kpiValueKey } from '../../live/topic-reducers';
import type { WidgetProps } from '../widget-types';
import type { KpiTileOptions } from './index';
import { usePreviousValue } from './previous-value';

const ARROWS = { up: '▲', down: '▼', flat: '▶' } as const;

/** One indicator: value against target, state, trend against the previous period, forecast, freshness. */
export default function KpiTile({ options, width, height, scope, kpis, onReady }: WidgetProps<KpiTileOptions>) {
  // The wall gives no KPI state yet: the tile then follows the province's KPIs itself.
  const { t, pick, locale, lang } = useI18n();
  const now = useNow(30_000);
  const info = kpis.infos.get(options.kpi);
  // A period picked on the tile holds until the page's period changes.
  const [picked, setPicked] = useState<KpiPeriod | null>(null);
  useEffect(() => setPicked(null), [scope.period]);
  const period = info ? resolveKpiPeriod(info.periods, picked ?? scope.period ?? options.period) : null;
  const value = period ? kpis.values.get(kpiValueKey(options.kpi, period)) : undefined;
  const previous = usePreviousValue(info, period, kpis.regionId);

  const settled = kpis.status === 'ready' || kpis.status === 'error';
  useEffect(() => {
    if (settled) onReady();
  }, [settled, onReady]);

  if (kpis.status === 'error') return <div className="tile-message tile-message--error">{t('data.error', { message: kpis.error ?? '' })}</div>;
  if (!info) return settled ? <div className="tile-message">{t('kpi.unknown', { id: options.kpi })}</div> : null;

  const state = value?.state ?? 'no-data';
  const color = KPI_STATE_COLORS[state];
  const unit = pick(info.unit);
  const hasValue = value !== undefined && value.value !== null;
  const shown = hasValue ? formatKpiNumber(value.value!, info.decimals, locale) : '—';
  const trend = hasValue ? kpiTrend(comparableValue(value, isAccumulating(info)), previous, info.direction) : null;
  const stale = value !== undefined && isKpiValueStale(value, kpis.heartbeatAt, now);
  // The value is the point of the tile: as large as the tile allows, smaller for long numbers.
  const roomForValue = width - 40 - 78 - (previous !== null ? 56 : 0);
  const valuePx = Math.round(Math.max(20, Math.min(height * 0.38, 50, roomForValue / ((shown.length + unit.length * 0.5) * 0.6))));
  const periods = info.periods;
  const nextPeriod = () => {
    if (!period || periods.length < 2) return;
    setPicked(periods[(periods.indexOf(period) + 1) % periods.length]!);
  };

  const finished = value?.state === 'met' || value?.state === 'missed';
  const forecast =
    hasValue && value.forecast !== null && value.period !== 'realtime' && !finished ? `${t('kpi.forecast')} ${formatKpiNumber(value.forecast, info.decimals, locale)}` : null;
  const hasTarget = value?.target !== null && value?.target !== undefined;
  // Without a target the state says nothing the second line does not: show which period instead.
  const stateSaysMore = hasTarget || (state !== 'no-target' && state !== 'no-data');
  const periodKey = period ? currentPeriodKey(period, new Date(now)) : null;

  return (
    <div className="kpi-tile" style={{ borderLeftColor: color }} data-testid="kpi-tile" data-kpi={info.id} data-state={state} data-period={period ?? ''}>
      <div className="kpi-tile__main">
        <span className="kpi-tile__figure">
          <span className="kpi-tile__value" style={{ fontSize: valuePx }} data-testid="kpi-value">
            {shown}
            {hasValue && unit && <small className="kpi-tile__unit">{unit}</small>}
          </span>
          {trend && (
            <span className={`kpi-tile__trend kpi-trend--${trend.tone}`} title={t('kpi.vsPrevious')} data-testid="kpi-trend-arrow" data-arrow={trend.arrow}>
              {ARROWS[trend.arrow]}
              {trend.changePct !== null && trend.arrow !== 'flat' && <small>{formatPercent(Math.abs(trend.changePct), locale)}</small>}
            </span>
          )}
        </span>
        <span className="kpi-tile__meta">
          {period && (
            <button type="button" className="chip" onClick={nextPeriod} disabled={periods.length < 2} title={periods.length > 1 ? t('kpi.switchPeriod') : undefined} data-testid="kpi-period">
              {t(period === 'realtime' ? 'period.live' : `period.${period}`)}
            </button>
          )}
          {value && (
            <span className="kpi-tile__time" title={t('kpi.computedAt', { time: formatShortDateTime(value.computedAt, locale) })} data-testid="kpi-computed-at">
              {stale && <span className="badge badge--stale">{t('badge.stale')}</span>}
              {formatShortTime(Date.parse(value.computedAt), locale)}
            </span>
          )}
        </span>
      </div>
      <div className="kpi-tile__line" data-testid="kpi-target">
        {hasTarget ? (
          <>
            <span className="muted">{t('kpi.target')} </span>
            {targetComparator(info.direction)}
            {'\u00a0'}
            {formatKpiNumber(value!.target!, info.decimals, locale)}
            {unit && `\u00a0${unit}`}
            {value!.attainmentPct !== null && (
              <span style={{ color }}>
                {' · '}
                {t('kpi.attained', { pct: formatPercent(value!.attainmentPct, locale) })}
              </span>
            )}
          </>
        ) : forecast ? (
          <span>
            {forecast}
            {unit && `\u00a0${unit}`}
          </span>
        ) : (
          <span className="muted">{t(hasValue ? 'kpi.state.noTarget' : 'kpi.noData')}</span>
        )}
      </div>
      <div className="kpi-tile__line kpi-tile__state">
        {stateSaysMore ? (
          <span style={{ color }}>
            <span className="state-dot" style={{ background: color }} />
            {t(KPI_STATE_LABELS[state])}
            {hasTarget && forecast && <span className="kpi-tile__forecast"> · {forecast}</span>}
          </span>
        ) : (
          <span className="muted">{periodKey ? periodKeyLabel(periodKey, lang) : t('period.realtime')}</span>
        )}
      </div>
    </div>
  );
}
