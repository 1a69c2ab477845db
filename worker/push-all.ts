/**
 * Pushing every contact with pending rows, several at a time, oldest first. One contact's
 * failure never stops the others; only failures that would hit every request (no network,
 * credentials refused) end the pass early.
 */
import { ContactsError } from '../src/model/contacts-error.js';
import { ENGINE_LIMITS } from './engine-deps.js';
import { firstAttemptOf, pushContact, type PushContext } from './push-contact.js';
import { readPending, readSnapshots, type PushSnapshot } from './snapshot.js';
import { splitImportBatches } from './split-import-batches.js';
import { gateRemote, RequestGate } from './request-gate.js';
import { commitTx, TxBatcher } from './tx-batcher.js';
import { recordUpdateAttempts, type UpdateAttempt } from './update-attempts.js';

/** How many contacts' push state one read transaction fetches ahead. */
const PREFETCH = 64;

/**
 * Contacts in progress per request slot. A contact is either waiting for its answer or for
 * its commit, and commits wait for the batch before theirs (tx-batcher.ts); the more
 * contacts wait, the more each batch carries. With two per slot a Chromium push committed
 * about 10 bodies per 30 ms transaction; the request slots, not this, cap the server's load.
 */
const CONTACTS_PER_SLOT = 8;

/** Reads push snapshots in chunks, ahead of the workers that need them. */
class SnapshotPrefetch {
  private readonly chunks = new Map<number, Promise<Map<string, PushSnapshot>>>();

  constructor(private readonly ctx: PushContext, private readonly ids: readonly string[]) {}

  /** The snapshot of `ids[index]` (undefined: nothing pending any more). */
  async get(index: number): Promise<PushSnapshot | undefined> {
    const chunk = Math.floor(index / PREFETCH);
    let read = this.chunks.get(chunk);
    if (read === undefined) {
      read = readSnapshots(this.ctx.db, this.ids.slice(chunk * PREFETCH, (chunk + 1) * PREFETCH)).then((snaps) => recordAhead(this.ctx, snaps));
      this.chunks.set(chunk, read);
      this.chunks.delete(chunk - 1);
    }
    return (await read).get(this.ids[index] ?? '');
  }
}

/**
 * Records the first PATCH of every snapshot of a chunk as sent, in one transaction, before
 * any of them goes out (update-attempts.ts): with one record per contact, each PATCH waited
 * for a commit of its own (in Chromium, a batched commit of about 30 ms). A record of a
 * PATCH that then never goes out (the pass stopped) is harmless: a record only says that a
 * PATCH may have landed, and the next push records and sends it again. When this write
 * fails, each contact records its own PATCH as before (held in memory if the disk is full).
 */
async function recordAhead(ctx: PushContext, snaps: Map<string, PushSnapshot>): Promise<Map<string, PushSnapshot>> {
  const attempts = new Map<string, UpdateAttempt>();
  for (const snap of snaps.values()) {
    const attempt = firstAttemptOf(snap);
    if (attempt !== undefined) attempts.set(snap.contactId, attempt);
  }
  if (attempts.size === 0) return snaps;
  try {
    await commitTx(ctx, () => recordUpdateAttempts(ctx.db, attempts));
  } catch {
    return snaps;
  }
  const out = new Map<string, PushSnapshot>();
  for (const [id, snap] of snaps) {
    const recorded = attempts.get(id);
    out.set(id, recorded === undefined ? snap : { ...snap, recorded });
  }
  return out;
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
  let pending = await readPending(ctx.db);
  if (pending.batches.length > 0) {
    // Before any contact's rows are read: an imported contact's create is in its batch.
    await splitImportBatches(ctx, pending.batches);
    pending = await readPending(ctx.db);
  }
  const ids = pending.contactIds;
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
