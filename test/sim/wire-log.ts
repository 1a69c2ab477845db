/**
 * Every request that reached the server and what the server answered, whoever sent it and
 * whether or not the answer then reached the sender (a lost response is still logged here:
 * this layer sits next to the server, under the fault injection). The exactly-once and
 * revision checks read this log, not the devices' view.
 */
import type { Contact } from '../../src/model/contact.js';
import { contactFromWire } from '../../src/model/wire.js';

/** One request the server answered. */
export interface WireEntry {
  /** `d0`, `d1`... for devices, `app` for the other app. */
  readonly actor: string;
  /** Order in which answers arrived. */
  readonly seq: number;
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  readonly status: number;
  /** The parsed JSON answer (undefined when empty or not JSON). */
  readonly body: unknown;
}

const fieldOf = (json: unknown, key: string): unknown =>
  (typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>)[key] : undefined);

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function headerOf(init: RequestInit | undefined, name: string): string | undefined {
  const h = init?.headers;
  if (h === undefined) return undefined;
  if (h instanceof Headers) return h.get(name) ?? undefined;
  if (Array.isArray(h)) return h.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const entry = Object.entries(h).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return entry?.[1];
}

/** The log, and the `fetch` that fills it. */
export class WireLog {
  readonly entries: WireEntry[] = [];

  /** Called with each entry as the server's answer arrives (load tests measure latency here). */
  onAnswer: ((entry: WireEntry) => void) | undefined;

  /**
   * @param keepReads keep the bodies of GET answers (the change feed, reads) for the
   * version check; a load run turns it off, or 50 devices pulling every change fill memory.
   */
  constructor(private readonly keepReads = true) {}

  /** A fetch that logs `actor`'s requests as the server answers them. */
  fetchFor(actor: string): typeof fetch {
    return async (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const method = (init?.method ?? 'GET').toUpperCase();
      const response = await globalThis.fetch(input, init);
      const text = await response.text();
      const entry: WireEntry = {
        actor, seq: this.entries.length, method, path: url.pathname + url.search,
        idempotencyKey: headerOf(init, 'Idempotency-Key'), status: response.status, body: parse(text),
      };
      this.onAnswer?.(entry);
      this.entries.push(this.keepReads || method !== 'GET' ? entry : { ...entry, body: undefined });
      // A fresh response: the body was read here, once, whatever happens to the answer next.
      return new Response(text === '' ? null : text, { status: response.status, headers: response.headers });
    };
  }

  /** Entries from `seq` on. */
  since(seq: number): readonly WireEntry[] {
    return this.entries.slice(seq);
  }
}

/** True for a 2xx answer to a request that changes a contact (create, patch, label, unlabel, delete). */
export function isMutation(e: WireEntry): boolean {
  return e.status >= 200 && e.status < 300 && e.method !== 'GET' && e.path.startsWith('/contacts/v4/contacts')
    && !e.path.startsWith('/contacts/v4/contacts/query');
}

/** The contact an answer carries (`{ contact }`), if any. */
export function contactOf(e: WireEntry): Contact | undefined {
  const wire = fieldOf(e.body, 'contact');
  return wire === undefined ? undefined : contactFromWire(wire);
}

/** Every contact an answer shows: `{ contact }`, change-feed entries, query results. */
export function contactsShown(e: WireEntry): Contact[] {
  if (e.status < 200 || e.status >= 300) return [];
  const one = contactOf(e);
  if (one !== undefined) return [one];
  const feed = fieldOf(e.body, 'changes');
  if (Array.isArray(feed)) return feed.flatMap((c) => (fieldOf(c, 'contact') === undefined ? [] : [contactFromWire(fieldOf(c, 'contact'))]));
  const list = fieldOf(e.body, 'contacts');
  if (Array.isArray(list)) return list.map((c) => contactFromWire(c));
  return [];
}

/** The id a DELETE of one contact named (not a label removal). */
export function deletedIdOf(e: WireEntry): string | undefined {
  if (e.method !== 'DELETE') return undefined;
  const m = /^\/contacts\/v4\/contacts\/([^/?]+)$/.exec(e.path);
  return m === null ? undefined : decodeURIComponent(m[1]!);
}
