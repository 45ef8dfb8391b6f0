import { UNIT_STATUSES } from '@ioc/sdk';
import { useMemo } from 'react';
import { toCss } from '../../colors/color';
import { useI18n } from '../../i18n/i18n-context';
import { incidentsReducer, UNIT_STATUS_COLORS } from '../../incidents/incident-logic';
import { useUnits } from '../../incidents/use-units';
import '../../incidents/incidents.css';
import { useLiveClient, useReadyOnce, useTopic } from '../../incidents/use-topic';
import { regionLabel } from '../../regions/region-label';
import type { WidgetProps } from '../widget-types';
import type { UnitListOptions } from './index';

const ROW_PX = 34;
const HEAD_PX = 30;

/** Response units with status, type, district and what they work on, live from `units`. */
export default function UnitList({ options, width, height, scope, live, onReady }: WidgetProps<UnitListOptions>) {
  const { t, lang } = useI18n();
  const client = useLiveClient(live);
  const units = useUnits(client);
  const incidents = useTopic(client, 'incidents', incidentsReducer);
  const list = useMemo(() => {
    const rank = (s: string) => UNIT_STATUSES.indexOf(s as never);
    // Busy units first (on scene, en route), then available, then the rest; by call sign within.
    const order = (s: string) => (s === 'on_scene' ? 0 : s === 'en_route' ? 1 : s === 'available' ? 2 : 3 + rank(s));
    return [...(units?.units.values() ?? [])]
      .filter((u) => options.unitType === null || u.unitType === options.unitType)
      .sort((a, b) => order(a.status) - order(b.status) || a.callSign.localeCompare(b.callSign));
  }, [units, options.unitType]);
  useReadyOnce(units !== null, onReady);

  if (!units) return null;
  if (list.length === 0) return <div className="tile-message">{t('incidents.units.empty')}</div>;
  const available = list.filter((u) => u.status === 'available').length;
  const fit = Math.max(1, Math.floor((height - HEAD_PX) / ROW_PX));
  const shown = list.length > fit ? list.slice(0, fit - 1) : list;
  return (
    <div data-testid="unit-list" style={{ height: '100%', overflow: 'hidden' }}>
      <div className="muted" style={{ height: HEAD_PX - 4 }}>
        {t('incidents.units.summary', { available, total: list.length })}
      </div>
      <ol className="w-inc-list" style={{ height: 'auto' }}>
        {shown.map((u) => {
          const district = scope.regions?.ancestorAt(u.regionId, 'district') ?? scope.regions?.get(u.regionId);
          const assignment = u.assignmentId ? units.assignments.get(u.assignmentId) : undefined;
          const incident = u.incidentId ? incidents?.get(u.incidentId) : undefined;
          return (
            <li key={u.id} data-unit-id={u.id} data-status={u.status}>
              <span className="w-inc__dot" style={{ background: toCss(UNIT_STATUS_COLORS[u.status]) }} />
              <span className="w-inc__main" title={u.name}>
                <b>{u.callSign}</b> <span className="muted">{t(`incidents.unitType.${u.unitType}`)}</span>
              </span>
              {width >= 480 && <span className="w-inc__side">{district ? regionLabel(district.name[lang]) : ''}</span>}
              <span className="w-inc__side">
                {t(`incidents.unitStatus.${u.status}`)}
                {u.incidentId && ` · ${incident?.code ?? `#${u.incidentId}`}${assignment ? ` (${t(`incidents.assignment.${assignment.state}`)})` : ''}`}
              </span>
            </li>
          );
        })}
        {shown.length < list.length && <li className="w-inc__more">+{list.length - shown.length}</li>}
      </ol>
    </div>
  );
}
