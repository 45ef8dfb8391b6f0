import { describe, expect, it } from 'vitest';
import { TOPIC_SEGMENT, type SourceDefinition } from '@ioc/sdk';
import { pointInPolygon } from '../geo/polygon.js';
import { buildProvinceModel } from './province-model.js';
import { populationOf, PROVINCE_POPULATION } from './population.js';
import { SECTOR_MANIFESTS } from './sector-manifests.js';

const model = buildProvinceModel({ seed: 1 });
const regions = new Map(model.regions.map((r) => [r.properties.id, r]));
const districtOf = (s: SourceDefinition) => regions.get(regions.get(s.regionId)?.properties.parentId ?? '')?.properties.id;
const attr = (s: SourceDefinition, key: string) => s.attributes?.[key];
const cameras = model.sources.filter((s) => s.kind === 'camera');
const sitesOf = (list: SourceDefinition[]) => new Map(list.map((s) => [attr(s, 'siteId') as string, s]));

describe('province model', () => {
  it('is deterministic for a seed, and keeps ids stable across seeds', () => {
    expect(buildProvinceModel({ seed: 1 })).toEqual(model);
    const other = buildProvinceModel({ seed: 2 });
    expect(other.sources.map((s) => s.id)).toEqual(model.sources.map((s) => s.id));
    expect(other.sources.map((s) => [s.lon, s.lat])).not.toEqual(model.sources.map((s) => [s.lon, s.lat]));
  });

  it('gives every source a unique, topic-safe id, a Vietnamese name and a kind some manifest declares', () => {
    expect(new Set(model.sources.map((s) => s.id)).size).toBe(model.sources.length);
    for (const s of model.sources) {
      expect(s.id).toMatch(TOPIC_SEGMENT);
      expect(s.name.length).toBeGreaterThan(3);
      expect(SECTOR_MANIFESTS.find((m) => m.id === s.sector)?.sourceKinds[s.kind], `${s.sector}/${s.kind}`).toBeDefined();
      expect(model.profiles[s.id]).toMatchObject({ sourceId: s.id, sector: s.sector, kind: s.kind });
    }
    expect(Object.keys(model.profiles)).toHaveLength(model.sources.length);
  });

  it('places every source inside the commune it registers with', () => {
    for (const s of model.sources) {
      const region = regions.get(s.regionId);
      expect(region?.properties.level, s.id).toBe('commune');
      expect(pointInPolygon([s.lon, s.lat], region?.geometry.coordinates ?? []), s.id).toBe(true);
    }
  });

  it('has the phase-1 camera plan: 29 sites, 46 cameras, sites per district as in the document', () => {
    const phase1 = cameras.filter((s) => attr(s, 'phase') === 1);
    expect(phase1).toHaveLength(46);
    const sites = sitesOf(phase1);
    expect(sites.size).toBe(29);
    const sitesPerDistrict: Record<string, number> = {};
    for (const s of sites.values()) sitesPerDistrict[districtOf(s) ?? '?'] = (sitesPerDistrict[districtOf(s) ?? '?'] ?? 0) + 1;
    expect(sitesPerDistrict).toEqual({ 'bp-dong-xoai': 14, 'bp-phuoc-long': 9, 'bp-binh-long': 3, 'bp-hon-quan': 1, 'bp-chon-thanh': 1, 'bp-dong-phu': 1 });
    const purposes = [...sites.values()].map((s) => attr(s, 'purpose'));
    expect(purposes.filter((p) => p === 'violation')).toHaveLength(6);
    expect(purposes.filter((p) => p === 'security')).toHaveLength(23);
  });

  it('has the phase-2 plan on QL13/QL14/ĐT741 (4 red-light, 9 speed, 4 gateway sites) and phase 3 (+1 speed, +12 security)', () => {
    const phase2 = [...sitesOf(cameras.filter((s) => attr(s, 'phase') === 2)).values()];
    expect(phase2).toHaveLength(17);
    const count = (list: SourceDefinition[], purpose: string) => list.filter((s) => attr(s, 'purpose') === purpose).length;
    expect([count(phase2, 'red-light'), count(phase2, 'speed'), count(phase2, 'gateway')]).toEqual([4, 9, 4]);
    for (const s of phase2) expect(['Quốc lộ 13', 'Quốc lộ 14', 'Đường tỉnh 741']).toContain(attr(s, 'road'));
    const phase3 = [...sitesOf(cameras.filter((s) => attr(s, 'phase') === 3)).values()];
    expect([count(phase3, 'speed'), count(phase3, 'security')]).toEqual([1, 12]);
  });

  it('files violation, red-light and speed cameras under traffic and the rest under security', () => {
    for (const s of cameras) {
      const traffic = ['violation', 'red-light', 'speed'].includes(attr(s, 'purpose') as string);
      expect(s.sector, s.id).toBe(traffic ? 'traffic' : 'security');
      expect(s.id).toMatch(/^cam-[a-z]+-\d{3}$/);
    }
  });

  it('covers every district with air stations, health centres and schools, and the roads with counters', () => {
    const districts = model.regions.filter((r) => r.properties.level === 'district').map((r) => r.properties.id);
    const kindIn = (kind: string) => new Set(model.sources.filter((s) => s.kind === kind).map(districtOf));
    for (const kind of ['air-station', 'hospital', 'school']) expect([...kindIn(kind)].sort(), kind).toEqual([...districts].sort());
    const schoolCommunes = new Set(model.sources.filter((s) => s.kind === 'school').map((s) => s.regionId));
    expect(schoolCommunes.size).toBe(111);
    const hospitals = model.sources.filter((s) => s.kind === 'hospital');
    expect(hospitals.filter((s) => s.name === 'Bệnh viện Đa khoa tỉnh Bình Phước').map(districtOf)).toEqual(['bp-dong-xoai']);
    expect(hospitals.filter((s) => s.name.startsWith('Trung tâm Y tế'))).toHaveLength(11);
    const roads = new Set(model.sources.filter((s) => s.kind === 'counter').map((s) => attr(s, 'roadId')));
    expect([...roads].sort()).toEqual(['DT741', 'QL13', 'QL14']);
  });

  it('monitors the named rivers and reservoirs', () => {
    const waters = new Set(model.sources.filter((s) => s.kind === 'water-level').map((s) => attr(s, 'water')));
    for (const water of ['Sông Bé', 'Sông Đồng Nai', 'Sông Sài Gòn', 'Hồ Thác Mơ', 'Hồ Cần Đơn', 'Hồ Srok Phu Miêng', 'Hồ Phước Hòa']) expect(waters).toContain(water);
  });

  it('places as many sources of each kind as the module profiles ask for', () => {
    const counts: Record<string, number> = {};
    for (const s of [...model.sources, ...model.units]) counts[`${s.sector}/${s.kind}`] = (counts[`${s.sector}/${s.kind}`] ?? 0) + 1;
    const expected: Record<string, number> = {};
    for (const m of SECTOR_MANIFESTS) {
      for (const [kind, sim] of Object.entries(m.simulator?.sources ?? {})) if (sim.count !== undefined) expected[`${m.id}/${kind}`] = sim.count;
    }
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(14);
    for (const [kind, count] of Object.entries(expected)) expect(counts[kind], kind).toBe(count);
    // Every kind a manifest declares is simulated.
    for (const m of SECTOR_MANIFESTS) for (const kind of Object.keys(m.sourceKinds)) expect(counts[`${m.id}/${kind}`], `${m.id}/${kind}`).toBeGreaterThan(0);
  });

  it('gives every commune a field-report inbox, every district a treasury, one-stop desk, document system and accommodation feed', () => {
    const inboxes = model.sources.filter((s) => s.kind === 'feedback-inbox');
    expect(new Set(inboxes.map((s) => s.regionId)).size).toBe(111);
    for (const s of inboxes) expect(model.profiles[s.id]).toMatchObject({ behaviour: 'feedback-inbox', ward: s.regionId });
    const districts = model.regions.filter((r) => r.properties.level === 'district').map((r) => r.properties.id).sort();
    for (const kind of ['treasury', 'one-stop-desk', 'document-system', 'accommodation']) {
      expect([...new Set(model.sources.filter((s) => s.kind === kind).map(districtOf))].sort(), kind).toEqual(districts);
    }
    for (const id of ['kb-tinh', 'mc-tinh', 'vb-tinh', 'reg-tinh', 'reg-khu-kinh-te']) expect(model.profiles[id], id).toBeDefined();
    expect(model.sources.find((s) => s.id === 'kb-tinh')?.name).toBe('Kho bạc Nhà nước Bình Phước');
    const gates = model.sources.filter((s) => s.kind === 'attraction-gate');
    expect(gates.map((s) => s.id)).toContain('gate-nui-ba-ra');
    expect(districtOf(gates.find((s) => s.id === 'gate-nui-ba-ra') as SourceDefinition)).toBe('bp-phuoc-long');
  });

  it('splits the profiles’ province-wide totals over the offices that book them', () => {
    const sum = (kind: string, key: string) => model.sources.filter((s) => s.kind === kind).reduce((n, s) => n + ((model.profiles[s.id] as unknown as Record<string, number>)[key] ?? 0), 0);
    expect(sum('treasury', 'revenueBnPerYear')).toBeCloseTo(12500, 6);
    expect(sum('one-stop-desk', 'dossiersPerWorkingDay')).toBeCloseTo(1000, 6);
    expect(sum('document-system', 'documentsOutPerWorkingDay')).toBeCloseTo(2000, 6);
    expect(sum('registration-office', 'fdiProjectsPerYear')).toBeCloseTo(40, 6);
    expect(sum('registration-office', 'enterprisesPerYear')).toBeCloseTo(1500, 6);
    expect(sum('feedback-inbox', 'reportsPerDay')).toBeCloseTo(PROVINCE_POPULATION / 10_000, 0);
    expect(populationOf('bp')).toBeCloseTo(PROVINCE_POPULATION, -2);
    expect(populationOf('bp-dong-xoai')).toBeGreaterThan(populationOf('bp-bu-dop'));
  });

  it('fits one registration request comfortably (the server parses JSON bodies up to a limit)', () => {
    expect(JSON.stringify({ sources: model.sources }).length).toBeLessThan(200_000);
  });
});

describe('response units', () => {
  const model = buildProvinceModel({ seed: 1 });

  it('places 41 units of the five forces in every district, each with a call sign and a cruise speed', () => {
    expect(model.units).toHaveLength(41);
    const byType: Record<string, number> = {};
    for (const u of model.units) byType[u.attributes!.unitType as string] = (byType[u.attributes!.unitType as string] ?? 0) + 1;
    expect(byType).toEqual({ police: 13, medical: 11, fire: 8, rescue: 6, environment: 3 });
    expect(new Set(model.units.map((u) => u.attributes!.callSign)).size).toBe(41);
    const districts = new Set(model.units.map((u) => model.regions.find((r) => r.properties.id === u.regionId)?.properties.parentId));
    expect(districts.size).toBe(11);
    for (const u of model.units) expect(Number(u.attributes!.cruiseKmh)).toBeGreaterThan(0);
  });
});
