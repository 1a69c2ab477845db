/**
 * Pushing every contact with pending rows, several at a time, oldest first. One contact's
 * failure never stops the others; only failures that would hit every request (no network,
 * credentials refused) end the pass early.
 */
import { ContactsError } from '../src/model/contacts-error.js';
import { ENGINE_LIMITS } from './engine-deps.js';
import { pushContact, type PushContext } from './push-contact.js';
import { pendingContactIds, readSnapshots, type PushSnapshot } from './snapshot.js';
import { gateRemote, RequestGate } from './request-gate.js';
import { TxBatcher } from './tx-batcher.js';

/** How many contacts' push state one read transaction fetches ahead. */
const PREFETCH = 64;

/**
 * Contacts in progress per request slot. A contact is either waiting for its answer or for
 * its commit; with twice as many contacts as slots, a slot freed by an answer is taken by
 * the next contact while the first one commits.
 */
const CONTACTS_PER_SLOT = 2;

/** Reads push snapshots in chunks, ahead of the workers that need them. */
class SnapshotPrefetch {
  private readonly chunks = new Map<number, Promise<Map<string, PushSnapshot>>>();

  constructor(private readonly ctx: PushContext, private readonly ids: readonly string[]) {}

  /** The snapshot of `ids[index]` (undefined: nothing pending any more). */
  async get(index: number): Promise<PushSnapshot | undefined> {
    const chunk = Math.floor(index / PREFETCH);
    let read = this.chunks.get(chunk);
    if (read === undefined) {
      read = readSnapshots(this.ctx.db, this.ids.slice(chunk * PREFETCH, (chunk + 1) * PREFETCH));
      this.chunks.set(chunk, read);
      this.chunks.delete(chunk - 1);
    }
    return (await read).get(this.ids[index] ?? '');
  }
}

/** What a push pass ended with. */
export interface PushOutcome {
  /** Contacts pushed (or parked) without error. */
  readonly pushed: number;
  /** The most telling failure, if any contact failed. */
  readonly error?: ContactsError;
  /** True when the pass stopped early because every request would fail the same way. */
  readonly blocked: boolean;
}

const blocksAll = (e: ContactsError): boolean =>
  e.code === 'NETWORK_ERROR' || e.status === 401 || e.status === 403 || e.code === 'NOT_LEADER' || e.code === 'DATABASE_CLOSED';

/** Severity order of failures when several contacts fail differently. */
const rank = (e: ContactsError): number => (e.code === 'NOT_LEADER' ? 4 : e.status === 401 || e.status === 403 ? 3 : e.code === 'NETWORK_ERROR' ? 2 : 1);

const asContactsError = (e: unknown): ContactsError =>
  e instanceof ContactsError ? e : new ContactsError({ code: 'INTERNAL', message: e instanceof Error ? e.message : String(e), cause: e });

/**
 * Pushes every pending contact once, with at most `concurrency` requests out at a time.
 *
 * @example
 * ```ts
 * const { error, blocked } = await pushAll(ctx);
 * if (error) throw error; // the retry loop decides when to try again
 * ```
 */
export async function pushAll(pass: PushContext, concurrency: number = ENGINE_LIMITS.pushConcurrency): Promise<PushOutcome> {
  const ctx: PushContext = { ...pass, remote: gateRemote(pass.remote, new RequestGate(concurrency)), batcher: new TxBatcher(pass) };
  const ids = await pendingContactIds(ctx.db);
  const snapshots = new SnapshotPrefetch(ctx, ids);
  let next = 0;
  let pushed = 0;
  let error: ContactsError | undefined;
  let blocked = false;
  const worker = async (): Promise<void> => {
    while (!blocked && next < ids.length) {
      const index = next++;
      const id = ids[index]!;
      try {
        await pushContact(ctx, id, await snapshots.get(index));
        pushed++;
      } catch (e) {
        const err = asContactsError(e);
        if (error === undefined || rank(err) > rank(error)) error = err;
        if (blocksAll(err)) blocked = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency * CONTACTS_PER_SLOT, ids.length) }, worker));
  return { pushed, blocked, ...(error === undefined ? {} : { error }) };
}
