/**
 * What the sync engine needs from a Contacts server. The HTTP implementation speaks Wix REST
 * v4; tests may pass any object with these methods. Contacts here carry the **server**
 * revision in `revision`.
 */
import type { Contact, ContactInfo } from '../model/contact.js';

/** One entry of the change feed: the latest state of a contact, or its tombstone. */
export type ChangeEntry = { readonly contact: Contact } | { readonly deletedId: string };

/** A page of the change feed. */
export interface ChangesPage {
  readonly changes: readonly ChangeEntry[];
  /** Opaque; pass it back to read what came after this page. */
  readonly cursor: string;
  readonly hasMore: boolean;
  /** The server's estimate of entries still to read after this page (for progress). */
  readonly remaining?: number;
}

/** A Contacts server, as the sync engine sees it. Every method rejects with `ContactsError`. */
export interface ContactsRemote {
  /** POST with `Idempotency-Key`: a retry with the same key returns the first result. */
  createContact(info: ContactInfo, options: { readonly idempotencyKey: string; readonly allowDuplicates?: boolean }): Promise<Contact>;
  getContact(contactId: string): Promise<Contact>;
  /** PATCH with the implicit field mask; `revision` is the server revision the patch is based on. */
  updateContact(contactId: string, patch: ContactInfo, revision: number, options?: { readonly allowDuplicates?: boolean }): Promise<Contact>;
  deleteContact(contactId: string): Promise<void>;
  labelContact(contactId: string, labelKeys: readonly string[]): Promise<Contact>;
  unlabelContact(contactId: string, labelKeys: readonly string[]): Promise<Contact>;
  /** Finds or creates the label with this display name; returns its key. */
  ensureLabel(displayName: string): Promise<string>;
  /** The change feed after `cursor` (undefined: from the beginning). */
  changes(cursor: string | undefined, limit: number): Promise<ChangesPage>;
}

/** How to reach a Wix REST v4 server over HTTP. */
export interface RemoteOptions {
  /** e.g. `http://127.0.0.1:8787`; the `/contacts/v4/...` paths are appended. */
  baseUrl: string;
  /** Headers for each request (e.g. `{ Authorization: 'Bearer …' }`); called per request. */
  auth?: () => Promise<Record<string, string>> | Record<string, string>;
  /** Seam for tests and fault injection; defaults to the global `fetch`. */
  fetch?: typeof fetch;
}
