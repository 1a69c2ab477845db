/** Whether this environment can run the sync engine in a dedicated Worker. */

/**
 * True where a `Worker` constructor exists (browsers), false in Node.
 *
 * @example
 * ```ts
 * const mode = hasWorker() ? 'worker' : 'inline';
 * ```
 */
export function hasWorker(): boolean {
  return typeof (globalThis as { Worker?: unknown }).Worker === 'function';
}
