/** Two decimal digits of `text` from `at` as a number, or -1 if either is not a digit. */
function two(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >>> 0 > 9 || ones >>> 0 > 9 ? -1 : tens * 10 + ones;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (year: number, month: number) => (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : DAYS[month - 1]);

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/**
 * A `timestamp with time zone` as PostgreSQL writes it (`2026-11-30 16:57:47.123456+00`, the
 * offset `±HH` or `±HH:MM`) → the Date drizzle's decoder makes of it with `new Date(text)`, read
 * from the fixed positions instead: V8 has no fast path for this format (it is not ISO: a space,
 * a short offset) and its fallback parser took about 1 µs a date, a page of the inbox decoding
 * 330. Like V8's parser, digits past the milliseconds are dropped. Anything else (years before
 * 1000 or after 9999, BC, infinity, a day or time out of range) is left to `new Date(text)`.
 */
export function parseTimestamptz(text: string): Date {
  const length = text.length;
  if (length < 22 || length > 32) return new Date(text);
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return new Date(text);
  const century = two(text, 0);
  const yearOfCentury = two(text, 2);
  const year = century < 10 || yearOfCentury < 0 ? -1 : century * 100 + yearOfCentury;
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = two(text, 17);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return new Date(text);
  let at = 19;
  let ms = 0;
  if (text.charCodeAt(at) === 46) {
    let count = 0;
    while (count < 6 && at + 1 + count < length) {
      const digit = text.charCodeAt(at + 1 + count) - 48;
      if (digit < 0 || digit > 9) break;
      if (count < 3) ms = ms * 10 + digit;
      count++;
    }
    if (count === 0) return new Date(text);
    for (let i = count; i < 3; i++) ms *= 10;
    at += 1 + count;
  }
  const sign = text.charCodeAt(at);
  if (sign !== 43 && sign !== 45) return new Date(text);
  const offsetHours = two(text, at + 1);
  let offsetMinutes = 0;
  if (length === at + 6 && text.charCodeAt(at + 3) === 58) offsetMinutes = two(text, at + 4);
  else if (length !== at + 3) return new Date(text);
  if (offsetHours < 0 || offsetHours > 15 || offsetMinutes < 0 || offsetMinutes > 59) return new Date(text);
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  const local = daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
  return new Date(sign === 43 ? local - offset : local + offset);
}
