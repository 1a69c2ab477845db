/**
 * The browser benchmarks' contacts: the generator of the node benchmarks
 * (test/support/realistic-contacts.ts), so that both measure the same documents.
 */
import type { ContactInfo } from '../../../src/model/contact.js';
import { realisticContacts } from '../../../test/support/realistic-contacts.js';

/**
 * `count` contact infos; `tag` makes emails unique across sets (one server tenant per round
 * would otherwise see duplicates).
 *
 * @example
 * ```ts
 * const infos = realisticInfos(10_000, 42);
 * ```
 */
export function realisticInfos(count: number, seed: number, tag = ''): ContactInfo[] {
  const gen = realisticContacts(seed, tag);
  return Array.from({ length: count }, (_, i) => gen.info(i));
}
