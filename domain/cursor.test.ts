import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('keyset cursors', () => {
  const legacy = (at: Date, id: string) => Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');

  it('are the same bytes JSON.stringify would have written, for uuids and for any other id', () => {
    const ids = ['00000000-0000-4000-b000-000000000001', 'f47ac10b-58cc-4372-a567-0e02b2c3d479', 'plain_id-42', 'with "quotes"', 'ünïcödé', 'line\nbreak', ''];
    const times = [0, Date.UTC(2026, 10, 30, 17, 5, 7, 30), Date.UTC(999, 0, 1), -1];
    for (const id of ids) {
      for (const time of times) {
        const at = new Date(time);
        expect(encodeCursor(at, id)).toBe(legacy(at, id));
        expect(decodeCursor(encodeCursor(at, id))).toEqual({ at, id });
      }
    }
  });
});
