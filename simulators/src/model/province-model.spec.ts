import { describe, expect, it } from 'vitest';
import { TOPIC_SEGMENT, type SourceDefinition } from '@ioc/sdk';
import { pointInPolygon } from '../geo/polygon.js';
import { buildProvinceModel } from './province-model.js';
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

  it('fits one registration request comfortably (the server parses JSON bodies up to a limit)', () => {
    expect(JSON.stringify({ sources: model.sources }).length).toBeLessThan(200_000);
  });
});
