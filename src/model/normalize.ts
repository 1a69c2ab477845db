/**
 * Normalisation: what the server does to every info it stores, done locally too so that an
 * offline read looks like the server's answer.
 */
import type {
  Address, Contact, ContactAddress, ContactEmail, ContactInfo, ContactName, ContactPhone,
  ExtendedFieldValue, PrimaryEmail, PrimaryPhone,
} from './contact.js';
import { emailKey, phoneKey } from './identity.js';
import { DERIVED_EXTENDED_FIELD_KEYS } from './limits.js';
import { toE164 } from './phone.js';
import { optional, setOwn } from './plain-object.js';

const [DISPLAY_BY_FIRST, DISPLAY_BY_LAST] = DERIVED_EXTENDED_FIELD_KEYS;
const DERIVED_KEYS: ReadonlySet<string> = new Set(DERIVED_EXTENDED_FIELD_KEYS);
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
  const emails = withOnePrimary((info.emails?.items ?? []).filter((e) => !isBlank(e.email)).map(normalizeEmail));
  if (emails.length > 0) out.emails = { items: emails };
  const phones = withOnePrimary((info.phones?.items ?? []).filter((p) => !isBlank(p.phone)).map(normalizePhone));
  if (phones.length > 0) out.phones = { items: phones };
  const addresses = (info.addresses?.items ?? []).flatMap(normalizeAddressItem);
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
  const result: Pick<Contact, 'primaryInfo' | 'primaryEmail' | 'primaryPhone'> = {
    primaryInfo: {
      ...(email ? { email: email.email } : {}),
      ...(phone ? { phone: phone.phone } : {}),
    },
  };
  if (email) result.primaryEmail = primaryEmailOf(email, previous?.primaryEmail);
  if (phone) result.primaryPhone = primaryPhoneOf(phone, previous?.primaryPhone);
  return result;
}

function primaryEmailOf(email: ContactEmail, previous: PrimaryEmail | undefined): PrimaryEmail {
  const same = previous?.email !== undefined && emailKey(previous.email) === emailKey(email.email);
  return {
    email: email.email,
    subscriptionStatus: same ? previous.subscriptionStatus : 'NOT_SET',
    deliverabilityStatus: same ? previous.deliverabilityStatus : 'NOT_SET',
  };
}

function primaryPhoneOf(phone: ContactPhone, previous: PrimaryPhone | undefined): PrimaryPhone {
  const e164 = toE164(phone.phone, phone.countryCode);
  const same = previous?.phone !== undefined
    && phoneKey({ phone: previous.phone, ...optional('countryCode', previous.countryCode) }) === phoneKey(phone);
  return {
    ...optional('countryCode', phone.countryCode),
    ...optional('e164Phone', e164),
    phone: phone.phone,
    subscriptionStatus: same ? previous.subscriptionStatus : e164 === undefined ? 'NO_SUBSCRIPTION_STATUS' : 'NOT_SET',
  };
}

/** The item flagged primary, else the first one. */
function primaryItem<T extends { primary?: boolean }>(items: readonly T[] | undefined): T | undefined {
  return items?.find((i) => i.primary === true) ?? items?.[0];
}

function withOnePrimary<T extends { primary?: boolean }>(items: T[]): T[] {
  const chosen = primaryItem(items);
  return items.map((item) => ({ ...item, primary: item === chosen }));
}

function normalizeName(name: ContactName | undefined): ContactName | undefined {
  if (!name) return undefined;
  const out: ContactName = {
    ...(isBlank(name.first) ? {} : optional('first', name.first)),
    ...(isBlank(name.last) ? {} : optional('last', name.last)),
  };
  return out.first === undefined && out.last === undefined ? undefined : out;
}

function normalizeEmail(e: ContactEmail): ContactEmail {
  return { ...optional('_id', e._id), tag: e.tag ?? 'UNTAGGED', email: e.email, ...optional('primary', e.primary) };
}

function normalizePhone(p: ContactPhone): ContactPhone {
  const countryCode = isBlank(p.countryCode) ? undefined : p.countryCode;
  return {
    ...optional('_id', p._id), tag: p.tag ?? 'UNTAGGED', ...optional('countryCode', countryCode),
    phone: p.phone, ...optional('e164Phone', toE164(p.phone, countryCode)), ...optional('primary', p.primary),
  };
}

function normalizeAddressItem(item: ContactAddress): ContactAddress[] {
  const address = normalizeAddress(item.address);
  return address ? [{ ...optional('_id', item._id), tag: item.tag ?? 'UNTAGGED', address }] : [];
}

const ADDRESS_TEXT = ['addressLine1', 'addressLine2', 'city', 'subdivision', 'country', 'postalCode', 'formatted'] as const;

function normalizeAddress(a: Address | undefined): Address | undefined {
  if (!a) return undefined;
  const out: Address = {};
  const street = a.streetAddress;
  const number = isBlank(street?.number) ? undefined : street?.number;
  const streetName = isBlank(street?.name) ? undefined : street?.name;
  if (number !== undefined || streetName !== undefined) {
    out.streetAddress = { ...optional('number', number), ...optional('name', streetName) };
  }
  for (const field of ADDRESS_TEXT) {
    const value = a[field];
    if (value !== undefined && !isBlank(value)) out[field] = value;
  }
  const { latitude, longitude } = a.location ?? {};
  if (latitude !== undefined || longitude !== undefined) {
    out.location = { ...optional('latitude', latitude), ...optional('longitude', longitude) };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function normalizeExtendedFields(
  items: Record<string, ExtendedFieldValue> | undefined, name: ContactName | undefined,
): Record<string, ExtendedFieldValue> | undefined {
  const out: Record<string, ExtendedFieldValue> = {};
  for (const key of Object.keys(items ?? {})) {
    const value = items?.[key];
    if (value === undefined || DERIVED_KEYS.has(key) || (typeof value === 'string' && isBlank(value))) continue;
    setOwn(out, key, value);
  }
  if (name && DISPLAY_BY_FIRST && DISPLAY_BY_LAST) {
    setOwn(out, DISPLAY_BY_FIRST, joinName(name.first, name.last));
    setOwn(out, DISPLAY_BY_LAST, joinName(name.last, name.first));
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function joinName(a: string | undefined, b: string | undefined): string {
  return [a, b].filter((s): s is string => !isBlank(s)).map((s) => s.trim()).join(' ');
}

function uniqueNonBlank(items: readonly string[] | undefined): string[] {
  return [...new Set((items ?? []).filter((s) => !isBlank(s)))];
}

function isBlank(s: string | undefined): boolean {
  return s === undefined || s.trim() === '';
}

