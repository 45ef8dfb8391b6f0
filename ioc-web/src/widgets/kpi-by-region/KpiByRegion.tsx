import type { KpiBreakdownResponse, KpiInfo } from '@ioc/sdk';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { restClient } from '../../api/rest-client';
import { formatNumber } from '../../format/format';
import { useI18n } from '../../i18n/i18n-context';
import { formatKpiNumber, formatPercent, KPI_STATE_COLORS, KPI_STATE_LABELS, targetComparator } from '../../kpi/kpi-format';
import { reportTemplate, splitId } from '../../kpi/kpi-info';
import { periodKeyLabel, resolveKpiPeriod } from '../../kpi/kpi-period';
import { regionLabel } from '../../regions/region-label';
import type { WidgetProps } from '../widget-types';
import { barShare, breakdownRows, listNames, scaleMaxOf, type BreakdownRow } from './breakdown-rows';
import { byAreaTitle, type KpiByRegionOptions } from './index';
import { useScopeRegions } from '../widget-kit/use-scope-regions';

const RegionPie = lazy(() => import('./RegionPie'));

const REFRESH_MS = 60_000;
/** Row heights as styles.css draws them: one line, or two with the reporting line. */
const ROW_PX = { plain: 31, reporting: 49 };
const HEADER_PX = 38;
const MORE_PX = 20;

/**
 * A KPI for the districts (or communes) of the page's region, worst first, with who has not
 * reported. A district row opens its communes; the breadcrumb goes back up.
 */
