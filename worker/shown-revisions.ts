/**
 * The last revision a server id showed on this device before the user deleted it here, kept
 * while a create whose answer was lost is still out. That create may turn out to be the
 * same server contact (the pull brought it as a copy of its own, the user deleted that copy
 * and kept editing the other): its re-key then brings the id back, and it must come back
 * past every revision it showed, or a caller still holding one could write over it (soak
 * seed 1400947). Kept in `meta` beside the create attempts, and dropped with the last one.
 */
import type { ContactsDb } from '../src/store/schema.js';

const key = (contactId: string): string => `shown:${contactId}`;

/** Records what `contactId` showed when its local delete was acknowledged, if a create is still out. Call in a transaction over `meta`. */
export async function rememberShownRevision(db: ContactsDb, contactId: string, revision: number): Promise<void> {
  const createOut = await db.meta.where('key').startsWith('create:').first();
  if (createOut !== undefined) await db.meta.put({ key: key(contactId), value: revision });
}

/** The revision `contactId` showed before its local delete, if recorded. */
export async function shownRevision(db: ContactsDb, contactId: string): Promise<number | undefined> {
  const row = await db.meta.get(key(contactId));
  return typeof row?.value === 'number' ? row.value : undefined;
}

/** Forgets the record of `contactId` (it came back), or all of them once no create is out. */
export async function forgetShownRevisions(db: ContactsDb, contactId?: string): Promise<void> {
  if (contactId !== undefined) {
    await db.meta.delete(key(contactId));
    return;
  }
  const createOut = await db.meta.where('key').startsWith('create:').first();
  if (createOut === undefined) await db.meta.where('key').startsWith('shown:').delete();
}
