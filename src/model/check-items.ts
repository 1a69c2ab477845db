/** Checkers of the list items of an info: emails, phones and addresses. */
import {
  checkBoolean, checkEnum, checkNumber, checkString, readObject, field, required, type CheckContext,
} from './check-context.js';
import type { Address, AddressLocation, ContactAddress, ContactEmail, ContactPhone, StreetAddress } from './contact.js';
import { ADDRESS_TAGS, EMAIL_TAGS, PHONE_TAGS } from './enums.js';
import { ITEM_ID_LENGTH, isCountryCode, isEmail, isSubdivision } from './formats.js';
import { LIMITS } from './limits.js';
import { optional } from './plain-object.js';

const keys = (...k: string[]): ReadonlySet<string> => new Set(k);
const EMAIL_KEYS = keys('_id', 'tag', 'email', 'primary');
const PHONE_KEYS = keys('_id', 'tag', 'countryCode', 'phone', 'e164Phone', 'primary');
const ADDRESS_ITEM_KEYS = keys('_id', 'tag', 'address');
const ADDRESS_KEYS = keys(
  'streetAddress', 'addressLine1', 'addressLine2', 'city', 'subdivision', 'country', 'postalCode', 'formatted', 'location',
);
const STREET_KEYS = keys('number', 'name');
const LOCATION_KEYS = keys('latitude', 'longitude');

const itemId = (ctx: CheckContext) => (v: unknown, p: string) => checkString(v, p, ctx, { min: 1, max: ITEM_ID_LENGTH });
const flag = (ctx: CheckContext) => (v: unknown, p: string) => checkBoolean(v, p, ctx);

/** Checks one `info.emails.items[i]`. */
export function checkEmailItem(value: unknown, path: string, ctx: CheckContext): ContactEmail | undefined {
  const o = readObject(value, path, EMAIL_KEYS, ctx);
  if (!o) return undefined;
  const email = required(o, 'email', path, ctx, (v, p) =>
    checkString(v, p, ctx, { min: 1, max: LIMITS.emailLength, format: isEmail, formatName: 'EMAIL' }));
  const result: ContactEmail = {
    ...optional('_id', field(o, '_id', path, itemId(ctx))),
    ...optional('tag', field(o, 'tag', path, (v, p) => checkEnum(v, p, EMAIL_TAGS, ctx))),
    email: email ?? '',
    ...optional('primary', field(o, 'primary', path, flag(ctx))),
  };
  return result;
}

/** Checks one `info.phones.items[i]`; `e164Phone` is kept only in response mode (it is computed). */
export function checkPhoneItem(value: unknown, path: string, ctx: CheckContext): ContactPhone | undefined {
  const o = readObject(value, path, PHONE_KEYS, ctx);
  if (!o) return undefined;
  const phone = required(o, 'phone', path, ctx, (v, p) => checkString(v, p, ctx, { min: 1, max: LIMITS.phoneLength }));
  const e164 = ctx.strict ? undefined : field(o, 'e164Phone', path, (v, p) => checkString(v, p, ctx));
  return {
    ...optional('_id', field(o, '_id', path, itemId(ctx))),
    ...optional('tag', field(o, 'tag', path, (v, p) => checkEnum(v, p, PHONE_TAGS, ctx))),
    ...optional('countryCode', field(o, 'countryCode', path, (v, p) =>
      checkString(v, p, ctx, { format: isCountryCode, formatName: 'COUNTRY' }))),
    phone: phone ?? '',
    ...optional('e164Phone', e164),
    ...optional('primary', field(o, 'primary', path, flag(ctx))),
  };
}

/** Checks one `info.addresses.items[i]`. */
export function checkAddressItem(value: unknown, path: string, ctx: CheckContext): ContactAddress | undefined {
  const o = readObject(value, path, ADDRESS_ITEM_KEYS, ctx);
  if (!o) return undefined;
  return {
    ...optional('_id', field(o, '_id', path, itemId(ctx))),
    ...optional('tag', field(o, 'tag', path, (v, p) => checkEnum(v, p, ADDRESS_TAGS, ctx))),
    ...optional('address', field(o, 'address', path, (v, p) => checkAddress(v, p, ctx))),
  };
}

/** The text fields of an address and their maximum lengths. */
const ADDRESS_TEXT: readonly (readonly [keyof Address, number])[] = [
  ['addressLine1', LIMITS.textLength], ['addressLine2', LIMITS.textLength], ['city', LIMITS.textLength],
  ['postalCode', LIMITS.shortTextLength], ['formatted', LIMITS.formattedAddressLength],
];

/** Checks an `Address` (SDK names); a street address and `addressLine1` exclude each other. */
export function checkAddress(value: unknown, path: string, ctx: CheckContext): Address | undefined {
  const o = readObject(value, path, ADDRESS_KEYS, ctx);
  if (!o) return undefined;
  if (ctx.strict && o['streetAddress'] !== undefined && o['addressLine1'] !== undefined) {
    ctx.violate(`${path}.addressLine1`, 'streetAddress and addressLine1 cannot both be set', 'ONE_OF');
  }
  const out: Address = {};
  const street = field(o, 'streetAddress', path, (v, p) => checkStreet(v, p, ctx));
  if (street) out.streetAddress = street;
  for (const [key, max] of ADDRESS_TEXT) {
    const text = field(o, key, path, (v, p) => checkString(v, p, ctx, { max }));
    if (text !== undefined) Object.assign(out, { [key]: text });
  }
  const subdivision = field(o, 'subdivision', path, (v, p) =>
    checkString(v, p, ctx, { max: LIMITS.shortTextLength, format: isSubdivision, formatName: 'SUBDIVISION' }));
  if (subdivision !== undefined) out.subdivision = subdivision;
  const country = field(o, 'country', path, (v, p) => checkString(v, p, ctx, { format: isCountryCode, formatName: 'COUNTRY' }));
  if (country !== undefined) out.country = country;
  const location = field(o, 'location', path, (v, p) => checkLocation(v, p, ctx));
  if (location) out.location = location;
  return out;
}

function checkStreet(value: unknown, path: string, ctx: CheckContext): StreetAddress | undefined {
  const o = readObject(value, path, STREET_KEYS, ctx);
  if (!o) return undefined;
  return {
    ...optional('number', field(o, 'number', path, (v, p) => checkString(v, p, ctx, { max: LIMITS.shortTextLength }))),
    ...optional('name', field(o, 'name', path, (v, p) => checkString(v, p, ctx, { max: LIMITS.textLength }))),
  };
}

function checkLocation(value: unknown, path: string, ctx: CheckContext): AddressLocation | undefined {
  const o = readObject(value, path, LOCATION_KEYS, ctx);
  if (!o) return undefined;
  return {
    ...optional('latitude', field(o, 'latitude', path, (v, p) => checkNumber(v, p, ctx, -90, 90))),
    ...optional('longitude', field(o, 'longitude', path, (v, p) => checkNumber(v, p, ctx, -180, 180))),
  };
}
