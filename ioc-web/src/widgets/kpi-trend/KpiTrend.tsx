import type { KpiInfo, KpiSeriesPoint } from '@ioc/sdk';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef, useState } from 'react';
import { restClient } from '../../api/rest-client';
import { formatShortTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n-context';
import { formatKpiNumber, KPI_STATE_COLORS, KPI_STATE_LABELS, targetComparator } from '../../kpi/kpi-format';
import { periodKeyAt, periodKeyLabel } from '../../kpi/kpi-period';
import { kpiValueKey } from '../../live/topic-reducers';
import type { WidgetProps } from '../widget-types';
import type { KpiTrendOptions } from './index';
import { intervalFractionDigits, tickCount, valueRange } from '../../charts/axis-range';
import { trendSpec, withLiveValue, type TrendPoint, type TrendSpec } from './trend-points';

use([LineChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);
type TrendChartOption = ComposeOption<LineSeriesOption | GridComponentOption | MarkLineComponentOption | TooltipComponentOption>;

const TARGET_COLOR = '#fbbf24';
const REFRESH_MS = 300_000;

/** A KPI's stored values period by period (or minute by minute), with its target as a dashed line. */
export default function KpiTrend({ options, width, height, kpis, onReady }: WidgetProps<KpiTrendOptions>) {
  const { t, pick, locale, lang } = useI18n();
  const chartElement = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const onReadyRef = useRef(onReady);
  onReadyRef.current = onReady;
  const reportedRef = useRef(false);
  const info = kpis.infos.get(options.kpi);
  const [stored, setStored] = useState<{ key: string; points: KpiSeriesPoint[] } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const regionId = kpis.regionId;

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const spec = useMemo(() => (info ? trendSpec(info, options.period, options.count, new Date()) : null), [info?.id, options.period, options.count, tick]);
  const requestKey = spec && regionId ? `${options.kpi}|${regionId}|${spec.kind === 'period' ? spec.period : 'minutes'}|${spec.from.toISOString()}` : '';

  useEffect(() => {
    if (!spec || !regionId) return;
    const abort = new AbortController();
    const query =
      spec.kind === 'period'
        ? { region: regionId, period: spec.period, from: spec.from.toISOString() }
        : { region: regionId, resolution: 'minute' as const, from: spec.from.toISOString() };
    restClient.kpiSeries(options.kpi, query, abort.signal).then(
      (answer) => {
        if (abort.signal.aborted) return;
        setLoadError(null);
        setStored({ key: requestKey, points: answer.points });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setLoadError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => abort.abort();
  }, [requestKey]);

  const live = spec?.kind === 'period' ? kpis.values.get(kpiValueKey(options.kpi, spec.period)) : undefined;
  // Points of an older request (another region) are not drawn while the new ones load.
  const points = useMemo(() => (stored && stored.key === requestKey ? withLiveValue(stored.points, live) : null), [stored, requestKey, live]);

  useEffect(() => {
    const element = chartElement.current;
    if (!element) return;
    const chart = init(element, null, { renderer: 'canvas' });
    chartRef.current = chart;
    // The chart shares the tile with the summary line: follow its own box, not only the tile's.
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.resize();
  }, [width, height]);

  const settledWithoutChart = kpis.status === 'error' || (kpis.status === 'ready' && (!info || !spec)) || loadError !== null;
  useEffect(() => {
    if (settledWithoutChart && !reportedRef.current) {
      reportedRef.current = true;
      onReadyRef.current();
    }
  }, [settledWithoutChart]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || !points || !spec || !info) return;
    if (!reportedRef.current) {
      chart.on('finished', function reportDrawn() {
        chart.off('finished', reportDrawn);
        if (reportedRef.current) return;
        reportedRef.current = true;
        onReadyRef.current();
      });
    }
    // The plot is the tile less the summary line and the x labels.
    const ticks = tickCount(height - 70);
    chart.setOption(chartOption(points, spec, info, options.color, locale, lang, ticks), { notMerge: true });
  }, [points, spec, info, options.color, locale, lang, height]);

  if (kpis.status === 'error') return <div className="tile-message tile-message--error">{t('data.error', { message: kpis.error ?? '' })}</div>;
  if (kpis.status === 'ready' && !info) return <div className="tile-message">{t('kpi.unknown', { id: options.kpi })}</div>;

  const last = points?.filter((p) => p.value !== null).at(-1);
  const current = live ?? undefined;
  const state = current?.state ?? (last ? 'no-target' : 'no-data');
  const color = KPI_STATE_COLORS[state];
  const unit = info ? pick(info.unit) : '';
  const target = current?.target ?? last?.target ?? null;
  const hasData = points !== null && points.some((p) => p.value !== null);
  return (
    <div className="kpi-trend" data-testid="kpi-trend" data-kpi={options.kpi}>
      <div className="kpi-trend__summary">
        {info && spec && (
          <>
            <span className="kpi-trend__caption">
              {t(`period.by.${spec.kind === 'period' ? spec.period : 'realtime'}`)}
              {target !== null && (
                <span className="kpi-trend__target">
                  {' · '}
                  {t('kpi.target')} {targetComparator(info.direction)} {formatKpiNumber(target, info.decimals, locale)}
                </span>
              )}
            </span>
            {last && last.value !== null && (
              <span className="kpi-trend__value">
                {current && <span className="state-dot" style={{ background: color }} title={t(KPI_STATE_LABELS[state])} />}
                {formatKpiNumber(last.value, info.decimals, locale)}
                <small>{unit}</small>
              </span>
            )}
          </>
        )}
      </div>
      <div ref={chartElement} className="kpi-trend__chart" />
      {points !== null && !hasData && <div className="tile-message">{t('kpi.noData')}</div>}
      {loadError && <div className="tile-message tile-message--error">{t('data.error', { message: loadError })}</div>}
    </div>
  );
}

function chartOption(points: TrendPoint[], spec: TrendSpec, info: KpiInfo, color: string, locale: string, lang: 'vi' | 'en', ticks: number): TrendChartOption {
  const axisText = { color: '#94a3b8', fontSize: 14 };
  const format = (v: number) => formatKpiNumber(v, info.decimals, locale);
  const label = (at: number) =>
    spec.kind === 'period' ? periodKeyLabel(periodKeyAt(spec.period, new Date(at).toISOString()), lang, true) : formatShortTime(at, locale);
  // The latest target as a dashed line across the chart: visible even with a single point.
  const target = [...points].reverse().find((p) => p.target !== null)?.target ?? null;
  const values = [...points.flatMap((p) => (p.value === null ? [] : [p.value])), ...(target === null ? [] : [target])];
  const range = valueRange(values, ticks, { integer: !info.decimals && values.every(Number.isInteger) });
  const axisDigits = Math.max(info.decimals ?? 0, intervalFractionDigits(range.interval));
  return {
    animation: false,
    grid: { left: 6, right: 14, top: 12, bottom: 2, containLabel: true },
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v) => (typeof v === 'number' ? format(v) : '—') },
    xAxis: {
      type: 'category',
      data: points.map((p) => label(p.at)),
      boundaryGap: points.length < 3,
      axisLabel: { ...axisText, hideOverlap: true },
      axisLine: { lineStyle: { color: '#334155' } },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      ...range,
      axisLabel: { ...axisText, formatter: (v: number) => formatKpiNumber(v, axisDigits, locale) },
      splitLine: { lineStyle: { color: '#1e293b' } },
    },
    series: [
      {
        type: 'line',
        data: points.map((p) => p.value),
        showSymbol: points.length < 16,
        symbolSize: 9,
        connectNulls: false,
        itemStyle: { color },
        lineStyle: { width: 3, color },
        areaStyle: { color, opacity: 0.1 },
        markLine:
          target === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed', width: 2, color: TARGET_COLOR },
                label: { show: false },
                data: [{ yAxis: target }],
              },
      },
    ],
  };
}
