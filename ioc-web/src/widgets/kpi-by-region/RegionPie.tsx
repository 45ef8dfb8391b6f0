import type { KpiInfo } from '@ioc/sdk';
import { PieChart, type PieSeriesOption } from 'echarts/charts';
import { LegendComponent, TooltipComponent, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { formatKpiNumber, formatPercent } from '../../kpi/kpi-format';
import '../widget-kit/widgets.css';
import type { BreakdownRow } from './breakdown-rows';
import { OTHERS_COLOR, PIE_COLORS, pieSlices } from './pie-slices';

use([PieChart, LegendComponent, TooltipComponent, CanvasRenderer]);
type PieOption = ComposeOption<PieSeriesOption | LegendComponentOption | TooltipComponentOption>;

interface RegionPieProps {
  rows: readonly BreakdownRow[];
  info: KpiInfo;
  width: number;
  height: number;
  onDrill: (regionId: string) => void;
  onDrawn: () => void;
}

/** The areas' shares of a KPI as a ring: a slice per area (the small ones gathered), the legend beside it. */
export default function RegionPie({ rows, info, width, height, onDrill, onDrawn }: RegionPieProps) {
  const { t, pick, locale } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const onDrillRef = useRef(onDrill);
  onDrillRef.current = onDrill;

  const legendRows = Math.max(3, Math.floor((height - 10) / 26));
  const slices = useMemo(() => pieSlices(rows, Math.min(9, legendRows), t('pie.others')), [rows, legendRows, t]);

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const chart = init(el, null, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (event) => {
      const regionId = (event.data as { regionId?: string | null } | undefined)?.regionId;
      if (regionId) onDrillRef.current(regionId);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    if (slices.length === 0) {
      onDrawn();
      return;
    }
    const unit = pick(info.unit);
    const format = (v: number) => formatKpiNumber(v, info.decimals, locale);
    const total = slices.reduce((s, x) => s + x.value, 0);
    const wide = width > height * 1.3;
    const radius = Math.max(30, Math.min(wide ? width * 0.24 : width * 0.4, (height - (wide ? 20 : 90)) / 2));
    const option: PieOption = {
      animation: false,
      tooltip: { trigger: 'item', confine: true, formatter: (p) => { const d = (p as unknown as { data: { name: string; value: number; sharePct: number } }).data; return `${d.name}: ${format(d.value)} ${unit} (${formatPercent(d.sharePct, locale)})`; } },
      legend: {
        orient: wide ? 'vertical' : 'horizontal',
        ...(wide ? { right: 8, top: 'middle' } : { bottom: 0, left: 'center' }),
        itemWidth: 12,
        itemHeight: 12,
        itemGap: 8,
        textStyle: { color: '#e2e8f0', fontSize: 15 },
        formatter: (name: string) => {
          const s = slices.find((x) => x.name === name);
          return s ? `${name}  ${formatPercent(s.sharePct, locale)}` : name;
        },
      },
      series: [
        {
          type: 'pie',
          radius: [radius * 0.52, radius],
          center: [wide ? `${Math.round(8 + (radius / width) * 100)}%` : '50%', wide ? '50%' : `${Math.round(((radius + 8) / height) * 100)}%`],
          avoidLabelOverlap: true,
          label: {
            show: true,
            position: 'center',
            formatter: () => `${format(total)}\n{u|${unit || t('pie.total')}}`,
            color: '#f8fafc',
            fontSize: Math.round(Math.max(16, Math.min(30, radius * 0.26))),
            fontWeight: 700,
            lineHeight: Math.round(Math.max(20, radius * 0.3)),
            rich: { u: { color: '#94a3b8', fontSize: Math.round(Math.max(12, radius * 0.12)), fontWeight: 400 } },
          },
          labelLine: { show: false },
          emphasis: { disabled: true },
          itemStyle: { borderColor: '#0b1424', borderWidth: 2 },
          data: slices.map((s, i) => ({ ...s, itemStyle: { color: s.regionId === null ? OTHERS_COLOR : PIE_COLORS[i % PIE_COLORS.length] } })),
        },
      ],
    };
    chart.on('finished', function drawn() {
      chart.off('finished', drawn);
      onDrawn();
    });
    chart.setOption(option, { notMerge: true });
  }, [slices, info, width, height, locale, onDrawn]);

  return (
    <div className="region-pie" data-testid="region-pie" data-slices={slices.length}>
      {/* echarts owns its element's children: React's message sits beside it, never inside. */}
      <div ref={element} className="region-pie__chart" />
      {slices.length === 0 && <div className="tile-message">{t('kpi.noData')}</div>}
    </div>
  );
}
