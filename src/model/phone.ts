/**
 * Phone parsing: E.164 from a national number and an ISO country, and digit keys. This is
 * a deliberately small parser (no per-country numbering plans beyond NANP): it is used to
 * give numbers a comparable identity and a plausible `e164Phone`, not to validate them.
 */
import { CALLING_CODES, COUNTRY_CALLING_CODES, TRUNK_PREFIX_OVERRIDES } from './country-calling-codes.js';

/** Separators people type inside a number; anything else (letters, `x123`) is no number. */
const FORMATTED_NUMBER = /^[0-9\s().\-/]+$/;
/** E.164 allows at most 15 digits; fewer than 8 is rarely a full international number. */
const MIN_E164_DIGITS = 8;
const MAX_E164_DIGITS = 15;
/** NANP national numbers are always 10 digits (area code + 7). */
const NANP_NATIONAL_DIGITS = 10;

// The memo of `toE164`, primed with a pair whose answer is known (no number, no country).
let lastPhone = '';
let lastCountryCode: string | undefined;
let lastE164: string | undefined;

/**
 * The E.164 form (`+14155552671`) of `phone` in `countryCode` (ISO alpha-2), or undefined
 * when the two do not parse into a plausible number. A `phone` that already starts with `+`
 * is parsed on its own.
 *
 * @example
 * ```ts
 * toE164('(415) 555-2671', 'US'); // '+14155552671'
 * toE164('020 7946 0958', 'GB');  // '+442079460958'
 * ```
 */
export function toE164(phone: string, countryCode?: string): string | undefined {
  // One write parses the same primary phone up to three times (normal form, primary fields,
  // index keys); the function is pure, so the last answer is reused for the same arguments.
  if (phone === lastPhone && countryCode === lastCountryCode) return lastE164;
  const e164 = parseE164(phone, countryCode);
  lastPhone = phone;
  lastCountryCode = countryCode;
  lastE164 = e164;
  return e164;
}

function parseE164(phone: string, countryCode: string | undefined): string | undefined {
  const trimmed = phone.trim();
  if (trimmed.startsWith('+')) return parseInternational(trimmed.slice(1));
  if (countryCode === undefined || !FORMATTED_NUMBER.test(trimmed)) return undefined;
  const country = countryCode.toUpperCase();
  if (!Object.hasOwn(COUNTRY_CALLING_CODES, country)) return undefined;
  const callingCode = COUNTRY_CALLING_CODES[country] ?? '';
  const digits = onlyDigits(trimmed);
  const exitPrefix = callingCode === '1' ? '011' : '00';
  if (digits.startsWith(exitPrefix)) return parseDigits(digits.slice(exitPrefix.length));
  const national = stripTrunkPrefix(digits, trunkPrefixOf(country));
  if (national === undefined) return undefined;
  if (callingCode === '1' && national.length !== NANP_NATIONAL_DIGITS) return undefined;
  return plausible(callingCode + national);
}

/** The digits of a phone number, with a leading `+` kept if present. */
export function phoneDigits(phone: string): string {
  const trimmed = phone.trim();
  return (trimmed.startsWith('+') ? '+' : '') + onlyDigits(trimmed);
}

function onlyDigits(s: string): string {
  return s.replace(/[^0-9]/g, '');
}

function trunkPrefixOf(country: string): string {
  return Object.hasOwn(TRUNK_PREFIX_OVERRIDES, country) ? (TRUNK_PREFIX_OVERRIDES[country] ?? '0') : '0';
}

/** The national significant number, or undefined when a leading `0` cannot belong to it. */
function stripTrunkPrefix(digits: string, trunk: string): string | undefined {
  const national = trunk !== '' && digits.startsWith(trunk) ? digits.slice(trunk.length) : digits;
  // Where `0` is the trunk prefix, no national significant number starts with another 0.
  if (trunk !== '' && national.startsWith('0')) return undefined;
  return national;
}

function parseInternational(rest: string): string | undefined {
  if (!FORMATTED_NUMBER.test(rest)) return undefined;
  return parseDigits(onlyDigits(rest));
}

/** Digits after `+` (or an exit prefix): they must start with a calling code that exists. */
function parseDigits(digits: string): string | undefined {
  const code = callingCodeOf(digits);
  if (code === undefined) return undefined;
  if (code === '1' && digits.length !== 1 + NANP_NATIONAL_DIGITS) return undefined;
  return plausible(digits);
}

/** The shortest calling code (1 to 3 digits) that `digits` starts with. */
function callingCodeOf(digits: string): string | undefined {
  for (let n = 1; n <= 3; n++) {
    const code = digits.slice(0, n);
    if (CALLING_CODES.has(code)) return code;
  }
  return undefined;
}

function plausible(digits: string): string | undefined {
  const ok = digits.length >= MIN_E164_DIGITS && digits.length <= MAX_E164_DIGITS && !digits.startsWith('0');
  return ok ? `+${digits}` : undefined;
}
