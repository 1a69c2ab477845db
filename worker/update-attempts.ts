/**
 * Records of the PATCHes sent on a contact's current base, written before each is sent and
 * forgotten when one is acknowledged. A PATCH whose answer never came (the response was
 * lost, or the page was killed while it was out) may have been applied: the server copy is
 * then one revision on and, field for field, what was sent. Read with the old base as the
 * merge base, that copy would look like somebody else's edit, and an edit the user made
 * while the request was out would be undone by our own write (a removal came back: soak
 * seeds 1226 and 7128). With the record, that copy is taken for the acknowledgement it is,
 * whether it comes back as a 409's server copy, through the change feed, or when the local
 * edits cancel out and the push has to ask the server whether the PATCH landed.
 *
 * Written ahead of the request, like a create's attempt (create-attempts.ts): an answer
 * can be lost without the engine ever seeing an error, when the page dies. Keyed by contact;
 * the attempts on one base revision accumulate (a retry after a lost answer sends a newer
 * view on the same base, and either may be the one that landed); a record on an older base
 * never matches again (base revisions only go up) and is replaced by the next attempt.
 *
 * With the disk full the record cannot be written; the PATCH still goes out (an edit saved
 * before the disk filled up should reach the server all the more), and the attempt is held
 * in memory for the engine's life instead (`holdUpdateAttempt`). What that gives up: a page
 * killed while such a PATCH is out forgets it, as before these records existed.
 */
import type { Contact, ContactInfo } from '../src/model/contact.js';
import { diffInfo } from '../src/model/info-diff.js';
import { deepEqual } from '../src/model/plain-object.js';
import { baseWithLandedAttempts, comparable } from './attempt-base.js';
import type { ContactsDb } from '../src/store/schema.js';

/** A PATCH sent on `baseRevision` that leaves the contact's info as `sent`, if applied. */
export interface UpdateAttempt {
  readonly baseRevision: number;
  readonly sent: ContactInfo;
}

/** What `meta` holds per contact: every attempt sent on one base revision, oldest first. */
export interface UpdateAttempts {
  readonly baseRevision: number;
  readonly sent: readonly ContactInfo[];
}

/**
 * The most attempts kept per base. Each retry on the same base adds one only when the local
 * view changed in between; past this many, the oldest are the least likely to have landed.
 */
export const MAX_ATTEMPTS_PER_BASE = 16;

/** The `meta` key of a contact's attempts. */
export const updateAttemptsKey = (contactId: string): string => `update:${contactId}`;

/** The stored value as attempts (a record of the single-attempt shape reads as one). */
export function asUpdateAttempts(value: unknown): UpdateAttempts | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { baseRevision?: unknown; sent?: unknown };
  if (typeof v.baseRevision !== 'number' || typeof v.sent !== 'object' || v.sent === null) return undefined;
  const sent = Array.isArray(v.sent) ? (v.sent as ContactInfo[]) : [v.sent as ContactInfo];
  return { baseRevision: v.baseRevision, sent };
}

/** Attempts that could not be written (disk full), per database object: one per engine. */
const held = new WeakMap<ContactsDb, Map<string, UpdateAttempts>>();

/** `prev` with `attempt` added: a newer base starts over, the same view sent again moves to the end. */
function withAttempt(prev: UpdateAttempts | undefined, attempt: UpdateAttempt): UpdateAttempts {
  const kept = prev?.baseRevision === attempt.baseRevision ? prev.sent.filter((s) => !deepEqual(s, attempt.sent)) : [];
  return { baseRevision: attempt.baseRevision, sent: [...kept, attempt.sent].slice(-MAX_ATTEMPTS_PER_BASE) };
}

/**
 * `stored` (read from `meta`) joined with what this engine holds in memory for `contactId`:
 * the newer base wins; on the same base the held attempts count as sent after the stored ones.
 */
export function withHeldAttempts(db: ContactsDb, contactId: string, stored: UpdateAttempts | undefined): UpdateAttempts | undefined {
  const mine = held.get(db)?.get(contactId);
  if (mine === undefined) return stored;
  if (stored === undefined || mine.baseRevision > stored.baseRevision) return mine;
  if (stored.baseRevision > mine.baseRevision) return stored;
  return mine.sent.reduce<UpdateAttempts>((acc, sent) => withAttempt(acc, { baseRevision: mine.baseRevision, sent }), stored);
}

/** The attempts of `contactId`, stored and held. Call in a transaction over `meta` to read them with the contact. */
export async function readAttempts(db: ContactsDb, contactId: string): Promise<UpdateAttempts | undefined> {
  return withHeldAttempts(db, contactId, asUpdateAttempts((await db.meta.get(updateAttemptsKey(contactId)))?.value));
}

/** Records a PATCH about to be sent. Call in a transaction over `meta`, before the request. */
export function recordUpdateAttempt(db: ContactsDb, contactId: string, attempt: UpdateAttempt): Promise<void> {
  return recordUpdateAttempts(db, new Map([[contactId, attempt]]));
}

/**
 * Records the PATCHes of several contacts about to be sent, in one read and one write.
 * Call in a transaction over `meta`, before the requests.
 */
