/**
 * Applying one page of the change feed locally, with its cursor, in one transaction:
 * - a contact nobody edited here takes the server copy;
 * - a contact with pending edits (or a parked duplicate) is rebased: merge3(base, local,
 *   remote), base := remote, conflicts recorded; its rows stay, to push the merged result;
 *   what our own unanswered PATCHes sent and the remote holds as sent counts as in the
 *   merge base (update-attempts.ts);
 * - a tombstone deletes a clean contact, and parks a dirty one as a `delete` conflict that
 *   keeps the local data; one the user already chose to create again is left to its create;
 * - a server copy no newer than our base (our own push coming back) changes nothing.
 */
import type { Contact } from '../src/model/contact.js';
import type { Conflict } from '../src/model/conflict.js';
import { asServerId, asServerRevision, isTempId, TEMP_ID_PREFIX } from '../src/model/ids.js';
import type { ChangeEntry, ChangesPage } from '../src/remote/contacts-remote.js';
import { baseOf } from '../src/store/base-of.js';
import { contactRow } from '../src/store/index-keys.js';
import { byContactId } from '../src/store/outbox-rows.js';
import { mapStorageError } from '../src/store/map-storage-error.js';
import type { BaseRow, ContactRow, ContactsDb, OutboxRow } from '../src/store/schema.js';
import { conflictRow, fieldConflictRows, storeConflicts } from './conflict-rows.js';
import type { EngineDeps } from './engine-deps.js';
import { engineTx } from './engine-tx.js';
import { localFromServer, nextRevision, rebase } from './local-copy.js';
import { asUpdateAttempts, mergeBaseOf, updateAttemptsKey, withHeldAttempts, type UpdateAttempts } from './update-attempts.js';

/** The `meta` key of the change-feed cursor. */
export const CURSOR_KEY = 'pullCursor';

/** Everything already stored about the contacts of one page. */
interface PageState {
  readonly rows: Map<string, ContactRow>;
  /** Each contact's merge base (`baseOf`: stored, or the row's own). */
  readonly bases: Map<string, BaseRow>;
  /** The contacts with a base row in `bases`. */
  readonly stored: Set<string>;
  readonly pending: Map<string, OutboxRow[]>;
  readonly parked: Set<string>;
  /** Contacts kept locally after a remote delete, waiting for the user's choice. */
  readonly orphans: Set<string>;
  /** The PATCHes sent on their current base, of the contacts with pending edits. */
  readonly attempts: Map<string, UpdateAttempts>;
}

/** What applying a page writes. */
interface PageWrites {
  readonly put: ContactRow[];
  readonly remove: string[];
  readonly bases: BaseRow[];
  readonly dropBases: string[];
  readonly dropRows: number[];
  readonly conflicts: Conflict[];
}

/** The contact id a change entry is about. */
export const idOf = (e: ChangeEntry): string => ('contact' in e ? e.contact._id : e.deletedId);

/**
 * What a pull knows about the contacts table without reading it: when the pull began, no
 * row had a server id (a first pull: only contacts created here and not pushed yet), and
 * `written` holds every id the pull's committed pages were about. Any other server id then
 * has no row, and its page need not look it up: in Chromium a lookup is a request to the
 * browser process, 500 per page. Rows under server ids come only from the engine (a pull,
 * or a push's re-key, which runs before the pull in its round), so nothing else adds one
 * while the pull runs; an id in `written` whose row went since is looked up and found gone.
 */
export interface FreshRows {
  readonly written: Set<string>;
}

/**
 * A `FreshRows` for a pull about to begin, when no stored row has a server id; undefined
 * otherwise. Two key probes on either side of the temporary ids' range.
 *
 * @throws ContactsError storage codes.
 * @example
 * ```ts
 * const fresh = await freshRows(db);
 * await applyChangesPage(deps, page, fresh);
 * for (const c of page.changes) fresh?.written.add(idOf(c));
 * ```
 */
export async function freshRows(db: ContactsDb): Promise<FreshRows | undefined> {
  try {
    const [below, above] = await Promise.all([
      db.contacts.where(':id').below(TEMP_ID_PREFIX).limit(1).primaryKeys(),
      db.contacts.where(':id').aboveOrEqual(TEMP_IDS_END).limit(1).primaryKeys(),
    ]);
    return below.length === 0 && above.length === 0 ? { written: new Set() } : undefined;
  } catch (e) {
    throw mapStorageError(e);
  }
}

