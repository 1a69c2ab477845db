/**
 * The local write path: each public write checks the local revision, writes the contact and
 * appends its outbox row in one read-write transaction, all or nothing. Writes that queue up
 * behind an open transaction share the next one (group-commit.ts). Validation runs before
 * the transaction opens; inside it nothing awaits anything but Dexie.
 */
import type { Contact, ContactInfo } from '../model/contact.js';
import { newMutationId, newTempId, randomId, type ContactId, type IdFactory, type TempContactId } from '../model/ids.js';
import { GroupCommit } from './group-commit.js';
import { LocalWrites, type LocalWrite } from './local-writes.js';
import { mapStorageError } from './map-storage-error.js';
import { assertDeletable, assertMemberEmailKept } from './member-rules.js';
import { addImportBatch, batchKey, isImportBatch } from './outbox-rows.js';
import type { ContactRow, ContactsDb, OutboxEntry } from './schema.js';
import { checkContactId, checkRevision, contactAlreadyChanged, contactNotFound, invalidArgument } from './store-errors.js';
import type * as WritePath from './write-path.js';

/** The write path once loaded: writes after the first run without waiting. */
let writePath: typeof WritePath | undefined;
let writePathLoading: Promise<typeof WritePath> | undefined;

/**
 * Loads the write half of the store (`write-path.ts`); resolves at once after the first
 * load. A failed load is forgotten, so the next write tries again.
 *
 * @example
 * ```ts
 * void loadWritePath().catch(() => undefined); // warm it up while the database opens
 * ```
 */
export function loadWritePath(): Promise<typeof WritePath> {
  writePathLoading ??= import('./write-path.js').then(
    (module) => (writePath = module),
    (e: unknown) => {
      writePathLoading = undefined;
      throw e;
    },
  );
  return writePathLoading;
}

/** Options of create and update (the store's copy of the client's `WriteOptions`). */
export interface StoreWriteOptions {
  readonly allowDuplicates?: boolean;
}

/** An outbox row before the store stamps it. */
export type NewOutboxRow = OutboxEntry extends infer R
  ? R extends OutboxEntry ? Omit<R, 'seq' | 'mutationId' | 'createdAt'> : never : never;

/**
 * Appends one outbox row inside the current transaction (a no-op for a local-only store). An
 * import appends one too: its batch row (`ImportBatchRow`).
 */
export type QueueMutation = (row: NewOutboxRow) => Promise<unknown>;

/** Announces what a write leaves, once it has passed its checks (local-writes.ts). */
export type ShowWrite = (write: LocalWrite) => void;

const shownContact = (contact: Contact): LocalWrite => ({ id: contact._id, after: contact, revision: contact.revision });

/** How a `ContactStore` behaves. */
export interface ContactStoreOptions {
  /** Append outbox rows; true when the client has a remote. Default false. */
  readonly queueMutations?: boolean;
  /** Clock seam; default `Date.now`. */
  readonly now?: () => number;
  /** Id seam (temporary contact ids, mutation ids); default `crypto.randomUUID`. */
  readonly makeId?: IdFactory;
}

/**
 * The local contacts API over one `ContactsDb`, with the Wix semantics and error codes.
 *
 * @example
 * ```ts
 * const store = new ContactStore(db, { queueMutations: true });
 * const off = store.onOutboxGrew(() => engine.wake());
 * const created = await store.createContact({ name: { first: 'Ada' } });
 * ```
 */
export class ContactStore {
  readonly db: ContactsDb;
  /** This store's writes, announced before they commit, for this tab's live lists. */
  readonly writes = new LocalWrites();
  private readonly queueMutations: boolean;
  private readonly now: () => number;
  private readonly makeId: IdFactory;
  private readonly outboxListeners = new Set<(rows: number) => void>();
  private readonly commits: GroupCommit;

  constructor(db: ContactsDb, options: ContactStoreOptions = {}) {
    this.db = db;
    // `bases`: a write to a contact stored as the server's own copy first stores that as its
    // base (base-of.ts `keepRowBase`).
    this.commits = new GroupCommit((scope) => db.transaction('rw', [db.contacts, db.outbox, db.aliases, db.bases], scope));
    this.queueMutations = options.queueMutations ?? false;
    this.now = options.now ?? Date.now;
    this.makeId = options.makeId ?? randomId;
  }

