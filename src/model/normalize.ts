/**
 * Normalisation: what the server does to every info it stores, done locally too so that an
 * offline read looks like the server's answer.
 *
 * Every write runs this, so outputs are built by assignment in their key order (the stored
 * shape, key order included, is part of the contract) rather than by spreading temporaries.
 */
import type {
  Address, Contact, ContactAddress, ContactEmail, ContactInfo, ContactName, ContactPhone,
  ExtendedFieldValue, PrimaryContactInfo, PrimaryEmail, PrimaryPhone, StreetAddress,
} from './contact.js';
import { emailKey, phoneKey } from './identity.js';
import { DERIVED_EXTENDED_FIELD_KEYS } from './limits.js';
import { toE164 } from './phone.js';
import { setOwn } from './plain-object.js';

const [DISPLAY_BY_FIRST, DISPLAY_BY_LAST] = DERIVED_EXTENDED_FIELD_KEYS;
const DERIVED_KEYS: ReadonlySet<string> = /* @__PURE__ */ new Set(DERIVED_EXTENDED_FIELD_KEYS);
const TEXT_FIELDS = ['company', 'jobTitle', 'birthdate', 'locale'] as const;

/**
 * Returns the normal form of a validated info: missing tags become `UNTAGGED`; in a
 * non-empty email or phone list exactly one item is `primary: true` (the first one when none
 * is) and the others `primary: false`; `e164Phone` is computed where it parses; the
 * `contacts.displayByFirstName`/`displayByLastName` extended fields are derived from the
 * name; empty strings, empty wrappers and empty name objects are dropped. Pure and
 * idempotent. Item `_id`s are kept as they are (assigning them is the server's job).
 * Blank (whitespace-only) strings count as empty; duplicate label keys and locations are
 * dropped (they are sets).
 *
 * @example
 * ```ts
 * normalizeInfo({ name: { first: 'Ann', last: '' }, emails: { items: [{ email: 'a@b.co' }] } });
 * // { name: { first: 'Ann' }, emails: { items: [{ tag: 'UNTAGGED', email: 'a@b.co', primary: true }] },
 * //   extendedFields: { items: { 'contacts.displayByFirstName': 'Ann', 'contacts.displayByLastName': 'Ann' } } }
 * ```
 */
export function normalizeInfo(info: ContactInfo): ContactInfo {
  const out: ContactInfo = {};
  const name = normalizeName(info.name);
  if (name) out.name = name;
  const emails = normalizeEmails(info.emails?.items);
  if (emails.length > 0) out.emails = { items: emails };
  const phones = normalizePhones(info.phones?.items);
  if (phones.length > 0) out.phones = { items: phones };
  const addresses = normalizeAddresses(info.addresses?.items);
  if (addresses.length > 0) out.addresses = { items: addresses };
  for (const field of TEXT_FIELDS) {
    const value = info[field];
    if (value !== undefined && !isBlank(value)) out[field] = value;
  }
  const labels = uniqueNonBlank(info.labelKeys?.items);
  if (labels.length > 0) out.labelKeys = { items: labels };
  const extended = normalizeExtendedFields(info.extendedFields?.items, name);
  if (extended) out.extendedFields = { items: extended };
  const image = info.picture?.image;
  if (image !== undefined && !isBlank(image)) out.picture = { image };
  const locations = uniqueNonBlank(info.locations?.items);
  if (locations.length > 0) out.locations = { items: locations };
  return out;
}

/**
 * The read-only fields derived from a normalised info: `primaryInfo`, `primaryEmail` and
 * `primaryPhone` with their default statuses. Statuses are carried over from `previous`
 * when its primary email (or phone) is still the primary one. `primaryInfo` is always
 * present (empty without email and phone); `primaryEmail`/`primaryPhone` only when there
 * is a primary email/phone.
 */