/** The first key after every temporary id ('-' + 1 is '.'). */
const TEMP_IDS_END = `${TEMP_ID_PREFIX.slice(0, -1)}.`;

/**
 * Applies `page` and stores its cursor, atomically. Returns how many entries changed
 * something locally.
 */
export function applyChangesPage(deps: EngineDeps, page: ChangesPage, fresh?: FreshRows): Promise<number> {
  return engineTx(deps, async () => {
    const ids = [...new Set(page.changes.map(idOf))];
    const state = await loadState(deps, ids, fresh);
    const writes = noWrites();
    let changed = 0;
    for (const entry of page.changes) {
      if ('contact' in entry ? applyContact(deps, state, writes, entry.contact) : applyTombstone(deps, state, writes, entry.deletedId)) changed++;
    }
    await storeWrites(deps, writes);
    await deps.db.meta.put({ key: CURSOR_KEY, value: page.cursor });
    return changed;
  });
}

const noWrites = (): PageWrites => ({ put: [], remove: [], bases: [], dropBases: [], dropRows: [], conflicts: [] });

/**
 * Applies the deletion of `id` as its tombstone would: a clean contact goes, a dirty one is
 * kept with a `delete` conflict. For a deletion the change feed will not bring again: it
 * was pulled while the device did not know the id as its own (a create whose answer was
 * lost, learnt later from its replay). Call inside an engine transaction.
 */
export async function applyDeletion(deps: EngineDeps, id: string): Promise<void> {
  const state = await loadState(deps, [id]);
  const writes = noWrites();
  applyTombstone(deps, state, writes, id);
  await storeWrites(deps, writes);
}

async function loadState(deps: EngineDeps, ids: string[], fresh?: FreshRows): Promise<PageState> {
  const { db } = deps;
  // `anyOf` is one cursor hopping from id to id: cheap on the empty outbox and conflict
  // tables of a first pull, where 500 lookups of one id each would not be. Bases likewise:
  // a first pull stores none (base-of.ts), and one key probe spares 500 lookups per page
  // (in Chromium each is a round trip to the browser process).
  const [rows, bases, pending, conflicts] = await Promise.all([
    readRows(db, ids, fresh),
    db.bases.limit(1).primaryKeys().then((any) => (any.length === 0 ? [] : db.bases.bulkGet(ids))),
    byContactId(db).anyOf(ids).toArray(),
    db.conflicts.where('contactId').anyOf(ids).toArray(),
  ]);
  const state: PageState = { rows: new Map(), bases: new Map(), stored: new Set(), pending: new Map(), parked: new Set(), orphans: new Set(), attempts: new Map() };
  ids.forEach((id, i) => {
    const row = rows[i];
    const stored = bases[i];
    if (row !== undefined) state.rows.set(id, row);
    if (stored !== undefined) state.stored.add(id);
    const base = baseOf(row, stored);
    if (base !== undefined) state.bases.set(id, base);
  });
  for (const o of pending) state.pending.set(o.contactId, [...(state.pending.get(o.contactId) ?? []), o]);
  for (const c of conflicts) {
    if (c.kind === 'duplicate') state.parked.add(c.contactId);
    if (c.kind === 'delete') state.orphans.add(c.contactId);
  }
  // Only a contact with pending edits can have an unanswered PATCH (none on a first pull).
  const dirty = [...state.pending.keys()];
  if (dirty.length > 0) {
    const records = await db.meta.bulkGet(dirty.map(updateAttemptsKey));
    records.forEach((r, i) => {
      const attempts = withHeldAttempts(db, dirty[i] as string, asUpdateAttempts(r?.value));
      if (attempts !== undefined) state.attempts.set(dirty[i] as string, attempts);
    });
  }
  return state;
}

