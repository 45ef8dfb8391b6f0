import { describe, expect, it } from 'vitest';
import { clockParts } from './clock-parts';

describe('clockParts', () => {
  it('shows the province time whatever the viewer machine says', () => {
    // 17:05:09 UTC is 00:05:09 the next day in Vietnam (UTC+7).
    expect(clockParts(Date.parse('2026-12-03T17:05:09Z'), 'vi-VN')).toEqual({ weekday: 'Thứ Sáu', date: '04/12/2026', time: '00:05:09' });
    expect(clockParts(Date.parse('2026-12-03T17:05:09Z'), 'en-GB', false)).toEqual({ weekday: 'Friday', date: '04/12/2026', time: '00:05' });
  });

  it('names Sunday as Vietnamese calendars do', () => {
    expect(clockParts(Date.parse('2026-12-06T03:00:00Z'), 'vi-VN').weekday).toBe('Chủ Nhật');
  });
});
