/**
 * The fast path of `contactFromWire`: one walk over a REST contact that checks types and
 * builds the SDK form at once, for the contacts servers actually send. The full check
 * (`checkWireContact` over `infoFromWire`) renames into a copy first, then walks that copy
 * building a field path string for every value it looks at and spreading optional fields:
 * most of a first pull's time, for paths that are only read when something is wrong.
 *
 * The rule that keeps the two equivalent: this walk accepts a subset of what the full check
 * accepts and returns the same contact for it. Whenever it meets anything else (a wrong
 * type, a missing required field, a key collision the renaming resolves in its own way,
 * an odd picture), it gives up and the full check runs, which then either refuses the
 * contact with its exact path or accepts it; `test/model/wire-read.test.ts` compares the two.
 * Keys are read as the full check reads them: own enumerable ones only (`Object.keys`),
 * `null` meaning absent, unknown keys ignored.
 */
import type {
  Address, AddressLocation, Contact, ContactAddress, ContactEmail, ContactInfo, ContactPhone, ExtendedFieldValue,
  StreetAddress,
} from './contact.js';
import {
  ADDRESS_TAGS, CONTACT_ACTIVITY_TYPES, CONTACT_SOURCE_TYPES, EMAIL_DELIVERABILITY_STATUSES, EMAIL_TAGS, MEMBER_STATUSES,
  PHONE_TAGS, SUBSCRIPTION_STATUSES,
} from './enums.js';
import { isExtendedFieldKey } from './formats.js';
import { isPlainObject, setOwn, type PlainObject } from './plain-object.js';
import { imageFromWire } from './wire-info.js';

/** Thrown inside the walk to leave the fast path; preallocated, so leaving costs no stack trace. */
const OFF_PATH = new Error('off the fast path');

/** The same pattern as the full check's (`check-contact.ts`): an ISO-8601 timestamp with a zone. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const setOf = (values: readonly string[]): ReadonlySet<string> => new Set(values);
const SOURCE_TYPES = setOf(CONTACT_SOURCE_TYPES);
const ACTIVITY_TYPES = setOf(CONTACT_ACTIVITY_TYPES);
const SUBSCRIPTION = setOf(SUBSCRIPTION_STATUSES);
const DELIVERABILITY = setOf(EMAIL_DELIVERABILITY_STATUSES);
const MEMBER = setOf(MEMBER_STATUSES);
const EMAIL_TAG = setOf(EMAIL_TAGS);
const PHONE_TAG = setOf(PHONE_TAGS);
const ADDRESS_TAG = setOf(ADDRESS_TAGS);

/** True for an own enumerable key: exactly the keys `Object.keys` (the full check) sees. */
const hasKey = (o: object, key: string): boolean => Object.prototype.propertyIsEnumerable.call(o, key);

/**
 * The SDK form of a REST contact when it is plainly well formed, else undefined (then the
 * full check must decide). Never throws.
 *
 * @example
 * ```ts
 * readWireContact({ id: 'c1', revision: 1, info: {} }); // { _id: 'c1', revision: 1, info: {} }
 * readWireContact({ id: 'c1', revision: 0, info: {} }); // undefined: the full check refuses it
 * ```
 */
export function readWireContact(json: unknown): Contact | undefined {
  try {
    return contact(obj(json));
  } catch (e) {
    if (e === OFF_PATH) return undefined;
    throw e;
  }
}

/** The value of an own enumerable key, `null` read as absent (as the full check reads it). */
function get(o: PlainObject, key: string): unknown {
  if (!hasKey(o, key)) return undefined;
  const v = o[key];
  return v === null ? undefined : v;
}

function obj(v: unknown): PlainObject {
  if (!isPlainObject(v)) throw OFF_PATH;
  return v;
}

function str(v: unknown): string {
  if (typeof v !== 'string') throw OFF_PATH;
  return v;
}

function oneOf<T extends string>(v: unknown, allowed: ReadonlySet<string>): T {
  if (typeof v !== 'string' || !allowed.has(v)) throw OFF_PATH;
  return v as T;
}

function date(v: unknown): Date {
  const time = typeof v === 'string' && TIMESTAMP.test(v) ? Date.parse(v) : NaN;
  if (Number.isNaN(time)) throw OFF_PATH;
  return new Date(time);
}

function finite(v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw OFF_PATH;
  return v;
}