export function derivePrimaryFields(
  info: ContactInfo,
  previous?: Pick<Contact, 'primaryEmail' | 'primaryPhone'>,
): Pick<Contact, 'primaryInfo' | 'primaryEmail' | 'primaryPhone'> {
  const email = primaryItem(info.emails?.items);
  const phone = primaryItem(info.phones?.items);
  const primaryInfo: PrimaryContactInfo = {};
  if (email) primaryInfo.email = email.email;
  if (phone) primaryInfo.phone = phone.phone;
  const result: Pick<Contact, 'primaryInfo' | 'primaryEmail' | 'primaryPhone'> = { primaryInfo };
  if (email) result.primaryEmail = primaryEmailOf(email, previous?.primaryEmail);
  if (phone) result.primaryPhone = primaryPhoneOf(phone, previous?.primaryPhone);
  return result;
}

function primaryEmailOf(email: ContactEmail, previous: PrimaryEmail | undefined): PrimaryEmail {
  // Equal strings have equal keys: the common case (an update that keeps the email) skips both.
  const same = previous?.email !== undefined
    && (previous.email === email.email || emailKey(previous.email) === emailKey(email.email));
  return {
    email: email.email,
    subscriptionStatus: same ? previous.subscriptionStatus : 'NOT_SET',
    deliverabilityStatus: same ? previous.deliverabilityStatus : 'NOT_SET',
  };
}

function primaryPhoneOf(phone: ContactPhone, previous: PrimaryPhone | undefined): PrimaryPhone {
  const e164 = toE164(phone.phone, phone.countryCode);
  // `phoneKey` depends on the phone and its country code only: unchanged ones skip the parsing.
  const same = previous?.phone !== undefined
    && ((previous.phone === phone.phone && previous.countryCode === phone.countryCode)
      || phoneKey(previous.countryCode === undefined ? { phone: previous.phone } : { phone: previous.phone, countryCode: previous.countryCode }) === phoneKey(phone));
  const out: Partial<PrimaryPhone> = {};
  if (phone.countryCode !== undefined) out.countryCode = phone.countryCode;
  if (e164 !== undefined) out.e164Phone = e164;
  out.phone = phone.phone;
  out.subscriptionStatus = same ? previous.subscriptionStatus : e164 === undefined ? 'NO_SUBSCRIPTION_STATUS' : 'NOT_SET';
  return out as PrimaryPhone;
}

/** The item flagged primary, else the first one. */
function primaryItem<T extends { primary?: boolean }>(items: readonly T[] | undefined): T | undefined {
  if (items === undefined) return undefined;
  for (const item of items) if (item.primary === true) return item;
  return items[0];
}

/** The position of `primaryItem` in `items` (0 when none is flagged). */
function primaryIndex(items: readonly { primary?: boolean }[]): number {
  for (let i = 0; i < items.length; i++) if (items[i]?.primary === true) return i;
  return 0;
}

function normalizeName(name: ContactName | undefined): ContactName | undefined {
  if (!name) return undefined;
  const { first, last } = name;
  const out: ContactName = {};
  if (first !== undefined && !isBlank(first)) out.first = first;
  if (last !== undefined && !isBlank(last)) out.last = last;
  return out.first === undefined && out.last === undefined ? undefined : out;
}

/** Non-blank emails, tagged, with exactly one `primary: true`. */
function normalizeEmails(items: readonly ContactEmail[] | undefined): ContactEmail[] {
  const kept = (items ?? []).filter((e) => !isBlank(e.email));
  const chosen = primaryIndex(kept);
  return kept.map((e, i) => normalizeEmail(e, i === chosen));
}

function normalizeEmail(e: ContactEmail, primary: boolean): ContactEmail {
  const out: Partial<ContactEmail> = {};
  if (e._id !== undefined) out._id = e._id;
  out.tag = e.tag ?? 'UNTAGGED';
  out.email = e.email;
  out.primary = primary;
  return out as ContactEmail;
}

/** Non-blank phones, tagged, with `e164Phone` computed and exactly one `primary: true`. */
function normalizePhones(items: readonly ContactPhone[] | undefined): ContactPhone[] {
  const kept = (items ?? []).filter((p) => !isBlank(p.phone));
  const chosen = primaryIndex(kept);
  return kept.map((p, i) => normalizePhone(p, i === chosen));
}

