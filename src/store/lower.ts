/**
 * The case-insensitive key form shared by the index keys (written) and the query planner
 * (read). Kept apart from `index-keys.ts` so that the read path can use it without pulling
 * the write path (normalisation, phone tables) into a page's entry chunk.
 */

/**
 * The index-key form of a string compared case-insensitively (also used for query values).
 *
 * @example
 * ```ts
 * lower('Ada'); // 'ada'
 * lower(undefined); // ''
 * ```
 */
export function lower(value: string | undefined): string {
  return value === undefined ? '' : value.toLowerCase();
}