export async function recordUpdateAttempts(db: ContactsDb, attempts: ReadonlyMap<string, UpdateAttempt>): Promise<void> {
  const entries = [...attempts];
  const stored = await db.meta.bulkGet(entries.map(([id]) => updateAttemptsKey(id)));
  await db.meta.bulkPut(entries.map(([id, attempt], i) => ({
    key: updateAttemptsKey(id),
    value: withAttempt(withHeldAttempts(db, id, asUpdateAttempts(stored[i]?.value)), attempt),
  })));
}

/**
 * Holds a PATCH about to be sent in memory, when `recordUpdateAttempt` failed because the
 * disk is full. Every read of the attempts (`readAttempts`, `withHeldAttempts`) sees it until
 * they are forgotten; a later record that gets written takes it in.
 */
export function holdUpdateAttempt(db: ContactsDb, contactId: string, attempt: UpdateAttempt): void {
  const mine = held.get(db) ?? new Map<string, UpdateAttempts>();
  held.set(db, mine);
  mine.set(contactId, withAttempt(mine.get(contactId), attempt));
}

/** Forgets contacts' attempts, stored and held (one was acknowledged, or none can have landed). */
export async function forgetUpdateAttempts(db: ContactsDb, contactIds: readonly string[]): Promise<void> {
  for (const id of contactIds) held.get(db)?.delete(id);
  await db.meta.bulkDelete(contactIds.map(updateAttemptsKey));
}

/**
 * The attempt that `remote` is the result of, if any: sent on `base`, one revision behind
 * `remote`, with the same content (item ids and `e164Phone` aside: the server assigns them).
 * Whoever wrote that revision, the contact is exactly as if our PATCH had been applied, so
 * acknowledging it loses nothing.
 */
export function attemptAppliedAs(attempts: UpdateAttempts | undefined, base: Contact, remote: Contact): ContactInfo | undefined {
  if (attempts === undefined || attempts.baseRevision !== base.revision || remote.revision !== base.revision + 1) return undefined;
  const applied = withoutServerIds(remote.info);
  // The newest first: a retry carries the later view, and the later the likelier it landed.
  for (let i = attempts.sent.length - 1; i >= 0; i--) {
    const sent = attempts.sent[i] as ContactInfo;
    if (deepEqual(withoutServerIds(sent), applied)) return sent;
  }
  return undefined;
}

/**
 * The merge base for rebasing local edits onto `remote`: the base, with what our unanswered
 * PATCHes on it changed and `remote` holds as sent counted as already there (attempt-base.ts).
 */
export function mergeBaseOf(attempts: UpdateAttempts | undefined, base: Contact, remote: Contact): ContactInfo {
  if (attempts === undefined || attempts.baseRevision !== base.revision) return base.info;
  return baseWithLandedAttempts(base.info, attempts.sent, remote.info);
}

/** `attemptAppliedAs` on the stored attempts of `contactId`. */
export async function lostUpdateAppliedAs(db: ContactsDb, contactId: string, base: Contact, remote: Contact): Promise<ContactInfo | undefined> {
  return attemptAppliedAs(await readAttempts(db, contactId), base, remote);
}

/**
 * Whether a PATCH sent on `base` may have changed the server copy without our knowing: an
 * attempt on this base revision that differs from the base. Local edits that cancel out
 * (a label added, sent, then removed) leave nothing to send, yet that PATCH may have landed.
 */
export async function mayHaveLanded(db: ContactsDb, contactId: string, base: Contact): Promise<boolean> {
  const attempts = await readAttempts(db, contactId);
  if (attempts === undefined || attempts.baseRevision !== base.revision) return false;
  const original = withoutServerIds(base.info);
  return attempts.sent.some((s) => !deepEqual(withoutServerIds(s), original));
}

/**
 * The PATCH that takes the server copy back to `base` from whatever our attempts on it set:
 * each field any of them changed, with the base's value. Empty when there is no attempt on
 * this base. Applied on the base revision it is a no-op in content that still moves the
 * revision on, so an attempt still on its way is refused when it arrives.
 */
export async function undoOfAttempts(db: ContactsDb, contactId: string, base: Contact): Promise<ContactInfo> {
  const attempts = await readAttempts(db, contactId);
  if (attempts === undefined || attempts.baseRevision !== base.revision) return {};
  const undo: ContactInfo = {};
  // Every part restores the base's value, so parts of different attempts never disagree;
  // name and extended fields are patched per sub-field, so those are joined one level down.
  for (const part of attempts.sent.map((sent) => diffInfo(sent, base.info))) {
    const { name, extendedFields, ...rest } = part;
    Object.assign(undo, rest);
    if (name !== undefined) undo.name = { ...undo.name, ...name };
    if (extendedFields !== undefined) undo.extendedFields = { items: { ...undo.extendedFields?.items, ...extendedFields.items } };
  }
  return undo;
}

/** `info` without what only the server assigns to list items. */
function withoutServerIds(info: ContactInfo): unknown {
  return { ...info, emails: comparable(info.emails), phones: comparable(info.phones), addresses: comparable(info.addresses) };
}
