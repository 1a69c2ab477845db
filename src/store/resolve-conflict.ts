/**
 * Applying the user's choice on a recorded conflict, as a local write: the chosen values
 * become a new local edit with its outbox row, so the choice syncs to the server and from
 * there to every device. One transaction; the conflict is removed in it.
 *
 * | kind      | 'local' (keep mine)                              | 'remote' (take theirs)                    |
 * |-----------|--------------------------------------------------|-------------------------------------------|
 * | field     | the local value at `path` (usually already shown) | the remote value at `path`                |
 * | delete    | create the contact again on the server           | delete it here too                        |
 * | duplicate | push again with `allowDuplicates`                | undo the push's changes to emails and phones (other edits, and later ones, stay and sync), or remove a new contact |
 * | rejected  | apply the refused changes again (edits made since stay) | keep the server's values (already shown)  |
 */
import { applyConflictChoice } from '../merge/apply-conflict-choice.js';
import { merge3 } from '../merge/merge3.js';
import type { Contact, ContactInfo } from '../model/contact.js';
import type { Conflict } from '../model/conflict.js';
import { ContactsError } from '../model/contacts-error.js';
import { applyInfoPatch } from '../model/apply-patch.js';
import { diffInfo, infoEquals } from '../model/info-diff.js';
import { isTempId, newMutationId, newTempId, type ContactId, type IdFactory } from '../model/ids.js';
import { normalizeInfo } from '../model/normalize.js';
import { deepEqual } from '../model/plain-object.js';
import { baseOf } from './base-of.js';
import { newContact, withInfo } from './build-contact.js';
import { contactRow } from './index-keys.js';
import { mapStorageError } from './map-storage-error.js';
import { queueIfDiverged } from './queue-if-diverged.js';
import { byContactId } from './outbox-rows.js';
import type { BaseRow, ContactsDb, OutboxRow } from './schema.js';

/** What resolving needs besides the database. */
export interface ResolveDeps {
  readonly db: ContactsDb;
  readonly now: () => number;
  readonly makeId: IdFactory;
}

type Stamped<R extends OutboxRow> = R extends OutboxRow ? Omit<R, 'seq' | 'mutationId' | 'createdAt'> : never;

/**
 * Applies `choice` to conflict `conflictId` and deletes it. Returns true when a new local
 * edit was queued (the engine should be told the outbox grew).
 *
 * @throws ContactsError 404 `CONFLICT_NOT_FOUND`; storage codes.
 * @example
 * ```ts
 * const queued = await resolveConflict({ db, now: Date.now, makeId: randomId }, conflict.id, 'remote');
 * ```
 */
export async function resolveConflict(deps: ResolveDeps, conflictId: string, choice: 'local' | 'remote'): Promise<boolean> {
  const { db } = deps;
  try {
    return await db.transaction('rw', [db.contacts, db.bases, db.outbox, db.conflicts, db.meta], async () => {
      const conflict = await db.conflicts.get(conflictId);
      if (conflict === undefined) return false;
      const [row, stored] = await Promise.all([db.contacts.get(conflict.contactId), db.bases.get(conflict.contactId)]);
      const base = baseOf(row, stored);
      // Every choice may rewrite or remove the row: a row that is its own base stores it first
      // (what `keepRowBase` does, with the stored base already read here).
      if (stored === undefined && base !== undefined) await db.bases.put(base);
      const queued = await apply(deps, conflict, choice, row?.c, base);
      await db.conflicts.delete(conflictId);
      return queued;
    });
  } catch (e) {
    throw mapStorageError(e);
  }
}

async function apply(deps: ResolveDeps, c: Conflict, choice: 'local' | 'remote', cur: Contact | undefined, base: BaseRow | undefined): Promise<boolean> {
  switch (c.kind) {
    case 'field': {
      if (cur === undefined) return false;
      const info = chosenInfo(cur.info, c, choice);
      return info === undefined ? false : setInfo(deps, cur, info, false);
    }
    case 'delete':
      if (cur === undefined) return false;
      if (choice === 'remote') {
        await deps.db.contacts.delete(cur._id);
        await byContactId(deps.db).equals(cur._id).delete();
        return false;
      }
      return recreate(deps, cur, false);
    case 'duplicate':
      return resolveDuplicate(deps, c, choice, cur, base);
    case 'rejected':
      return choice === 'remote' ? false : reapply(deps, c, cur, base);
  }
}

/** The info with the choice applied, or undefined when the path no longer exists (the item went away since). */
function chosenInfo(info: ContactInfo, c: Conflict, choice: 'local' | 'remote'): ContactInfo | undefined {
  try {
    return normalizeInfo(applyConflictChoice(info, { path: c.path ?? '', base: c.base, local: c.local, remote: c.remote, chosen: c.chosen ?? 'local' }, choice));
  } catch (e) {
    if (e instanceof ContactsError && e.code === 'INVALID_ARGUMENT') return undefined;
    throw e;
  }
}

