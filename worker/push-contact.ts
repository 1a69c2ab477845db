/**
 * Pushing one contact: its pending rows coalesce into one request carrying the fields that
 * differ from the base (or a create, or a delete), and the server's answer decides what is
 * committed (DESIGN.md section 4):
 *
 *   snapshot ─▶ delete? ─▶ DELETE ─▶ done (404 too) │ 428 ─▶ restore + rejected
 *            ─▶ create? ─▶ POST (Idempotency-Key) ─▶ re-key │ 409 dup ─▶ duplicate │ 400/428 ─▶ rejected
 *                         (sent before: GET it; 404 ─▶ re-key and delete, as its tombstone would)
 *            ─▶ update  ─▶ PATCH ─▶ ack │ 409 changed ─▶ GET, merge, again (bounded)
 *                                     │ 404 ─▶ delete conflict │ 409 dup ─▶ duplicate
 *                                     │ 428 member email ─▶ drop the email change, again │ 400/428 ─▶ rejected
 *   401/403, 429, 5xx and network errors are thrown: the retry loop owns waiting.
 */
import type { Contact, ContactInfo } from '../src/model/contact.js';
import { ContactsError } from '../src/model/contacts-error.js';
import { diffInfo } from '../src/model/info-diff.js';
import type { OutboxRow } from '../src/store/schema.js';
import { conflictRow } from './conflict-rows.js';
import { readCreateAttempt, recordCreateAttempt, type CreateAttempt } from './create-attempts.js';
import { ENGINE_LIMITS, type EngineDeps } from './engine-deps.js';
import { commitTx } from './tx-batcher.js';
import type { LabelRegistry } from './label-registry.js';
import { commitAck, commitDeleted, commitDrop, commitPark, commitRebase, commitRekey, commitRevertEmails } from './push-commits.js';
import { readSnapshot, type PushSnapshot } from './snapshot.js';
import { holdUpdateAttempt, lostUpdateAppliedAs, mayHaveLanded, recordUpdateAttempt, undoOfAttempts, type UpdateAttempt } from './update-attempts.js';

/** What a push of one contact needs besides the engine's deps. */
export interface PushContext extends EngineDeps {
  readonly labels: LabelRegistry;
}

/** After a step: finished, push this contact again (it changed), or go on under its new id. */
type Step = 'done' | 'again' | { readonly rekeyedTo: string };

/**
 * Pushes everything pending for `contactId` until the server has it or the mutation is
 * parked as a conflict.
 *
 * @throws ContactsError for failures worth retrying later (network, 401/403, 429, 5xx,
 * storage) and `CONTACT_ALREADY_CHANGED` when the contact kept changing under us.
 */
export async function pushContact(ctx: PushContext, contactId: string, prefetched?: PushSnapshot): Promise<void> {
  let id = contactId;
  for (let attempt = 0; attempt <= ENGINE_LIMITS.maxRebaseAttempts; attempt++) {
    // A prefetched snapshot may be a little old; that is safe: commits re-read the contact,
    // and rows added since stay pending.
    const snap = attempt === 0 && prefetched !== undefined ? prefetched : await readSnapshot(ctx.db, id);
    if (snap === undefined) return;
    const step = await pushStep(ctx, snap);
    if (step === 'done') return;
    if (step !== 'again') id = step.rekeyedTo;
  }
  throw new ContactsError({ code: 'CONTACT_ALREADY_CHANGED', status: 503, message: `contact ${contactId} kept changing on the server; will retry` });
}

function pushStep(ctx: PushContext, snap: PushSnapshot): Promise<Step> {
  const create = snap.rows.find((r) => r.op === 'create');
  if (snap.row === undefined) return pushDelete(ctx, snap, create);
  if (create !== undefined) return pushCreate(ctx, snap, create, snap.row.c);
  return pushUpdate(ctx, snap, snap.row.c);
}

const allowDuplicatesOf = (rows: readonly OutboxRow[]): boolean =>
  rows.some((r) => (r.op === 'create' || r.op === 'update') && r.allowDuplicates);

