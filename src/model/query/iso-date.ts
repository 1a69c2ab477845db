/**
 * Strict parsing of the date strings a filter may carry. `Date.parse` is not used: it rolls
 * `2020-02-30` over to March and reads a zoneless date-time in the host's time zone, so the
 * page and the server would disagree.
 */

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1] ?? 0;
}

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** True for a real calendar date written `YYYY-MM-DD` (e.g. a birthdate). */
export function isLocalDate(s: string): boolean {
  const m = LOCAL_DATE.exec(s);
  return m !== null && validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Minutes east of UTC of a `Z` / `+hh:mm` / `-hh:mm` suffix, or undefined when out of range. */
function offsetMinutes(zone: string): number | undefined {
  if (zone === 'Z') return 0;
  const h = Number(zone.slice(1, 3));
  const min = Number(zone.slice(4, 6));
  if (h > 23 || min > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (h * 60 + min);
}

function utcDate(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): Date {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0..99 to 1900..1999.
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date;
}

/**
 * The instant of an ISO-8601 string: `YYYY-MM-DD` (UTC midnight) or
 * `YYYY-MM-DDThh:mm[:ss[.fff]]` with `Z` or an offset; undefined for anything else.
 */
export function parseIsoDateTime(s: string): Date | undefined {
  if (isLocalDate(s)) return utcDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)), 0, 0, 0, 0);
  const m = DATE_TIME.exec(s);
  if (m === null) return undefined;
  const n = (i: number): number => Number(m[i] ?? '0');
  const [y, mo, d, h, mi, sec] = [n(1), n(2), n(3), n(4), n(5), n(6)];
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const off = offsetMinutes(m[8] ?? 'Z');
  if (off === undefined || !validDay(y, mo, d) || h > 23 || mi > 59 || sec > 59) return undefined;
  const date = utcDate(y, mo, d, h, mi, sec, ms);
  return new Date(date.getTime() - off * 60_000);
}
