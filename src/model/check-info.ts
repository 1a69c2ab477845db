/**
 * The schema walk of a `ContactInfo`, shared by `validateInfo` (input mode) and
 * `contactFromWire` (response mode). It never throws: it returns a clean copy built from
 * literals and records what is wrong in the context.
 */
import { checkString, checkWrapper, field, readObject, type CheckContext } from './check-context.js';
import { checkExtendedFields } from './check-extended-fields.js';
import { checkAddressItem, checkEmailItem, checkPhoneItem } from './check-items.js';
import type { ContactInfo, ContactName, ContactPicture } from './contact.js';
import { PICTURE_LENGTH, isGuid, isLabelKey, isLanguageTag, isLocalDate, isPictureString } from './formats.js';
import { LIMITS } from './limits.js';
import { optional, type PlainObject } from './plain-object.js';

const INFO_KEYS: ReadonlySet<string> = new Set([
  'name', 'emails', 'phones', 'addresses', 'company', 'jobTitle', 'birthdate', 'locale',
  'labelKeys', 'extendedFields', 'picture', 'locations',
]);
const NAME_KEYS: ReadonlySet<string> = new Set(['first', 'last']);
const PICTURE_KEYS: ReadonlySet<string> = new Set(['image']);

/** Checks an info at `path` (e.g. `info`); returns its clean copy, or undefined when it is not an object. */
export function checkInfo(value: unknown, path: string, ctx: CheckContext): ContactInfo | undefined {
  const o = readObject(value, path, INFO_KEYS, ctx);
  if (!o) return undefined;
  const text = (max: number, format?: (s: string) => boolean, formatName?: string) =>
    (v: unknown, p: string) => checkString(v, p, ctx, { max, ...optional('format', format), ...optional('formatName', formatName) });
  return {
    ...optional('name', field(o, 'name', path, (v, p) => checkName(v, p, ctx))),
    ...checkLists(o, path, ctx),
    ...optional('company', field(o, 'company', path, text(LIMITS.textLength))),
    ...optional('jobTitle', field(o, 'jobTitle', path, text(LIMITS.textLength))),
    ...optional('birthdate', field(o, 'birthdate', path, text(Infinity, isLocalDate, 'LOCAL_DATE'))),
    ...optional('locale', field(o, 'locale', path, text(Infinity, isLanguageTag, 'LANGUAGE_TAG'))),
    ...optional('extendedFields', wrap(field(o, 'extendedFields', path, (v, p) => checkExtendedFields(v, p, ctx)))),
    ...optional('picture', field(o, 'picture', path, (v, p) => checkPicture(v, p, ctx))),
  };
}

/** The `{ items }` lists of an info (label keys and locations included). */
function checkLists(o: PlainObject, path: string, ctx: CheckContext): Pick<ContactInfo, 'emails' | 'phones' | 'addresses' | 'labelKeys' | 'locations'> {
  const list = <T>(key: string, max: number, item: (v: unknown, p: string) => T | undefined): T[] | undefined =>
    field(o, key, path, (v, p) => checkWrapper(v, p, max, ctx, item));
  const emails = list('emails', LIMITS.listItems, (v, p) => checkEmailItem(v, p, ctx));
  const phones = list('phones', LIMITS.listItems, (v, p) => checkPhoneItem(v, p, ctx));
  checkOnePrimary(emails, `${path}.emails.items`, ctx);
  checkOnePrimary(phones, `${path}.phones.items`, ctx);
  return {
    ...optional('emails', wrap(emails)),
    ...optional('phones', wrap(phones)),
    ...optional('addresses', wrap(list('addresses', LIMITS.listItems, (v, p) => checkAddressItem(v, p, ctx)))),
    ...optional('labelKeys', wrap(list('labelKeys', LIMITS.labelKeys, (v, p) =>
      checkString(v, p, ctx, { min: 1, max: LIMITS.labelKeyLength, format: isLabelKey, formatName: 'LABEL_KEY' })))),
    ...optional('locations', wrap(list('locations', LIMITS.locationItems, (v, p) =>
      checkString(v, p, ctx, { min: 1, format: isGuid, formatName: 'GUID' })))),
  };
}

function wrap<T>(items: T | undefined): { items: T } | undefined {
  return items === undefined ? undefined : { items };
}

function checkName(value: unknown, path: string, ctx: CheckContext): ContactName | undefined {
  const o = readObject(value, path, NAME_KEYS, ctx);
  if (!o) return undefined;
  const part = (v: unknown, p: string) => checkString(v, p, ctx, { max: LIMITS.nameLength });
  return { ...optional('first', field(o, 'first', path, part)), ...optional('last', field(o, 'last', path, part)) };
}

function checkPicture(value: unknown, path: string, ctx: CheckContext): ContactPicture | undefined {
  const o = readObject(value, path, PICTURE_KEYS, ctx);
  if (!o) return undefined;
  const image = field(o, 'image', path, (v, p) =>
    checkString(v, p, ctx, { max: PICTURE_LENGTH, format: isPictureString, formatName: 'IMAGE' }));
  return optional('image', image);
}

function checkOnePrimary(items: readonly { primary?: boolean }[] | undefined, path: string, ctx: CheckContext): void {
  if (!items || items.filter((i) => i.primary === true).length <= 1) return;
  if (ctx.strict) ctx.multiplePrimary.push(path);
  else ctx.violate(path, 'more than one item is primary', 'ONE_PRIMARY');
}
