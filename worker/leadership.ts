/**
 * One engine per database syncs at a time. Engines queue for an exclusive lock (Web Locks in
 * browsers: released when the holder's tab or worker goes away); the holder bumps the epoch
 * in `meta` (see fence.ts) and writes a heartbeat while it makes progress. A waiting engine
 * that sees the heartbeat go stale steals the lock; the stalled leader is then fenced by the
 * epoch the thief bumped, so it can never write again, and rejoins the queue.
 *
 *   start ─▶ waiting ──lock granted──▶ leading ──lead() settles──▶ waiting (re-queued)
 *              │  ▲                                                   
 *              └──┴─ heartbeat stale: request again with steal ──────▶ leading
 */
import type { LockManagerLike } from '../src/platform/locks.js';
import type { LoopClock } from './retry-loop.js';
import type { ContactsDb } from '../src/store/schema.js';
import { takeLeadership, type Fence } from './fence.js';

/** Timing of leadership (milliseconds). */
export const LEADERSHIP_TIMING = {
  /** How often a healthy leader records its heartbeat. */
  heartbeatMs: 5_000,
  /** A heartbeat older than this means the leader has stalled. */
  stallMs: 30_000,
  /** How often a waiting engine looks at the heartbeat. */
  watchMs: 5_000,
} as const;

const BEAT_KEY = 'leaderBeat';

/** What leadership needs. */
export interface LeadershipOptions {
  readonly db: ContactsDb;
  readonly locks: LockManagerLike;
  readonly lockName: string;
  readonly now: () => number;
  readonly clock: LoopClock;
  /** False while the leader is stuck (e.g. one round has run far too long): no heartbeat then. */
  readonly healthy: () => boolean;
}

/** Queues for leadership and runs `lead` while holding it. */
export class Leadership {
  private stopped = true;
  private watchTimer: unknown;
  private beatTimer: unknown;
  private waitAbort: AbortController | undefined;
  private retryTimer: unknown;
  private leadingEpoch = 0;
  private leading: Promise<void> | undefined;

  constructor(private readonly options: LeadershipOptions) {}

  /** Whether this engine leads right now. */
  get isLeader(): boolean {
    return this.leadingEpoch > 0;
  }

  /**
   * Starts queueing. `lead(fence)` runs each time this engine becomes leader and must
   * settle when it stops leading (stopped, or fenced out).
   */
  start(lead: (fence: Fence) => Promise<void>): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.queue(lead, false);
  }

  /** Stops queueing; a running `lead` must be ended by its owner. */
  stop(): void {
    this.stopped = true;
    this.waitAbort?.abort();
    this.clearTimers();
    if (this.retryTimer !== undefined) this.options.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private queue(lead: (fence: Fence) => Promise<void>, steal: boolean): void {
    if (this.stopped) return;
    const abort = new AbortController();
    this.waitAbort = steal ? undefined : abort;
    const options = steal ? { steal: true } : { signal: abort.signal };
    let granted = false;
    let failed = false;
    if (!steal) this.watch(lead);
    this.options.locks.request(this.options.lockName, options, async () => {
      granted = true;
      this.clearTimers();
      if (this.stopped) return;
      const fence = await takeLeadership(this.options.db);
      this.leadingEpoch = fence.epoch;
      await this.beat();
      this.beatTimer = this.every(LEADERSHIP_TIMING.heartbeatMs, () => {
        if (this.options.healthy()) void this.beat().catch(() => undefined);
      });
      this.leading = lead(fence).finally(() => {
        this.leadingEpoch = 0;
        this.leading = undefined;
        this.clearTimers();
      });
      await this.leading;
    }).catch(() => { failed = true; }).finally(() => {
      // Web Locks settle a stolen request at once while its holder still runs: queue again
      // only once our own lead() has ended. A wait aborted for a steal queues nothing: the
      // steal does.
      if (granted || !abort.signal.aborted) void (this.leading ?? Promise.resolve()).then(() => this.requeue(lead, failed));
    });
  }

  /**
   * Queues again after leading, or after failing to take the lead. A database closed for
   * good (deleted by a logout in another tab) leaves nothing to lead: stop. Any other
   * failure waits a watch interval first: retried at once, a lasting one (the lock granted
   * again at once, the same commit failing again) would spin without ever yielding.
   */
  private requeue(lead: (fence: Fence) => Promise<void>, failed: boolean): void {
    if (this.stopped) return;
    if (this.options.db.hasBeenClosed()) {
      this.stop();
      return;
    }
    if (!failed) {
      this.queue(lead, false);
      return;
    }
    this.retryTimer = this.options.clock.setTimeout(() => {
      this.retryTimer = undefined;
      this.queue(lead, false);
    }, LEADERSHIP_TIMING.watchMs);
  }

  /** While waiting: steal the lock when the leader's heartbeat goes stale. */
  private watch(lead: (fence: Fence) => Promise<void>): void {
    this.watchTimer = this.every(LEADERSHIP_TIMING.watchMs, () => {
      void this.isStale().then((stale) => {
        if (!stale || this.stopped || this.isLeader) return;
        this.clearTimers();
        this.waitAbort?.abort();
        this.queue(lead, true);
      }).catch(() => undefined);
    });
  }

  private async isStale(): Promise<boolean> {
    const row = await this.options.db.meta.get(BEAT_KEY);
    const at = typeof row?.value === 'number' ? row.value : undefined;
    return at !== undefined && this.options.now() - at > LEADERSHIP_TIMING.stallMs;
  }

  private async beat(): Promise<void> {
    await this.options.db.meta.put({ key: BEAT_KEY, value: this.options.now() });
  }

  private every(ms: number, fn: () => void): unknown {
    const tick = (): void => {
      fn();
      handle.current = this.options.clock.setTimeout(tick, ms);
    };
    const handle = { current: this.options.clock.setTimeout(tick, ms) };
    return handle;
  }

  private clearTimers(): void {
    for (const t of [this.watchTimer, this.beatTimer]) {
      if (t !== undefined) this.options.clock.clearTimeout((t as { current: unknown }).current);
    }
    this.watchTimer = undefined;
    this.beatTimer = undefined;
  }
}
