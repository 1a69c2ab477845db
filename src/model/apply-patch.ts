/** The implicit field mask of a Wix v4 PATCH (WIX-CONTACTS.md 7.3). */
import type { ContactInfo, ContactName, ExtendedFieldValue } from './contact.js';
import { copyPlain, setOwn } from './plain-object.js';

/** Top-level fields a patch sets (or clears with `""`) as a whole value. */
const SCALARS = ['company', 'jobTitle', 'birthdate', 'locale'] as const;
/** List wrappers a patch replaces whole. */
const LISTS = ['emails', 'phones', 'addresses', 'labelKeys', 'locations'] as const;

/**
 * Applies a validated update `patch` to `current`: scalars and `name.first`/`name.last` are
 * set when present (an explicit `""` clears), lists (`emails`, `phones`, `addresses`,
 * `labelKeys`, `locations`) are replaced whole when their wrapper is present, and
 * `extendedFields.items` merges per key (a `""` value removes the key). `picture` is set
 * when present (`{}` or `{ image: "" }` clears it). Pure; returns a new object and leaves
 * both inputs untouched. The result is not yet normalised.
 *
 * @example
 * ```ts
 * applyInfoPatch({ name: { first: 'Ann', last: 'Lee' }, company: 'Acme' }, { name: { last: '' }, company: 'Globex' });
 * // { name: { first: 'Ann' }, company: 'Globex' }
 * ```
 */
export function applyInfoPatch(current: ContactInfo, patch: ContactInfo): ContactInfo {
  return patchInto(copyPlain(current), patch, copyPlain);
}

/**
 * `applyInfoPatch` without its deep copies: the result shares what the patch leaves alone
 * with `current`, and its lists with `patch`; neither input is modified. For a caller that
 * only reads the result and normalises it (`normalizeInfo` builds every object afresh),
 * like the local update: there both copies would be garbage at once.
 *
 * @example
 * ```ts
 * const next = normalizeInfo(applyInfoPatchShared(current.info, patch));
 * ```
 */
export function applyInfoPatchShared(current: ContactInfo, patch: ContactInfo): ContactInfo {
  return patchInto({ ...current }, patch, shareAsIs);
}

function shareAsIs<T>(value: T): T {
  return value;
}

/** Applies `patch` to `out`, a top-level copy of the current info, replacing (never mutating) what it changes below the top. */
function patchInto(out: ContactInfo, patch: ContactInfo, copy: <T>(value: T) => T): ContactInfo {
  if (patch.name) applyName(out, patch.name);
  for (const key of SCALARS) {
    const value = patch[key];
    if (value === undefined) continue;
    if (value === '') delete out[key];
    else out[key] = value;
  }
  for (const key of LISTS) {
    const wrapper = patch[key];
    if (wrapper !== undefined) Object.assign(out, { [key]: { items: copy(wrapper.items) } });
  }
  if (patch.picture !== undefined) {
    const image = patch.picture.image;
    if (image === undefined || image === '') delete out.picture;
    else out.picture = { image };
  }
  if (patch.extendedFields) applyExtendedFields(out, patch.extendedFields.items);
  return out;
}

function applyName(out: ContactInfo, patch: ContactName): void {
  const name: ContactName = { ...out.name };
  for (const part of ['first', 'last'] as const) {
    const value = patch[part];
    if (value === undefined) continue;
    if (value === '') delete name[part];
    else name[part] = value;
  }
  if (name.first === undefined && name.last === undefined) delete out.name;
  else out.name = name;
}

function applyExtendedFields(out: ContactInfo, patch: Record<string, ExtendedFieldValue>): void {
  const items: Record<string, ExtendedFieldValue> = { ...out.extendedFields?.items };
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === undefined) continue;
    if (value === '') delete items[key];
    else setOwn(items, key, value);
  }
  if (Object.keys(items).length === 0) delete out.extendedFields;
  else out.extendedFields = { items };
}
