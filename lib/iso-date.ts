const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const pad3 = (n: number) => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

/**
 * `date.toISOString()`, about three times as fast: V8 formats ISO dates in C++ behind a runtime
 * call (≈ 2 µs each), and the inbox's first page formats 150 of them (each chat's time twice,
 * its last message's once). Years outside 0–9999 (written ±YYYYYY) and invalid dates, which
 * throw, are left to toISOString.
 */
export function isoString(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return date.toISOString();
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}T${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}.${pad3(date.getUTCMilliseconds())}Z`;
}