/** The rows of `ids`, looking up only those a fresh pull may have stored (`FreshRows`). */
function readRows(db: ContactsDb, ids: readonly string[], fresh: FreshRows | undefined): PromiseLike<(ContactRow | undefined)[]> {
  if (fresh === undefined) return db.contacts.bulkGet([...ids]);
  // A temporary id is never absent by that rule: a server would not hand one out, but if it did...
  const lookup = ids.filter((id) => fresh.written.has(id) || isTempId(id));
  if (lookup.length === 0) return Promise.resolve(ids.map(() => undefined));
  return db.contacts.bulkGet(lookup).then((found) => {
    const byId = new Map(lookup.map((id, i) => [id, found[i]]));
    return ids.map((id) => byId.get(id));
  });
}

function applyContact(deps: EngineDeps, state: PageState, writes: PageWrites, remote: Contact): boolean {
  const id = remote._id;
  const base = state.bases.get(id);
  if (base !== undefined && base.serverRevision >= remote.revision) return false;
  const newBase: BaseRow = { contactId: asServerId(id), serverRevision: asServerRevision(remote.revision), contact: remote };
  const cur = state.rows.get(id);
  const dirty = state.pending.has(id) || state.parked.has(id);
  // Nothing pending and no base row yet (a first pull): the row is the server's copy and
  // stands for the base, written once instead of twice (base-of.ts).
  const ownBase = !dirty && !state.stored.has(id);
  if (!ownBase) {
    writes.bases.push(newBase);
    state.stored.add(id);
  }
  state.bases.set(id, newBase);
  // Deleted here with the delete still to push: keep it deleted; the push will delete it there.
  if (cur === undefined && dirty) return false;
  let info = remote.info;
  if (cur !== undefined && dirty && base !== undefined) {
    // Our own unanswered PATCH may be in the remote copy: the parts it holds as we sent
    // them count as in the base, so edits made here since are not undone (update-attempts.ts).
    const rebased = rebase(mergeBaseOf(state.attempts.get(id), base.contact, remote), cur.c.info, remote.info, deps.policy);
    info = rebased.info;
    writes.conflicts.push(...fieldConflictRows(deps, id, rebased.conflicts));
  }
  const local = contactRow(localFromServer(remote, info, nextRevision(cur?.c, info)));
  const row: ContactRow = ownBase ? { ...local, s: newBase.serverRevision } : local;
  writes.put.push(row);
  state.rows.set(id, row);
  return true;
}

function applyTombstone(deps: EngineDeps, state: PageState, writes: PageWrites, id: string): boolean {
  const cur = state.rows.get(id);
  const base = state.bases.get(id);
  const rows = state.pending.get(id) ?? [];
  writes.dropBases.push(id);
  state.bases.delete(id);
  state.stored.delete(id);
  if (cur === undefined) {
    // Gone here too (or never seen): a pending delete has nothing left to do.
    writes.dropRows.push(...rows.flatMap((r) => (r.seq === undefined ? [] : [r.seq])));
    return false;
  }
  // Already kept after a remote delete (the push saw the 404 first): nothing new.
  if (state.orphans.has(id)) return false;
  // Kept and queued for creation again (the user answered that delete conflict while this
  // page was on its way): the choice was made knowing it was deleted, so it stands.
  if (rows.some((r) => r.op === 'create')) return false;
  state.rows.delete(id);
  if (rows.length === 0 && !state.parked.has(id)) {
    writes.remove.push(id);
    return true;
  }
  // Edited here, deleted there: keep the local data as a local-only contact and ask the user.
  // A row that stood for its base stands for nothing now.
  if (cur.s !== undefined) writes.put.push(withoutOwnBase(cur));
  writes.dropRows.push(...rows.flatMap((r) => (r.seq === undefined ? [] : [r.seq])));
  writes.conflicts.push(conflictRow(deps, id, 'delete', { base: base?.contact.info, local: cur.c.info }));
  return false;
}

function withoutOwnBase(row: ContactRow): ContactRow {
  const { s: _base, ...rest } = row;
  return rest;
}

async function storeWrites(deps: EngineDeps, w: PageWrites): Promise<void> {
  const { db } = deps;
  if (w.remove.length > 0) await db.contacts.bulkDelete(w.remove);
  if (w.put.length > 0) await db.contacts.bulkPut(w.put);
  if (w.dropBases.length > 0) await db.bases.bulkDelete(w.dropBases);
  if (w.bases.length > 0) await db.bases.bulkPut(w.bases);
  if (w.dropRows.length > 0) await db.outbox.bulkDelete(w.dropRows);
  await storeConflicts(db, w.conflicts);
}