  /**
   * Calls `listener` with the number of rows after every committed write that appended
   * outbox rows; returns the unsubscribe.
   */
  onOutboxGrew(listener: (rows: number) => void): () => void {
    this.outboxListeners.add(listener);
    return () => { this.outboxListeners.delete(listener); };
  }

  /**
   * Creates a contact with a temporary id and revision 1.
   *
   * @throws ContactsError 400 (`INVALID_ARGUMENT`, `INSUFFICIENT_CONTACT_DATA`,
   * `CANNOT_HAVE_MULTIPLE_PRIMARY_INFO`, `INVALID_EXTENDED_FIELD_VALUE`), 409
   * `DUPLICATE_CONTACT_EXISTS`, storage codes (`STORAGE_FULL`...).
   */
  async createContact(info: unknown, options: StoreWriteOptions = {}): Promise<Contact> {
    const { normalizeInfo, validateInfo, newContact, needsDuplicateCheck, contactRow } = writePath ?? await loadWritePath();
    const normalized = normalizeInfo(validateInfo(info, 'create'));
    const allowDuplicates = options.allowDuplicates === true;
    const contact = newContact(newTempId(this.makeId), normalized, this.now());
    return this.write(async (queue, show) => {
      if (needsDuplicateCheck('create', normalized, allowDuplicates)) await this.assertNoDuplicate(normalized, contact._id);
      const written = Promise.all([
        this.db.contacts.add(contactRow(contact)),
        queue({ op: 'create', contactId: contact._id as ContactId, allowDuplicates }),
      ]);
      show(shownContact(contact));
      await written;
      return contact;
    });
  }

  /**
   * The contact with this id; a temporary id the server has replaced still answers.
   *
   * @throws ContactsError 404 `CONTACT_NOT_FOUND`, 400 `INVALID_ARGUMENT`, storage codes.
   */
  async getContact(contactId: unknown): Promise<Contact> {
    const id = checkContactId(contactId);
    try {
      const contact = await this.findContact(id);
      if (contact === undefined) throw contactNotFound(id);
      return contact;
    } catch (e) { throw mapStorageError(e); }
  }

  /**
   * Updates with the implicit field mask of a Wix PATCH; `revision` must be the local one.
   *
   * @throws ContactsError 400 (`INVALID_ARGUMENT`, `INSUFFICIENT_UPDATE_CONTACT_DATA`,
   * `INSUFFICIENT_CONTACT_DATA`, `CANNOT_HAVE_MULTIPLE_PRIMARY_INFO`,
   * `INVALID_EXTENDED_FIELD_VALUE`), 404 `CONTACT_NOT_FOUND`, 409 `CONTACT_ALREADY_CHANGED`,
   * 409 `DUPLICATE_CONTACT_EXISTS`, 428 `CANNOT_UPDATE_MEMBER_EMAIL`, storage codes.
   */
  async updateContact(contactId: unknown, info: unknown, revision: unknown, options: StoreWriteOptions = {}): Promise<Contact> {
    const id = checkContactId(contactId);
    const expected = checkRevision(revision);
    const { validateInfo, applyInfoPatchShared, assertSufficientInfo, withInfo, normalizeInfo, needsDuplicateCheck, contactRow, keepRowBase } = writePath ?? await loadWritePath();
    const patch = validateInfo(info, 'update');
    const allowDuplicates = options.allowDuplicates === true;
    return this.write(async (queue, show) => {
      const row = await this.loadRow(id);
      const current = row.c;
      if (current.revision !== expected) throw contactAlreadyChanged(current);
      // The merged info is only read and normalised (which builds the stored copy): no deep copy.
      const merged = applyInfoPatchShared(current.info, patch);
      assertSufficientInfo(merged);
      const next = withInfo(current, normalizeInfo(merged), this.now());
      assertMemberEmailKept(current, next);
      if (needsDuplicateCheck('update', patch, allowDuplicates)) await this.assertNoDuplicate(next.info, next._id);
      const written = Promise.all([
        keepRowBase(this.db, row),
        this.db.contacts.put(contactRow(next)),
        queue({ op: 'update', contactId: next._id as ContactId, patch, allowDuplicates }),
      ]);
      show(shownContact(next));
      await written;
      return next;
    });
  }

