/** Time spent per activity in this process (printed by `npm run sim -- --profile`, for tuning). */
export const PROFILE = new Map<string, number>();

/** Adds the time `work` takes to `what`. */
export async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    PROFILE.set(what, (PROFILE.get(what) ?? 0) + performance.now() - t0);
  }
}
