/**
 * Format checks of the Wix contact model (WIX-CONTACTS.md section 3): email, local date,
 * BCP-47 language tag, ISO 3166 country and subdivision, label and extended-field keys,
 * GUIDs and picture strings. Each is a pure predicate; lengths are checked by the caller.
 */
import { isCountryCode } from './country-calling-codes.js';
import { LIMITS } from './limits.js';

/** Longest extended-field key (ours: Wix states none; keys are generated from short names). */
export const EXTENDED_FIELD_KEY_LENGTH = 100;
/** Longest picture string (ours: bounds signed CDN URLs without refusing real ones). */
export const PICTURE_LENGTH = 4096;
/** Longest item `_id` (ours: server GUIDs are 36 characters). */
export const ITEM_ID_LENGTH = 100;
/** Longest locale tag (ours: real tags are far shorter; bounds the stored string). */
export const LOCALE_LENGTH = 100;

const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\uffff-]+";
const LABEL = '[A-Za-z0-9\\u0080-\\uffff](?:[A-Za-z0-9\\u0080-\\uffff-]{0,61}[A-Za-z0-9\\u0080-\\uffff])?';
const TLD = '[A-Za-z\\u0080-\\uffff][A-Za-z0-9\\u0080-\\uffff-]{0,61}[A-Za-z0-9\\u0080-\\uffff]';
// In a function: bundlers keep a top-level template literal whose parts they cannot inline
// (ATOM holds a backtick), and with it this whole module, wherever it is reachable.
const EMAIL = /* @__PURE__ */ emailPattern();

function emailPattern(): RegExp {
  return new RegExp(`^${ATOM}(?:\\.${ATOM})*@(?:${LABEL}\\.)+${TLD}$`);
}
const MAX_EMAIL_LOCAL_PART = 64;

/**
 * True for a practical email address: `local@domain.tld`, a dot-atom local part of at most
 * 64 characters, dot-separated domain labels, a top-level domain of 2+ characters starting
 * with a letter, no whitespace, 1..320 characters in all.
 */
export function isEmail(s: string): boolean {
  if (s.length === 0 || s.length > LIMITS.emailLength) return false;
  const at = s.lastIndexOf('@');
  return at > 0 && at <= MAX_EMAIL_LOCAL_PART && EMAIL.test(s);
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (years 0001..9999, proleptic Gregorian). */
export function isLocalDate(s: string): boolean {
  const m = LOCAL_DATE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const LANGUAGE_TAG = /* @__PURE__ */ new RegExp(
  '^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})' // language, optional extended language subtags
  + '(?:-[a-z]{4})?' // script
  + '(?:-(?:[a-z]{2}|[0-9]{3}))?' // region
  + '(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*' // variants
  + '(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*' // extensions
  + '(?:-x(?:-[a-z0-9]{1,8})+)?$', // private use
  'i',
);

/**
 * True for a BCP-47 language tag: language[-script][-region][-variants][-extensions][-x-private],
 * case-insensitive (`en-US`, `en-us`, `zh-Hant-TW`, `es-419`). Underscores are refused.
 */
export function isLanguageTag(s: string): boolean {
  return s.length <= LOCALE_LENGTH && LANGUAGE_TAG.test(s);
}

export { isCountryCode };

const SUBDIVISION = /^([A-Z]{2})-[A-Z0-9]{1,3}$/;

/** True for an ISO 3166-2 subdivision code in hyphenated form (`US-NY`, `GB-ENG`); a bare `NY` is refused. */
export function isSubdivision(s: string): boolean {
  const m = SUBDIVISION.exec(s);
  return m !== null && isCountryCode(m[1] ?? '');
}

const KEY_PART = /^[A-Za-z0-9_-]+$/;
/** Slugs that would name a property of every JS object; refused so no lookup can reach one. */
const RESERVED_SLUGS: ReadonlySet<string> = /* @__PURE__ */ new Set(['__proto__', 'constructor', 'prototype']);

/** The namespace of a `namespace.slug` key (`custom` for `custom.vip`), or the key itself without a dot. */
export function namespaceOf(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? key : key.slice(0, dot);
}

function isKeyPart(part: string): boolean {
  return KEY_PART.test(part) && !RESERVED_SLUGS.has(part);
}

/** True for a label key `namespace.slug`: 1..80 characters, namespace 1..25, parts of `[A-Za-z0-9_-]`. */
export function isLabelKey(s: string): boolean {
  if (s.length === 0 || s.length > LIMITS.labelKeyLength) return false;
  const [ns, slug, ...rest] = s.split('.');
  return rest.length === 0 && ns !== undefined && slug !== undefined
    && ns.length <= LIMITS.labelNamespaceLength && isKeyPart(ns) && isKeyPart(slug);
}

/** True for a user extended-field key `custom.<slug>` (slug of `[A-Za-z0-9_-]`, at most 100 characters in all). */
export function isCustomExtendedFieldKey(s: string): boolean {
  return s.length <= EXTENDED_FIELD_KEY_LENGTH && s.startsWith('custom.') && isKeyPart(s.slice('custom.'.length));
}

/** True for any well-formed extended-field key `namespace.name` (system keys included). */
export function isExtendedFieldKey(s: string): boolean {
  if (s.length > EXTENDED_FIELD_KEY_LENGTH) return false;
  const dot = s.indexOf('.');
  return dot > 0 && isKeyPart(s.slice(0, dot)) && s.slice(dot + 1).split('.').every(isKeyPart);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a GUID (`8-4-4-4-12` hexadecimal digits, any case). */
export function isGuid(s: string): boolean {
  return GUID.test(s);
}

/** `wix:image://v1/<id>[/<name>]#originWidth=<w>&originHeight=<h>`, the SDK's media string. */
export const WIX_IMAGE = /^wix:image:\/\/v1\/([A-Za-z0-9._~-]+)(?:\/([^/#?\s]+))?#originWidth=(0|[1-9][0-9]{0,8})&originHeight=(0|[1-9][0-9]{0,8})$/;

/** The parts of a canonical `wix:image` string, or undefined (the name must be URI-component encoded exactly once). */
export function parseWixImage(s: string): { id: string; name?: string; width: number; height: number } | undefined {
  const m = WIX_IMAGE.exec(s);
  if (!m) return undefined;
  const [, id = '', encodedName, width, height] = m;
  if (encodedName === undefined) return { id, width: Number(width), height: Number(height) };
  const name = decodeComponent(encodedName);
  if (name === undefined || name === '' || encodeURIComponent(name) !== encodedName) return undefined;
  return { id, name, width: Number(width), height: Number(height) };
}

function decodeComponent(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** True for a picture string: an absolute `http(s)` URL or a canonical `wix:image://v1/...` string. */
export function isPictureString(s: string): boolean {
  if (s.length > PICTURE_LENGTH || /\s/.test(s)) return false;
  if (s.startsWith('wix:')) return parseWixImage(s) !== undefined;
  if (!/^https?:\/\/[^/?#]/i.test(s)) return false;
  return URL.canParse(s);
}
