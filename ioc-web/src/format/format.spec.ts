import { describe, expect, it } from 'vitest';
import { shortMetricName } from './metric-label';
import { columnFractionDigits, formatClockTime, formatDayMonth, formatShortDateTime, formatLongDate, formatNumber, formatReading, formatShortTime, fractionDigitsFor } from './format';

// 07:05:09 UTC is 14:05:09 in Bình Phước (UTC+7, no daylight saving).
const instant = new Date('2026-11-22T07:05:09Z');

describe('vi-VN formatters', () => {
  it('uses a dot for thousands and a comma for decimals', () => {
    expect(formatNumber(12345.67, 'vi-VN', 1)).toBe('12.345,7');
    expect(formatNumber(0.425, 'vi-VN')).toBe('0,43');
  });

  it('picks fewer decimals for larger values', () => {
    expect(fractionDigitsFor(0.4)).toBe(2);
    expect(fractionDigitsFor(35.6)).toBe(1);
    expect(fractionDigitsFor(-250)).toBe(0);
    expect(formatNumber(1234.4, 'vi-VN')).toBe('1.234');
  });

  it('keeps one fixed decimal in a column of measurements and none in a column of whole numbers', () => {
    const temperatures = [27, 9.46, 162.4];
    const digits = columnFractionDigits(temperatures);
    expect(temperatures.map((v) => formatReading(v, 'vi-VN', digits))).toEqual(['27,0', '9,5', '162,4']);
    expect(columnFractionDigits([99, 85, 102])).toBe(0);
    expect(formatReading(99, 'vi-VN', columnFractionDigits([99, 85]))).toBe('99');
  });

  it('shows times in Asia/Ho_Chi_Minh whatever the machine time zone', () => {
    expect(formatClockTime(instant, 'vi-VN')).toBe('14:05:09');
    expect(formatShortTime(instant, 'vi-VN')).toBe('14:05');
  });

  it('writes due dates and exact instants in the province’s time zone', () => {
    expect(formatDayMonth('2026-12-05T17:00:00.000Z', 'vi-VN')).toBe('06/12');
    expect(formatShortDateTime(instant, 'vi-VN')).toMatch(/^(22\/11\/2026,? 14:05:09|14:05:09,? 22\/11\/2026)$/);
  });

  it('writes the date the Vietnamese way', () => {
    expect(formatLongDate(instant, 'vi-VN')).toBe('Chủ Nhật, 22/11/2026');
  });

  it('switches to English conventions for lang=en', () => {
    expect(formatNumber(12345.67, 'en-GB', 1)).toBe('12,345.7');
    expect(formatLongDate(instant, 'en-GB')).toBe('Sunday, 22/11/2026');
  });
});

describe('shortMetricName', () => {
  it('keeps the parenthesised short form, or the whole name', () => {
    expect(shortMetricName('Chỉ số chất lượng không khí (VN_AQI)')).toBe('VN_AQI');
    expect(shortMetricName('Bụi mịn PM2.5')).toBe('Bụi mịn PM2.5');
  });
});
