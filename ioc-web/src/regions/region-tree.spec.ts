import { describe, expect, it } from 'vitest';
import type { RegionCollection } from '../api/types';
import { RegionTree } from './region-tree';

const feature = (id: string, parentId: string | null, level: 'province' | 'district' | 'commune', name: string, nameEn: string | null = null) => ({
  type: 'Feature' as const,
  properties: { id, parentId, level, name, nameEn, center: [0, 0] as [number, number] },
  geometry: null,
});

const collection: RegionCollection = {
  type: 'FeatureCollection',
  features: [
    feature('bp-bu-dang-minh-hung', 'bp-bu-dang', 'commune', 'Xã Minh Hưng'),
    feature('bp', null, 'province', 'Tỉnh Bình Phước', 'Binh Phuoc Province'),
    feature('bp-dong-xoai', 'bp', 'district', 'Thành phố Đồng Xoài', 'Dong Xoai City'),
    feature('bp-bu-dang', 'bp', 'district', 'Huyện Bù Đăng', 'Bu Dang District'),
    feature('bp-bu-dang-bom-bo', 'bp-bu-dang', 'commune', 'Xã Bom Bo'),
  ],
};

describe('RegionTree', () => {
  const tree = RegionTree.fromCollection(collection);

  it('finds the province as root and lists children in Vietnamese order', () => {
    expect(tree.root?.id).toBe('bp');
    expect(tree.children('bp').map((n) => n.id)).toEqual(['bp-bu-dang', 'bp-dong-xoai']);
    expect(tree.children('bp-bu-dang').map((n) => n.name.vi)).toEqual(['Xã Bom Bo', 'Xã Minh Hưng']);
  });

  it('keeps English names and falls back to the Vietnamese one', () => {
    expect(tree.get('bp-bu-dang')?.name).toEqual({ vi: 'Huyện Bù Đăng', en: 'Bu Dang District' });
    expect(tree.get('bp-bu-dang-bom-bo')?.name.en).toBe('Xã Bom Bo');
  });

  it('walks paths, ancestors and descendants of a level', () => {
    expect(tree.path('bp-bu-dang-bom-bo').map((n) => n.id)).toEqual(['bp', 'bp-bu-dang', 'bp-bu-dang-bom-bo']);
    expect(tree.ancestorAt('bp-bu-dang-bom-bo', 'district')?.id).toBe('bp-bu-dang');
    expect(tree.ancestorAt('bp', 'district')).toBeUndefined();
    expect(tree.descendantsAt('bp', 'commune').map((n) => n.id)).toEqual(['bp-bu-dang-bom-bo', 'bp-bu-dang-minh-hung']);
    expect(tree.descendantsAt('bp-bu-dang-bom-bo', 'commune').map((n) => n.id)).toEqual(['bp-bu-dang-bom-bo']);
    expect(tree.descendantsAt('bp-bu-dang-bom-bo', 'district')).toEqual([]);
  });
});
