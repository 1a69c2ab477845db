/**
 * The sync engine: leadership, the retry loop, and the protocol rounds (push everything,
 * then pull to the head). It is the same object in a Web Worker (sync-worker.ts) and inline
 * in the page or in Node (`sync: 'inline'`).
 *
 *   start ─▶ follower (waits for the lock) ─▶ leader: RetryLoop drives rounds
 *   round = pushAll ─▶ (blocked? throw, no pull) ─▶ pullToHead ─▶ (push errors? throw)
 *   fenced (another engine took over) ─▶ follower again
 */
import type { ConflictPolicy } from '../src/merge/merge3.js';
import { ContactsError } from '../src/model/contacts-error.js';
import { isContactsErrorCode } from '../src/model/error-codes.js';
import type { IdFactory } from '../src/model/ids.js';
import type { SyncProgress, SyncState, SyncStatus } from '../src/model/sync-status.js';
import type { LockManagerLike } from '../src/platform/locks.js';
import type { NetworkSignals } from '../src/platform/network-signals.js';
import type { SyncChannel } from '../src/platform/sync-channel.js';
import type { ContactsRemote } from '../src/remote/contacts-remote.js';
import type { ContactsDb } from '../src/store/schema.js';
import type { EngineDeps } from './engine-deps.js';
import type { Fence } from './fence.js';
import { LabelRegistry } from './label-registry.js';
import { Leadership, LEADERSHIP_TIMING } from './leadership.js';
import { watchOutbox } from './outbox-watch.js';
import { pullToHead } from './pull.js';
import { pushAll } from './push-all.js';
import { RetryLoop, type LoopClock, type LoopState } from './retry-loop.js';

/** What the engine reports; the page adds `pending` from its own live count. */
export type EngineStatus = Omit<SyncStatus, 'pending'>;

/** How an engine is built. */
export interface SyncEngineOptions {
  readonly db: ContactsDb;
  readonly remote: ContactsRemote;
  readonly policy: ConflictPolicy;
  readonly now: () => number;
  readonly makeId: IdFactory;
  readonly locks: LockManagerLike;
  /** Unique per database (all tabs of it share it). */
  readonly lockName: string;
  readonly signals: NetworkSignals;
  readonly clock: LoopClock;
  readonly onStatus: (status: EngineStatus) => void;
  /** Shared by the engines of this database: followers forward `syncNow` to the leader over it. */
  readonly channel: SyncChannel;
}

/** The leader's failure, as the follower rethrows it. */
function forwardedError(e: { code: string; status: number; message: string } | undefined): ContactsError {
  if (e === undefined) return new ContactsError({ code: 'UNAVAILABLE', message: 'sync failed' });
  return new ContactsError({ code: isContactsErrorCode(e.code) ? e.code : 'UNAVAILABLE', status: e.status, message: e.message });
}

/** How long a follower waits for the leader to answer a forwarded `syncNow`. */
export const FORWARDED_SYNC_TIMEOUT_MS = 60_000;

const LAST_SYNCED_KEY = 'lastSyncedAt';

const toSyncState = (s: LoopState): SyncState => {
  switch (s) {
    case 'running': return 'syncing';
    case 'backoff': return 'error';
    case 'offline': return 'offline';
    case 'auth-required': return 'auth-required';
    case 'paused': return 'paused';
    case 'idle': case 'stopped': return 'idle';
  }
};

/**
 * Pushes local edits and pulls the server's changes for one database, while it leads.
 *
 * @example
 * ```ts
 * const engine = new SyncEngine({ db, remote, policy: 'local', now: Date.now, makeId: randomId,
 *   locks: defaultLocks(), lockName: 'sync:db1', signals: globalNetworkSignals(), clock: platformClock,
 *   onStatus: (s) => console.log(s.state) });
 * engine.start();
 * await engine.syncNow();
 * ```
 */
export class SyncEngine {
  private readonly leadership: Leadership;
  private readonly labels: LabelRegistry;
  private loop: RetryLoop | undefined;
  private endLead: (() => void) | undefined;
  private status: EngineStatus = { state: 'idle' };
  private paused = false;
  private roundStartedAt: number | undefined;
  private unsubscribers: (() => void)[] = [];
  private readonly leadingWaiters = new Set<() => void>();

  constructor(private readonly options: SyncEngineOptions) {
    this.labels = new LabelRegistry(options.remote);
    this.leadership = new Leadership({
      db: options.db, locks: options.locks, lockName: options.lockName, now: options.now, clock: options.clock,
      healthy: () => this.roundStartedAt === undefined || options.now() - this.roundStartedAt < LEADERSHIP_TIMING.stallMs,
    });
  }

  /** Whether this engine currently leads (syncs) for its database. */
  get isLeader(): boolean {
    return this.leadership.isLeader;
  }

  /** Starts queueing for leadership; syncs while leading. */
  start(): void {
    void this.restoreLastSynced();
    this.unsubscribers.push(this.options.signals.subscribe((reason) => this.loop?.wake(reason)));
    this.unsubscribers.push(this.options.channel.subscribe((m) => {
      if (m.type === 'sync-request' && this.loop !== undefined) void this.answerSyncRequest(m.requestId);
    }));
    this.leadership.start((fence) => this.lead(fence));
  }

