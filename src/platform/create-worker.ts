/**
 * Starting the sync Worker. The URL is written as `new URL(..., import.meta.url)` inside the
 * `new Worker(...)` call so that bundlers (Vite, webpack 5, esbuild with plugins) recognise
 * the pattern and emit the worker as its own chunk; from the published `dist/` it resolves
 * to `dist/worker/sync-worker.js`.
 */

/** Makes the Worker that runs the sync engine. */
export type WorkerFactory = () => Worker;

/** The default factory: a module worker from the package's own entry. */
export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('../../worker/sync-worker.js', import.meta.url), { type: 'module', name: 'offline-contacts-sync' });

/** Calls `listener` when the page becomes visible; a no-op outside pages. Returns the unsubscribe. */
export function onPageVisible(listener: () => void): () => void {
  const doc = (globalThis as { document?: Document }).document;
  if (doc === undefined) return () => undefined;
  const handler = (): void => {
    if (doc.visibilityState === 'visible') listener();
  };
  doc.addEventListener('visibilitychange', handler);
  return () => doc.removeEventListener('visibilitychange', handler);
}
