import type { KpiInfo, KpiListResponse, KpiValue } from '@ioc/sdk';
import { describe, expect, it } from 'vitest';
import { headlineKpis, summariseSectors } from './sector-summary';

const kpi = (id: string, periods: KpiInfo['periods'], values: Array<Partial<KpiValue>>) =>
  ({
    id,
    sector: id.split('.')[0]!,
    key: id.split('.')[1]!,
    kind: 'derived',
    formula: '1',
    name: { vi: id, en: id },
    unit: '%',
    direction: 'higher',
    periods,
    rollup: { fn: 'formula' },
    values: values.map((v) => ({ kpiId: id, regionId: 'bp', periodStart: '', value: 1, target: 1, attainmentPct: 100, forecast: 1, state: 'on-track', computedAt: '', period: 'day', ...v }) as KpiValue),
  }) as KpiListResponse['kpis'][number];

describe('summariseSectors', () => {
  it('counts each KPI once, by the value of the period a tile shows by default', () => {
    const list: KpiListResponse = {
      regionId: 'bp',
      kpis: [
        kpi('health.a', ['day', 'month'], [{ period: 'day', state: 'at-risk' }, { period: 'month', state: 'met' }]),
        kpi('health.b', ['month'], [{ period: 'month', state: 'missed' }]),
        kpi('health.c', ['day'], [{ period: 'day', value: null, state: 'no-data' }]),
        kpi('health.d', ['day'], []),
        kpi('traffic.e', ['realtime'], [{ period: 'realtime', state: 'no-target' }]),
      ],
    };
    const summary = summariseSectors(list);
    expect(summary.get('health')).toMatchObject({ kpiCount: 4, states: { 'at-risk': 1, missed: 1, 'no-data': 2, met: 0 } });
    expect(summary.get('health')!.attention).toEqual([
      { kpiId: 'health.b', state: 'missed' },
      { kpiId: 'health.a', state: 'at-risk' },
    ]);
    expect(summary.get('traffic')!.states['no-target']).toBe(1);
  });
});

describe('headlineKpis', () => {
  it('takes the KPI tiles of a layout in reading order', () => {
    const layout = {
      title: { vi: '', en: '' },
      rows: 4,
      widgets: [
        { widget: 'kpi-tile', options: { kpi: 'h.b' }, x: 3, y: 1, w: 2, h: 2 },
        { widget: 'kpi-trend', options: { kpi: 'h.z' }, x: 1, y: 3, w: 2, h: 2 },
        { widget: 'kpi-tile', options: { kpi: 'h.a' }, x: 1, y: 1, w: 2, h: 2 },
        { widget: 'kpi-tile', options: { kpi: 'h.c' }, x: 5, y: 1, w: 2, h: 2 },
      ],
    };
    expect(headlineKpis(layout, 2)).toEqual(['h.a', 'h.b']);
    expect(headlineKpis(undefined, 2)).toEqual([]);
  });
});
