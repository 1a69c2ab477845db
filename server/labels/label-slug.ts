/** How a label's display name becomes its key, `custom.<slug>`. */
import { createHash } from 'node:crypto';
import { LIMITS } from '../../src/model/limits.js';

/** The namespace of labels made through the API. */
export const CUSTOM_NAMESPACE = 'custom';

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_SLUG = LIMITS.labelKeyLength - CUSTOM_NAMESPACE.length - 1;

/**
 * The slug of a display name: trimmed, lower-cased, each run of characters other than
 * `a-z 0-9 _ -` replaced by `-`, dashes trimmed, cut to fit an 80-character key. A slug
 * that is already in that form maps to itself, which is what lets the sync engine ask for
 * `custom.vip` by sending `vip`. A name with nothing left (e.g. only non-Latin letters)
 * gets a stable hash slug.
 *
 * @example
 * ```ts
 * labelSlug('VIP Customers'); // 'vip-customers'
 * labelSlug('vip-customers'); // 'vip-customers'
 * ```
 */
export function labelSlug(displayName: string): string {
  const slug = displayName.trim().toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, MAX_SLUG).replace(/-+$/, '');
  if (slug !== '' && !RESERVED.has(slug)) return slug;
  return `label-${createHash('sha1').update(displayName.trim()).digest('hex').slice(0, 12)}`;
}

/** The key of the label with this display name. */
export function labelKeyFor(displayName: string): string {
  return `${CUSTOM_NAMESPACE}.${labelSlug(displayName)}`;
}
