const char = String.fromCharCode;
/** Character codes of the tens and the ones of a number below 100. */
const tens = (n: number) => 48 + ((n / 10) | 0);
const ones = (n: number) => 48 + (n % 10);

/**
 * `date.toISOString()`, about five times as fast: V8 formats ISO dates in C++ behind a runtime
 * call (≈ 2 µs each), and the inbox's first page formats 150 of them (each chat's time twice,
 * its last message's once). The 24 characters are made in one string from their codes, not
 * joined from a dozen pieces (a rope of a dozen strings per date, which the GC then collected).
 * Years outside 0–9999 (written ±YYYYYY) and invalid dates, which throw, are left to toISOString.
 */
export function isoString(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return date.toISOString();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  const hours = date.getUTCHours();
  const minutes = date.getUTCMinutes();
  const seconds = date.getUTCSeconds();
  const ms = date.getUTCMilliseconds();
  const century = (year / 100) | 0;
  const yearOfCentury = year % 100;
  const tenths = (ms / 100) | 0;
  const msOfTenth = ms % 100;
  // YYYY-MM-DDTHH:mm:ss.sssZ
  return char(
    tens(century), ones(century), tens(yearOfCentury), ones(yearOfCentury), 45,
    tens(month), ones(month), 45, tens(day), ones(day), 84,
    tens(hours), ones(hours), 58, tens(minutes), ones(minutes), 58, tens(seconds), ones(seconds), 46,
    48 + tenths, tens(msOfTenth), ones(msOfTenth), 90,
  );
}
