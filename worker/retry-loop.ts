/**
 * The one place that decides *when* the sync engine runs: backoff with jitter, `Retry-After`,
 * waking on online/visibility/new local edits, periodic pulls, pause/resume. The protocol
 * core (push/pull) has no timers; it is the delegate's `runOnce`.
 *
 *            wake / poll timer                 ok
 *   idle ─────────────────────────▶ running ─────────▶ idle (poll timer armed)
 *    ▲                               │  │  │
 *    │          transient error      │  │  └─ 401/403 ─▶ auth-required ─(auth timer / wake)─┐
 *    │   (backoff timer or wake)     │  └─ no network ─▶ offline ─(online / backoff timer)──┤
 *    └──────── backoff ◀─────────────┘                                                      │
 *                 └──────────────────────────────────── running ◀───────────────────────────┘
 *   pause(): any state ─▶ paused (nothing runs); resume(): paused ─▶ running
 */
import type { ContactsError } from '../src/model/contacts-error.js';

/** Timing constants of the loop (milliseconds). */
export const RETRY_TIMING = {
  /** First backoff delay; doubles per consecutive failure. */
  baseDelayMs: 1_000,
  /** Backoff ceiling. */
  maxDelayMs: 60_000,
  /** How often an idle engine polls the change feed. */
  pollIntervalMs: 30_000,
  /** How often an engine waiting for credentials asks `auth()` again. */
  authRetryMs: 10_000,
} as const;

/** What the loop reports about itself. */
export type LoopState = 'idle' | 'running' | 'backoff' | 'offline' | 'auth-required' | 'paused' | 'stopped';

/** Timers and randomness, injected so tests control time. */
export interface LoopClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

/** What the loop drives. */
export interface RetryLoopDelegate {
  /** One sync round (push everything pushable, then pull to the head). Rejects with `ContactsError`. */
  runOnce(): Promise<void>;
  /** Called on every state change, with the error that caused it, if any. */
  onState(state: LoopState, error?: ContactsError): void;
  /** Whether the platform currently believes it is online. */
  isOnline(): boolean;
}

/** Why a round was asked for. */
export type WakeReason = 'start' | 'resume' | 'edit' | 'online' | 'visible' | 'poll';

/** How a failed round is classified. */
export type FailureKind = 'offline' | 'auth' | 'transient' | 'fatal';

/** Classifies a round's error: auth (401/403), offline (no HTTP answer), transient (429/5xx/other). */
export function classifyFailure(error: ContactsError, online: boolean): FailureKind {
  if (error.status === 401 || error.status === 403) return 'auth';
  if (error.code === 'NETWORK_ERROR') return online ? 'transient' : 'offline';
  if (error.code === 'NOT_LEADER' || error.code === 'CLIENT_CLOSED') return 'fatal';
  return 'transient';
}