async function resolveDuplicate(deps: ResolveDeps, c: Conflict, choice: 'local' | 'remote', cur: Contact | undefined, base: BaseRow | undefined): Promise<boolean> {
  if (cur === undefined) return false;
  const neverCreated = base === undefined || isTempId(cur._id);
  if (choice === 'local') {
    return neverCreated
      ? recreate(deps, cur, true)
      : queue(deps, { op: 'update', contactId: cur._id as ContactId, patch: diffInfo(base.contact.info, cur.info), allowDuplicates: true });
  }
  if (neverCreated) {
    await deps.db.contacts.delete(cur._id);
    await byContactId(deps.db).equals(cur._id).delete();
    return false;
  }
  const info = withoutDuplicateChange(cur.info, c, base.contact.info);
  // The refused push took its rows with it: whatever the contact still has that the server
  // has not (the other edits of that push) needs a row of its own, or it never syncs.
  return (await setInfo(deps, cur, info, false)) || queueIfDiverged(deps, cur._id, info, base.contact.info);
}

/**
 * Queues the creation of `cur` on the server (again). A contact the server deleted may also
 * have a `delete` conflict open (a parked duplicate, then the tombstone): creating it again
 * is keeping it, which answers that conflict too. Left open, it would follow the contact
 * onto its new server id at the re-key, and 'take theirs' on it would then remove here a
 * contact the server has, for good (soak seed 201385).
 */
async function recreate(deps: ResolveDeps, cur: Contact, allowDuplicates: boolean): Promise<boolean> {
  await deps.db.conflicts.where('contactId').equals(cur._id).filter((c) => c.kind === 'delete').delete();
  return queue(deps, { op: 'create', contactId: cur._id as ContactId, allowDuplicates });
}

const CHECKED_LISTS = ['emails', 'phones'] as const;

/**
 * 'take theirs' on a duplicate update: the changes the refused push made to the lists the
 * server checks for duplicates (emails, phones) are undone; every other edit stays and
 * syncs. Only a write that sends one of those lists is checked, so without them the push is
 * no longer a duplicate. Which list the server names says nothing about which one was sent:
 * adding a phone to a contact whose email another contact shares names the email.
 *
 * The undo is a three-way merge whose base is what was refused: whatever changed those
 * lists since (the user again, another app through a pull) stays, as a later edit should.
 */
function withoutDuplicateChange(info: ContactInfo, c: Conflict, base: ContactInfo): ContactInfo {
  const refused = c.local as ContactInfo | undefined;
  const refusedBase = (c.base as ContactInfo | undefined) ?? base;
  if (refused === undefined) return normalizeInfo(withLists(info, base, CHECKED_LISTS));
  const sent = CHECKED_LISTS.filter((k) => !deepEqual(refusedBase[k], refused[k]));
  const { merged } = merge3(refused, info, refusedBase, 'local');
  return normalizeInfo(withLists(info, merged, sent));
}

/** `info` with the lists `keys` taken from `from` (absent there: absent in the result). */
function withLists(info: ContactInfo, from: ContactInfo, keys: readonly (typeof CHECKED_LISTS)[number][]): ContactInfo {
  const { emails, phones, ...rest } = info;
  const pick = <K extends (typeof CHECKED_LISTS)[number]>(k: K, now: ContactInfo[K]): ContactInfo[K] => (keys.includes(k) ? from[k] : now);
  const e = pick('emails', emails);
  const p = pick('phones', phones);
  return { ...rest, ...(e === undefined ? {} : { emails: e }), ...(p === undefined ? {} : { phones: p }) };
}

/** 'keep mine' on a refused write: the refused values become a new edit (or a new contact). */
async function reapply(deps: ResolveDeps, c: Conflict, cur: Contact | undefined, base: BaseRow | undefined): Promise<boolean> {
  if (c.path === 'info.emails') {
    if (cur === undefined) return false;
    const emails = c.local as ContactInfo['emails'];
    const { emails: _old, ...rest } = cur.info;
    return setInfo(deps, cur, normalizeInfo(emails === undefined ? rest : { ...rest, emails }), false);
  }
  const refused = c.local as ContactInfo | undefined;
  if (refused === undefined) return false;
  if (cur === undefined || base === undefined) {
    const contact = newContact(newTempId(deps.makeId), normalizeInfo(refused), deps.now());
    await deps.db.contacts.add(contactRow(contact));
    return queue(deps, { op: 'create', contactId: contact._id as ContactId, allowDuplicates: false });
  }
  // A refused update: put back what it changed, on top of the contact as it is now, so that
  // edits made since (on other fields) stay. Without the info it was based on, all of it.
  const refusedBase = c.base as ContactInfo | undefined;
  const info = refusedBase === undefined ? refused : applyInfoPatch(cur.info, diffInfo(refusedBase, refused));
  return setInfo(deps, cur, normalizeInfo(info), false);
}

/** Writes `info` as a new local version and queues it; nothing when it is already shown. */
async function setInfo(deps: ResolveDeps, cur: Contact, info: ContactInfo, allowDuplicates: boolean): Promise<boolean> {
  if (infoEquals(cur.info, info)) return false;
  const patch = diffInfo(cur.info, info);
  await deps.db.contacts.put(contactRow(withInfo(cur, info, deps.now())));
  return queue(deps, { op: 'update', contactId: cur._id as ContactId, patch, allowDuplicates });
}

async function queue(deps: ResolveDeps, row: Stamped<OutboxRow>): Promise<boolean> {
  await deps.db.outbox.add({ ...row, mutationId: newMutationId(deps.makeId), createdAt: deps.now() });
  return true;
}
