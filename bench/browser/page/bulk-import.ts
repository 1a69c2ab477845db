/**
 * Bulk import of 10,000 contacts into an empty database: the store's import (validation,
 * normalisation, index keys, the duplicate rule, one transaction) with and without the
 * outbox's batch row a syncing client writes, vs the floor (raw `bulkPut` of the rows our
 * import writes, built beforehand) vs RxDB `bulkInsert` of the same documents. Every
 * contender gets a fresh database each round.
 */
import { ContactStore } from '../../../src/store/contact-store.js';
import { ContactsDb } from '../../../src/store/schema.js';
import type { ContenderRun, WorkloadParams, WorkloadRun } from './bench-api.js';
import { openRx, rxDocs } from './rxdb-peer.js';
import { browserDeps, buildDataset, docSize, type Dataset } from './seed.js';
import { rotation, roundNumbers, timeOnce } from './stats.js';

/** Opens an empty database, times `write` on it, then deletes it. */
async function onFreshDb(name: string, write: (db: ContactsDb) => Promise<unknown>): Promise<number> {
  await ContactsDb.delete(name);
  const db = new ContactsDb(name, browserDeps());
  await db.open();
  const ms = await timeOnce(() => write(db));
  await db.delete();
  return ms;
}

/**
 * Runs the workload; `samples` are whole-import times, one per round.
 *
 * @example
 * ```ts
 * const run = await runBulk({ rounds: 5, warmup: true, contacts: 10_000, ops: 1 });
 * ```
 */
export async function runBulk(params: WorkloadParams): Promise<WorkloadRun> {
  const full = await buildDataset(params.contacts, 7);
  // The warm-up only has to compile the code paths: a tenth of the data does.
  const warm = await buildDataset(Math.ceil(params.contacts / 10), 6);
  const [fullDocs, warmDocs] = [rxDocs(full.rows), rxDocs(warm.rows)];
  const pick = (r: number): Dataset => (r < 0 ? warm : full);
  const contenders: Record<string, (round: number) => Promise<number>> = {
    ours: (r) => onFreshDb(`bulk-ours-${r}`, (db) => new ContactStore(db, { queueMutations: true }).importContacts(pick(r).infos)),
    'ours (local only)': (r) => onFreshDb(`bulk-local-${r}`, (db) => new ContactStore(db).importContacts(pick(r).infos)),
    floor: (r) => onFreshDb(`bulk-floor-${r}`, (db) => db.contacts.bulkPut(pick(r).rows)),
    rxdb: async (r) => {
      const rx = await openRx(`bulk-rx-${r}`, []);
      const ms = await timeOnce(() => rx.contacts.bulkInsert(r < 0 ? warmDocs : fullDocs));
      await rx.remove();
      return ms;
    },
  };
  const names = Object.keys(contenders);
  const out: Record<string, ContenderRun> = Object.fromEntries(names.map((n) => [n, { samples: [] }]));
  for (const round of roundNumbers(params.rounds, params.warmup)) {
    for (const name of rotation(names, round)) {
      const ms = await contenders[name]!(round);
      if (round >= 0) out[name]!.samples.push(ms);
    }
  }
  return { contenders: out, notes: { contacts: params.contacts, docBytes: docSize(full.rows) } };
}
