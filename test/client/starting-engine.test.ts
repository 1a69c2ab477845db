import { describe, expect, it } from 'vitest';
import { ContactsError } from '../../src/model/contacts-error.js';
import { startingEngine } from '../../src/client/starting-engine.js';
import type { EngineHandle } from '../../worker/create-engine.js';
import type { EngineStatus } from '../../worker/sync-engine.js';

/** An engine that logs its calls, and a start the test settles. */
function fixture() {
  const calls: string[] = [];
  const engine: EngineHandle = {
    syncNow: () => { calls.push('syncNow'); return Promise.resolve(); },
    pause: () => { calls.push('pause'); },
    resume: () => { calls.push('resume'); },
    notifyEdit: () => { calls.push('notifyEdit'); },
    notifyVisible: () => { calls.push('notifyVisible'); },
    isLeader: () => true,
    stop: () => { calls.push('stop'); return Promise.resolve(); },
  };
  let settle!: { resolve: (e: EngineHandle) => void; reject: (e: unknown) => void };
  const starting = new Promise<EngineHandle>((resolve, reject) => { settle = { resolve, reject }; });
  const statuses: EngineStatus[] = [];
  return { calls, engine, settle, handle: startingEngine(starting, (s) => statuses.push(s)), statuses };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('startingEngine', () => {
  it('passes calls made during the start on once the engine runs, in call order; syncNow waits for it', async () => {
    const { calls, engine, settle, handle } = fixture();
    handle.pause();
    handle.notifyEdit();
    handle.resume();
    expect(handle.isLeader()).toBe(false);
    const synced = handle.syncNow();
    await tick();
    expect(calls).toEqual([]);
    settle.resolve(engine);
    await synced;
    expect(calls).toEqual(['pause', 'notifyEdit', 'resume', 'syncNow']);
    handle.notifyVisible();
    expect(calls.at(-1)).toBe('notifyVisible');
    expect(handle.isLeader()).toBe(true);
    await handle.stop();
    expect(calls.at(-1)).toBe('stop');
  });

  it('a call made just after the start, before the calls queued during it ran, still comes after them', async () => {
    const { calls, engine, settle, handle } = fixture();
    handle.pause();
    settle.resolve(engine);
    // One tick: the engine is known, the queued pause has not run yet.
    await Promise.resolve();
    handle.resume();
    await tick();
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('stop during the start waits for it, then stops the engine', async () => {
    const { calls, engine, settle, handle } = fixture();
    const stopped = handle.stop();
    await tick();
    expect(calls).toEqual([]);
    settle.resolve(engine);
    await stopped;
    expect(calls).toEqual(['stop']);
  });

  it('a failed start is reported as an error status and by syncNow, keeping its code; stop still resolves', async () => {
    const { settle, handle, statuses } = fixture();
    const synced = handle.syncNow();
    handle.pause();
    settle.reject(new ContactsError({ code: 'DATABASE_VERSION', message: 'newer format' }));
    await expect(synced).rejects.toMatchObject({ code: 'DATABASE_VERSION', status: 500 });
    expect(statuses).toEqual([{ state: 'error', error: { code: 'DATABASE_VERSION', status: 500, message: 'newer format' } }]);
    await expect(handle.syncNow()).rejects.toBeInstanceOf(ContactsError);
    await expect(handle.stop()).resolves.toBeUndefined();
  });

  it('a start failing with something else becomes an INTERNAL ContactsError', async () => {
    const { settle, handle, statuses } = fixture();
    settle.reject(new TypeError('worker script failed to load'));
    await expect(handle.syncNow()).rejects.toMatchObject({ code: 'INTERNAL', status: 500 });
    expect(statuses[0]).toMatchObject({ state: 'error', error: { code: 'INTERNAL' } });
  });
});
