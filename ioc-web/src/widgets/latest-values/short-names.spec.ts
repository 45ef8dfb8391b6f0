import { describe, expect, it } from 'vitest';
import { shortNames } from './short-names';

describe('shortNames', () => {
  it('drops the words all names share and capitalises the rest', () => {
    const names = ['Trạm quan trắc không khí trung tâm Đồng Xoài', 'Trạm quan trắc không khí KCN Minh Hưng'];
    expect([...shortNames(names).values()]).toEqual(['Trung tâm Đồng Xoài', 'KCN Minh Hưng']);
  });

  it('keeps at least two words, so place names stay whole', () => {
    const names = ['Trạm Lộc Ninh', 'Trạm Lộc Ninh 2'];
    expect([...shortNames(names).values()]).toEqual(['Lộc Ninh', 'Lộc Ninh 2']);
  });

  it('leaves a single name whole', () => {
    expect(shortNames(['Trạm quan trắc Bù Đăng']).get('Trạm quan trắc Bù Đăng')).toBe('Trạm quan trắc Bù Đăng');
  });
});
