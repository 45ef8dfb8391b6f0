import { LineChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef, useState } from 'react';
import { restClient } from '../../api/rest-client';
import type { SeriesPoint } from '../../api/types';
import { useNow } from '../../app/use-now';
import { expectedIntervalS, isStale } from '../../store/staleness';
import { latestValue } from '../../store/wall-data-store';
import { formatNumber, formatReading, formatShortTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n-context';
import type { WidgetProps } from '../widget-types';
import type { MetricTrendOptions } from './index';
import { intervalFractionDigits, tickCount, valueRange } from '../../charts/axis-range';
import { combineSeries, liveAggregate, upsertMinute, type TrendPoint } from './trend-series';

// Only the parts of ECharts this chart uses, to keep the bundle small.
use([LineChart, GridComponent, CanvasRenderer]);
type TrendChartOption = ComposeOption<LineSeriesOption | GridComponentOption>;

export default function MetricTrend({ options, width, height, data, onReady }: WidgetProps<MetricTrendOptions>) {
  const { t, pick, locale } = useI18n();
  const chartElement = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const onReadyRef = useRef(onReady);
  onReadyRef.current = onReady;
  const reportedRef = useRef(false);
  const [points, setPoints] = useState<TrendPoint[] | null>(null);
  const now = useNow(15_000);
  const windowMs = options.minutes * 60_000;

  const sources = useMemo(
    () =>
      [...data.sources.values()]
        .filter((s) => s.sector === options.sector && s.kind === options.sourceKind)
        .sort((a, b) => a.id.localeCompare(b.id))
        .slice(0, options.maxSources),
    [data.sources, options.sector, options.sourceKind, options.maxSources],
  );
  const sourceIdsKey = sources.map((s) => s.id).join(',');
  const schema = data.sectors.get(options.sector)?.sourceKinds[options.sourceKind]?.metrics[options.metric];
  const intervalS = expectedIntervalS(data.sectors, options.sector, options.sourceKind);

  useEffect(() => {
    if (data.status !== 'ready') return;
    const abort = new AbortController();
    const ids = sourceIdsKey ? sourceIdsKey.split(',') : [];
    Promise.all(
      ids.map((id) =>
        restClient
          .series(id, options.metric, options.minutes, abort.signal)
          .then((response) => response.points)
          // One station without history must not blank the whole line.
          .catch((): SeriesPoint[] => []),
      ),
    ).then((list) => {
      if (!abort.signal.aborted) setPoints(combineSeries(list, options.aggregate));
    });
    return () => abort.abort();
  }, [data.status, sourceIdsKey, options.metric, options.minutes, options.aggregate]);

  const live = useMemo(() => {
    const fresh = sources
      .map((s) => latestValue(data, s, options.metric))
      .filter((v): v is NonNullable<typeof v> => v !== undefined && !isStale(v.ts, intervalS, now));
    return liveAggregate(fresh, options.aggregate);
  }, [data, sources, options.metric, options.aggregate, intervalS, now]);

  useEffect(() => {
    if (!live) return;
    setPoints((previous) => (previous ? upsertMinute(previous, live.at, live.value, windowMs) : previous));
  }, [live?.at, live?.value, windowMs]);

  useEffect(() => {
    const element = chartElement.current;
    if (!element) return;
    const chart = init(element, null, { renderer: 'canvas' });
    chartRef.current = chart;
    return () => {
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.resize();
  }, [width, height]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || points === null) return;
    if (!reportedRef.current) {
      // 'finished' fires once this option is rendered: the tile has drawn its data.
      chart.on('finished', function reportDrawn() {
        chart.off('finished', reportDrawn);
        reportedRef.current = true;
        onReadyRef.current();
      });
    }
    // The plot is the tile less the summary line and the x labels.
    chart.setOption(chartOption(points, options.color, locale, { min: now - windowMs, max: now }, tickCount(height - 95)));
  }, [points, options.color, locale, now, windowMs, height]);

  const last = points?.at(-1);
  const unit = schema ? pick(schema.unit) : '';
  // Points are minute buckets; judge the newest by the end of its minute, like any other value.
  const lastIsStale = last !== undefined && isStale(new Date(last[0] + 60_000).toISOString(), intervalS, now);
  return (
    <div className="metric-trend">
      <div className="metric-trend__summary">
        <span className="metric-trend__caption">
          {schema ? pick(schema.name) : options.metric} · {t(options.aggregate === 'sum' ? 'trend.sum' : 'trend.mean', { count: sources.length })}
        </span>
        <span className="metric-trend__value" style={{ color: options.color }}>
          {last ? formatNumber(last[1], locale) : '—'}
          <small>{unit}</small>
          {lastIsStale && <span className="badge badge--stale">{t('badge.stale')}</span>}
        </span>
      </div>
      <div ref={chartElement} className="metric-trend__chart" />
      {points !== null && points.length === 0 && <div className="tile-message">{t('data.none')}</div>}
    </div>
  );
}

/** The x axis always spans the whole window, so a young database reads as "little history". */
function chartOption(points: TrendPoint[], color: string, locale: string, window: { min: number; max: number }, ticks: number): TrendChartOption {
  const axisText = { color: '#94a3b8', fontSize: 15 };
  const range = valueRange(points.map(([, value]) => value), ticks);
  const digits = intervalFractionDigits(range.interval);
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 12, bottom: 8, containLabel: true },
    xAxis: {
      type: 'time',
      min: window.min,
      max: window.max,
      minInterval: 60_000,
      axisLabel: { ...axisText, formatter: (value: number) => formatShortTime(value, locale), hideOverlap: true },
      axisLine: { lineStyle: { color: '#334155' } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      ...range,
      axisLabel: { ...axisText, formatter: (value: number) => formatReading(value, locale, digits) },
      splitLine: { lineStyle: { color: '#1e293b' } },
    },
    series: [
      {
        type: 'line',
        data: points,
        // A line needs two points; until then the lone value shows as a dot.
        showSymbol: points.length < 2,
        symbolSize: 10,
        itemStyle: { color },
        lineStyle: { width: 3, color },
        areaStyle: { color, opacity: 0.12 },
      },
    ],
  };
}
