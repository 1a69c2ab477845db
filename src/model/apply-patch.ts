/** The implicit field mask of a Wix v4 PATCH (WIX-CONTACTS.md 7.3). */
import type { ContactInfo } from './contact.js';

/**
 * Applies a validated update `patch` to `current`: scalars and `name.first`/`name.last` are
 * set when present (an explicit `""` clears), lists (`emails`, `phones`, `addresses`,
 * `labelKeys`, `locations`) are replaced whole when their wrapper is present, and
 * `extendedFields.items` merges per key (a `""` value removes the key). Pure; returns a new
 * object and leaves both inputs untouched. The result is not yet normalised.
 */
export function applyInfoPatch(current: ContactInfo, patch: ContactInfo): ContactInfo {
  void current; void patch; throw new Error('TODO(model helper): not implemented yet');
}
