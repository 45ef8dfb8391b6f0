import { GaugeChart, type GaugeSeriesOption } from 'echarts/charts';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { formatKpiNumber, formatPercent, KPI_STATE_COLORS, KPI_STATE_LABELS, targetComparator } from '../../kpi/kpi-format';
import { resolveKpiPeriod } from '../../kpi/kpi-period';
import { kpiValueKey } from '../../live/topic-reducers';
import type { WidgetProps } from '../widget-types';
import '../widget-kit/widgets.css';
import { gaugeScale } from './gauge-scale';
import type { GaugeOptions } from './index';

use([GaugeChart, CanvasRenderer]);
type GaugeChartOption = ComposeOption<GaugeSeriesOption>;

/** One KPI on a dial against its target: the value in Vietnamese format, the target mark, attainment. */
export default function Gauge({ options, width, height, scope, kpis, onReady }: WidgetProps<GaugeOptions>) {
  const { t, pick, locale } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const reported = useRef(false);
  const onReadyRef = useRef(onReady);
  onReadyRef.current = onReady;
  const report = () => {
    if (reported.current) return;
    reported.current = true;
    onReadyRef.current();
  };

  const info = kpis.infos.get(options.kpi);
  const period = info ? resolveKpiPeriod(info.periods, scope.period ?? options.period) : null;
  const value = period ? kpis.values.get(kpiValueKey(options.kpi, period)) : undefined;
  const settled = kpis.status === 'ready' || kpis.status === 'error';

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const chart = init(el, null, { renderer: 'canvas' });
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  const shownValue = value?.value ?? null;
  const target = value?.target ?? null;
  const state = value?.state ?? 'no-data';
  const color = KPI_STATE_COLORS[state];
  const unit = info ? pick(info.unit) : '';

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || !info || !settled) return;
    const scale = gaugeScale(shownValue, target, info.direction, { min: options.min, max: options.max, percent: unit === '%' });
    // The chart box is the tile less the target line; the value sits under the dial's ends.
    const chartH = height - 34;
    const radius = Math.max(30, Math.min(width * 0.42, chartH * 0.5));
    const format = (v: number) => formatKpiNumber(v, info.decimals, locale);
    const series: GaugeSeriesOption[] = [
      {
        type: 'gauge',
        min: scale.min,
        max: scale.max,
        radius,
        center: ['50%', '50%'],
        startAngle: 200,
        endAngle: -20,
        splitNumber: 4,
        axisLine: { lineStyle: { width: Math.max(8, radius * 0.12), color: scale.bands } },
        progress: { show: false },
        pointer: { show: shownValue !== null, length: '62%', width: Math.max(4, radius * 0.05), itemStyle: { color: '#e2e8f0' } },
        anchor: { show: shownValue !== null, size: Math.max(8, radius * 0.1), itemStyle: { color: '#e2e8f0' } },
        axisTick: { show: false },
        splitLine: { length: Math.max(6, radius * 0.1), lineStyle: { color: '#0b1424', width: 2 } },
        axisLabel: { color: '#94a3b8', fontSize: Math.round(Math.max(11, Math.min(16, radius * 0.11))), distance: Math.max(10, radius * 0.2), formatter: (v: number) => formatKpiNumber(v, 0, locale) },
        title: { show: false },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, '66%'],
          fontSize: Math.round(Math.max(18, Math.min(40, radius * 0.26))),
          fontWeight: 700,
          color,
          formatter: () => (shownValue === null ? '—' : `${format(shownValue)}${unit ? ` ${unit}` : ''}`),
        },
        data: [{ value: shownValue ?? scale.min }],
      },
    ];
    if (target !== null) {
      // The target as a short white mark across the dial.
      series.push({
        type: 'gauge',
        min: scale.min,
        max: scale.max,
        radius,
        center: ['50%', '50%'],
        startAngle: 200,
        endAngle: -20,
        axisLine: { show: false },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        detail: { show: false },
        title: { show: false },
        pointer: { icon: 'rect', length: Math.max(14, radius * 0.2), width: 4, offsetCenter: [0, -radius * 0.95], itemStyle: { color: '#fbbf24' } },
        data: [{ value: target }],
      });
    }
    chart.on('finished', function drawn() {
      chart.off('finished', drawn);
      report();
    });
    chart.setOption({ animation: false, series } satisfies GaugeChartOption, { notMerge: true });
  }, [info, settled, shownValue, target, color, unit, width, height, locale, options.min, options.max]);

  useEffect(() => {
    if (kpis.status === 'error' || (kpis.status === 'ready' && !info)) report();
  }, [kpis.status, info]);

  if (kpis.status === 'error') return <div className="tile-message tile-message--error">{t('data.error', { message: kpis.error ?? '' })}</div>;
  if (kpis.status === 'ready' && !info) return <div className="tile-message">{t('kpi.unknown', { id: options.kpi })}</div>;
  const attainment = value?.attainmentPct ?? null;
  return (
    <div className="gauge-widget" data-testid="gauge" data-kpi={options.kpi} data-state={state}>
      <div ref={element} className="gauge-widget__chart" />
      <div className="gauge-widget__line">
        {info && target !== null ? (
          <>
            <span className="muted">
              {t('kpi.target')} {targetComparator(info.direction)} {formatKpiNumber(target, info.decimals, locale)}
              {unit && `\u00a0${unit}`}
            </span>
            <span style={{ color }} data-testid="gauge-attainment">
              {attainment !== null ? t('gauge.attainment', { pct: formatPercent(attainment, locale) }) : t(KPI_STATE_LABELS[state])}
            </span>
          </>
        ) : (
          <span className="muted">{t(value ? 'gauge.noTarget' : 'kpi.noData')}</span>
        )}
      </div>
    </div>
  );
}
