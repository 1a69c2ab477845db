/**
 * The transactions that apply a push's outcome. Each reads the contact again inside its
 * transaction, because the user may have edited it while the request was in flight: edits
 * made since the snapshot stay pending (their outbox rows are not the snapshot's).
 */
import type { Contact, ContactInfo } from '../src/model/contact.js';
import type { Conflict } from '../src/model/conflict.js';
import { asServerId, asServerRevision, type TempContactId } from '../src/model/ids.js';
import { normalizeInfo } from '../src/model/normalize.js';
import { baseOf } from '../src/store/base-of.js';
import { contactRow } from '../src/store/index-keys.js';
import { queueIfDiverged } from '../src/store/queue-if-diverged.js';
import { rewriteRows } from '../src/store/rewrite-rows.js';
import { byContactId } from '../src/store/outbox-rows.js';
import type { BaseRow, ContactsDb, OutboxRow } from '../src/store/schema.js';
import { applyDeletion } from './apply-changes.js';
import { storeConflicts, fieldConflictRows } from './conflict-rows.js';
import { forgetCreateAttempt } from './create-attempts.js';
import { forgetShownRevisions, rememberShownRevision, shownRevision } from './shown-revisions.js';
import type { EngineDeps } from './engine-deps.js';
import { joinPulledCopy } from './join-pulled-copy.js';
import { commitGrouped, commitTx } from './tx-batcher.js';
import { forgetUpdateAttempts, mergeBaseOf, readAttempts } from './update-attempts.js';
import { infoAfterPush, localFromServer, nextRevision, rebase } from './local-copy.js';
import { seqsOf, type PushSnapshot } from './snapshot.js';

const baseRowOf = (server: Contact): BaseRow => ({ contactId: asServerId(server._id), serverRevision: asServerRevision(server.revision), contact: server });

async function putBase(db: ContactsDb, server: Contact): Promise<void> {
  await db.bases.put(baseRowOf(server));
}

/** Forgets the base of `id`: its stored one, and the row's own if the row is one (base-of.ts). */
async function dropBase(db: ContactsDb, id: string): Promise<void> {
  await Promise.all([db.bases.delete(id), db.contacts.where(':id').equals(id).filter((r) => r.s !== undefined).modify({ s: undefined })]);
}

/** An acknowledged PATCH (see commitAck). */
interface Ack {
  readonly snap: PushSnapshot;
  readonly server: Contact;
  readonly sent: ContactInfo;
}

/**
 * The server accepted a PATCH of `sent`: base := its copy, the pushed rows are done. Batched
 * with the other acknowledgements of its transaction (tx-batcher.ts).
 */
export function commitAck(deps: EngineDeps, snap: PushSnapshot, server: Contact, sent: ContactInfo): Promise<void> {
  return commitGrouped(deps, 'ack', (acks: readonly Ack[]) => storeAcks(deps, acks), { snap, server, sent }, snap.contactId);
}

/**
 * Stores acknowledgements of different contacts with bulk requests, issued together. Each
 * row is read once, by `rewriteRows`, whose reads start after the other writes are issued:
 * a write clears the read cache its precision depends on (rewrite-rows.ts).
 */
async function storeAcks(deps: EngineDeps, acks: readonly Ack[]): Promise<void> {
  const { db } = deps;
  const ids = acks.map((a) => a.snap.contactId);
  const diverged: { readonly id: string; readonly info: ContactInfo; readonly server: ContactInfo }[] = [];
  await Promise.all([
    db.bases.bulkPut(acks.map((a) => baseRowOf(a.server))),
    // Acknowledged on this base: no earlier attempt on it can have landed (update-attempts.ts).
    forgetUpdateAttempts(db, ids),
    db.outbox.bulkDelete(acks.flatMap((a) => seqsOf(a.snap.rows))),
    rewriteRows(db, ids, (cur, i) => {
      const { server, sent } = acks[i]!;
      const info = infoAfterPush(sent, cur.c.info, server.info);
      // What the server holds is what is here (the common case): nothing to queue.
      if (info !== server.info) diverged.push({ id: cur._id, info, server: server.info });
      // The server's copy of this very contact: the remote refuses an answer about another one.
      return contactRow(localFromServer(server, info, nextRevision(cur.c, info)));
    }),
  ]);
  await Promise.all(diverged.map((d) => queueIfDiverged(deps, d.id, d.info, d.server)));
}

