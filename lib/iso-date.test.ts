import { describe, expect, it } from 'vitest';
import { isoString } from './iso-date';

describe('isoString', () => {
  it('writes every date exactly as toISOString does', () => {
    const edges = [
      0, -1, 1, 951782400000 /* 2000-02-29 */, 253402300799999 /* 9999-12-31T23:59:59.999Z */, 253402300800000, -62167219200000 /* year 0 */,
      -62167219200001, -30610224000000 /* year 1000 */, -30610224000001, 8.64e15, -8.64e15, Date.UTC(2026, 10, 30, 9, 5, 7, 30),
    ];
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647 - 0.5) * 2 * 8.64e15;
    const times = [...edges, ...Array.from({ length: 5000 }, () => Math.round(random())), ...Array.from({ length: 5000 }, () => Math.round(Date.now() + random() / 1e5))];
    for (const time of times) {
      const date = new Date(time);
      expect(isoString(date), String(time)).toBe(date.toISOString());
    }
  });

  it('refuses an invalid date like toISOString', () => {
    expect(() => isoString(new Date(NaN))).toThrow(RangeError);
  });
});