  /**
   * Deletes a contact.
   *
   * @throws ContactsError 404 `CONTACT_NOT_FOUND`, 428 `CANNOT_DELETE_MEMBER`, storage codes.
   */
  async deleteContact(contactId: unknown): Promise<void> {
    const id = checkContactId(contactId);
    const { keepRowBase } = writePath ?? await loadWritePath();
    await this.write(async (queue, show) => {
      const row = await this.loadRow(id);
      const current = row.c;
      assertDeletable(current);
      const written = Promise.all([
        keepRowBase(this.db, row),
        this.db.contacts.delete(current._id),
        queue({ op: 'delete', contactId: current._id as ContactId, lastRevision: current.revision }),
      ]);
      show({ id: current._id, after: undefined, revision: current.revision + 1 });
      await written;
    });
  }

  /**
   * Adds label keys; keys already there are ignored, and nothing changes (no new revision)
   * when all of them are.
   *
   * @throws ContactsError 400 `INVALID_ARGUMENT`, 404 `CONTACT_NOT_FOUND`, storage codes.
   */
  async labelContact(contactId: unknown, labelKeys: unknown): Promise<Contact> {
    const id = checkContactId(contactId);
    const { validateLabelKeys, addLabelKeys } = writePath ?? await loadWritePath();
    const keys = validateLabelKeys(labelKeys, 'labelKeys');
    return this.relabel(id, (current) => addLabelKeys(current.info, keys), 'label');
  }

  /**
   * Removes label keys; absent keys are ignored (idempotent, like `labelContact`).
   *
   * @throws ContactsError 400 `INVALID_ARGUMENT`, 404 `CONTACT_NOT_FOUND`, storage codes.
   */
  async unlabelContact(contactId: unknown, labelKeys: unknown): Promise<Contact> {
    const id = checkContactId(contactId);
    const { validateLabelKeys, removeLabelKeys } = writePath ?? await loadWritePath();
    const keys = validateLabelKeys(labelKeys, 'labelKeys');
    return this.relabel(id, (current) => removeLabelKeys(current.info, keys), 'unlabel');
  }

  /**
   * Creates many contacts in one transaction (all or none), e.g. a CSV import.
   *
   * @throws ContactsError 400 `INVALID_ARGUMENT` when `infos` is not an array; otherwise as
   * `createContact`, for the first failing item.
   */
  async importContacts(infos: readonly unknown[], options: StoreWriteOptions = {}): Promise<Contact[]> {
    if (!Array.isArray(infos)) throw invalidArgument('infos', 'must be an array of ContactInfo');
    const { newContact, normalizeInfo, validateInfo, importContacts } = writePath ?? await loadWritePath();
    const allowDuplicates = options.allowDuplicates === true;
    const nowMs = this.now();
    const contacts = infos.map((info) => newContact(newTempId(this.makeId), normalizeInfo(validateInfo(info, 'create')), nowMs));
    return this.write(async (queue) => {
      await importContacts(this.db, contacts, allowDuplicates);
      // One row for the lot, split by the engine (ImportBatchRow).
      const contactIds = contacts.map((c) => c._id as TempContactId);
      if (contactIds.length > 0) await queue({ op: 'import', contactId: batchKey(contactIds.length), contactIds, allowDuplicates });
      return contacts;
    });
  }

  /** Reads a contact, following the alias of a re-keyed temporary id. Call inside or outside a transaction. */
  findContact(id: string): Promise<Contact | undefined> {
    // A Dexie promise chain rather than an async function: inside a write transaction each
    // native await costs Dexie a zone switch and echo microtasks (and `loadRow`, the same
    // lookup, opens every write). Temporary ids are re-keyed once the server creates the
    // contact; a server id is re-keyed too when a contact deleted remotely is created again
    // from this device's copy.
    return this.db.contacts.get(id).then((row) => (row !== undefined ? row.c : this.findByAlias(id).then((aliased) => aliased?.c)));
  }

