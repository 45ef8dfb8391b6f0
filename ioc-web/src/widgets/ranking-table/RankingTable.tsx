import type { KpiBreakdownResponse, KpiPeriod } from '@ioc/sdk';
import { useEffect, useMemo, useRef } from 'react';
import { restClient } from '../../api/rest-client';
import { useI18n } from '../../i18n/i18n-context';
import { formatKpiNumber, formatPercent, KPI_STATE_COLORS } from '../../kpi/kpi-format';
import { reportTemplate } from '../../kpi/kpi-info';
import { periodKeyAt, periodKeyLabel, previousPeriodStart, resolveKpiPeriod } from '../../kpi/kpi-period';
import type { CalendarPeriod } from '@ioc/sdk';
import { kpiValueKey } from '../../live/topic-reducers';
import { breakdownRows } from '../kpi-by-region/breakdown-rows';
import type { WidgetProps } from '../widget-types';
import { usePolled } from '../widget-kit/use-polled';
import { useScopeRegions } from '../widget-kit/use-scope-regions';
import '../widget-kit/widgets.css';
import type { RankingTableOptions } from './index';
import { rankRegions } from './ranking';

const REFRESH_MS = 60_000;
const ROW_PX = 34;
const HEAD_PX = 58;
const ARROWS = { up: '▲', down: '▼', flat: '▶' } as const;

/** Districts (or communes) ranked by a KPI: rank, name, value, attainment of the target, trend against the period before. */
export default function RankingTable({ options, height, data, scope, kpis, onReady }: WidgetProps<RankingTableOptions>) {
  const { t, pick, locale, lang } = useI18n();
  const tree = useScopeRegions(scope);
  const info = kpis.infos.get(options.kpi);
  const period = info ? resolveKpiPeriod(info.periods, scope.period ?? options.period) : null;
  const region = kpis.regionId ?? scope.regionId;
  const levelParam = options.level === 'commune' && (!scope.regionId || tree?.get(scope.regionId)?.level === 'province') ? ('commune' as const) : undefined;
  const key = info && period ? `${options.kpi}|${period}|${region ?? ''}|${levelParam ?? ''}` : null;

  const answers = usePolled(
    key,
    async (signal) => {
      const q = { region, period: period as KpiPeriod, level: levelParam };
      const previousStart = previousPeriodStart(period as KpiPeriod, new Date());
      const [current, previous] = await Promise.all([
        restClient.kpiBreakdown(options.kpi, q, signal),
        previousStart
          ? restClient.kpiBreakdown(options.kpi, { ...q, periodKey: periodKeyAt(period as CalendarPeriod, previousStart) }, signal).catch(() => null)
          : Promise.resolve(null),
      ]);
      return { current, previous };
    },
    REFRESH_MS,
    // The engine recomputed the KPI (the province value's time moved): the areas' values did too.
    period ? kpis.values.get(kpiValueKey(options.kpi, period))?.computedAt : undefined,
  );

  const ranking = useMemo(() => {
    const body = answers.data;
    if (!body || !info) return null;
    const rows = breakdownRows(body.current, tree, (id) => reportTemplate(id, data)?.level, lang);
    const previous = new Map((body.previous?.items ?? []).map((item: KpiBreakdownResponse['items'][number]) => [item.regionId, item.value?.value ?? null]));
    const fitting = Math.max(1, Math.floor((height - HEAD_PX) / ROW_PX));
    return rankRegions(rows, previous, info.direction, options.show, Math.min(options.count, fitting));
  }, [answers.data, info, tree, data.sectors, lang, height, options.show, options.count]);

  const reported = useRef(false);
  const settled = answers.settled || kpis.status === 'error' || (kpis.status === 'ready' && (!info || !period));
  useEffect(() => {
    if (settled && !reported.current) {
      reported.current = true;
      onReady();
    }
  }, [settled, onReady]);

  if (kpis.status === 'error') return <div className="tile-message tile-message--error">{t('data.error', { message: kpis.error ?? '' })}</div>;
  if (kpis.status === 'ready' && !info) return <div className="tile-message">{t('kpi.unknown', { id: options.kpi })}</div>;
  if (answers.error && !answers.data) return <div className="tile-message tile-message--error">{t('data.error', { message: answers.error })}</div>;
  if (!ranking || !info) return null;
  if (ranking.rows.length === 0) return <div className="tile-message">{t('ranking.empty')}</div>;
  const unit = pick(info.unit);
  const periodKey = answers.data?.current.periodKey;
  return (
    <div className="ranking-table" data-testid="ranking-table" data-kpi={options.kpi}>
      <div className="ranking-table__caption muted">
        {periodKey && periodKey !== 'now' ? periodKeyLabel(periodKey, lang) : t('period.realtime')}
        {unit && ` · ${unit}`}
        {' · '}
        {t(options.show === 'bottom' ? 'ranking.bottom' : 'ranking.top')}
        {options.show === 'both' && ` / ${t('ranking.bottom')}`}
      </div>
      <table className="ranking-table__table">
        <thead>
          <tr>
            <th className="num">{t('ranking.rank')}</th>
            <th>{t('ranking.region')}</th>
            <th className="num">{t('ranking.value')}</th>
            <th className="num">{t('ranking.attainment')}</th>
            <th className="ranking-table__trend">{t('ranking.trend')}</th>
          </tr>
        </thead>
        <tbody>
          {ranking.rows.map((row, i) => (
            <tr key={row.regionId} data-testid="ranking-row" data-region-id={row.regionId} data-rank={row.rank} className={ranking.gapAfter === i ? 'ranking-table__row--after-gap' : ''}>
              <td className="num ranking-table__rank">{row.rank}</td>
              <th scope="row" title={row.name}>
                <span className="state-dot" style={{ background: KPI_STATE_COLORS[row.state] }} />
                {row.name}
              </th>
              <td className="num ranking-table__value">{formatKpiNumber(row.value, info.decimals, locale)}</td>
              <td className="num" style={{ color: KPI_STATE_COLORS[row.state] }}>
                {row.attainmentPct === null ? '—' : formatPercent(row.attainmentPct, locale)}
              </td>
              <td className={`ranking-table__trend${row.trend ? ` kpi-trend--${row.trend.tone}` : ' muted'}`} data-arrow={row.trend?.arrow ?? ''}>
                {row.trend ? ARROWS[row.trend.arrow] : '·'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