function normalizePhone(p: ContactPhone, primary: boolean): ContactPhone {
  const countryCode = isBlank(p.countryCode) ? undefined : p.countryCode;
  const e164 = toE164(p.phone, countryCode);
  const out: Partial<ContactPhone> = {};
  if (p._id !== undefined) out._id = p._id;
  out.tag = p.tag ?? 'UNTAGGED';
  if (countryCode !== undefined) out.countryCode = countryCode;
  out.phone = p.phone;
  if (e164 !== undefined) out.e164Phone = e164;
  out.primary = primary;
  return out as ContactPhone;
}

function normalizeAddresses(items: readonly ContactAddress[] | undefined): ContactAddress[] {
  const out: ContactAddress[] = [];
  for (const item of items ?? []) {
    const address = normalizeAddress(item.address);
    if (address === undefined) continue;
    const normalized: ContactAddress = {};
    if (item._id !== undefined) normalized._id = item._id;
    normalized.tag = item.tag ?? 'UNTAGGED';
    normalized.address = address;
    out.push(normalized);
  }
  return out;
}

const ADDRESS_TEXT = ['addressLine1', 'addressLine2', 'city', 'subdivision', 'country', 'postalCode', 'formatted'] as const;

function normalizeAddress(a: Address | undefined): Address | undefined {
  if (!a) return undefined;
  const out: Address = {};
  let empty = true;
  const street = a.streetAddress;
  const number = isBlank(street?.number) ? undefined : street?.number;
  const streetName = isBlank(street?.name) ? undefined : street?.name;
  if (number !== undefined || streetName !== undefined) {
    const streetAddress: StreetAddress = {};
    if (number !== undefined) streetAddress.number = number;
    if (streetName !== undefined) streetAddress.name = streetName;
    out.streetAddress = streetAddress;
    empty = false;
  }
  for (const field of ADDRESS_TEXT) {
    const value = a[field];
    if (value !== undefined && !isBlank(value)) {
      out[field] = value;
      empty = false;
    }
  }
  const latitude = a.location?.latitude;
  const longitude = a.location?.longitude;
  if (latitude !== undefined || longitude !== undefined) {
    out.location = {};
    if (latitude !== undefined) out.location.latitude = latitude;
    if (longitude !== undefined) out.location.longitude = longitude;
    empty = false;
  }
  return empty ? undefined : out;
}

function normalizeExtendedFields(
  items: Record<string, ExtendedFieldValue> | undefined, name: ContactName | undefined,
): Record<string, ExtendedFieldValue> | undefined {
  const out: Record<string, ExtendedFieldValue> = {};
  let empty = true;
  if (items !== undefined) {
    for (const key of Object.keys(items)) {
      const value = items[key];
      if (value === undefined || DERIVED_KEYS.has(key) || (typeof value === 'string' && isBlank(value))) continue;
      setOwn(out, key, value);
      empty = false;
    }
  }
  if (name && DISPLAY_BY_FIRST && DISPLAY_BY_LAST) {
    setOwn(out, DISPLAY_BY_FIRST, joinName(name.first, name.last));
    setOwn(out, DISPLAY_BY_LAST, joinName(name.last, name.first));
    empty = false;
  }
  return empty ? undefined : out;
}

/** The non-blank parts, trimmed, joined by one space. */
function joinName(a: string | undefined, b: string | undefined): string {
  const first = a === undefined ? '' : a.trim();
  const second = b === undefined ? '' : b.trim();
  if (first === '') return second;
  return second === '' ? first : `${first} ${second}`;
}

function uniqueNonBlank(items: readonly string[] | undefined): string[] {
  if (items === undefined || items.length === 0) return [];
  const seen = new Set<string>();
  for (const s of items) if (!isBlank(s)) seen.add(s);
  return [...seen];
}

function isBlank(s: string | undefined): boolean {
  return s === undefined || s.trim() === '';
}

