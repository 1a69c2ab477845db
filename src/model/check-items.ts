/** Checkers of the list items of an info: emails, phones and addresses. */
import {
  checkBoolean, checkEnum, checkNumber, checkString, fieldWith, readObject, required, stringField,
  type Check, type CheckContext, type StringRules,
} from './check-context.js';
import type { Address, AddressLocation, ContactAddress, ContactEmail, ContactPhone, StreetAddress } from './contact.js';
import { ADDRESS_TAGS, EMAIL_TAGS, PHONE_TAGS, type AddressTag, type EmailTag, type PhoneTag } from './enums.js';
import { ITEM_ID_LENGTH, isCountryCode, isEmail, isSubdivision } from './formats.js';
import { LIMITS } from './limits.js';

// Items are built by assignment in their output key order, with module-level checkers and
// rules (no spreads, no closure per field): every contact's items go through here.

const keys = (...k: string[]): ReadonlySet<string> => new Set(k);
const EMAIL_KEYS = /* @__PURE__ */ keys('_id', 'tag', 'email', 'primary');
const PHONE_KEYS = /* @__PURE__ */ keys('_id', 'tag', 'countryCode', 'phone', 'e164Phone', 'primary');
const ADDRESS_ITEM_KEYS = /* @__PURE__ */ keys('_id', 'tag', 'address');
const ADDRESS_KEYS = /* @__PURE__ */ keys(
  'streetAddress', 'addressLine1', 'addressLine2', 'city', 'subdivision', 'country', 'postalCode', 'formatted', 'location',
);
const STREET_KEYS = /* @__PURE__ */ keys('number', 'name');
const LOCATION_KEYS = /* @__PURE__ */ keys('latitude', 'longitude');

const ITEM_ID: StringRules = { min: 1, max: ITEM_ID_LENGTH };
const EMAIL: StringRules = { min: 1, max: LIMITS.emailLength, format: isEmail, formatName: 'EMAIL' };
const PHONE: StringRules = { min: 1, max: LIMITS.phoneLength };
const COUNTRY: StringRules = { format: isCountryCode, formatName: 'COUNTRY' };
const ANY_STRING: StringRules = {};
const SUBDIVISION: StringRules = { max: LIMITS.shortTextLength, format: isSubdivision, formatName: 'SUBDIVISION' };
const STREET_NUMBER: StringRules = { max: LIMITS.shortTextLength };
const STREET_NAME: StringRules = { max: LIMITS.textLength };

const checkEmail: Check<string> = (v, p, ctx) => checkString(v, p, ctx, EMAIL);
const checkPhone: Check<string> = (v, p, ctx) => checkString(v, p, ctx, PHONE);
const checkEmailTag: Check<EmailTag> = (v, p, ctx) => checkEnum(v, p, EMAIL_TAGS, ctx);
const checkPhoneTag: Check<PhoneTag> = (v, p, ctx) => checkEnum(v, p, PHONE_TAGS, ctx);
const checkAddressTag: Check<AddressTag> = (v, p, ctx) => checkEnum(v, p, ADDRESS_TAGS, ctx);
const checkLatitude: Check<number> = (v, p, ctx) => checkNumber(v, p, ctx, -90, 90);
const checkLongitude: Check<number> = (v, p, ctx) => checkNumber(v, p, ctx, -180, 180);

/** Checks one `info.emails.items[i]`. */
export function checkEmailItem(value: unknown, path: string, ctx: CheckContext): ContactEmail | undefined {
  const o = readObject(value, path, EMAIL_KEYS, ctx);
  if (!o) return undefined;
  const email = required(o, 'email', path, ctx, checkEmail) ?? '';
  const id = stringField(o, '_id', path, ctx, ITEM_ID);
  const tag = fieldWith(o, 'tag', path, ctx, checkEmailTag);
  const primary = fieldWith(o, 'primary', path, ctx, checkBoolean);
  const item: Partial<ContactEmail> = {};
  if (id !== undefined) item._id = id;
  if (tag !== undefined) item.tag = tag;
  item.email = email;
  if (primary !== undefined) item.primary = primary;
  return item as ContactEmail;
}

