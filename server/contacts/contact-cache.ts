/**
 * A bounded cache of the last version of recently written contacts, so a PATCH can usually
 * skip reading the row. It is only ever a guess: a write based on a cached version still
 * goes through the conditional `UPDATE ... WHERE revision = $n`, which fails if the row moved
 * on (another server process, a delete), and the caller then reads the row for real. A given
 * (id, revision) names exactly one committed state, so a hit with the right revision is the
 * stored contact. Reads (GET, query, changes) never use it.
 */
import type { Contact } from '../../src/model/contact.js';
import type { WireContact } from '../../src/model/wire.js';

/** One cached version; never mutated (writers build new objects). */
export interface CachedContact {
  readonly contact: Contact;
  readonly wire: WireContact;
}

/** How many contacts are kept (LRU). */
export const CONTACT_CACHE_SIZE = 10_000;

/** An LRU map of (tenant, contact id) to the last version this process wrote or read. */
export class ContactCache {
  readonly #entries = new Map<string, CachedContact>();

  constructor(private readonly capacity: number = CONTACT_CACHE_SIZE) {}

  /** The cached version, or undefined. */
  get(tenantId: string, id: string): CachedContact | undefined {
    const key = `${tenantId}\u0000${id}`;
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  /** Remembers `entry` as the latest version of its contact. */
  set(tenantId: string, entry: CachedContact): void {
    const key = `${tenantId}\u0000${entry.contact._id}`;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }

  /** Forgets a contact (deleted, or found stale). */
  delete(tenantId: string, id: string): void {
    this.#entries.delete(`${tenantId}\u0000${id}`);
  }
}
