/**
 * Leadership fencing. Each engine that becomes leader bumps the epoch stored in `meta`; every
 * engine commit re-reads it inside its own transaction and aborts if another engine has
 * taken over since. So a stalled leader that wakes up after being replaced can never write,
 * even if it still believes it leads.
 */
import { ContactsError } from '../src/model/contacts-error.js';
import type { ContactsDb } from '../src/store/schema.js';

/** The `meta` key of the leadership epoch. */
export const EPOCH_KEY = 'leaderEpoch';

/** Checks, inside a transaction that includes `meta`, that this engine still leads. */
export interface Fence {
  /** The epoch this engine holds (0 before it has led). */
  readonly epoch: number;
  /** @throws ContactsError 409 `NOT_LEADER` when another engine has taken over. */
  check(db: ContactsDb): Promise<void>;
}

/** Reads the current epoch. Call inside a transaction for a consistent answer. */
export async function readEpoch(db: ContactsDb): Promise<number> {
  const row = await db.meta.get(EPOCH_KEY);
  return typeof row?.value === 'number' ? row.value : 0;
}

/**
 * Takes leadership: bumps the epoch in its own transaction and returns the fence for it.
 *
 * @example
 * ```ts
 * const fence = await takeLeadership(db);
 * await db.transaction('rw', [db.meta, db.contacts], async () => { await fence.check(db); ... });
 * ```
 */
export async function takeLeadership(db: ContactsDb): Promise<Fence> {
  const epoch = await db.transaction('rw', db.meta, async () => {
    const next = (await readEpoch(db)) + 1;
    await db.meta.put({ key: EPOCH_KEY, value: next });
    return next;
  });
  return fenceFor(epoch);
}

/** The fence of a known epoch. */
export function fenceFor(epoch: number): Fence {
  return {
    epoch,
    check: async (db) => {
      const current = await readEpoch(db);
      if (current !== epoch) {
        throw new ContactsError({ code: 'NOT_LEADER', message: `sync engine fenced: epoch ${epoch}, current ${current}` });
      }
    },
  };
}
