/**
 * `offline-contacts/worker`: the sync engine, for hosting it yourself (a custom worker, a
 * service worker, or in-process). The default Worker entry is `sync-worker.ts`.
 */
export { createEngine, type EngineConfig, type EngineHandle } from './create-engine.js';
export type { EngineStatus } from './sync-engine.js';
export { RETRY_TIMING } from './retry-loop.js';
export { LEADERSHIP_TIMING } from './leadership.js';
export { ENGINE_LIMITS } from './engine-deps.js';