/**
 * The server created the contact: re-key it from its temporary id to the server's id in one
 * transaction (later outbox rows and conflicts follow, an alias keeps the old id answering),
 * so live queries never see two contacts. If a pull already brought a newer server copy
 * of the new contact, the local view is rebased onto it; if it brought the contact as a
 * copy of its own (the create's first answer was lost), the two are joined, edits of both
 * kept (join-pulled-copy.ts). With `deletedSince`, the server has deleted the contact since
 * it made it: the deletion is applied in the same transaction, as its tombstone would be.
 */
export function commitRekey(
  deps: EngineDeps, snap: PushSnapshot, mutationId: string, server: Contact, sent: ContactInfo,
  options: { readonly deletedSince?: boolean } = {},
): Promise<void> {
  return commitTx(deps, async () => {
    const { db } = deps;
    const tempId = snap.contactId;
    const [cur, existing, storedNewer] = await Promise.all([db.contacts.get(tempId), db.contacts.get(server._id), db.bases.get(server._id)]);
    const newerBase = baseOf(existing, storedNewer);
    let base = server;
    if (cur !== undefined) {
      let info = infoAfterPush(sent, cur.c.info, server.info);
      if (newerBase !== undefined && newerBase.serverRevision > server.revision) {
        const rebased = rebase(server.info, info, newerBase.contact.info, deps.policy);
        info = rebased.info;
        base = newerBase.contact;
        await storeConflicts(db, fieldConflictRows(deps, server._id, rebased.conflicts));
      }
      // A pull may have brought the new contact already, as a copy the user may have edited
      // (or deleted here: then the id comes back past what that copy showed).
      const joined = await joinPulledCopy(deps, { tempId, serverId: server._id, base: base.info, created: cur.c, createdInfo: info, pulled: existing?.c });
      const shown = existing === undefined ? await revisionShownBefore(db, server._id) : undefined;
      info = joined.info;
      await db.contacts.delete(tempId);
      await db.contacts.put(contactRow(localFromServer(base, info, Math.max(joined.revision, (shown ?? 0) + 1))));
      if (shown !== undefined) await forgetShownRevisions(db, server._id);
      await db.outbox.bulkDelete(seqsOf(snap.rows));
      await byContactId(db).equals(tempId).modify({ contactId: asServerId(server._id) });
      await queueIfDiverged(deps, server._id, info, base.info);
    } else {
      await db.outbox.bulkDelete(seqsOf(snap.rows));
      await byContactId(db).equals(tempId).modify({ contactId: asServerId(server._id) });
    }
    await putBase(db, base);
    await db.conflicts.where('contactId').equals(tempId).modify({ contactId: server._id });
    // An id re-keyed before (a temporary id whose contact was deleted remotely and created
    // again from here) points at this one: lookups follow one hop, so move it along.
    await db.aliases.where('serverId').equals(tempId).modify({ serverId: asServerId(server._id) });
    await db.aliases.put({ tempId: tempId as TempContactId, serverId: asServerId(server._id) });
    await forgetCreateAttempt(db, mutationId);
    // Not in a transaction of its own: a crash between the two would leave a contact the
    // server no longer has, with nothing pending to find out.
    if (options.deletedSince === true) await applyDeletion(deps, server._id);
  });
}

/**
 * The server's copy moved on (409): rebase the local edits onto `remote` with the merge,
 * record the conflicts, base := remote. The rows stay: the next attempt pushes the rest.
 */