const hasCode = (e: unknown, code: string): e is ContactsError => e instanceof ContactsError && e.code === code;

/** 400 and 428 answers are final for this mutation (except the ones handled before). */
const isRefusal = (e: unknown): e is ContactsError =>
  e instanceof ContactsError && (e.status === 400 || e.status === 428 || e.status === 413);

async function pushDelete(ctx: PushContext, snap: PushSnapshot, create: OutboxRow | undefined): Promise<Step> {
  let serverId = snap.contactId;
  if (create !== undefined) {
    const attempt = await readCreateAttempt(ctx.db, create.mutationId);
    // Never sent: the server never heard of it, so there is nothing to delete there.
    if (attempt === undefined) return commitDrop(ctx, snap).then(() => 'done');
    // Sent, answer unknown: replay it to learn the id, then delete that.
    try {
      serverId = (await ctx.remote.createContact(attempt.info, { idempotencyKey: create.mutationId, allowDuplicates: attempt.allowDuplicates }))._id;
    } catch (e) {
      // A refusal means the first send was refused too: no contact was made.
      if (!isRefusal(e) && !hasCode(e, 'DUPLICATE_CONTACT_EXISTS')) throw e;
      return commitDeleted(ctx, snap, create.mutationId).then(() => 'done');
    }
  }
  try {
    await ctx.remote.deleteContact(serverId);
  } catch (e) {
    if (!(e instanceof ContactsError && e.status === 404)) {
      if (!isRefusal(e)) throw e;
      // No base: a create whose answer was lost, deleted here before the answer came back
      // (replayed above). The server's own copy is what the refusal brings back, with a base.
      const server = snap.base?.contact ?? await getOrUndefined(ctx, serverId);
      if (server === undefined) return commitDeleted(ctx, snap, create?.mutationId).then(() => 'done');
      const conflict = conflictRow(ctx, server._id, 'rejected', { code: e.code, data: e.data, base: server.info, remote: server.info });
      await commitPark(ctx, snap, conflict, { kind: 'revertTo', server }, {
        ...(snap.base === undefined ? { base: server } : {}),
        ...(create === undefined ? {} : { mutationId: create.mutationId }),
      });
      return 'done';
    }
  }
  await commitDeleted(ctx, snap, create?.mutationId);
  return 'done';
}

async function pushCreate(ctx: PushContext, snap: PushSnapshot, create: OutboxRow, local: Contact): Promise<Step> {
  const { body, resent } = await createBody(ctx, create.mutationId, { info: local.info, allowDuplicates: allowDuplicatesOf(snap.rows) });
  let server: Contact;
  try {
    await ctx.labels.ensure(body.info);
    server = await ctx.remote.createContact(body.info, { idempotencyKey: create.mutationId, allowDuplicates: body.allowDuplicates });
  } catch (e) {
    if (hasCode(e, 'DUPLICATE_CONTACT_EXISTS')) {
      const conflict = conflictRow(ctx, snap.contactId, 'duplicate', { code: e.code, data: e.data, local: body.info });
      await commitPark(ctx, snap, conflict, { kind: 'keep' }, { mutationId: create.mutationId });
      return 'done';
    }
    if (!isRefusal(e)) throw e;
    const conflict = conflictRow(ctx, snap.contactId, 'rejected', { code: e.code, data: e.data ?? e.details, local: local.info });
    await commitPark(ctx, snap, conflict, { kind: 'remove' }, { mutationId: create.mutationId });
    return 'done';
  }
  ctx.labels.learn(server.info);
  // A resent create may be answered from the server's Idempotency-Key record: the contact as
  // it was made, even if it has been deleted since. A pull that ran in between brought that
  // delete for an id not known here yet, and the feed will not bring it again: ask.
  const deletedSince = resent && (await getOrUndefined(ctx, server._id)) === undefined;
  await commitRekey(ctx, snap, create.mutationId, server, body.info, { deletedSince });
  if (deletedSince) return 'done';
  // Edits made since the create was first sent are now rows of the server id: push them too.
  return { rekeyedTo: server._id };
}