export default function KpiByRegion({ options, width, height, data, scope, kpis, onReady, onTitleChange }: WidgetProps<KpiByRegionOptions>) {
  // The wall gives no KPI state yet: the tile then follows the province's KPIs itself.
  const { t, pick, locale, lang } = useI18n();
  const [kpiId, setKpiId] = useState(options.kpi);
  const [level, setLevel] = useState(options.level);
  const [drilled, setDrilled] = useState<string | null>(null);
  const [answer, setAnswer] = useState<{ key: string; body: KpiBreakdownResponse } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const reported = useRef(false);
  const tree = useScopeRegions(scope);
  const pageRegion = kpis.regionId;

  // A new page region starts from its top again.
  useEffect(() => setDrilled(null), [pageRegion]);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const info = kpis.infos.get(kpiId);
  // The tile's title names the KPI the operator picked, not only the layout's.
  useEffect(() => onTitleChange(kpiId !== options.kpi && info ? byAreaTitle(info.name) : null), [kpiId, options.kpi, info, onTitleChange]);
  const period = info ? resolveKpiPeriod(info.periods, scope.period ?? options.period) : null;
  const pageNode = tree?.get(pageRegion);
  // A commune has nothing below it: show it among its district's communes.
  const top = pageNode?.level === 'commune' ? (tree?.get(pageNode.parentId) ?? pageNode) : pageNode;
  const root = drilled ?? top?.id ?? (tree ? null : pageRegion);
  const rootNode = tree?.get(root);
  const levelParam = rootNode?.level === 'province' && level === 'commune' ? ('commune' as const) : undefined;
  const queryKey = info && period && root ? `${kpiId}|${period}|${root}|${levelParam ?? ''}` : '';
  const requestKey = queryKey && `${queryKey}|${tick}`;

  useEffect(() => {
    if (!requestKey || !period || !root) return;
    const abort = new AbortController();
    restClient.kpiBreakdown(kpiId, { region: root, period, level: levelParam }, abort.signal).then(
      (body) => {
        if (abort.signal.aborted) return;
        setLoadError(null);
        setAnswer({ key: queryKey, body });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setLoadError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => abort.abort();
  }, [requestKey]);

  // An answer for another KPI, period or region is not shown while the new one loads.
  const current = answer && answer.key === queryKey ? answer.body : null;
  const rows = useMemo(
    () => (current ? breakdownRows(current, tree, (id) => reportTemplate(id, data)?.level, lang) : null),
    [current, tree, data.sectors, lang],
  );

  // A pie is drawn once its chart says so; bars and tables once the rows are in.
  const [pieDrawn, setPieDrawn] = useState(false);
  const onPieDrawn = useCallback(() => setPieDrawn(true), []);
  const rowsDrawn = rows !== null && (options.chart !== 'pie' || pieDrawn || rows.length === 0);
  const settled = rowsDrawn || loadError !== null || kpis.status === 'error' || (kpis.status === 'ready' && (!info || !period));
  useEffect(() => {
    if (settled && !reported.current) {
      reported.current = true;
      onReady();
    }
  }, [settled, onReady]);

  const sectorKpis = useMemo(() => {
    const [sector] = splitId(options.kpi);
    return [...kpis.infos.values()].filter((k) => k.sector === sector);
  }, [kpis.infos, options.kpi]);

  if (kpis.status === 'error') return <div className="tile-message tile-message--error">{t('data.error', { message: kpis.error ?? '' })}</div>;
  if (kpis.status === 'ready' && !info) return <div className="tile-message">{t('kpi.unknown', { id: kpiId })}</div>;

  const fullPath = tree && root ? tree.path(root) : [];
  const path = fullPath.slice(Math.max(0, fullPath.findIndex((n) => n.id === top?.id)));
  const withReporting = rows?.some((r) => r.reporting !== null) ?? false;
  const rowPx = withReporting ? ROW_PX.reporting : ROW_PX.plain;
  const fitting = Math.max(1, Math.floor((height - HEADER_PX - MORE_PX) / rowPx));
  const shownRows = rows && rows.length > fitting + 1 ? rows.slice(0, fitting) : (rows ?? []);
  const hidden = (rows?.length ?? 0) - shownRows.length;
  const scaleMax = rows ? scaleMaxOf(rows) : 0;
  const parent = current?.parent ?? null;
  const unit = info ? pick(info.unit) : '';
  const nameWidth = Math.round(Math.min(200, Math.max(110, width * 0.26)));

  return (
    <div className="kpi-by-region" data-testid="kpi-by-region" data-kpi={kpiId} data-root={root ?? ''}>
      <div className="kpi-by-region__header">
        <nav className="breadcrumb" aria-label={t('oc.region')} data-testid="breadcrumb">
          {path.map((node, i) => {
            const last = i === path.length - 1;
            return (
              <span key={node.id} className="breadcrumb__item">
                {i > 0 && <span className="breadcrumb__sep">›</span>}
                {last ? (
                  <span className="breadcrumb__current">{regionLabel(pick(node.name))}</span>
                ) : (
                  <button type="button" className="link-button" onClick={() => setDrilled(node.id === top?.id ? null : node.id)} data-region-id={node.id}>
                    {regionLabel(pick(node.name))}
                  </button>
                )}
              </span>
            );
          })}
        </nav>
        {parent && parent.value !== null && info && (
          <span className="kpi-by-region__parent" style={{ color: KPI_STATE_COLORS[parent.state] }}>
            {formatKpiNumber(parent.value, info.decimals, locale)}
            {unit && `\u00a0${unit}`}
          </span>
        )}
        <div className="kpi-by-region__controls">
          {rootNode?.level === 'province' && !drilled && (
            <span className="segmented segmented--small" role="group">
              {(['district', 'commune'] as const).map((l) => (
                <button key={l} type="button" className={l === level ? 'is-active' : ''} aria-pressed={l === level} onClick={() => setLevel(l)} data-level={l}>
                  {t(`breakdown.${l}`)}
                </button>
              ))}
            </span>
          )}
          {options.pickKpi && sectorKpis.length > 1 && (
            <select className="select select--small" value={kpiId} onChange={(e) => setKpiId(e.target.value)} aria-label={t('breakdown.kpi')} data-testid="breakdown-kpi">
              {sectorKpis.map((k) => (
                <option key={k.id} value={k.id}>
                  {pick(k.name)}
                </option>
              ))}
            </select>
          )}
          {current && period && (
            <span className="chip chip--static">{current.periodKey === 'now' ? t('period.realtime') : periodKeyLabel(current.periodKey, lang)}</span>
          )}
        </div>
      </div>
      {rows && rows.length === 0 && <div className="tile-message">{t('breakdown.noChildren')}</div>}
      {info && options.chart === 'pie' && rows && rows.length > 0 ? (
        <Suspense fallback={null}>
          <RegionPie rows={rows} info={info} width={width} height={height - HEADER_PX} onDrill={setDrilled} onDrawn={onPieDrawn} />
        </Suspense>
      ) : info && options.chart === 'table' ? (
        <BreakdownTable rows={shownRows} info={info} onDrill={setDrilled} />
      ) : (
        info && (
          <ol className="breakdown-bars">
            {shownRows.map((row) => (
              <BarRow key={row.regionId} row={row} info={info} scaleMax={scaleMax} nameWidth={nameWidth} selected={row.regionId === pageRegion} onDrill={setDrilled} />
            ))}
          </ol>
        )
      )}
      {hidden > 0 && options.chart !== 'pie' && <div className="kpi-by-region__more muted">{t('breakdown.more', { count: hidden })}</div>}
      {loadError && <div className="tile-message tile-message--error">{t('data.error', { message: loadError })}</div>}
    </div>
  );
}

interface RowProps {
  row: BreakdownRow;
  info: KpiInfo;
  onDrill: (regionId: string) => void;
}

function BarRow({ row, info, scaleMax, nameWidth, selected, onDrill }: RowProps & { scaleMax: number; nameWidth: number; selected: boolean }) {
  const { t, locale } = useI18n();
  const color = KPI_STATE_COLORS[row.state];
  const drill = row.drillable ? () => onDrill(row.regionId) : undefined;
  return (
    <li
      className={`breakdown-row${row.drillable ? ' breakdown-row--drillable' : ''}${selected ? ' breakdown-row--selected' : ''}`}
      data-testid="breakdown-row"
      data-region-id={row.regionId}
      data-state={row.state}
      onClick={drill}
      title={row.drillable ? `${row.fullName} — ${t('breakdown.drill')}` : row.fullName}
    >
      <div className="breakdown-row__main">
        <span className="breakdown-row__name" style={{ width: nameWidth }}>
          {row.name}
          {row.drillable && <span className="breakdown-row__chevron">›</span>}
        </span>
        <span className="breakdown-row__bar" aria-hidden="true">
          <span className="breakdown-row__fill" style={{ width: `${barShare(row.value, scaleMax) * 100}%`, background: color }} />
          {row.target !== null && <span className="breakdown-row__target" style={{ left: `${barShare(row.target, scaleMax) * 100}%` }} />}
        </span>
        <span className="breakdown-row__value num">{row.value === null ? '—' : formatKpiNumber(row.value, info.decimals, locale)}</span>
        <span className="breakdown-row__attainment num" style={{ color }} title={t(KPI_STATE_LABELS[row.state])}>
          {row.attainmentPct !== null ? formatPercent(row.attainmentPct, locale) : ''}
        </span>
      </div>
      <ReportingLine row={row} />
    </li>
  );
}

function BreakdownTable({ rows, info, onDrill }: { rows: BreakdownRow[]; info: KpiInfo; onDrill: (regionId: string) => void }) {
  const { locale } = useI18n();
  return (
    <table className="breakdown-table">
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.regionId}
            className={row.drillable ? 'breakdown-row--drillable' : ''}
            data-testid="breakdown-row"
            data-region-id={row.regionId}
            data-state={row.state}
            onClick={row.drillable ? () => onDrill(row.regionId) : undefined}
          >
            <th scope="row">
              <span className="state-dot" style={{ background: KPI_STATE_COLORS[row.state] }} />
              {row.name}
            </th>
            <td className="num">{row.value === null ? '—' : formatKpiNumber(row.value, info.decimals, locale)}</td>
            <td className="num muted">{row.target === null ? '' : `${targetComparator(info.direction)} ${formatKpiNumber(row.target, info.decimals, locale)}`}</td>
            <td className="num">{row.attainmentPct === null ? '' : formatPercent(row.attainmentPct, locale)}</td>
            <td>
              <ReportingLine row={row} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReportingLine({ row }: { row: BreakdownRow }) {
  const { t, locale } = useI18n();
  const r = row.reporting;
  if (!r) return null;
  const { shown, more } = listNames(r.missing, 5);
  const complete = r.reported === r.units;
  return (
    <div className={`breakdown-row__reporting ${complete ? 'reporting--complete' : 'reporting--missing'}`} data-testid="breakdown-reporting" title={r.missing.join(', ')}>
      {t('breakdown.reported', { reported: formatNumber(r.reported, locale, 0), units: formatNumber(r.units, locale, 0) })}
      {r.missing.length > 0 && ` · ${t('breakdown.missing', { names: shown })}${more > 0 ? ` +${more}` : ''}`}
    </div>
  );
}
