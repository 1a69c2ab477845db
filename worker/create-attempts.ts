/**
 * Records of creates that were sent. A create whose answer was lost may have been committed
 * by the server; the retry must send the very same body with the same `Idempotency-Key` to
 * learn the contact's id instead of making a second contact. The body is kept in `meta`
 * from just before the first send until the answer is applied.
 */
import type { ContactInfo } from '../src/model/contact.js';
import type { ContactsDb } from '../src/store/schema.js';
import { forgetShownRevisions } from './shown-revisions.js';

/** The body of a create as it was first sent. */
export interface CreateAttempt {
  readonly info: ContactInfo;
  readonly allowDuplicates: boolean;
}

const key = (mutationId: string): string => `create:${mutationId}`;

/** The recorded attempt of a create mutation, if it was ever sent. */
export async function readCreateAttempt(db: ContactsDb, mutationId: string): Promise<CreateAttempt | undefined> {
  const row = await db.meta.get(key(mutationId));
  return row === undefined ? undefined : (row.value as CreateAttempt);
}

/** Records the body about to be sent. Call in a transaction over `meta`. */
export async function recordCreateAttempt(db: ContactsDb, mutationId: string, attempt: CreateAttempt): Promise<void> {
  await db.meta.put({ key: key(mutationId), value: attempt });
}

/**
 * Forgets an attempt whose answer has been applied (or that can never be retried); with the
 * last one, the revisions kept for its sake go too (shown-revisions.ts).
 */
export async function forgetCreateAttempt(db: ContactsDb, mutationId: string): Promise<void> {
  await db.meta.delete(key(mutationId));
  await forgetShownRevisions(db);
}
