import type { KpiPeriod } from '@ioc/sdk';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { SessionBadge } from '../auth/SessionBadge';
import type { MouseEvent } from 'react';
import { navigate, withLang } from '../app/route';
import { useNow } from '../app/use-now';
import { formatClockTime, formatLongDate } from '../format/format';
import { useI18n } from '../i18n/i18n-context';
import type { ConnectionState } from '../live/live-client';
import type { RegionTree } from '../regions/region-tree';
import { regionLabel } from '../regions/region-label';

interface OcHeaderProps {
  title: string;
  connection: ConnectionState;
  lastUpdateAt: number | null;
  regions: RegionTree | null;
  regionId: string | null;
  onRegionChange: (regionId: string | null) => void;
  periods: readonly KpiPeriod[];
  period: KpiPeriod | null;
  onPeriodChange: (period: KpiPeriod | null) => void;
}

/** Title, the region (province → district → commune) and period every KPI widget follows, connection, clock. */
export function OcHeader(props: OcHeaderProps) {
  const { t, locale } = useI18n();
  const now = useNow(1_000);
  const { connection, lastUpdateAt } = props;
  const back = withLang('/oc', window.location.search);
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(back);
  };
  return (
    <header className="wall-header oc-header">
      <div className="wall-header__emblem" aria-hidden="true" />
      <div className="oc-header__titles">
        <a className="oc-header__back" href={back} onClick={follow}>
          ‹ {t('oc.sectors')}
        </a>
        <h1 className="wall-header__title oc-header__title" title={props.title}>
          {props.title}
        </h1>
      </div>
      <RegionSelector regions={props.regions} regionId={props.regionId} onChange={props.onRegionChange} />
      <PeriodSelector periods={props.periods} period={props.period} onChange={props.onPeriodChange} />
      <LanguageSwitch />
      <SessionBadge />
      <div className="wall-header__status">
        <div className={`connection connection--${connection}`} data-testid="connection" data-state={connection}>
          <span className="connection__dot" />
          {t(`connection.${connection}`)}
        </div>
        <div className="wall-header__updated" data-testid="last-update">
          {t('header.lastUpdate')}: {lastUpdateAt === null ? t('header.never') : formatClockTime(lastUpdateAt, locale)}
        </div>
      </div>
      <div className="wall-header__clock">
        <div className="wall-header__time" data-testid="clock">
          {formatClockTime(now, locale)}
        </div>
        <div className="wall-header__date">{formatLongDate(now, locale)}</div>
      </div>
    </header>
  );
}

function RegionSelector({ regions, regionId, onChange }: { regions: RegionTree | null; regionId: string | null; onChange: (id: string | null) => void }) {
  const { t, pick } = useI18n();
  const root = regions?.root ?? null;
  const district = regionId && regions ? (regions.ancestorAt(regionId, 'district') ?? null) : null;
  const commune = regionId && regions ? (regions.ancestorAt(regionId, 'commune') ?? null) : null;
  const districts = root && regions ? regions.children(root.id) : [];
  const communes = district && regions ? regions.children(district.id) : [];
  return (
    <div className="oc-header__region" role="group" aria-label={t('oc.region')}>
      <select
        className="select"
        value={district?.id ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
        disabled={!regions}
        aria-label={t('oc.region')}
        data-testid="region-district"
      >
        <option value="">{t('oc.wholeProvince')}</option>
        {/* District names are unique in a province without "Huyện"/"Thành phố"; communes keep theirs ("Xã Tân Phú" ≠ "Thị trấn Tân Phú"). */}
        {districts.map((d) => (
          <option key={d.id} value={d.id}>
            {regionLabel(pick(d.name))}
          </option>
        ))}
      </select>
      <select
        className="select"
        value={commune?.id ?? ''}
        onChange={(e) => onChange(e.target.value || district?.id || null)}
        disabled={!district}
        aria-label={t('oc.region')}
        data-testid="region-commune"
      >
        <option value="">{t('oc.wholeDistrict')}</option>
        {communes.map((c) => (
          <option key={c.id} value={c.id}>
            {pick(c.name)}
          </option>
        ))}
      </select>
    </div>
  );
}

function PeriodSelector({ periods, period, onChange }: { periods: readonly KpiPeriod[]; period: KpiPeriod | null; onChange: (p: KpiPeriod | null) => void }) {
  const { t } = useI18n();
  const choices: Array<KpiPeriod | null> = [null, ...periods];
  return (
    <div className="segmented oc-header__period" role="group" aria-label={t('oc.period')} data-testid="period-selector">
      {choices.map((p) => (
        <button key={p ?? 'auto'} type="button" className={p === period ? 'is-active' : ''} aria-pressed={p === period} onClick={() => onChange(p)} data-period={p ?? 'auto'}>
          {t(p ? `period.${p}` : 'period.auto')}
        </button>
      ))}
    </div>
  );
}
