/**
 * The schema walk of a `ContactInfo`, shared by `validateInfo` (input mode) and
 * `contactFromWire` (response mode). It never throws: it returns a clean copy built from
 * literals and records what is wrong in the context.
 *
 * Every import and every update runs this walk, so it builds its copies by assignment, in
 * the order the fields are checked (violations come out in that order), with module-level
 * checkers and rules: no spread of temporary objects and no closure per field.
 */
import {
  checkString, checkWrapper, fieldWith, readObject, stringField, type Check, type CheckContext, type StringRules,
} from './check-context.js';
import { checkExtendedFields } from './check-extended-fields.js';
import { checkAddressItem, checkEmailItem, checkPhoneItem } from './check-items.js';
import type { ContactInfo, ContactName, ContactPicture } from './contact.js';
import { PICTURE_LENGTH, isGuid, isLabelKey, isLanguageTag, isLocalDate, isPictureString } from './formats.js';
import { LIMITS } from './limits.js';
import type { PlainObject } from './plain-object.js';

const INFO_KEYS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'name', 'emails', 'phones', 'addresses', 'company', 'jobTitle', 'birthdate', 'locale',
  'labelKeys', 'extendedFields', 'picture', 'locations',
]);
const NAME_KEYS: ReadonlySet<string> = /* @__PURE__ */ new Set(['first', 'last']);
const PICTURE_KEYS: ReadonlySet<string> = /* @__PURE__ */ new Set(['image']);

const NAME_PART: StringRules = { max: LIMITS.nameLength };
const TEXT: StringRules = { max: LIMITS.textLength };
const BIRTHDATE: StringRules = { max: Infinity, format: isLocalDate, formatName: 'LOCAL_DATE' };
const LOCALE: StringRules = { max: Infinity, format: isLanguageTag, formatName: 'LANGUAGE_TAG' };
const LABEL_KEY: StringRules = { min: 1, max: LIMITS.labelKeyLength, format: isLabelKey, formatName: 'LABEL_KEY' };
const LOCATION: StringRules = { min: 1, format: isGuid, formatName: 'GUID' };
const IMAGE: StringRules = { max: PICTURE_LENGTH, format: isPictureString, formatName: 'IMAGE' };

const checkLabelKey: Check<string> = (v, p, ctx) => checkString(v, p, ctx, LABEL_KEY);
const checkLocation: Check<string> = (v, p, ctx) => checkString(v, p, ctx, LOCATION);

/** Checks an info at `path` (e.g. `info`); returns its clean copy, or undefined when it is not an object. */
export function checkInfo(value: unknown, path: string, ctx: CheckContext): ContactInfo | undefined {
  const o = readObject(value, path, INFO_KEYS, ctx);
  if (!o) return undefined;
  const info: ContactInfo = {};
  const name = fieldWith(o, 'name', path, ctx, checkName);
  if (name !== undefined) info.name = name;
  checkLists(o, path, ctx, info);
  const company = stringField(o, 'company', path, ctx, TEXT);
  if (company !== undefined) info.company = company;
  const jobTitle = stringField(o, 'jobTitle', path, ctx, TEXT);
  if (jobTitle !== undefined) info.jobTitle = jobTitle;
  const birthdate = stringField(o, 'birthdate', path, ctx, BIRTHDATE);
  if (birthdate !== undefined) info.birthdate = birthdate;
  const locale = stringField(o, 'locale', path, ctx, LOCALE);
  if (locale !== undefined) info.locale = locale;
  const extended = fieldWith(o, 'extendedFields', path, ctx, checkExtendedFields);
  if (extended !== undefined) info.extendedFields = { items: extended };
  const picture = fieldWith(o, 'picture', path, ctx, checkPicture);
  if (picture !== undefined) info.picture = picture;
  return info;
}

/** The `{ items }` lists of an info (label keys and locations included), set on `info`. */
function checkLists(o: PlainObject, path: string, ctx: CheckContext, info: ContactInfo): void {
  const emails = list(o, 'emails', path, ctx, LIMITS.listItems, checkEmailItem);
  const phones = list(o, 'phones', path, ctx, LIMITS.listItems, checkPhoneItem);
  checkOnePrimary(emails, path, '.emails.items', ctx);
  checkOnePrimary(phones, path, '.phones.items', ctx);
  if (emails !== undefined) info.emails = { items: emails };
  if (phones !== undefined) info.phones = { items: phones };
  const addresses = list(o, 'addresses', path, ctx, LIMITS.listItems, checkAddressItem);
  if (addresses !== undefined) info.addresses = { items: addresses };
  const labelKeys = list(o, 'labelKeys', path, ctx, LIMITS.labelKeys, checkLabelKey);
  if (labelKeys !== undefined) info.labelKeys = { items: labelKeys };
  const locations = list(o, 'locations', path, ctx, LIMITS.locationItems, checkLocation);
  if (locations !== undefined) info.locations = { items: locations };
}

function list<T>(o: PlainObject, key: string, path: string, ctx: CheckContext, max: number, item: Check<T>): T[] | undefined {
  const value = o[key];
  return value === undefined ? undefined : checkWrapper(value, `${path}.${key}`, max, ctx, item);
}

function checkName(value: unknown, path: string, ctx: CheckContext): ContactName | undefined {
  const o = readObject(value, path, NAME_KEYS, ctx);
  if (!o) return undefined;
  const name: ContactName = {};
  const first = stringField(o, 'first', path, ctx, NAME_PART);
  if (first !== undefined) name.first = first;
  const last = stringField(o, 'last', path, ctx, NAME_PART);
  if (last !== undefined) name.last = last;
  return name;
}

function checkPicture(value: unknown, path: string, ctx: CheckContext): ContactPicture | undefined {
  const o = readObject(value, path, PICTURE_KEYS, ctx);
  if (!o) return undefined;
  const image = stringField(o, 'image', path, ctx, IMAGE);
  return image === undefined ? {} : { image };
}

function checkOnePrimary(items: readonly { primary?: boolean }[] | undefined, path: string, suffix: string, ctx: CheckContext): void {
  if (!items) return;
  let primaries = 0;
  for (const item of items) if (item.primary === true) primaries += 1;
  if (primaries <= 1) return;
  if (ctx.strict) ctx.multiplePrimary.push(`${path}${suffix}`);
  else ctx.violate(`${path}${suffix}`, 'more than one item is primary', 'ONE_PRIMARY');
}