/** Checks one `info.phones.items[i]`; `e164Phone` is kept only in response mode (it is computed). */
export function checkPhoneItem(value: unknown, path: string, ctx: CheckContext): ContactPhone | undefined {
  const o = readObject(value, path, PHONE_KEYS, ctx);
  if (!o) return undefined;
  const phone = required(o, 'phone', path, ctx, checkPhone) ?? '';
  const e164 = ctx.strict ? undefined : stringField(o, 'e164Phone', path, ctx, ANY_STRING);
  const id = stringField(o, '_id', path, ctx, ITEM_ID);
  const tag = fieldWith(o, 'tag', path, ctx, checkPhoneTag);
  const countryCode = stringField(o, 'countryCode', path, ctx, COUNTRY);
  const primary = fieldWith(o, 'primary', path, ctx, checkBoolean);
  const item: Partial<ContactPhone> = {};
  if (id !== undefined) item._id = id;
  if (tag !== undefined) item.tag = tag;
  if (countryCode !== undefined) item.countryCode = countryCode;
  item.phone = phone;
  if (e164 !== undefined) item.e164Phone = e164;
  if (primary !== undefined) item.primary = primary;
  return item as ContactPhone;
}

/** Checks one `info.addresses.items[i]`. */
export function checkAddressItem(value: unknown, path: string, ctx: CheckContext): ContactAddress | undefined {
  const o = readObject(value, path, ADDRESS_ITEM_KEYS, ctx);
  if (!o) return undefined;
  const item: ContactAddress = {};
  const id = stringField(o, '_id', path, ctx, ITEM_ID);
  if (id !== undefined) item._id = id;
  const tag = fieldWith(o, 'tag', path, ctx, checkAddressTag);
  if (tag !== undefined) item.tag = tag;
  const address = fieldWith(o, 'address', path, ctx, checkAddress);
  if (address !== undefined) item.address = address;
  return item;
}

/** The free-text fields of an address and their rules (maximum lengths). */
const ADDRESS_TEXT: readonly (readonly ['addressLine1' | 'addressLine2' | 'city' | 'postalCode' | 'formatted', StringRules])[] = [
  ['addressLine1', { max: LIMITS.textLength }], ['addressLine2', { max: LIMITS.textLength }], ['city', { max: LIMITS.textLength }],
  ['postalCode', { max: LIMITS.shortTextLength }], ['formatted', { max: LIMITS.formattedAddressLength }],
];

/** Checks an `Address` (SDK names); a street address and `addressLine1` exclude each other. */
export function checkAddress(value: unknown, path: string, ctx: CheckContext): Address | undefined {
  const o = readObject(value, path, ADDRESS_KEYS, ctx);
  if (!o) return undefined;
  if (ctx.strict && o['streetAddress'] !== undefined && o['addressLine1'] !== undefined) {
    ctx.violate(`${path}.addressLine1`, 'streetAddress and addressLine1 cannot both be set', 'ONE_OF');
  }
  const out: Address = {};
  const street = fieldWith(o, 'streetAddress', path, ctx, checkStreet);
  if (street) out.streetAddress = street;
  for (const [key, rules] of ADDRESS_TEXT) {
    const text = stringField(o, key, path, ctx, rules);
    if (text !== undefined) out[key] = text;
  }
  const subdivision = stringField(o, 'subdivision', path, ctx, SUBDIVISION);
  if (subdivision !== undefined) out.subdivision = subdivision;
  const country = stringField(o, 'country', path, ctx, COUNTRY);
  if (country !== undefined) out.country = country;
  const location = fieldWith(o, 'location', path, ctx, checkLocation);
  if (location) out.location = location;
  return out;
}

function checkStreet(value: unknown, path: string, ctx: CheckContext): StreetAddress | undefined {
  const o = readObject(value, path, STREET_KEYS, ctx);
  if (!o) return undefined;
  const street: StreetAddress = {};
  const number = stringField(o, 'number', path, ctx, STREET_NUMBER);
  if (number !== undefined) street.number = number;
  const name = stringField(o, 'name', path, ctx, STREET_NAME);
  if (name !== undefined) street.name = name;
  return street;
}

function checkLocation(value: unknown, path: string, ctx: CheckContext): AddressLocation | undefined {
  const o = readObject(value, path, LOCATION_KEYS, ctx);
  if (!o) return undefined;
  const location: AddressLocation = {};
  const latitude = fieldWith(o, 'latitude', path, ctx, checkLatitude);
  if (latitude !== undefined) location.latitude = latitude;
  const longitude = fieldWith(o, 'longitude', path, ctx, checkLongitude);
  if (longitude !== undefined) location.longitude = longitude;
  return location;
}
