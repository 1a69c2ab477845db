/** The smallest PATCH that turns one info into another. */
import type { ContactInfo } from './contact.js';

/**
 * The update patch carrying only what differs between `base` and `next` (both normalised):
 * changed scalars (`""` for a cleared one), changed name parts, whole lists that differ,
 * changed extended-field keys (`""` for a removed key). For normalised inputs,
 * `normalizeInfo(applyInfoPatch(base, diffInfo(base, next)))` deep-equals `next`. An empty
 * object means "no change".
 */
export function diffInfo(base: ContactInfo, next: ContactInfo): ContactInfo {
  void base; void next; throw new Error('TODO(model helper): not implemented yet');
}

/** Deep equality of two infos (key order and absent-vs-undefined do not matter). */
export function infoEquals(a: ContactInfo, b: ContactInfo): boolean {
  void a; void b; throw new Error('TODO(model helper): not implemented yet');
}
