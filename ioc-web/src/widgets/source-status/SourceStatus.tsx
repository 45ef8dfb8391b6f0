import { useEffect, useMemo } from 'react';
import { toCss } from '../../colors/color';
import { SOURCE_STATE_COLORS, SOURCE_STATE_LABELS } from '../../colors/source-state';
import { formatNumber } from '../../format/format';
import { useI18n } from '../../i18n/i18n-context';
import type { WidgetProps } from '../widget-types';
import { countByState } from './count-by-state';
import type { SourceStatusOptions } from './index';

const STATES = ['online', 'stale', 'offline'] as const;

/** Sectors as columns, states as rows: fits a wide, low tile under the map. */
export default function SourceStatus({ options, data, onReady }: WidgetProps<SourceStatusOptions>) {
  const { t, pick, locale } = useI18n();
  const sectorKey = (options.sectors.length > 0 ? options.sectors : [...data.sectors.keys()]).join(',');
  const { rows, total } = useMemo(
    () => countByState(data.sources.values(), sectorKey ? sectorKey.split(',') : []),
    [data.sources, sectorKey],
  );
  const ready = data.status === 'ready';

  useEffect(() => {
    // Plain DOM: drawn in the commit that first shows loaded data.
    if (ready) onReady();
  }, [ready, onReady]);

  const format = (n: number) => formatNumber(n, locale, 0);
  if (rows.length === 1 && ready && total.total === 0) return <div className="tile-message">{t('sources.none')}</div>;
  if (rows.length === 1) {
    // One sector (an OC page): its states side by side, big enough to read in a small tile.
    return (
      <div className="status-strip" data-testid="source-status">
        {STATES.map((state) => (
          <div key={state} className="status-strip__cell">
            <div className={`status-strip__count num ${total[state] > 0 ? `state-text--${state}` : 'muted'}`} data-testid={`${state}-total`}>
              {format(total[state])}
            </div>
            <div className="status-strip__label">
              <span className="state-dot" style={{ background: toCss(SOURCE_STATE_COLORS[state]) }} />
              {t(SOURCE_STATE_LABELS[state])}
            </div>
          </div>
        ))}
      </div>
    );
  }
  return (
    <table className="status-table" data-testid="source-status">
      <thead>
        <tr>
          <th />
          {rows.map(({ sector }) => {
            const manifest = data.sectors.get(sector);
            return (
              <th key={sector} className="num">
                {manifest ? pick(manifest.name) : sector}
              </th>
            );
          })}
          <th className="num status-table__total">{t('counts.total')}</th>
        </tr>
      </thead>
      <tbody>
        {STATES.map((state) => (
          <tr key={state}>
            <th scope="row">
              <span className="state-dot" style={{ background: toCss(SOURCE_STATE_COLORS[state]) }} />
              {t(SOURCE_STATE_LABELS[state])}
            </th>
            {rows.map(({ sector, counts }) => (
              <td key={sector} className={`num ${counts[state] > 0 ? `state-text--${state}` : 'muted'}`}>
                {format(counts[state])}
              </td>
            ))}
            <td className={`num status-table__total state-text--${state}`} data-testid={`${state}-total`}>
              {format(total[state])}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