/** The body of a create about to be sent, and whether it was sent before. */
interface CreateSend {
  readonly body: CreateAttempt;
  /** The recorded body of an earlier send: the answer may replay that send's. */
  readonly resent: boolean;
}

/** The body to send: the recorded one if this create was sent before (so the key replays), else a new record. */
async function createBody(ctx: PushContext, mutationId: string, fresh: CreateAttempt): Promise<CreateSend> {
  return commitTx(ctx, async () => {
    const recorded = await readCreateAttempt(ctx.db, mutationId);
    if (recorded !== undefined) return { body: recorded, resent: true };
    await recordCreateAttempt(ctx.db, mutationId, fresh);
    return { body: fresh, resent: false };
  });
}

/**
 * The PATCH a push of `snap` would send first, as its attempt record: undefined when it
 * sends something else (a create, a delete) or nothing. A pass records these for a whole
 * chunk of contacts ahead of sending (push-all.ts): one transaction instead of one each.
 */
export function firstAttemptOf(snap: PushSnapshot): UpdateAttempt | undefined {
  const base = snap.base?.contact;
  if (snap.row === undefined || base === undefined || snap.rows.some((r) => r.op === 'create')) return undefined;
  const sent = snap.row.c.info;
  return Object.keys(diffInfo(base.info, sent)).length === 0 ? undefined : { baseRevision: base.revision, sent };
}

async function pushUpdate(ctx: PushContext, snap: PushSnapshot, local: Contact): Promise<Step> {
  const base = snap.base?.contact;
  // No base: the server deleted this contact and the user kept editing it (a delete conflict is open).
  if (base === undefined) return commitDrop(ctx, snap).then(() => 'done');
  const patch = diffInfo(base.info, local.info);
  if (Object.keys(patch).length === 0) return pushNothing(ctx, snap, base);
  try {
    await ctx.labels.ensure(patch);
    const recorded = snap.recorded?.sent === local.info && snap.recorded.baseRevision === base.revision;
    if (!recorded) await recordBeforeSending(ctx, snap.contactId, { baseRevision: base.revision, sent: local.info });
    const server = await ctx.remote.updateContact(snap.contactId, patch, base.revision, { allowDuplicates: allowDuplicatesOf(snap.rows) });
    ctx.labels.learn(server.info);
    await commitAck(ctx, snap, server, local.info);
    return 'done';
  } catch (e) {
    return onUpdateError(ctx, snap, base, local.info, e);
  }
}

/**
 * Records a PATCH before it goes out: the page may die while it is out (update-attempts.ts).
 * With the disk full the record is held in memory instead, so that edits saved before the
 * disk filled up still reach the server.
 */
async function recordBeforeSending(ctx: PushContext, contactId: string, attempt: UpdateAttempt): Promise<void> {
  try {
    await commitTx(ctx, () => recordUpdateAttempt(ctx.db, contactId, attempt), contactId);
  } catch (e) {
    if (!hasCode(e, 'STORAGE_FULL')) throw e;
    holdUpdateAttempt(ctx.db, contactId, attempt);
  }
}

/**
 * The pending edits cancel out (the local view is the base again). Done, unless a PATCH
 * sent on this base was never answered: if it landed, the server now holds what the user
 * has since undone, so ask, and push the undoing if it did; if not yet, make sure it cannot.
 */
async function pushNothing(ctx: PushContext, snap: PushSnapshot, base: Contact): Promise<Step> {
  if (!(await mayHaveLanded(ctx.db, snap.contactId, base))) return commitDrop(ctx, snap).then(() => 'done');
  const remote = await getOrUndefined(ctx, snap.contactId);
  // Not there: a deletion arrives through the feed.
  if (remote === undefined) return commitDrop(ctx, snap).then(() => 'done');
  if (remote.revision === base.revision) return fenceUnanswered(ctx, snap, base);
  return onServerMoved(ctx, snap, base, remote);
}