function contact(o: PlainObject): Contact {
  const id = str(get(o, 'id'));
  const revision = get(o, 'revision');
  if (id === '' || typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 1) throw OFF_PATH;
  const wireInfo = get(o, 'info');
  if (wireInfo === undefined) throw OFF_PATH;
  // Assigned in the full check's key order, so both paths store identical objects.
  const c = { _id: id, revision } as Contact;
  let v = get(o, 'source');
  if (v !== undefined) c.source = source(obj(v));
  v = get(o, 'createdDate');
  if (v !== undefined) c._createdDate = date(v);
  v = get(o, 'updatedDate');
  if (v !== undefined) c._updatedDate = date(v);
  v = get(o, 'lastActivity');
  if (v !== undefined) c.lastActivity = activity(obj(v));
  v = get(o, 'primaryInfo');
  if (v !== undefined) c.primaryInfo = primaryInfo(obj(v));
  c.info = info(obj(wireInfo));
  v = get(o, 'primaryEmail');
  if (v !== undefined) c.primaryEmail = primaryEmail(obj(v));
  v = get(o, 'primaryPhone');
  if (v !== undefined) c.primaryPhone = primaryPhone(obj(v));
  v = get(o, 'memberInfo');
  if (v !== undefined) c.memberInfo = memberInfo(obj(v));
  return c;
}

/** Copies the optional string fields `keys` of `o` onto `out`, in that order. */
function strings<T extends object>(o: PlainObject, out: T, ...keys: (keyof T & string)[]): void {
  // `out` is an object this walk made, and no key here is one Object.prototype has.
  const target = out as Record<string, unknown>;
  for (const key of keys) {
    const v = get(o, key);
    if (v !== undefined) target[key] = str(v);
  }
}

function source(o: PlainObject): NonNullable<Contact['source']> {
  const out: NonNullable<Contact['source']> = { sourceType: oneOf(get(o, 'sourceType'), SOURCE_TYPES) };
  strings(o, out, 'appId');
  return out;
}

function activity(o: PlainObject): NonNullable<Contact['lastActivity']> {
  const when = get(o, 'activityDate');
  const activityType = oneOf<NonNullable<Contact['lastActivity']>['activityType']>(get(o, 'activityType'), ACTIVITY_TYPES);
  return when === undefined ? { activityType } : { activityDate: date(when), activityType };
}

function primaryInfo(o: PlainObject): NonNullable<Contact['primaryInfo']> {
  const out: NonNullable<Contact['primaryInfo']> = {};
  strings(o, out, 'email', 'phone');
  return out;
}

function primaryEmail(o: PlainObject): NonNullable<Contact['primaryEmail']> {
  const out = {} as NonNullable<Contact['primaryEmail']>;
  strings(o, out, 'email');
  out.subscriptionStatus = oneOf(get(o, 'subscriptionStatus'), SUBSCRIPTION);
  out.deliverabilityStatus = oneOf(get(o, 'deliverabilityStatus'), DELIVERABILITY);
  return out;
}

function primaryPhone(o: PlainObject): NonNullable<Contact['primaryPhone']> {
  const out = {} as NonNullable<Contact['primaryPhone']>;
  strings(o, out, 'countryCode', 'e164Phone', 'formattedPhone');
  out.subscriptionStatus = oneOf(get(o, 'subscriptionStatus'), SUBSCRIPTION);
  strings(o, out, 'phone');
  return out;
}

function memberInfo(o: PlainObject): NonNullable<Contact['memberInfo']> {
  const memberId = str(get(o, 'memberId'));
  if (memberId === '') throw OFF_PATH;
  const out: NonNullable<Contact['memberInfo']> = { memberId };
  const status = get(o, 'status');
  if (status !== undefined) out.status = oneOf(status, MEMBER);
  strings(o, out, 'email');
  const signup = get(o, 'signupDate');
  if (signup !== undefined) out.signupDate = date(signup);
  return out;
}

function info(o: PlainObject): ContactInfo {
  const out: ContactInfo = {};
  let v = get(o, 'name');
  if (v !== undefined) {
    const name = obj(v);
    out.name = {};
    strings(name, out.name, 'first', 'last');
  }
  v = get(o, 'emails');
  const emails = v === undefined ? undefined : items(v, email);
  v = get(o, 'phones');
  const phones = v === undefined ? undefined : items(v, phone);
  if (emails !== undefined) out.emails = { items: onePrimary(emails) };
  if (phones !== undefined) out.phones = { items: onePrimary(phones) };
  v = get(o, 'addresses');
  if (v !== undefined) out.addresses = { items: items(v, addressItem) };
  v = get(o, 'labelKeys');
  if (v !== undefined) out.labelKeys = { items: items(v, str) };
  v = get(o, 'locations');
  if (v !== undefined) out.locations = { items: items(v, str) };
  strings(o, out, 'company', 'jobTitle', 'birthdate', 'locale');
  v = get(o, 'extendedFields');
  if (v !== undefined) out.extendedFields = { items: extendedFields(obj(v)) };
  v = get(o, 'picture');
  if (v !== undefined) out.picture = picture(obj(v));
  return out;
}

