/**
 * `ContactsRemote` over HTTP: the Wix REST v4 paths plus the reference server's change feed
 * and `Idempotency-Key`. Every answer is checked before it is returned, so a broken server
 * can make a sync fail but never corrupt the local store.
 */
import type { Contact, ContactInfo } from '../model/contact.js';
import { contactFromWire, infoToWire } from '../model/wire.js';
import type { ChangeEntry, ChangesPage, ContactsRemote, RemoteOptions } from './contacts-remote.js';
import { badResponse, errorFromResponse, networkError, parseRetryAfter } from './error-from-response.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface RequestSpec {
  readonly method: Method;
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/**
 * Creates the HTTP remote for a Wix REST v4 server at `options.baseUrl`.
 *
 * @example
 * ```ts
 * const remote = createHttpRemote({ baseUrl: 'http://127.0.0.1:8787', auth: () => ({ Authorization: 'Bearer t' }) });
 * const page = await remote.changes(undefined, 100);
 * ```
 */
export function createHttpRemote(options: RemoteOptions): ContactsRemote {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  async function request(spec: RequestSpec): Promise<unknown> {
    const auth = options.auth ? await options.auth() : {};
    const headers: Record<string, string> = { Accept: 'application/json', ...auth, ...spec.headers };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}${spec.path}`, {
        method: spec.method, headers,
        ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
      });
    } catch (cause) {
      throw networkError(cause);
    }
    const text = await readText(response);
    const json = parseJson(text);
    if (!response.ok) {
      throw errorFromResponse(response.status, json, parseRetryAfter(response.headers.get('Retry-After'), Date.now()));
    }
    if (json === undefined) throw badResponse(`${spec.method} ${spec.path}: body is not JSON`);
    return json;
  }

  /**
   * The answer's contact. With `id` (a request about one contact), the answer must be that
   * contact: the engine stores it as that contact's server copy.
   */
  const contactOf = async (spec: RequestSpec, id?: string): Promise<Contact> => {
    const contact = contactField(await request(spec), spec.path);
    if (id !== undefined && contact._id !== id) throw badResponse(`${spec.method} ${spec.path}: the answer is contact ${contact._id}`);
    return contact;
  };
  const path = (id: string): string => `/contacts/v4/contacts/${encodeURIComponent(id)}`;

  return {
    createContact: (info, { idempotencyKey, allowDuplicates }) => contactOf({
      method: 'POST', path: '/contacts/v4/contacts',
      body: { info: infoToWire(info), ...(allowDuplicates ? { allowDuplicates } : {}) },
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
    getContact: (id) => contactOf({ method: 'GET', path: path(id) }, id),
    updateContact: (id, patch: ContactInfo, revision, opts) => contactOf({
      method: 'PATCH', path: path(id),
      body: { revision, info: infoToWire(patch), ...(opts?.allowDuplicates ? { allowDuplicates: true } : {}) },
    }, id),
    deleteContact: async (id) => { await request({ method: 'DELETE', path: path(id) }); },
    labelContact: (id, labelKeys) => contactOf({ method: 'POST', path: `${path(id)}/labels`, body: { labelKeys } }, id),
    unlabelContact: (id, labelKeys) => contactOf({
      method: 'DELETE',
      path: `${path(id)}/labels?${labelKeys.map((k) => `labelKeys=${encodeURIComponent(k)}`).join('&')}`,
    }, id),
    ensureLabel: async (displayName) => labelKeyOf(await request({ method: 'POST', path: '/contacts/v4/labels', body: { displayName } })),
    changes: async (cursor, limit) => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor !== undefined) query.set('cursor', cursor);
      return changesPage(await request({ method: 'GET', path: `/contacts/v4/changes?${query.toString()}` }));
    },
  };
}

async function readText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (cause) {
    // The body stream broke after the headers: the request may have been applied.
    throw networkError(cause);
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function field(json: unknown, key: string): unknown {
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>)[key] : undefined;
}

function contactField(json: unknown, where: string): Contact {
  const contact = field(json, 'contact');
  if (contact === undefined) throw badResponse(`${where}: no contact in the answer`);
  return contactFromWire(contact);
}

function labelKeyOf(json: unknown): string {
  const key = field(field(json, 'label'), 'key');
  if (typeof key !== 'string' || key === '') throw badResponse('labels: no label key in the answer');
  return key;
}

function changesPage(json: unknown): ChangesPage {
  const changes = field(json, 'changes');
  const cursor = field(json, 'cursor');
  const hasMore = field(json, 'hasMore');
  const remaining = field(json, 'remaining');
  if (!Array.isArray(changes) || typeof cursor !== 'string' || typeof hasMore !== 'boolean') {
    throw badResponse('changes: expected { changes[], cursor, hasMore }');
  }
  return {
    changes: changes.map(changeEntry),
    cursor, hasMore,
    ...(typeof remaining === 'number' && Number.isFinite(remaining) ? { remaining } : {}),
  };
}

function changeEntry(entry: unknown): ChangeEntry {
  const deletedId = field(entry, 'deletedId');
  if (typeof deletedId === 'string' && deletedId !== '') return { deletedId };
  return { contact: contactField(entry, 'changes') };
}