  private async findByAlias(id: string): Promise<ContactRow | undefined> {
    const alias = await this.db.aliases.get(id);
    return alias === undefined ? undefined : this.db.contacts.get(alias.serverId);
  }

  /** The stored row of a contact (`findContact`'s), or 404; one chained step on the common path, as there. */
  private loadRow(id: string): Promise<ContactRow> {
    return this.db.contacts.get(id).then((row) => row ?? this.findByAlias(id).then((alias) => {
      if (alias === undefined) throw contactNotFound(id);
      return alias;
    }));
  }

  private async relabel(id: string, change: (c: Contact) => { info: ContactInfo; keys: string[] }, op: 'label' | 'unlabel'): Promise<Contact> {
    // Loaded by the caller (it validated the keys with it).
    const { withInfo, normalizeInfo, contactRow, keepRowBase } = writePath ?? await loadWritePath();
    return this.write(async (queue, show) => {
      const row = await this.loadRow(id);
      const current = row.c;
      const { info, keys } = change(current);
      if (keys.length === 0) return current;
      const next = withInfo(current, normalizeInfo(info), this.now());
      const written = Promise.all([keepRowBase(this.db, row), this.db.contacts.put(contactRow(next)), queue({ op, contactId: next._id as ContactId, labelKeys: keys })]);
      show(shownContact(next));
      await written;
      return next;
    });
  }

  private async assertNoDuplicate(info: ContactInfo, excludeId: string): Promise<void> {
    // Loaded by the caller; no await here, inside the transaction.
    const duplicate = await writePath!.findDuplicate(this.db, info, excludeId);
    if (duplicate !== undefined) throw duplicate;
  }

  /**
   * Runs `fn` in a rw transaction (its own, or one shared with writes queued beside it);
   * tells listeners after the commit if it queued rows. Callers issue the contact write and
   * the outbox append together (`Promise.all`): the requests run in order inside the
   * transaction anyway, and not awaiting in between saves a round trip per write. They call
   * `show` once the write has passed its checks and its requests are issued; the outcome
   * settles it (local-writes.ts).
   */
  private async write<T>(fn: (queue: QueueMutation, show: ShowWrite) => Promise<T>): Promise<T> {
    let queued = 0;
    const announcement = this.writes.begin();
    // Returns Dexie's promise as it is (no async wrapper): one native await less per write.
    const queue: QueueMutation = (row) => {
      if (!this.queueMutations) return Promise.resolve();
      const stamped: OutboxEntry = { ...row, mutationId: newMutationId(this.makeId), createdAt: this.now() };
      if (!isImportBatch(stamped)) {
        queued += 1;
        return this.db.outbox.add(stamped);
      }
      queued += stamped.contactIds.length;
      return addImportBatch(this.db, stamped);
    };
    // Dexie keeps the transaction zone across awaits only for native async scope functions.
    // Callers pass one, and bound to its queue it still is one (Dexie reads the toStringTag):
    // that spares every write the promise of an `async () => fn(queue)` wrapper (~5% of an
    // update in bench/local-store.ts), which remains the fallback for any other function.
    const scope = isNativeAsync(fn) ? fn.bind(undefined, queue, announcement.show) : async () => fn(queue, announcement.show);
    let result: T;
    try {
      // A write that ran in a shared transaction which rolled back runs again: count afresh.
      // It shows again too (the same write, which replaces what it showed).
      result = await this.commits.submit(scope, () => { queued = 0; });
    } catch (e) {
      announcement.settle(false);
      throw mapStorageError(e);
    }
    announcement.settle(true);
    if (queued > 0) this.outboxListeners.forEach((listener) => { listener(queued); });
    return result;
  }
}

/** Dexie's own test (a bound async function inherits the tag). */
function isNativeAsync(fn: (...args: never[]) => unknown): boolean {
  return (fn as { readonly [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'AsyncFunction';
}