/** The items of a `{ items: [...] }` wrapper (absent items: an empty list). */
function items<T>(wrapper: unknown, item: (v: unknown) => T): T[] {
  const list = get(obj(wrapper), 'items');
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw OFF_PATH;
  const out: T[] = [];
  for (let i = 0; i < list.length; i++) out.push(item(list[i]));
  return out;
}

function onePrimary<T extends { primary?: boolean }>(list: T[]): T[] {
  let primaries = 0;
  for (const item of list) if (item.primary === true) primaries += 1;
  if (primaries > 1) throw OFF_PATH;
  return list;
}

/**
 * The item's `id` as `_id`. An item that also has its own `_id` key is left to the full
 * check: the renaming then keeps both names, and which one wins is its business.
 */
function itemId(o: PlainObject, out: { _id?: string }): void {
  if (hasKey(o, '_id')) throw OFF_PATH;
  const id = get(o, 'id');
  if (id !== undefined) out._id = str(id);
}

function email(v: unknown): ContactEmail {
  const o = obj(v);
  const out = {} as ContactEmail;
  itemId(o, out);
  const tag = get(o, 'tag');
  if (tag !== undefined) out.tag = oneOf(tag, EMAIL_TAG);
  out.email = str(get(o, 'email'));
  const primary = get(o, 'primary');
  if (primary !== undefined) out.primary = bool(primary);
  return out;
}

function phone(v: unknown): ContactPhone {
  const o = obj(v);
  const out = {} as ContactPhone;
  itemId(o, out);
  const tag = get(o, 'tag');
  if (tag !== undefined) out.tag = oneOf(tag, PHONE_TAG);
  strings(o, out, 'countryCode', 'phone', 'e164Phone');
  if (out.phone === undefined) throw OFF_PATH;
  const primary = get(o, 'primary');
  if (primary !== undefined) out.primary = bool(primary);
  return out;
}

function bool(v: unknown): boolean {
  if (typeof v !== 'boolean') throw OFF_PATH;
  return v;
}

function addressItem(v: unknown): ContactAddress {
  const o = obj(v);
  const out: ContactAddress = {};
  itemId(o, out);
  const tag = get(o, 'tag');
  if (tag !== undefined) out.tag = oneOf(tag, ADDRESS_TAG);
  const address = get(o, 'address');
  if (address !== undefined) out.address = addressOf(obj(address));
  return out;
}

/** REST address names and their SDK names; an address already using an SDK name goes the full way. */
function addressOf(o: PlainObject): Address {
  if (hasKey(o, 'addressLine1') || hasKey(o, 'formatted') || hasKey(o, 'location')) throw OFF_PATH;
  const out: Address = {};
  const street = get(o, 'streetAddress');
  if (street !== undefined) {
    const s = obj(street);
    const st: StreetAddress = {};
    strings(s, st, 'number', 'name');
    out.streetAddress = st;
  }
  let text = get(o, 'addressLine');
  if (text !== undefined) out.addressLine1 = str(text);
  strings(o, out, 'addressLine2', 'city', 'postalCode');
  text = get(o, 'formattedAddress');
  if (text !== undefined) out.formatted = str(text);
  strings(o, out, 'subdivision', 'country');
  const geocode = get(o, 'geocode');
  if (geocode !== undefined) {
    const g = obj(geocode);
    const location: AddressLocation = {};
    const latitude = get(g, 'latitude');
    if (latitude !== undefined) location.latitude = finite(latitude);
    const longitude = get(g, 'longitude');
    if (longitude !== undefined) location.longitude = finite(longitude);
    out.location = location;
  }
  return out;
}

function extendedFields(wrapper: PlainObject): Record<string, ExtendedFieldValue> {
  const out: Record<string, ExtendedFieldValue> = {};
  const entries = get(wrapper, 'items');
  if (entries === undefined) return out;
  const o = obj(entries);
  for (const key of Object.keys(o)) {
    const value = o[key];
    if (value === null || value === undefined) continue;
    if (!isExtendedFieldKey(key)) throw OFF_PATH;
    if (typeof value === 'string') setOwn<ExtendedFieldValue>(out, key, value);
    else setOwn<ExtendedFieldValue>(out, key, finite(value));
  }
  return out;
}

function picture(o: PlainObject): NonNullable<ContactInfo['picture']> {
  // The full check maps the REST image first and then reads `image` as it reads any key.
  const image = hasKey(o, 'image') ? imageFromWire(o['image']) : undefined;
  if (image === undefined || image === null) return {};
  return { image: str(image) };
}
