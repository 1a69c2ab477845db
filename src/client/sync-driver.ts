/**
 * The seam between the client and the sync engine. `openContacts` asks `createSyncDriver`
 * for a driver and only ever talks to this interface; the engine (worker or inline) plugs in
 * here. Until it does, every mode runs the 'off' driver: nothing is pushed or pulled.
 */
import type { Observable } from 'rxjs';
import type { ConflictPolicy } from '../merge/merge3.js';
import type { Conflict } from '../model/conflict.js';
import type { SyncStatus } from '../model/sync-status.js';
import type { IndexedDbDeps } from '../platform/indexed-db.js';
import type { ContactsRemote, RemoteOptions } from '../remote/contacts-remote.js';
import type { ContactStore } from '../store/contact-store.js';
import type { ContactsDb } from '../store/schema.js';
import type * as ResolveConflict from '../store/resolve-conflict.js';

/** What the client needs from a sync engine. */
export interface SyncDriver {
  /** Emits the current status at once on subscribe, then every change. */
  readonly status$: Observable<SyncStatus>;
  syncNow(): Promise<void>;
  pause(): void;
  resume(): void;
  /** A local write in this tab committed `rows` new pending mutations (an import's batch row counts its contacts). */
  outboxGrew(rows: number): void;
  /** Applies the user's choice for a recorded conflict (the conflict exists). */
  resolveConflict(conflict: Conflict, choice: 'local' | 'remote'): Promise<void>;
  /** Stops for good (close/destroy); must not touch the database afterwards. */
  stop(): Promise<void>;
}

/** Everything a driver may use. */
export interface SyncDriverContext {
  /** The database name (a worker opens its own connection by name). */
  readonly name: string;
  readonly deps: IndexedDbDeps;
  readonly db: ContactsDb;
  readonly store: ContactStore;
  readonly remote: RemoteOptions | ContactsRemote | undefined;
  readonly mode: 'worker' | 'inline' | 'off';
  readonly conflictPolicy: ConflictPolicy;
  readonly now: () => number;
}

/**
 * The driver for `context.mode`.
 *
 * @throws ContactsError storage codes (reading the outbox size).
 * @example
 * ```ts
 * const driver = await createSyncDriver(context);
 * driver.status$.subscribe(console.log);
 * ```
 */
export async function createSyncDriver(context: SyncDriverContext): Promise<SyncDriver> {
  const { remote } = context;
  if (context.mode === 'off' || remote === undefined) return (await loadOffDriver()).OffSyncDriver.start(context.db);
  const { startEngineDriver } = await loadEngineDriver();
  return startEngineDriver({ ...context, remote });
}

// Each driver is a chunk of its own: the engine side (Comlink, the HTTP remote, the wire
// mapping) loads only for a client that syncs, the 'off' driver only for one that does not.
const loadOffDriver = () => import('./off-sync-driver.js');
const loadEngineDriver = () => import('./start-engine-driver.js');

/**
 * Starts fetching the chunk `createSyncDriver` will load for these options, so that it
 * arrives while the database opens rather than after. A failed fetch is retried (and
 * reported) by `createSyncDriver`.
 *
 * @example
 * ```ts
 * preloadSyncDriver('worker', options.remote);
 * ```
 */
export function preloadSyncDriver(mode: SyncDriverContext['mode'], remote: SyncDriverContext['remote']): void {
  (mode === 'off' || remote === undefined ? loadOffDriver() : loadEngineDriver()).catch(() => undefined);
}

/**
 * `resolveConflict`, loaded on first use: it brings the merge code, which a page needs only
 * when the user settles a conflict.
 *
 * @example
 * ```ts
 * const queued = await (await loadResolveConflict())(deps, conflict.id, 'local');
 * ```
 */
export async function loadResolveConflict(): Promise<typeof ResolveConflict.resolveConflict> {
  return (await import('../store/resolve-conflict.js')).resolveConflict;
}
