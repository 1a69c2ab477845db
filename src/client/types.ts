/**
 * The public contract of the client (DESIGN.md section 2). Outside tests call these names;
 * they must not change.
 */
import type { Observable } from 'rxjs';
import type { Contact, ContactInfo } from '../model/contact.js';
import type { Conflict } from '../model/conflict.js';
import type { SyncStatus } from '../model/sync-status.js';
import type { ConflictPolicy } from '../merge/merge3.js';
import type { ContactsRemote, RemoteOptions } from '../remote/contacts-remote.js';

/** Options of `openContacts`. */
export interface OpenContactsOptions {
  /** IndexedDB database name: one per user and site. */
  name: string;
  /** Absent: local only, nothing is queued to push. */
  remote?: RemoteOptions | ContactsRemote;
  /** Default `'worker'` where `Worker` exists, else `'inline'`. */
  sync?: 'worker' | 'inline' | 'off';
  /** Injected in Node tests (fake-indexeddb). */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** Which side wins a field both sides changed; default `'local'`. */
  conflictPolicy?: ConflictPolicy;
  /** Clock seam; default `Date.now`. */
  now?: () => number;
}

/** Options of create and update. */
export interface WriteOptions {
  /** Write even when another contact has the same primary email (or phone). */
  allowDuplicates?: boolean;
}

/** A page of query results, with the SDK's paging helpers. */
export interface ContactsQueryResult {
  items: Contact[];
  totalCount: number;
  pageSize: number;
  currentPage: number;
  totalPages: number;
  length: number;
  hasNext(): boolean;
  hasPrev(): boolean;
  next(): Promise<ContactsQueryResult>;
  prev(): Promise<ContactsQueryResult>;
}

/** The SDK's query builder. Field names are the SDK's (`_id`, `_createdDate`, `info.name.first`...). */
export interface ContactsQueryBuilder {
  eq(field: string, value: unknown): ContactsQueryBuilder;
  ne(field: string, value: unknown): ContactsQueryBuilder;
  gt(field: string, value: unknown): ContactsQueryBuilder;
  ge(field: string, value: unknown): ContactsQueryBuilder;
  lt(field: string, value: unknown): ContactsQueryBuilder;
  le(field: string, value: unknown): ContactsQueryBuilder;
  in(field: string, values: unknown[]): ContactsQueryBuilder;
  exists(field: string, value: boolean): ContactsQueryBuilder;
  startsWith(field: string, value: string): ContactsQueryBuilder;
  hasSome(field: string, values: unknown[]): ContactsQueryBuilder;
  hasAll(field: string, values: unknown[]): ContactsQueryBuilder;
  ascending(field: string): ContactsQueryBuilder;
  descending(field: string): ContactsQueryBuilder;
  limit(limit: number): ContactsQueryBuilder;
  skip(skip: number): ContactsQueryBuilder;
  /** Runs the query once. */
  find(): Promise<ContactsQueryResult>;
  /** The page's items, live: emits now and on every change that alters them. */
  observe(): Observable<Contact[]>;
}

/** The sync controls and status. */
export interface SyncHandle {
  /** Emits the current status at once on subscribe, then every change. */
  status$: Observable<SyncStatus>;
  /** Push everything pushable, then pull to the head, ignoring any backoff wait. */
  syncNow(): Promise<void>;
  pause(): void;
  resume(): void;
}

/** The client `openContacts` resolves to: the Wix contacts API, offline. */
export interface ContactsClient {
  createContact(info: ContactInfo, options?: WriteOptions): Promise<{ contact: Contact }>;
  /**
   * Creates many contacts at once (a CSV import), all or none: each is checked as
   * `createContact` checks it, duplicates included (against the stored contacts and the
   * ones before it). Not a Wix API; each contact syncs as its own create.
   */
  importContacts(infos: ContactInfo[], options?: WriteOptions): Promise<{ contacts: Contact[] }>;
  getContact(contactId: string): Promise<Contact>;
  updateContact(contactId: string, info: ContactInfo, revision: number, options?: WriteOptions): Promise<{ contact: Contact }>;
  deleteContact(contactId: string): Promise<void>;
  labelContact(contactId: string, labelKeys: string[]): Promise<{ contact: Contact }>;
  unlabelContact(contactId: string, labelKeys: string[]): Promise<{ contact: Contact }>;
  queryContacts(): ContactsQueryBuilder;
  contact$(contactId: string): Observable<Contact | undefined>;
  conflicts$: Observable<Conflict[]>;
  listConflicts(): Promise<Conflict[]>;
  resolveConflict(conflictId: string, choice: 'local' | 'remote'): Promise<void>;
  sync: SyncHandle;
  close(): Promise<void>;
  /** Logout: stop sync, delete the database, drop credentials. */
  destroy(): Promise<void>;
}
