/** What the server holds, read over HTTP (the change feed), and contacts made behind the app's back. */
import { infoToWire } from '../../../src/model/wire-info.js';
import type { ContactInfo } from '../../../src/index.js';

/** A contact as the REST API returns it (only what the tests read). */
export interface WireContact {
  readonly id: string;
  readonly revision: number;
  readonly info: {
    readonly name?: { readonly first?: string; readonly last?: string };
    readonly company?: string;
    readonly jobTitle?: string;
    readonly birthdate?: string;
    readonly emails?: { readonly items: readonly { readonly email: string }[] };
    readonly [key: string]: unknown;
  };
}

async function call(url: string, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as unknown;
}

/**
 * Every live contact of the token's tenant, by id, read from the change feed from the start
 * (the last entry of an id wins; tombstones remove).
 */
export async function serverContacts(url: string, token: string): Promise<Map<string, WireContact>> {
  const out = new Map<string, WireContact>();
  let cursor: string | undefined;
  for (;;) {
    const q = new URLSearchParams({ limit: '1000', ...(cursor === undefined ? {} : { cursor }) });
    const page = await call(url, token, 'GET', `/contacts/v4/changes?${q.toString()}`) as {
      changes: ({ contact: WireContact } | { deletedId: string })[]; cursor: string; hasMore: boolean;
    };
    for (const c of page.changes) {
      if ('contact' in c) out.set(c.contact.id, c.contact);
      else out.delete(c.deletedId);
    }
    cursor = page.cursor;
    if (!page.hasMore) return out;
  }
}

/** Creates a contact on the server directly (as another app would). */
export async function createOnServer(url: string, token: string, info: ContactInfo): Promise<WireContact> {
  const res = await call(url, token, 'POST', '/contacts/v4/contacts', { info: infoToWire(info), allowDuplicates: true }) as { contact: WireContact };
  return res.contact;
}

/** The server's contacts whose last name is `last`. */
export async function serverContactsByLast(url: string, token: string, last: string): Promise<WireContact[]> {
  return [...(await serverContacts(url, token)).values()].filter((c) => c.info.name?.last === last);
}

/**
 * Polls `probe` until it returns a value that is not undefined, or fails after `timeoutMs`
 * with `what` and the last value seen.
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
