/**
 * What Dexie told live queries about a table while some work ran: the parts of the table
 * (`''` the primary key, `':dels'` possible deletions, else an index name) whose range of
 * changed keys is not empty. A limited, sorted page re-runs on any `':dels'` and on changes
 * in the index it is sorted by, so a write that tells only `''` re-runs no such page.
 */
import type { ObservabilitySet } from 'dexie';
import { Dexie } from '../../src/store/dexie.js';

const isEmptyRange = (range: unknown): boolean => typeof range !== 'object' || range === null || !('from' in range);

/** Runs `work` and returns the parts of `dbName`'s `table` it told live queries about. */
export async function touchedParts(dbName: string, table: string, work: () => Promise<unknown>): Promise<Set<string>> {
  const seen: ObservabilitySet[] = [];
  const listener = (parts: ObservabilitySet): void => { seen.push(parts); };
  Dexie.on.storagemutated.subscribe(listener);
  try {
    await work();
  } finally {
    Dexie.on.storagemutated.unsubscribe(listener);
  }
  const prefix = `idb://${dbName}/${table}/`;
  return new Set(seen.flatMap((parts) => Object.entries(parts))
    .filter(([part, range]) => part.startsWith(prefix) && !isEmptyRange(range))
    .map(([part]) => part.slice(prefix.length)));
}
