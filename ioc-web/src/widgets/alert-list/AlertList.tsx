import { liveTopic } from '@ioc/sdk';
import { useMemo } from 'react';
import { formatShortTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n-context';
import { alertOrder, alertsReducer, SEVERITY_COLORS } from '../../incidents/incident-logic';
import '../../incidents/incidents.css';
import { useLiveClient, useReadyOnce, useTopic } from '../../incidents/use-topic';
import { toCss } from '../../colors/color';
import { regionLabel } from '../../regions/region-label';
import type { WidgetProps } from '../widget-types';
import type { AlertListOptions } from './index';

const ROW_PX = 34;

/** Active alerts of a sector (or all), most severe and newest first, live from `alerts:{sector|all}`. */
export default function AlertList({ options, width, height, scope, live, onReady }: WidgetProps<AlertListOptions>) {
  const { t, pick, lang, locale } = useI18n();
  const client = useLiveClient(live);
  const alerts = useTopic(client, liveTopic.alerts(options.sector ?? 'all'), alertsReducer);
  const ordered = useMemo(() => alertOrder(alerts?.values() ?? []), [alerts]);
  useReadyOnce(alerts !== null, onReady);

  if (!alerts) return null;
  if (ordered.length === 0) return <div className="tile-message">{t('incidents.alerts.empty')}</div>;
  const fit = Math.max(1, Math.floor(height / ROW_PX));
  const shown = ordered.length > fit ? ordered.slice(0, fit - 1) : ordered;
  return (
    <ol className="w-inc-list" data-testid="alert-list" data-sector={options.sector ?? 'all'}>
      {shown.map((a) => {
        const region = scope.regions?.get(a.regionId);
        return (
          <li key={a.id} className={`w-sev--${a.severity}`} data-alert-id={a.id} data-severity={a.severity}>
            <span className="w-inc__dot" style={{ background: toCss(SEVERITY_COLORS[a.severity]) }} title={t(`incidents.severity.${a.severity}`)} />
            <span className="w-inc__main" title={pick(a.title)}>
              {pick(a.title)}
              {a.count > 1 && <small className="muted"> {t('incidents.alerts.count', { count: a.count })}</small>}
            </span>
            {region && width >= 520 && <span className="w-inc__side">{regionLabel(region.name[lang])}</span>}
            {width >= 400 && <span className="w-inc__side">{t(`incidents.alertState.${a.state as 'open'}`)}</span>}
            <span className="w-inc__side">{formatShortTime(Date.parse(a.lastAt), locale)}</span>
          </li>
        );
      })}
      {shown.length < ordered.length && <li className="w-inc__more">+{ordered.length - shown.length}</li>}
    </ol>
  );
}
