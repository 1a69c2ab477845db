/**
 * Two local copies of one new contact, joined again. A create whose answer was lost is
 * replayed (same body, same key) to learn the id the server gave it; if a pull ran in
 * between, it brought the server's copy of that contact under the server id, and the device
 * showed it next to its own copy (temporary id) — the change feed cannot say whose create
 * made it. The user may have edited either copy meanwhile. When the replay's answer re-keys
 * the new contact onto the server id, the pulled copy's row is the one it lands on: written
 * over, the edits made to that copy were lost, and the revision that copy had shown was
 * reused for other info (soak seed 2153).
 */
import { merge3 } from '../src/merge/merge3.js';
import type { Contact, ContactInfo } from '../src/model/contact.js';
import { infoEquals } from '../src/model/info-diff.js';
import { normalizeInfo } from '../src/model/normalize.js';
import { byContactId } from '../src/store/outbox-rows.js';
import type { ContactsDb } from '../src/store/schema.js';
import { fieldConflictRows, storeConflicts } from './conflict-rows.js';
import type { EngineDeps } from './engine-deps.js';
import { nextRevision } from './local-copy.js';

/** The one local copy the two become. */
export interface JoinedCopy {
  readonly info: ContactInfo;
  /** Past the revisions of both copies whenever it shows something that copy did not. */
  readonly revision: number;
}

/** The two copies of the new contact at the re-key, and the server copy both descend from. */
export interface CopiesToJoin {
  readonly tempId: string;
  readonly serverId: string;
  /** The server copy the re-keyed contact sits on (its base from now on). */
  readonly base: ContactInfo;
  /** The device's own copy, as stored under the temporary id. */
  readonly created: Contact;
  /** Its info with the pushed create acknowledged and rebased onto `base`. */
  readonly createdInfo: ContactInfo;
  /** The copy a pull brought under the server id, if one did. */
  readonly pulled: Contact | undefined;
}

/**
 * The re-keyed contact's local view: the pulled copy's edits and the device's own, both
 * rebased on `base`. A field both copies set differently takes the value of the copy edited
 * last (by its newest pending outbox row); the other value is stored as a field conflict of
 * the server id, so the user can still pick it. Each copy counts by its net change since
 * `base`, as two users' edits would: the user saw two contacts, and a label added and then
 * removed on one copy is no change of that copy, so the other copy's add of it stands
 * (soak seed 1700470). The order of edits across copies is not kept anyway: a copy's rows
 * that cancel out may be pushed, and dropped, before the join. Call inside the re-key's
 * transaction, before the temporary id's rows move to the server id.
 *
 * @example
 * ```ts
 * const { info, revision } = await joinPulledCopy(deps, { tempId, serverId, base: server.info, created: cur.c, createdInfo: info, pulled: existing?.c });
 * ```
 */
export async function joinPulledCopy(deps: Pick<EngineDeps, 'db' | 'makeId' | 'now'>, copies: CopiesToJoin): Promise<JoinedCopy> {
  const { created, pulled } = copies;
  const info = pulled === undefined ? copies.createdInfo : await joinedInfo(deps, copies, pulled);
  // Each id must show a new revision if what it showed changed: a caller holding either
  // copy's revision must not be able to write over the joined view with it.
  const revision = Math.max(nextRevision(created, info), pulled === undefined ? 0 : nextRevision(pulled, info));
  return { info, revision };
}

async function joinedInfo(deps: Pick<EngineDeps, 'db' | 'makeId' | 'now'>, copies: CopiesToJoin, pulled: Contact): Promise<ContactInfo> {
  const { base, createdInfo } = copies;
  if (infoEquals(pulled.info, base)) return createdInfo;
  if (infoEquals(createdInfo, base)) return pulled.info;
  const [createdAt, pulledAt] = await Promise.all([lastEditAt(deps.db, copies.tempId), lastEditAt(deps.db, copies.serverId)]);
  const pulledLast = pulledAt >= createdAt;
  // The later copy merges as 'local' and wins: on one field, the user's last word stands.
  const { merged, conflicts } = pulledLast
    ? merge3(base, pulled.info, createdInfo, 'local')
    : merge3(base, createdInfo, pulled.info, 'local');
  await storeConflicts(deps.db, fieldConflictRows(deps, copies.serverId, conflicts));
  return normalizeInfo(merged);
}

/** When the contact was last edited here, by its pending rows (-Infinity with none). */
async function lastEditAt(db: ContactsDb, contactId: string): Promise<number> {
  const rows = await byContactId(db).equals(contactId).toArray();
  return rows.reduce((latest, r) => Math.max(latest, r.createdAt), Number.NEGATIVE_INFINITY);
}
