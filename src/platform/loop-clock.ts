/** The real timers and randomness, behind the seam the retry loop takes. */

/** Timers and randomness of the platform. */
export const platformClock = {
  setTimeout: (fn: () => void, ms: number): unknown => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle: unknown): void => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: (): number => Math.random(),
};
