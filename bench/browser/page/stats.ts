/** Timing helpers shared by the workloads. */

/**
 * Times each `op(item)` in turn, awaiting each before the next.
 *
 * @example
 * ```ts
 * const ms = await timeEach(ids, (id) => client.getContact(id));
 * ```
 */
export async function timeEach<T>(items: readonly T[], op: (item: T) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (const item of items) {
    const t0 = performance.now();
    await op(item);
    out.push(performance.now() - t0);
  }
  return out;
}

/**
 * Times one call.
 *
 * @example
 * ```ts
 * const ms = await timeOnce(() => db.contacts.bulkPut(rows));
 * ```
 */
export async function timeOnce(op: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await op();
  return performance.now() - t0;
}

/**
 * `names` rotated by `round`, so that no contender always runs first (on a colder cache) or
 * last (on a busier heap).
 *
 * @example
 * ```ts
 * rotation(['a', 'b', 'c'], 1); // ['b', 'c', 'a']
 * ```
 */
export function rotation<T>(names: readonly T[], round: number): T[] {
  const k = ((round % names.length) + names.length) % names.length;
  return [...names.slice(k), ...names.slice(0, k)];
}

/** Rounds to run: -1 is the warm-up, never recorded. */
export function roundNumbers(rounds: number, warmup: boolean): number[] {
  return Array.from({ length: rounds + (warmup ? 1 : 0) }, (_, i) => i - (warmup ? 1 : 0));
}
