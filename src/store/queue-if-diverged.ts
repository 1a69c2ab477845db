/**
 * Keeping a contact whose local view differs from its base in the outbox. Pushing takes a
 * contact's rows away wholesale (acknowledged, or parked with a conflict), yet the local
 * view can still hold edits the server lacks: a create replayed with its first body after a
 * lost answer, edits kept around a refused change, the rest of a push refused as a
 * duplicate once the user gave up the duplicate. Without a row they would never sync.
 */
import type { ContactInfo } from '../model/contact.js';
import { newMutationId, type ContactId, type IdFactory } from '../model/ids.js';
import { diffInfo } from '../model/info-diff.js';
import { byContactId } from './outbox-rows.js';
import type { ContactsDb } from './schema.js';

/** What queueing needs: the database, the clock and the id source. */
export interface QueueDeps {
  readonly db: ContactsDb;
  readonly now: () => number;
  readonly makeId: IdFactory;
}

/**
 * Queues an update of `contactId` from `base` to `info` when they differ and nothing is
 * queued for the contact yet (a queued row pushes the whole difference anyway). Returns
 * whether a row was queued. Call inside a transaction over `outbox`.
 *
 * @example
 * ```ts
 * await queueIfDiverged({ db, now: Date.now, makeId: randomId }, id, local.info, server.info);
 * ```
 */
export async function queueIfDiverged(deps: QueueDeps, contactId: string, info: ContactInfo, base: ContactInfo): Promise<boolean> {
  const patch = diffInfo(base, info);
  if (Object.keys(patch).length === 0) return false;
  if ((await byContactId(deps.db).equals(contactId).count()) > 0) return false;
  await deps.db.outbox.add({
    op: 'update', contactId: contactId as ContactId, patch, allowDuplicates: false,
    mutationId: newMutationId(deps.makeId), createdAt: deps.now(),
  });
  return true;
}
