import { describe, expect, it } from 'vitest';
import { regionLabel } from './region-label';

describe('regionLabel', () => {
  it.each([
    ['Thành phố Đồng Xoài', 'Đồng Xoài'],
    ['Thị xã Bình Long', 'Bình Long'],
    ['Huyện Bù Gia Mập', 'Bù Gia Mập'],
    ['Dong Xoai City', 'Dong Xoai'],
    ['Lộc Ninh', 'Lộc Ninh'],
    ['Tỉnh Bình Phước', 'Bình Phước'],
    ['Binh Phuoc Province', 'Binh Phuoc'],
    ['Huyện', 'Huyện'],
  ])('%s → %s', (name, label) => {
    expect(regionLabel(name)).toBe(label);
  });
});
