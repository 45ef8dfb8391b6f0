import type { KpiPeriod } from '@ioc/sdk';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { splitId } from '../kpi/kpi-info';
import { offeredPeriods } from '../kpi/kpi-period';
import { useConnectionState } from '../live/use-connection-state';
import { WallReadiness } from '../wall/readiness';
import { useWallRuntime } from '../wall/use-wall-runtime';
import { WallTile } from '../wall/WallTile';
import { widgetRegistry } from '../widgets/registry';
import type { DashboardScope } from '../widgets/widget-types';
import { OcHeader } from './OcHeader';
import { ocLayoutToGrid } from './oc-layout';
import { readOcQuery, writeOcQuery, type OcQuery } from './oc-query';
import { PlaceholderTile } from './PlaceholderTile';
import { useKpiStore, useRegionTree } from './use-oc-runtime';

/** Tile ids of a page whose layout has not loaded: never ready, so `__iocReady` waits for the real tiles. */
const LOADING_TILES = ['layout'];

/**
 * A sector's operations centre, drawn from the `oc` dashboard its module ships: indicators against
 * targets for the province or a district or commune, over the period the operator picks, live.
 */
export function OcPage({ sector }: { sector: string }) {
  const { t, pick } = useI18n();
  const [query, setQuery] = useState<OcQuery>(() => readOcQuery(window.location.search));
  const { runtime, data } = useWallRuntime();
  const connection = useConnectionState(runtime?.live ?? null);
  const regions = useRegionTree();
  const manifest = data.sectors.get(sector);
  const layout = manifest?.dashboards?.oc;
  const grid = useMemo(() => (layout ? ocLayoutToGrid(layout, widgetRegistry) : null), [layout]);

  useEffect(() => {
    for (const problem of grid?.problems ?? []) console.warn(`OC layout of ${sector}: ${problem}`);
  }, [grid, sector]);

  // KPIs named by the layout, and the sectors whose topics carry them (a formula may borrow another sector's).
  const layoutKpis = useMemo(
    () => [...new Set((grid?.tiles ?? []).map((tile) => tile.options?.kpi).filter((k): k is string => typeof k === 'string' && k !== ''))],
    [grid],
  );
  const kpiSectors = useMemo(() => (manifest ? [...new Set([sector, ...layoutKpis.map((id) => splitId(id)[0])])] : []), [manifest, sector, layoutKpis]);
  // A region the tree does not know (an old bookmark) falls back to the province.
  const regionId = query.region && regions && !regions.get(query.region) ? null : query.region;
  const kpis = useKpiStore(runtime?.live ?? null, kpiSectors, regionId);

  const periods = useMemo(() => {
    const ofKpi = (id: string) => {
      const [kpiSector, key] = splitId(id);
      return kpis.infos.get(id)?.periods ?? data.sectors.get(kpiSector)?.kpis?.[key]?.periods ?? [];
    };
    return offeredPeriods(layoutKpis.map(ofKpi));
  }, [layoutKpis, kpis.infos, data.sectors]);

  // No layout once the sectors are known (unknown sector, no `oc` dashboard): the message is all there is to draw.
  const settledWithoutGrid = data.status !== 'loading' && !grid;
  const tileIds = useMemo(() => grid?.tiles.map((tile) => tile.id) ?? (settledWithoutGrid ? [] : LOADING_TILES), [grid, settledWithoutGrid]);
  const readiness = useMemo(() => new WallReadiness(tileIds), [tileIds]);
  useEffect(() => readiness.attach(), [readiness]);
  const onTileReady = useCallback((tileId: string) => readiness.markReady(tileId), [readiness]);

  const change = useCallback((patch: Partial<OcQuery>) => {
    setQuery((previous) => {
      const next = { ...previous, ...patch };
      window.history.replaceState(null, '', `${window.location.pathname}${writeOcQuery(window.location.search, next)}`);
      return next;
    });
  }, []);
  const onRegionChange = useCallback((region: string | null) => change({ region }), [change]);
  const onPeriodChange = useCallback((period: KpiPeriod | null) => change({ period }), [change]);

  const scope: DashboardScope = useMemo(() => ({ sector, regionId, period: query.period, regions }), [sector, regionId, query.period, regions]);
  const lastUpdateAt = Math.max(data.lastUpdateAt ?? 0, kpis.lastUpdateAt ?? 0) || null;
  const title = layout ? pick(layout.title) : manifest ? pick(manifest.name) : sector;

  useEffect(() => {
    document.title = title;
  }, [title]);

  let body;
  if (data.status === 'error') body = <div className="page-message page-message--error">{t('data.error', { message: data.error ?? '' })}</div>;
  else if (data.status === 'ready' && !manifest) body = <div className="page-message">{t('oc.notFound', { id: sector })}</div>;
  else if (data.status === 'ready' && !grid) body = <div className="page-message">{t('oc.noLayout', { id: sector })}</div>;
  else if (grid) {
    body = (
      <main
        className="wall-grid oc-grid"
        style={{ gridTemplateColumns: `repeat(${grid.grid.columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${grid.grid.rows}, minmax(0, 1fr))` }}
        data-sector={sector}
      >
        {grid.tiles.map((tile) =>
          tile.missingWidget ? (
            <PlaceholderTile key={tile.id} tile={tile} onTileReady={onTileReady} />
          ) : (
            <WallTile key={tile.id} tile={tile} widget={widgetRegistry.get(tile.widget)!} data={data} scope={scope} kpis={kpis} live={runtime?.live} onTileReady={onTileReady} />
          ),
        )}
      </main>
    );
  } else body = <div className="page-message">{t('data.loading')}</div>;

  return (
    <div className="wall oc-page">
      <OcHeader
        title={title}
        connection={connection}
        lastUpdateAt={lastUpdateAt}
        regions={regions}
        regionId={regionId}
        onRegionChange={onRegionChange}
        periods={periods}
        period={query.period}
        onPeriodChange={onPeriodChange}
      />
      {body}
    </div>
  );
}
