import { describe, expect, it } from 'vitest';
import { hrefInLang } from './LanguageSwitch';

describe('hrefInLang', () => {
  it('keeps the page and its other parameters, Vietnamese without a parameter', () => {
    expect(hrefInLang('en', { pathname: '/wall/province', search: '?screen=1', hash: '' })).toBe('/wall/province?screen=1&lang=en');
    expect(hrefInLang('vi', { pathname: '/oc/health', search: '?lang=en&region=bp-dong-xoai', hash: '#x' })).toBe('/oc/health?region=bp-dong-xoai#x');
  });
});
