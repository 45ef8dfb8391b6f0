import { useEffect, useMemo } from 'react';
import { useNow } from '../../app/use-now';
import { toCss } from '../../colors/color';
import { vnAqiBand } from '../../colors/vn-aqi';
import { expectedIntervalS, isStale } from '../../store/staleness';
import { latestValue, type LatestValue } from '../../store/wall-data-store';
import { columnFractionDigits, formatReading, formatShortTime } from '../../format/format';
import { shortMetricName } from '../../format/metric-label';
import { useI18n } from '../../i18n/i18n-context';
import type { WidgetProps } from '../widget-types';
import type { LatestValuesOptions } from './index';
import { shortNames } from './short-names';
import { fitTable } from './table-fit';

export default function LatestValues({ options, width, height, data, onReady }: WidgetProps<LatestValuesOptions>) {
  const { t, pick, locale } = useI18n();
  const now = useNow(5_000);
  const kind = data.sectors.get(options.sector)?.sourceKinds[options.sourceKind];
  const intervalS = expectedIntervalS(data.sectors, options.sector, options.sourceKind);

  const sources = useMemo(
    () => [...data.sources.values()].filter((s) => s.sector === options.sector && s.kind === options.sourceKind),
    [data.sources, options.sector, options.sourceKind],
  );
  const names = useMemo(() => shortNames(sources.map((s) => s.name)), [sources]);

  const fit = fitTable(width, height, options.metrics.length, options.limit);
  const metrics = options.metrics.slice(0, fit.metricColumns);
  const metricsKey = metrics.join(',');
  const sortMetric = options.metrics.includes(options.sortMetric) ? options.sortMetric : options.metrics[0];
  const rows = useMemo(() => {
    const sortValue = (v: LatestValue | undefined) => v?.value ?? Number.NEGATIVE_INFINITY;
    const shown = metricsKey ? metricsKey.split(',') : [];
    return sources
      .map((source) => ({
        source,
        sortBy: sortMetric ? sortValue(latestValue(data, source, sortMetric)) : 0,
        values: shown.map((metric) => latestValue(data, source, metric)),
      }))
      .sort((a, b) => b.sortBy - a.sortBy || a.source.name.localeCompare(b.source.name, 'vi'))
      .slice(0, fit.rows);
  }, [data, sources, metricsKey, sortMetric, fit.rows]);

  const digits = metrics.map((_, i) =>
    columnFractionDigits(rows.flatMap(({ values }) => (values[i] ? [values[i].value] : []))),
  );

  const ready = data.status === 'ready';
  useEffect(() => {
    if (ready) onReady();
  }, [ready, onReady]);

  if (ready && rows.length === 0) return <div className="tile-message">{t('data.none')}</div>;
  return (
    <table className="values-table" data-testid="latest-values">
      <thead>
        <tr>
          <th>{t('latest.source')}</th>
          {metrics.map((metric) => {
            const schema = kind?.metrics[metric];
            return (
              <th key={metric} className="num">
                <div>{schema ? shortMetricName(pick(schema.name)) : metric}</div>
                <div className="values-table__unit">{(schema && pick(schema.unit)) || '\u00a0'}</div>
              </th>
            );
          })}
          {fit.showTime && <th className="num values-table__time">{t('latest.updated')}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ source, values }) => {
          const newest = values.reduce<number | null>((max, v) => (v && (max === null || Date.parse(v.ts) > max) ? Date.parse(v.ts) : max), null);
          return (
            <tr key={source.id} data-source-id={source.id}>
              <td className="values-table__name" title={source.name}>
                {names.get(source.name) ?? source.name}
              </td>
              {values.map((value, i) => {
                const metric = metrics[i]!;
                const stale = value !== undefined && isStale(value.ts, intervalS, now);
                // The VN_AQI scale says something only about the AQI itself.
                const scaled = options.colorScale === 'vn-aqi' && metric === 'aqi' && value && !stale;
                return (
                  <td key={metric} className="num">
                    {scaled && <span className="state-dot" style={{ background: toCss(vnAqiBand(value.value).color) }} />}
                    {value ? formatReading(value.value, locale, digits[i]!) : '—'}
                    {stale && <span className="badge badge--stale">{t('badge.stale')}</span>}
                  </td>
                );
              })}
              {fit.showTime && <td className="num muted">{newest === null ? '—' : formatShortTime(newest, locale)}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
