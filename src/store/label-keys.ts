/** Pure label-set changes for `labelContact`/`unlabelContact` (idempotent, order-keeping). */
import type { ContactInfo } from '../model/contact.js';
import { LIMITS } from '../model/limits.js';
import { invalidArgument } from './store-errors.js';

/** An info with changed labels and the keys that actually changed (empty: nothing to do). */
export interface LabelChange {
  readonly info: ContactInfo;
  readonly keys: string[];
}

/**
 * Adds the keys `info` does not have yet, at the end, in the given order.
 *
 * @throws ContactsError 400 `INVALID_ARGUMENT` when the contact would carry more than
 * `LIMITS.labelKeys` keys.
 * @example
 * ```ts
 * addLabelKeys({ labelKeys: { items: ['custom.a'] } }, ['custom.a', 'custom.b']).keys; // ['custom.b']
 * ```
 */
export function addLabelKeys(info: ContactInfo, keys: readonly string[]): LabelChange {
  const existing = info.labelKeys?.items ?? [];
  const present = new Set(existing);
  const added: string[] = [];
  for (const key of keys) {
    if (present.has(key)) continue;
    present.add(key);
    added.push(key);
  }
  if (existing.length + added.length > LIMITS.labelKeys) {
    throw invalidArgument('labelKeys', `a contact has at most ${LIMITS.labelKeys} label keys`);
  }
  return { info: { ...info, labelKeys: { items: [...existing, ...added] } }, keys: added };
}

/**
 * Removes the keys `info` has; the wrapper goes when no key is left.
 *
 * @example
 * ```ts
 * removeLabelKeys({ labelKeys: { items: ['custom.a'] } }, ['custom.a', 'custom.z']).keys; // ['custom.a']
 * ```
 */
export function removeLabelKeys(info: ContactInfo, keys: readonly string[]): LabelChange {
  const existing = info.labelKeys?.items ?? [];
  const drop = new Set(keys);
  const removed = existing.filter((k) => drop.has(k));
  const { labelKeys: _old, ...rest } = info;
  const left = existing.filter((k) => !drop.has(k));
  return { info: left.length === 0 ? rest : { ...rest, labelKeys: { items: left } }, keys: removed };
}