  /** Stops syncing for good (close/destroy). A round in flight finishes first. */
  async stop(): Promise<void> {
    this.leadership.stop();
    for (const u of this.unsubscribers.splice(0)) u();
    const loop = this.loop;
    this.loop = undefined;
    await loop?.stop();
    this.endLead?.();
  }

  /** New local edits exist: sync soon (unless waiting out a backoff). */
  notifyEdit(): void {
    this.loop?.wake('edit');
  }

  /**
   * Pushes everything pushable, then pulls to the head, ignoring any backoff wait.
   *
   * On an engine that does not lead, the request goes to the leader (another tab) and this
   * resolves or rejects with its result.
   *
   * @throws ContactsError from the network, the server or storage; `UNAVAILABLE` when no
   * leader answered in time.
   */
  async syncNow(): Promise<void> {
    const loop = this.loop;
    if (loop !== undefined) return loop.syncNow();
    return this.forwardSyncNow();
  }

  /**
   * Not leading: ask the leader over the channel, unless this engine becomes leader first
   * (right after start, the lock may simply not have been granted yet).
   */
  private forwardSyncNow(): Promise<void> {
    const requestId = this.options.makeId();
    return new Promise<void>((resolve, reject) => {
      const done = (): void => {
        off();
        this.options.clock.clearTimeout(timer);
        this.leadingWaiters.delete(onLead);
      };
      const timer = this.options.clock.setTimeout(() => {
        done();
        reject(new ContactsError({ code: 'UNAVAILABLE', message: 'no sync leader answered' }));
      }, FORWARDED_SYNC_TIMEOUT_MS);
      const off = this.options.channel.subscribe((m) => {
        if (m.type !== 'sync-result' || m.requestId !== requestId) return;
        done();
        if (m.ok) resolve();
        else reject(forwardedError(m.error));
      });
      const onLead = (): void => {
        done();
        this.syncNow().then(resolve, reject);
      };
      this.leadingWaiters.add(onLead);
      this.options.channel.post({ type: 'sync-request', requestId });
    });
  }

  private async answerSyncRequest(requestId: string): Promise<void> {
    try {
      await this.syncNow();
      this.options.channel.post({ type: 'sync-result', requestId, ok: true });
    } catch (e) {
      const err = e instanceof ContactsError ? e : new ContactsError({ code: 'INTERNAL', message: String(e) });
      this.options.channel.post({ type: 'sync-result', requestId, ok: false, error: { code: err.code, status: err.status, message: err.message } });
    }
  }

  /** Stops syncing until `resume()`; local edits keep queueing. */
  pause(): void {
    this.paused = true;
    this.loop?.pause();
    this.setStatus({ ...this.status, state: 'paused' });
  }

  /** Resumes after `pause()`, syncing at once. */
  resume(): void {
    this.paused = false;
    this.loop?.resume();
    if (this.loop === undefined) this.setStatus({ ...this.status, state: 'idle' });
  }

  private lead(fence: Fence): Promise<void> {
    const deps: EngineDeps = { ...this.options, fence };
    const loop = new RetryLoop({
      runOnce: () => this.round(deps),
      onState: (state, error) => this.onLoopState(state, error),
      isOnline: () => this.options.signals.isOnline(),
    }, this.options.clock);
    this.loop = loop;
    const outbox = watchOutbox(this.options.db, () => { loop.wake('edit'); });
    return new Promise<void>((resolve) => {
      this.endLead = () => {
        outbox.unsubscribe();
        if (this.loop === loop) this.loop = undefined;
        this.endLead = undefined;
        resolve();
      };
      loop.start(this.paused);
      for (const waiter of [...this.leadingWaiters]) waiter();
    });
  }

  private async round(deps: EngineDeps): Promise<void> {
    this.roundStartedAt = this.options.now();
    try {
      const push = await pushAll({ ...deps, labels: this.labels });
      if (push.blocked && push.error) throw push.error;
      await pullToHead(deps, this.labels, (progress) => this.onProgress(progress));
      if (push.error) throw push.error;
      const at = this.options.now();
      await this.options.db.meta.put({ key: LAST_SYNCED_KEY, value: at });
      this.status = { ...this.status, lastSyncedAt: new Date(at) };
    } finally {
      this.roundStartedAt = undefined;
    }
  }

  private onLoopState(state: LoopState, error: ContactsError | undefined): void {
    if (state === 'stopped' && error !== undefined) {
      // Fenced out or closed under us: give up leadership; the queue takes us back as a follower.
      this.endLead?.();
    }
    const { error: _old, progress: _p, ...rest } = this.status;
    this.setStatus({
      ...rest,
      state: toSyncState(state),
      ...(error === undefined || state === 'idle' || state === 'running' ? {} : { error: { code: error.code, status: error.status, message: error.message } }),
    });
  }

  private onProgress(progress: SyncProgress | undefined): void {
    const { progress: _old, ...rest } = this.status;
    this.setStatus(progress === undefined ? rest : { ...rest, progress });
  }

  private async restoreLastSynced(): Promise<void> {
    try {
      const row = await this.options.db.meta.get(LAST_SYNCED_KEY);
      if (typeof row?.value === 'number' && this.status.lastSyncedAt === undefined) {
        this.setStatus({ ...this.status, lastSyncedAt: new Date(row.value) });
      }
    } catch {
      // Status is cosmetic; the database error will surface on the first real operation.
    }
  }

  private setStatus(status: EngineStatus): void {
    this.status = status;
    this.options.onStatus(status);
  }
}
