/** What the contact operations of the server need, injected once by `startServer`. */
import type { Sql } from '../storage/sql.js';
import type { DuplicateEmailMode } from '../storage/duplicate-store.js';
import type { UpdateBatcher } from '../storage/update-batcher.js';
import type { ContactCache } from './contact-cache.js';
import type { KeyLocks } from './key-locks.js';
import type { LabelDirectory } from './label-directory.js';

/** Shared collaborators of the contact operations. */
export interface ContactsDeps {
  readonly sql: Sql;
  /** Every conditional contact update goes through here (group commit per tenant). */
  readonly updates: UpdateBatcher;
  readonly cache: ContactCache;
  readonly labels: LabelDirectory;
  /** Held by a write from its duplicate check until it is stored (`duplicateLockNames`). */
  readonly locks: KeyLocks;
  /** Which emails duplicate detection compares (WIX-CONTACTS.md section 10). */
  readonly duplicateEmailMode: DuplicateEmailMode;
  /** Clock seam. */
  readonly now: () => Date;
  /** GUID factory for contact and item ids. */
  readonly newId: () => string;
}
