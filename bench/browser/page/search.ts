/**
 * First page of an indexed `startsWith` search over 50,000 contacts, as a search box shows
 * it: `queryContacts().startsWith('info.name.last', p).ascending('info.name.last').limit(50)
 * .find()` vs the floor, the same page read with raw Dexie: the first 50 rows of the
 * `k.last` index range plus the range's count (our result carries `totalCount`), in one
 * read transaction. Each contender reads its own copy of the same rows, seeded once per run
 * (the workload only reads; reseeding 50,000 rows each round would triple the run time).
 */
import type { ContactsClient } from '../../../src/index.js';
import type { ContactsDb } from '../../../src/store/schema.js';
import type { ContenderRun, WorkloadParams, WorkloadRun } from './bench-api.js';
import { seededRandom } from '../../../test/support/realistic-contacts.js';
import { buildDataset, docSize, openOurs, seededDb } from './seed.js';
import { rotation, roundNumbers, timeEach } from './stats.js';

const PAGE = 50;

async function ourPage(client: ContactsClient, prefix: string): Promise<{ ids: string[]; total: number }> {
  const r = await client.queryContacts().startsWith('info.name.last', prefix).ascending('info.name.last').limit(PAGE).find();
  return { ids: r.items.map((c) => c._id), total: r.totalCount };
}

async function floorPage(db: ContactsDb, prefix: string): Promise<{ ids: string[]; total: number }> {
  const lower = prefix.toLowerCase();
  return db.transaction('r', db.contacts, async () => {
    const range = () => db.contacts.where('k.last').startsWith(lower);
    const [rows, total] = await Promise.all([range().limit(PAGE).toArray(), range().count()]);
    return { ids: rows.map((r) => r._id), total };
  });
}

/** The floor must return what we return, or the ratio means nothing. */
async function checkSamePages(client: ContactsClient, db: ContactsDb, prefixes: readonly string[]): Promise<void> {
  for (const p of prefixes) {
    const [a, b] = [await ourPage(client, p), await floorPage(db, p)];
    if (a.total !== b.total || a.ids.join() !== b.ids.join()) throw new Error(`search: ours and the floor disagree on prefix ${p}`);
  }
}

/**
 * Runs the workload; `samples` are per-query latencies.
 *
 * @example
 * ```ts
 * const run = await runSearch({ rounds: 5, warmup: true, contacts: 50_000, ops: 100 });
 * ```
 */
export async function runSearch(params: WorkloadParams): Promise<WorkloadRun> {
  const data = await buildDataset(params.contacts, 99);
  const lastNames = data.contacts.map((c) => c.info.name?.last ?? '');
  const out: Record<string, ContenderRun> = { ours: { samples: [] }, floor: { samples: [] } };
  const matches: number[] = [];
  const client = await openOurs('search-ours', data.rows, false);
  const floor = await seededDb('search-floor', data.rows);
  for (const round of roundNumbers(params.rounds, params.warmup)) {
    const rnd = seededRandom(500 + round);
    const prefixes = Array.from({ length: params.ops }, () => lastNames[Math.floor(rnd() * lastNames.length)]!.slice(0, 3));
    if (round === 0) await checkSamePages(client, floor, prefixes.slice(0, 10));
    for (const name of rotation(['ours', 'floor'], round)) {
      const times = name === 'ours'
        ? await timeEach(prefixes, async (p) => { matches.push((await ourPage(client, p)).total); })
        : await timeEach(prefixes, (p) => floorPage(floor, p));
      if (round >= 0) out[name]!.samples.push(...times);
    }
  }
  await client.destroy();
  await floor.delete();
  const sorted = [...matches].sort((a, b) => a - b);
  return {
    contenders: out,
    notes: { contacts: params.contacts, docBytes: docSize(data.rows), medianMatches: sorted[Math.floor(sorted.length / 2)] ?? 0, pageSize: PAGE },
  };
}
