/**
 * Builds a running sync engine for one database: opens its own connection (a worker cannot
 * share the page's), finds the device id, names the lock and channel after it, and starts.
 */
import type { ConflictPolicy } from '../src/merge/merge3.js';
import { randomId, type IdFactory } from '../src/model/ids.js';
import { locksForFactory, type LockManagerLike } from '../src/platform/locks.js';
import { platformClock } from '../src/platform/loop-clock.js';
import { globalNetworkSignals, type NetworkSignals } from '../src/platform/network-signals.js';
import { openSyncChannel } from '../src/platform/sync-channel.js';
import type { ContactsRemote } from '../src/remote/contacts-remote.js';
import { mapStorageError } from '../src/store/map-storage-error.js';
import { ContactsDb, type ContactsDbDeps } from '../src/store/schema.js';
import { ensureDeviceId } from './device-id.js';
import type { LoopClock } from './retry-loop.js';
import { SyncEngine, type EngineStatus } from './sync-engine.js';

/** What an engine is made from. Seams default to the platform's. */
export interface EngineConfig {
  readonly name: string;
  readonly deps: ContactsDbDeps;
  readonly remote: ContactsRemote;
  readonly policy: ConflictPolicy;
  readonly onStatus: (status: EngineStatus) => void;
  readonly now?: () => number;
  readonly makeId?: IdFactory;
  readonly signals?: NetworkSignals;
  readonly clock?: LoopClock;
  readonly locks?: LockManagerLike;
}

/** A started engine and what the client may ask of it. */
export interface EngineHandle {
  syncNow(): Promise<void>;
  pause(): void;
  resume(): void;
  notifyEdit(): void;
  /** The page became visible again: a good moment to sync. */
  notifyVisible(): void;
  /** Whether this engine leads the sync of its database. */
  isLeader(): boolean;
  /** Stops the engine and closes its connection. */
  stop(): Promise<void>;
}

/**
 * Opens the database and starts an engine on it.
 *
 * @throws ContactsError storage codes when the database cannot be opened.
 * @example
 * ```ts
 * const engine = await createEngine({ name: 'contacts-u1', deps, remote, policy: 'local', onStatus: console.log });
 * await engine.syncNow();
 * ```
 */
export async function createEngine(config: EngineConfig): Promise<EngineHandle> {
  const db = new ContactsDb(config.name, config.deps);
  const makeId = config.makeId ?? randomId;
  let deviceId: string;
  try {
    await db.open();
    deviceId = await ensureDeviceId(db, makeId);
  } catch (e) {
    db.close();
    throw mapStorageError(e);
  }
  const channel = openSyncChannel(`offline-contacts:${deviceId}`);
  const visibility = { listener: undefined as ((reason: 'online' | 'visible') => void) | undefined };
  const signals = config.signals ?? globalNetworkSignals();
  const engine = new SyncEngine({
    db, remote: config.remote, policy: config.policy, now: config.now ?? Date.now, makeId,
    locks: config.locks ?? locksForFactory(config.deps.indexedDB),
    lockName: `offline-contacts:sync:${deviceId}`,
    signals: {
      isOnline: () => signals.isOnline(),
      subscribe: (l) => {
        visibility.listener = l;
        const off = signals.subscribe(l);
        return () => { visibility.listener = undefined; off(); };
      },
    },
    clock: config.clock ?? platformClock,
    onStatus: config.onStatus,
    channel,
  });
  engine.start();
  return {
    syncNow: () => engine.syncNow(),
    pause: () => engine.pause(),
    resume: () => engine.resume(),
    notifyEdit: () => engine.notifyEdit(),
    notifyVisible: () => visibility.listener?.('visible'),
    isLeader: () => engine.isLeader,
    stop: async () => {
      // Close first, then wait: a round stuck on a request that never answers must not keep
      // the channel (and with it the process or the worker) alive. A closed database lets
      // running transactions finish and refuses new ones, so the round ends without writing.
      const stopping = engine.stop();
      channel.close();
      db.close();
      await stopping;
    },
  };
}
