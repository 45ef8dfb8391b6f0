import { describe, expect, it } from 'vitest';
import { messageSets } from './catalog';

describe('message catalog', () => {
  it('has no key defined by two message sets, and every key in both languages', () => {
    const seen = new Map<string, number>();
    messageSets.forEach((set, index) => {
      for (const key of Object.keys(set.vi)) {
        expect(seen.has(key), `"${key}" is defined by sets ${seen.get(key)} and ${index}`).toBe(false);
        seen.set(key, index);
        expect((set.en as Record<string, string>)[key], `"${key}" has no English text`).toBeTruthy();
      }
    });
  });
});