export function commitRebase(deps: EngineDeps, snap: PushSnapshot, remote: Contact): Promise<void> {
  return commitTx(deps, async () => {
    const { db } = deps;
    const [cur, stored, attempts] = await Promise.all([db.contacts.get(snap.contactId), db.bases.get(snap.contactId), readAttempts(db, snap.contactId)]);
    const base = baseOf(cur, stored);
    if (cur !== undefined && base !== undefined) {
      const { info, conflicts } = rebase(mergeBaseOf(attempts, base.contact, remote), cur.c.info, remote.info, deps.policy);
      await db.contacts.put(contactRow(localFromServer(remote, info, nextRevision(cur.c, info))));
      await storeConflicts(db, fieldConflictRows(deps, snap.contactId, conflicts));
    }
    await putBase(db, remote);
  });
}

/** Nothing to send (the edits cancelled out, or the contact is parked): the rows are done. */
export function commitDrop(deps: EngineDeps, snap: PushSnapshot): Promise<void> {
  return commitTx(deps, async () => {
    await Promise.all([deps.db.outbox.bulkDelete(seqsOf(snap.rows)), forgetUpdateAttempts(deps.db, [snap.contactId])]);
  }, snap.contactId);
}

/** The server deleted the contact (or had already): the rows and the base are done. */
export function commitDeleted(deps: EngineDeps, snap: PushSnapshot, mutationId?: string): Promise<void> {
  return commitTx(deps, async () => {
    const { db } = deps;
    await db.outbox.bulkDelete(seqsOf(snap.rows));
    await dropBase(db, snap.contactId);
    await forgetUpdateAttempts(db, [snap.contactId]);
    const shown = deletedAtRevision(snap.rows);
    if (shown !== undefined) await rememberShownRevision(db, snap.contactId, shown);
    if (mutationId !== undefined) await forgetCreateAttempt(db, mutationId);
  });
}

/**
 * The last revision `id` showed before the user deleted it here: recorded when the delete
 * was acknowledged, or on its delete row while that is still pending.
 */
async function revisionShownBefore(db: ContactsDb, id: string): Promise<number | undefined> {
  const [recorded, rows] = await Promise.all([shownRevision(db, id), byContactId(db).equals(id).toArray()]);
  const pending = deletedAtRevision(rows);
  return recorded === undefined || pending === undefined ? recorded ?? pending : Math.max(recorded, pending);
}

/** The revision the contact showed when the user deleted it here, as its delete rows say. */
function deletedAtRevision(rows: readonly OutboxRow[]): number | undefined {
  const revisions = rows.flatMap((r) => (r.op === 'delete' && r.lastRevision !== undefined ? [r.lastRevision] : []));
  return revisions.length === 0 ? undefined : Math.max(...revisions);
}

/** How a parked mutation leaves the local contact. */
export type ParkLocal =
  | { readonly kind: 'keep' }
  | { readonly kind: 'remove' }
  | { readonly kind: 'set'; readonly contact: Contact }
  | {
    readonly kind: 'revertTo';
    readonly server: Contact;
    /** The refused info, when known: edits made since it was sent are kept on top of `server`. */
    readonly sent?: ContactInfo;
  };

/**
 * The server refused the mutation for good (duplicate, rejected, deleted remotely): record
 * the conflict, take the rows out of the queue, and leave the local contact as `local` says.
 * Nothing is lost: what was refused is in the conflict.
 */
