import { describe, expect, it } from 'vitest';
import { parseTimestamptz } from './timestamptz';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `time` written the way PostgreSQL writes a timestamptz in a session whose offset is `offsetMinutes`. */
function asPostgresWrites(time: number, offsetMinutes: number, micros: number, fractionDigits: number): string {
  const local = new Date(time + offsetMinutes * 60_000);
  const fraction = fractionDigits === 0 ? '' : '.' + String(local.getUTCMilliseconds() * 1000 + micros).padStart(6, '0').slice(0, fractionDigits);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${pad(Math.floor(abs / 60))}${abs % 60 ? ':' + pad(abs % 60) : ''}`;
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction}${offset}`;
}

const same = (text: string) => expect(parseTimestamptz(text).getTime(), text).toEqual(new Date(text).getTime());

describe('parseTimestamptz', () => {
  it('reads every timestamp PostgreSQL writes exactly as new Date does (drizzle’s decoder)', () => {
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const offsets = [0, 60, -180, -210, 330, 345, 840, -720, 120];
    const from = Date.UTC(1000, 0, 1);
    const to = Date.UTC(9999, 11, 31);
    const edges = [Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2024, 1, 29), Date.UTC(1900, 1, 28, 12), Date.UTC(2026, 11, 31, 23, 59, 59, 999), Date.UTC(1970, 0, 1), Date.now()];
    const times = [...edges, ...Array.from({ length: 6000 }, () => Math.floor(from + random() * (to - from))), ...Array.from({ length: 3000 }, () => Math.floor(Date.now() - random() * 1e10))];
    for (const [i, time] of times.entries()) {
      same(asPostgresWrites(time, offsets[i % offsets.length], Math.floor(random() * 1000), i % 7));
    }
  });

  it('leaves anything else to new Date, with its answer', () => {
    for (const text of [
      'infinity', '-infinity', '0099-01-01 00:00:00+00', '0999-12-31 23:59:59+00', '10000-01-01 00:00:00+00', '2026-11-30 16:57:47 BC',
      '2026-11-30 16:57:47+00 BC', '2026-02-30 10:00:00+00', '2026-11-30 24:00:00+00', '2026-11-30 16:57:60+00', '2026-11-30 16:57:47.+00',
      '2026-11-30 16:57:47.1234567+00', '2026-11-30 16:57:47+00:00:12', '2026-11-30 16:57:47+16', '2026-11-30 16:57:47+0530', '2026-11-30T16:57:47+00',
      '2026-11-30 16:57:47Z', '2026-13-01 00:00:00+00', '2026-11-3a 16:57:47+00', '', 'not a date at all, but long enough',
    ]) {
      const parsed = parseTimestamptz(text);
      if (Number.isNaN(new Date(text).getTime())) expect(parsed.getTime(), text).toBeNaN();
      else same(text);
    }
  });
});
