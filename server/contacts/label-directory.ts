/**
 * Which label keys exist, per tenant: `info.labelKeys` and label/unlabel accept only those.
 * Labels are never deleted, so a key once seen to exist is remembered for the life of the
 * process and the common case needs no query.
 */
import { appError } from '../../src/model/contacts-error.js';
import { existingLabelKeys } from '../storage/label-store.js';
import type { SqlClient } from '../storage/sql.js';

/** The label keys known to exist, by tenant. */
export class LabelDirectory {
  readonly #known = new Map<string, Set<string>>();

  /** Records that `key` exists for `tenantId`. */
  remember(tenantId: string, key: string): void {
    let keys = this.#known.get(tenantId);
    if (keys === undefined) {
      keys = new Set();
      this.#known.set(tenantId, keys);
    }
    keys.add(key);
  }

  /**
   * Checks that every key exists for the tenant.
   *
   * @throws ContactsError 400 `LABEL_NOT_FOUND` with `data.labelKeys` (the missing keys)
   */
  async assertExist(db: SqlClient, tenantId: string, keys: readonly string[]): Promise<void> {
    const known = this.#known.get(tenantId);
    const unknown = [...new Set(keys)].filter((k) => known?.has(k) !== true);
    if (unknown.length === 0) return;
    const found = await existingLabelKeys(db, tenantId, unknown);
    for (const k of found) this.remember(tenantId, k);
    const missing = unknown.filter((k) => !found.has(k));
    if (missing.length > 0) {
      throw appError('LABEL_NOT_FOUND', `label ${missing.join(', ')} does not exist; create it with POST /contacts/v4/labels`, {
        labelKeys: missing,
      });
    }
  }
}