export function commitPark(
  deps: EngineDeps, snap: PushSnapshot, conflict: Conflict,
  local: ParkLocal, options: { readonly dropBase?: boolean; readonly mutationId?: string; readonly base?: Contact } = {},
): Promise<void> {
  return commitTx(deps, async () => {
    const { db } = deps;
    const cur = await db.contacts.get(snap.contactId);
    if (local.kind === 'remove') {
      await db.contacts.delete(snap.contactId);
      // Rows queued while the request was out edit a contact that is gone now: their edits
      // are in the conflict (below), so nothing of them may be pushed on their own.
      await byContactId(db).equals(snap.contactId).delete();
    }
    if (local.kind === 'set') await db.contacts.put(contactRow(local.contact));
    let keptEdits: ContactInfo | undefined;
    let base = options.base;
    if (local.kind === 'revertTo' && local.server._id !== snap.contactId) {
      // An id known here keeps its own base too.
      if (!(await bringBackReplayed(db, snap, local.server))) base = undefined;
    } else if (local.kind === 'revertTo') {
      // Undo what was refused, not what the user did while the request was out: those
      // edits stay, and stay pending (their rows are not in this snapshot).
      if (cur !== undefined && local.sent !== undefined) keptEdits = infoAfterPush(local.sent, cur.c.info, local.server.info);
      const info = keptEdits ?? local.server.info;
      const revision = cur === undefined ? lastKnownRevision(snap) + 1 : nextRevision(cur.c, info);
      await db.contacts.put(contactRow(localFromServer(local.server, info, revision)));
    }
    if (options.dropBase === true) await dropBase(db, snap.contactId);
    if (base !== undefined) await putBase(db, base);
    if (options.mutationId !== undefined) await forgetCreateAttempt(db, options.mutationId);
    await db.outbox.bulkDelete(seqsOf(snap.rows));
    if (keptEdits !== undefined && local.kind === 'revertTo') await queueIfDiverged(deps, snap.contactId, keptEdits, local.server.info);
    await storeConflicts(db, [refusedCreateAsItIsNow(conflict, cur?.c, options.mutationId)]);
  });
}

/**
 * A new contact deleted here before its create's lost answer came back: the replay learnt
 * its server id and the server refused the delete, so `server` comes back under that id.
 * A pull may have brought that id already, as a copy the user may have edited or deleted
 * since (seed 2153's situation): then the id keeps its own row, base and pending rows
 * (written over, the copy's edits were lost and its revision reused with other info: soak
 * seed 2000824). Unknown here, it comes back past any revision it showed. Returns whether
 * it was brought back (false: already known here).
 */
async function bringBackReplayed(db: ContactsDb, snap: PushSnapshot, server: Contact): Promise<boolean> {
  const [row, base] = await Promise.all([db.contacts.get(server._id), db.bases.get(server._id)]);
  if (row !== undefined || base !== undefined) return false;
  const shown = await revisionShownBefore(db, server._id);
  await db.contacts.put(contactRow(localFromServer(server, server.info, Math.max(lastKnownRevision(snap), shown ?? 0) + 1)));
  return true;
}

/**
 * A refused create's conflict shows the contact as it is now, not as it was sent: the user
 * may have edited it while the request was out, and 'keep mine' re-creates it from this
 * record (for a removed contact, it is the only copy left of those edits).
 */
function refusedCreateAsItIsNow(conflict: Conflict, cur: Contact | undefined, createMutationId: string | undefined): Conflict {
  if (createMutationId === undefined || cur === undefined || conflict.local === undefined) return conflict;
  return { ...conflict, local: cur.info };
}

/**
 * The highest local revision the contact had before its row went away: a pending delete
 * removed the row but remembers it, so a refused delete continues the sequence.
 */
function lastKnownRevision(snap: PushSnapshot): number {
  return Math.max(snap.row?.c.revision ?? 0, deletedAtRevision(snap.rows) ?? 0);
}

/**
 * A member's primary email cannot change (428): put the base's emails back locally, record
 * the refusal, and keep the rows so that the rest of the edit is pushed next. Undone is what
 * was refused (`sent`'s emails), not an email edit made while the request was out: that one
 * stays on top of the base's emails and is pushed next (refused again, and then recorded, if
 * it changes the primary email too).
 */
export function commitRevertEmails(deps: EngineDeps, snap: PushSnapshot, base: Contact, sent: ContactInfo, conflict: Conflict): Promise<void> {
  return commitTx(deps, async () => {
    const { db } = deps;
    const cur = await db.contacts.get(snap.contactId);
    if (cur !== undefined) {
      const info = infoAfterPush(sent, cur.c.info, withEmailsOf(sent, base.info));
      await db.contacts.put(contactRow(localFromServer(base, info, nextRevision(cur.c, info))));
    }
    await storeConflicts(db, [conflict]);
  });
}

/** `info` with the emails of `from` (none when `from` has none), normalised. */
function withEmailsOf(info: ContactInfo, from: ContactInfo): ContactInfo {
  const { emails: _drop, ...rest } = info;
  return normalizeInfo(from.emails === undefined ? rest : { ...rest, emails: from.emails });
}
