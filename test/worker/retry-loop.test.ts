import { describe, expect, it } from 'vitest';
import { ContactsError } from '../../src/model/contacts-error.js';
import { backoffDelay, RETRY_TIMING, RetryLoop, type LoopClock, type LoopState } from '../../worker/retry-loop.js';

/** A clock whose timers fire only when the test advances it. */
class ManualClock implements LoopClock {
  now = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  random(): number {
    return 1; // the top of the jitter range: delays are exactly the ceiling
  }
  pendingDelays(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.now);
  }
  async advance(ms: number): Promise<void> {
    this.now += ms;
    for (const [id, t] of [...this.timers]) {
      if (t.at <= this.now) {
        this.timers.delete(id);
        t.fn();
      }
    }
    await flush();
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

function harness(results: (() => Promise<void>)[], online = true) {
  const clock = new ManualClock();
  const states: LoopState[] = [];
  let runs = 0;
  const loop = new RetryLoop({
    runOnce: () => {
      const r = results[Math.min(runs, results.length - 1)]!;
      runs++;
      return r();
    },
    onState: (s) => states.push(s),
    isOnline: () => online,
  }, clock);
  return { clock, states, loop, runs: () => runs };
}

const ok = () => Promise.resolve();
const fail = (code: 'UNAVAILABLE' | 'NETWORK_ERROR' | 'UNAUTHENTICATED' | 'RESOURCE_EXHAUSTED', retryAfterMs?: number) => () =>
  Promise.reject(new ContactsError({ code, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) }));

describe('RetryLoop', () => {
  it('runs at start and then polls at the poll interval', async () => {
    const h = harness([ok]);
    h.loop.start();
    await flush();
    expect(h.runs()).toBe(1);
    expect(h.loop.current).toBe('idle');
    expect(h.clock.pendingDelays()).toEqual([RETRY_TIMING.pollIntervalMs]);
    await h.clock.advance(RETRY_TIMING.pollIntervalMs);
    expect(h.runs()).toBe(2);
  });

  it('backs off exponentially on 5xx and resets after a success', async () => {
    const h = harness([fail('UNAVAILABLE'), fail('UNAVAILABLE'), fail('UNAVAILABLE'), ok]);
    h.loop.start();
    await flush();
    expect(h.loop.current).toBe('backoff');
    expect(h.clock.pendingDelays()).toEqual([1000]);
    await h.clock.advance(1000);
    expect(h.clock.pendingDelays()).toEqual([2000]);
    await h.clock.advance(2000);
    expect(h.clock.pendingDelays()).toEqual([4000]);
    await h.clock.advance(4000);
    expect(h.runs()).toBe(4);
    expect(h.loop.current).toBe('idle');
  });

  it('honours Retry-After when it is longer than the backoff', async () => {
    const h = harness([fail('RESOURCE_EXHAUSTED', 7000), ok]);
    h.loop.start();
    await flush();
    expect(h.clock.pendingDelays()).toEqual([7000]);
    await h.clock.advance(6999);
    expect(h.runs()).toBe(1);
    await h.clock.advance(1);
    expect(h.runs()).toBe(2);
  });

  it('a local edit does not cut a backoff short, but coming online does', async () => {
    const h = harness([fail('NETWORK_ERROR'), ok], false);
    h.loop.start();
    await flush();
    expect(h.loop.current).toBe('offline');
    h.loop.wake('edit');
    await flush();
    expect(h.runs()).toBe(1);
    h.loop.wake('online');
    await flush();
    expect(h.runs()).toBe(2);
    expect(h.loop.current).toBe('idle');
  });

  it('401 moves to auth-required and retries no sooner than the auth interval', async () => {
    const h = harness([fail('UNAUTHENTICATED'), ok]);
    h.loop.start();
    await flush();
    expect(h.loop.current).toBe('auth-required');
    expect(h.clock.pendingDelays()[0]).toBeGreaterThanOrEqual(RETRY_TIMING.authRetryMs);
    await h.clock.advance(RETRY_TIMING.authRetryMs);
    expect(h.loop.current).toBe('idle');
  });

  it('syncNow ignores the backoff wait and rejects with the round error', async () => {
    const h = harness([fail('UNAVAILABLE'), fail('UNAVAILABLE'), ok]);
    h.loop.start();
    await flush();
    await expect(h.loop.syncNow()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(h.loop.syncNow()).resolves.toBeUndefined();
    expect(h.runs()).toBe(3);
  });

  it('wakes during a round coalesce into exactly one more round', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const h = harness([() => gate, ok]);
    h.loop.start();
    await flush();
    h.loop.wake('edit');
    h.loop.wake('edit');
    h.loop.wake('edit');
    release();
    await flush();
    await flush();
    expect(h.runs()).toBe(2);
  });

  it('pause stops every round until resume', async () => {
    const h = harness([ok]);
    h.loop.start();
    await flush();
    h.loop.pause();
    h.loop.wake('online');
    await h.clock.advance(RETRY_TIMING.pollIntervalMs * 2);
    expect(h.runs()).toBe(1);
    expect(h.states.at(-1)).toBe('paused');
    h.loop.resume();
    await flush();
    expect(h.runs()).toBe(2);
  });

  it('backoff delay is jittered within [0.5, 1] of its ceiling and capped', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(3, () => 1)).toBe(8000);
    expect(backoffDelay(40, () => 1)).toBe(RETRY_TIMING.maxDelayMs);
  });
});

describe('RetryLoop.syncNow while paused', () => {
  it('runs the round the caller asked for but schedules nothing after it', async () => {
    const h = harness([ok]);
    h.loop.start();
    await flush();
    h.loop.pause();
    await h.loop.syncNow();
    expect(h.runs()).toBe(2);
    expect(h.loop.current).toBe('paused');
    expect(h.clock.pendingDelays()).toEqual([]);
  });

  it('two calls do not overlap: the second round starts after the first ends (regression: sim sync-twice)', async () => {
    let active = 0;
    let most = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const h = harness([async () => { active++; most = Math.max(most, active); await gate; active--; }]);
    h.loop.start(true);
    const both = Promise.all([h.loop.syncNow(), h.loop.syncNow()]);
    await flush();
    expect(h.runs()).toBe(1);
    release();
    await both;
    expect(h.runs()).toBe(2);
    expect(most).toBe(1);
  });
});