/** Full-jitter exponential backoff: a random delay in [0.5, 1] x min(max, base x 2^attempt). */
export function backoffDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(RETRY_TIMING.maxDelayMs, RETRY_TIMING.baseDelayMs * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * Runs the delegate's rounds at the right moments. Rounds never overlap: a wake during a
 * round makes exactly one more round after it.
 */
export class RetryLoop {
  private state: LoopState = 'stopped';
  private timer: unknown;
  private running: Promise<void> | undefined;
  private pendingWake: WakeReason | undefined;
  private attempt = 0;
  private lastError: ContactsError | undefined;

  constructor(private readonly delegate: RetryLoopDelegate, private readonly clock: LoopClock) {}

  /** The current state. */
  get current(): LoopState {
    return this.state;
  }

  /** Starts the loop with an immediate round, or paused (nothing runs until `resume()`). */
  start(paused = false): void {
    if (this.state !== 'stopped') return;
    if (paused) {
      this.setState('paused');
      return;
    }
    this.setState('idle');
    this.wake('start');
  }

  /** Stops the loop for good; a running round finishes, nothing more is scheduled. */
  async stop(): Promise<void> {
    this.clearTimer();
    this.setState('stopped');
    await this.running?.catch(() => undefined);
  }

  /** Pauses: nothing runs until `resume()`. */
  pause(): void {
    if (this.state === 'stopped') return;
    this.clearTimer();
    this.setState('paused');
  }

  /** Resumes after `pause()` with an immediate round. */
  resume(): void {
    if (this.state !== 'paused') return;
    this.setState('idle');
    this.wake('resume');
  }

  /**
   * Asks for a round. `edit` (new local edits) waits out a running backoff, because hammering
   * a failing server on every keystroke helps nobody; `online`, `visible` and `start` run now.
   */
  wake(reason: WakeReason): void {
    if (this.state === 'stopped' || this.state === 'paused') return;
    if (this.running) {
      // Decide after the round, against the state it leaves (a failed round means backoff).
      if (this.pendingWake === undefined || reason !== 'edit') this.pendingWake = reason;
      return;
    }
    if (reason === 'edit' && (this.state === 'backoff' || this.state === 'offline' || this.state === 'auth-required')) return;
    if (reason === 'online' || reason === 'visible') this.attempt = 0;
    void this.kick().catch(() => undefined);
  }

  /**
   * Runs a round now, ignoring any backoff wait (and a pause: the caller asked), and
   * resolves when it succeeded.
   *
   * @throws ContactsError whatever made the round fail (network, server, auth).
   */
  async syncNow(): Promise<void> {
    if (this.state === 'stopped') return;
    while (this.running) await this.running;
    if (this.state === 'paused') {
      // An explicit request runs even while paused, but schedules nothing after it. It is
      // still the running round: a second call waits for it instead of overlapping it.
      const round = this.delegate.runOnce();
      this.track(round);
      await round;
      return;
    }
    await this.kick();
  }

  /** Starts a round; `running` settles (never rejects) when it ends; the result rejects. */
  private kick(): Promise<void> {
    this.clearTimer();
    const round = this.round();
    this.track(round);
    return round;
  }

  /** Makes `round` the running one until it settles, then serves a wake that came meanwhile. */
  private track(round: Promise<void>): void {
    this.running = round.then(() => undefined, () => undefined).finally(() => {
      this.running = undefined;
      const reason = this.pendingWake;
      this.pendingWake = undefined;
      if (reason !== undefined) this.wake(reason);
    });
  }

  private async round(): Promise<void> {
    const resumeTo = this.state;
    if (resumeTo === 'stopped' || resumeTo === 'paused') return;
    this.setState('running');
    try {
      await this.delegate.runOnce();
      this.attempt = 0;
      this.lastError = undefined;
      if (this.isActive()) this.settle('idle', RETRY_TIMING.pollIntervalMs, 'poll');
    } catch (e) {
      this.onFailure(e as ContactsError);
      throw e;
    }
  }

  private onFailure(error: ContactsError): void {
    this.lastError = error;
    if (!this.isActive()) return;
    const kind = classifyFailure(error, this.delegate.isOnline());
    if (kind === 'fatal') {
      this.clearTimer();
      this.setState('stopped', error);
      return;
    }
    const backoff = backoffDelay(this.attempt++, () => this.clock.random());
    const delay = Math.max(error.retryAfterMs ?? 0, kind === 'auth' ? Math.max(backoff, RETRY_TIMING.authRetryMs) : backoff);
    const state: LoopState = kind === 'auth' ? 'auth-required' : kind === 'offline' ? 'offline' : 'backoff';
    this.settle(state, delay, 'poll');
  }

  private settle(state: LoopState, delayMs: number, reason: 'poll'): void {
    this.setState(state, state === 'idle' ? undefined : this.lastError);
    this.clearTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.forceWake(reason);
    }, delayMs);
  }

  private forceWake(_reason: 'poll'): void {
    if (this.state === 'stopped' || this.state === 'paused' || this.running) return;
    void this.kick().catch(() => undefined);
  }

  private isActive(): boolean {
    return this.state !== 'stopped' && this.state !== 'paused';
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setState(state: LoopState, error?: ContactsError): void {
    this.state = state;
    this.delegate.onState(state, error);
  }
}
