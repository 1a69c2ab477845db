/** The sync state the page is told about through `sync.status$`. */

/** The states of the sync engine. */
export const SYNC_STATES = ['idle', 'syncing', 'offline', 'paused', 'error', 'auth-required'] as const;
/** A sync state. */
export type SyncState = (typeof SYNC_STATES)[number];

/** Progress of a long pull. */
export interface SyncProgress {
  /** Contacts applied so far in this pull. */
  pulled: number;
  /** Estimated total, when the server says how many remain. */
  total?: number;
}

/** A snapshot of the sync engine's state. */
export interface SyncStatus {
  state: SyncState;
  /** Outbox rows not yet acknowledged by the server. */
  pending: number;
  lastSyncedAt?: Date;
  /** The last error, as `{ code, status, message }`, while state is `error`/`auth-required`/`offline`. */
  error?: { code: string; status: number; message: string };
  progress?: SyncProgress;
}
