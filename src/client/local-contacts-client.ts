/** The `ContactsClient` over the local store, the live views and a sync driver. */
import type { Observable } from 'rxjs';
import type { Contact, ContactInfo } from '../model/contact.js';
import type { Conflict } from '../model/conflict.js';
import { appError } from '../model/contacts-error.js';
import { listConflicts, observeConflicts } from '../live/observe-conflicts.js';
import { observeContact } from '../live/observe-contact.js';
import { observeQuery } from '../live/observe-query.js';
import type { IndexedDbDeps } from '../platform/indexed-db.js';
import { unregisterDatabase } from '../platform/db-registry.js';
import type { ContactStore } from '../store/contact-store.js';
import { parseContactQuery, type RawContactQuery } from '../store/query/contact-query.js';
import { runQuery } from '../store/query/run-query.js';
import { checkContactId, invalidArgument } from '../store/store-errors.js';
import { ClientLifecycle } from './client-lifecycle.js';
import { createQueryBuilder, type QueryRunner } from './query-builder.js';
import { queryResult } from './query-result.js';
import type { SyncDriver } from './sync-driver.js';
import type { ContactsClient, ContactsQueryBuilder, SyncHandle, WriteOptions } from './types.js';

/** What a client is built from (`openContacts` assembles it). */
export interface LocalContactsClientParts {
  readonly name: string;
  readonly deps: IndexedDbDeps;
  readonly store: ContactStore;
  readonly driver: SyncDriver;
}

/**
 * The Wix contacts API on the local database. Every method rejects with `ContactsError`;
 * after `close()` with 503 `CLIENT_CLOSED`.
 *
 * @example
 * ```ts
 * const client = new LocalContactsClient({ name, deps, store, driver });
 * const { contact } = await client.createContact({ name: { first: 'Ada' } });
 * ```
 */
export class LocalContactsClient implements ContactsClient {
  readonly conflicts$: Observable<Conflict[]>;
  readonly sync: SyncHandle;
  private readonly life = new ClientLifecycle();
  private readonly parts: LocalContactsClientParts;
  private readonly unsubscribeOutbox: () => void;

  constructor(parts: LocalContactsClientParts) {
    this.parts = parts;
    const { driver, store } = parts;
    this.unsubscribeOutbox = store.onOutboxGrew((rows) => { driver.outboxGrew(rows); });
    this.conflicts$ = this.life.live(() => observeConflicts(store.db));
    this.sync = {
      status$: this.life.live(() => driver.status$),
      syncNow: () => this.life.run(() => driver.syncNow()),
      pause: () => { if (!this.life.closed) driver.pause(); },
      resume: () => { if (!this.life.closed) driver.resume(); },
    };
  }

  async createContact(info: ContactInfo, options?: WriteOptions): Promise<{ contact: Contact }> {
    return { contact: await this.life.run(() => this.parts.store.createContact(info, options)) };
  }

  async importContacts(infos: ContactInfo[], options?: WriteOptions): Promise<{ contacts: Contact[] }> {
    return { contacts: await this.life.run(() => this.parts.store.importContacts(infos, options)) };
  }

  getContact(contactId: string): Promise<Contact> {
    return this.life.run(() => this.parts.store.getContact(contactId));
  }

  async updateContact(contactId: string, info: ContactInfo, revision: number, options?: WriteOptions): Promise<{ contact: Contact }> {
    return { contact: await this.life.run(() => this.parts.store.updateContact(contactId, info, revision, options)) };
  }

  deleteContact(contactId: string): Promise<void> {
    return this.life.run(() => this.parts.store.deleteContact(contactId));
  }

  async labelContact(contactId: string, labelKeys: string[]): Promise<{ contact: Contact }> {
    return { contact: await this.life.run(() => this.parts.store.labelContact(contactId, labelKeys)) };
  }

  async unlabelContact(contactId: string, labelKeys: string[]): Promise<{ contact: Contact }> {
    return { contact: await this.life.run(() => this.parts.store.unlabelContact(contactId, labelKeys)) };
  }

  queryContacts(): ContactsQueryBuilder {
    return createQueryBuilder(this.queryRunner());
  }

  contact$(contactId: string): Observable<Contact | undefined> {
    return this.life.live(() => observeContact(this.parts.store, checkContactId(contactId)));
  }

  listConflicts(): Promise<Conflict[]> {
    return this.life.run(() => listConflicts(this.parts.store.db));
  }

  resolveConflict(conflictId: string, choice: 'local' | 'remote'): Promise<void> {
    return this.life.run(async () => {
      if (choice !== 'local' && choice !== 'remote') throw invalidArgument('choice', "must be 'local' or 'remote'");
      const conflict = await this.parts.store.db.conflicts.get(checkContactId(conflictId, 'conflictId'));
      if (conflict === undefined) throw appError('CONFLICT_NOT_FOUND', `Conflict ${conflictId} was not found.`, { conflictId });
      await this.parts.driver.resolveConflict(conflict, choice);
    });
  }

  /** Stops sync and closes the database; idempotent. Data stays for the next `openContacts`. */
  async close(): Promise<void> {
    if (!this.life.markClosed()) return;
    this.unsubscribeOutbox();
    await this.parts.driver.stop();
    this.parts.store.db.close();
  }

  /** Closes, deletes the database and forgets its name; works after `close()` too. */
  async destroy(): Promise<void> {
    await this.close();
    const { store, deps, name } = this.parts;
    await new ClientLifecycle().run(async () => {
      await store.db.delete();
      await unregisterDatabase(deps, name);
    });
  }

  private queryRunner(): QueryRunner {
    const { db, writes } = this.parts.store;
    const runner: QueryRunner = {
      find: (raw) => this.life.run(async () => {
        const query = parseContactQuery(raw);
        const page = await runQuery(db, query);
        return queryResult(page, query, (offset) => runner.find(atOffset(raw, query.limit, offset)));
      }),
      observe: (raw) => this.life.live(() => observeQuery(db, parseContactQuery(raw), writes)),
    };
    return runner;
  }
}

function atOffset(raw: RawContactQuery, limit: number, offset: number): RawContactQuery {
  return { ...raw, paging: { limit, offset } };
}
