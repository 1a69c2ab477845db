/**
 * Normalised identities of list items, used where two items must be recognised as "the same"
 * without an `_id`: the merge matches items across devices with them, and duplicate
 * detection compares contacts with them.
 */
import type { Address, ContactPhone } from './contact.js';
import { phoneDigits, toE164 } from './phone.js';

/**
 * An email's identity: trimmed and lower-cased.
 *
 * @example
 * ```ts
 * emailKey(' Ann@Example.COM '); // 'ann@example.com'
 * ```
 */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A phone's identity: its E.164 form where `countryCode` + `phone` parse, else its digits.
 * A number without any digit keeps its trimmed, lower-cased text, so two such numbers are
 * not taken for the same one.
 *
 * @example
 * ```ts
 * phoneKey({ phone: '(415) 555-2671', countryCode: 'US' }); // '+14155552671'
 * phoneKey({ phone: '555-2671' });                          // '5552671'
 * ```
 */
export function phoneKey(phone: Pick<ContactPhone, 'phone' | 'countryCode'>): string {
  const e164 = toE164(phone.phone, phone.countryCode);
  if (e164 !== undefined) return e164;
  const digits = phoneDigits(phone.phone);
  return digits === '' || digits === '+' ? phone.phone.trim().toLowerCase() : digits;
}

/** Fields that say where an address is; `formatted` and `location` are derived from them. */
const ADDRESS_PARTS: readonly ((a: Address) => string | undefined)[] = [
  (a) => a.streetAddress?.number, (a) => a.streetAddress?.name, (a) => a.addressLine1,
  (a) => a.addressLine2, (a) => a.city, (a) => a.subdivision, (a) => a.country, (a) => a.postalCode,
];

/**
 * An address's identity: its normalised fields (trimmed, lower-cased, blanks dropped)
 * joined. `formatted` counts only when nothing else is set, because a server may generate
 * it from the other fields and the same address must keep the same key.
 *
 * @example
 * ```ts
 * addressKey({ city: ' Paris ', country: 'FR' }) === addressKey({ city: 'paris', country: 'fr' }); // true
 * ```
 */
export function addressKey(address: Address | undefined): string {
  if (address === undefined) return '';
  const parts = ADDRESS_PARTS.map((read, i) => `${i}=${clean(read(address))}`).filter((p) => !p.endsWith('='));
  if (parts.length === 0) {
    const formatted = clean(address.formatted);
    return formatted === '' ? '' : `f=${formatted}`;
  }
  return parts.join('\u001f');
}

function clean(s: string | undefined): string {
  return (s ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}