/**
 * Nothing of ours has landed yet, but an unanswered PATCH may still be on its way: sent by
 * a tab that froze while it was out and lost leadership to this one. Arriving later, it
 * would set what the user has since undone. So the base's values are written on the base
 * revision (a no-op in content): the revision moves on and that PATCH meets a 409. If it
 * arrives first, this write meets the 409 instead and the usual path takes over.
 */
async function fenceUnanswered(ctx: PushContext, snap: PushSnapshot, base: Contact): Promise<Step> {
  const undo = await undoOfAttempts(ctx.db, snap.contactId, base);
  if (Object.keys(undo).length === 0) return commitDrop(ctx, snap).then(() => 'done');
  try {
    // Recorded like any PATCH: if its answer is lost, the next round recognises it landed.
    await recordBeforeSending(ctx, snap.contactId, { baseRevision: base.revision, sent: base.info });
    // The values are the server's own: they cannot make a duplicate that was not one.
    const server = await ctx.remote.updateContact(snap.contactId, undo, base.revision, { allowDuplicates: true });
    await commitAck(ctx, snap, server, base.info);
    return 'done';
  } catch (e) {
    return onUpdateError(ctx, snap, base, base.info, e);
  }
}

/** The server copy is past our base: our own unanswered PATCH, or somebody else's edit. */
async function onServerMoved(ctx: PushContext, snap: PushSnapshot, base: Contact, remote: Contact): Promise<Step> {
  const sent = await lostUpdateAppliedAs(ctx.db, snap.contactId, base, remote);
  if (sent === undefined) return commitRebase(ctx, snap, remote).then(() => 'again');
  // Our PATCH whose answer was lost: acknowledge it. Edits made since it was sent stay
  // pending (commitAck re-queues what differs from the server) for the next step.
  await commitAck(ctx, snap, remote, sent);
  return 'again';
}

async function onUpdateError(ctx: PushContext, snap: PushSnapshot, base: Contact, sent: ContactInfo, e: unknown): Promise<Step> {
  if (hasCode(e, 'CONTACT_ALREADY_CHANGED')) {
    const remote = await getOrUndefined(ctx, snap.contactId);
    if (remote !== undefined) return onServerMoved(ctx, snap, base, remote);
  } else if (!(e instanceof ContactsError && e.status === 404)) {
    return onRefusal(ctx, snap, base, sent, e);
  }
  const conflict = conflictRow(ctx, snap.contactId, 'delete', { base: base.info, local: sent });
  await commitPark(ctx, snap, conflict, { kind: 'keep' }, { dropBase: true });
  return 'done';
}

async function onRefusal(ctx: PushContext, snap: PushSnapshot, base: Contact, sent: ContactInfo, e: unknown): Promise<Step> {
  if (hasCode(e, 'DUPLICATE_CONTACT_EXISTS')) {
    const conflict = conflictRow(ctx, snap.contactId, 'duplicate', { code: e.code, data: e.data, base: base.info, local: sent });
    await commitPark(ctx, snap, conflict, { kind: 'keep' });
    return 'done';
  }
  if (hasCode(e, 'CANNOT_UPDATE_MEMBER_EMAIL')) {
    const conflict = conflictRow(ctx, snap.contactId, 'rejected', {
      path: 'info.emails', code: e.code, data: e.data, base: base.info.emails, local: sent.emails, remote: base.info.emails,
    });
    await commitRevertEmails(ctx, snap, base, sent, conflict);
    return 'again';
  }
  if (!isRefusal(e)) throw e;
  const conflict = conflictRow(ctx, snap.contactId, 'rejected', { code: e.code, data: e.data ?? e.details, base: base.info, local: sent, remote: base.info });
  await commitPark(ctx, snap, conflict, { kind: 'revertTo', server: base, sent });
  return 'done';
}

async function getOrUndefined(ctx: PushContext, contactId: string): Promise<Contact | undefined> {
  try {
    return await ctx.remote.getContact(contactId);
  } catch (e) {
    if (e instanceof ContactsError && e.status === 404) return undefined;
    throw e;
  }
}
