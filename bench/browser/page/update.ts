/**
 * Single-contact update on 10,000 contacts: `updateContact` (with its outbox row, and local
 * only) vs the floor (raw Dexie get+put of the same row in one transaction) vs RxDB
 * (findOne + incrementalPatch). Latency: edits one after the other; throughput: a burst of
 * concurrent edits on distinct contacts. Every round opens fresh databases, seeded alike.
 */
import type { ContactsClient } from '../../../src/index.js';
import type { ContactsDb } from '../../../src/store/schema.js';
import type { ContenderRun, WorkloadParams, WorkloadRun } from './bench-api.js';
import { seededRandom } from '../../../test/support/realistic-contacts.js';
import { openRx, rxDocs, type RxContact, type RxPeer } from './rxdb-peer.js';
import { buildDataset, docSize, openOurs, seededDb, type Dataset } from './seed.js';
import { rotation, roundNumbers, timeEach, timeOnce } from './stats.js';

type Edit = readonly [id: string, company: string];

/** Contacts in the warm-up round's databases. */
const WARM_UP_CONTACTS = 1_000;

/** A contender opened on a fresh database: its update and how to throw the database away. */
interface Opened {
  readonly update: (edit: Edit) => Promise<unknown>;
  readonly dispose: () => Promise<void>;
}

const CONTENDERS = {
  ours: (data: Dataset, round: number) => oursOn(`upd-ours-${round}`, data, true),
  'ours (local only)': (data: Dataset, round: number) => oursOn(`upd-local-${round}`, data, false),
  floor: (data: Dataset, round: number) => floorOn(`upd-floor-${round}`, data),
  rxdb: (data: Dataset & { readonly docs: RxContact[] }, round: number) => rxOn(`upd-rx-${round}`, data.docs),
} as const;
type Name = keyof typeof CONTENDERS;

async function oursOn(name: string, data: Dataset, withOutbox: boolean): Promise<Opened> {
  const client = await openOurs(name, data.rows, withOutbox);
  return { update: ourUpdate(client), dispose: () => client.destroy() };
}

function ourUpdate(client: ContactsClient): (edit: Edit) => Promise<void> {
  const revisions = new Map<string, number>();
  return async ([id, company]) => {
    const { contact } = await client.updateContact(id, { company }, revisions.get(id) ?? 1);
    revisions.set(id, contact.revision);
  };
}

async function floorOn(name: string, data: Dataset): Promise<Opened> {
  const db = await seededDb(name, data.rows);
  return { update: floorUpdate(db), dispose: () => db.delete() };
}

function floorUpdate(db: ContactsDb): (edit: Edit) => Promise<void> {
  return ([id, company]) => db.transaction('rw', db.contacts, async () => {
    const row = (await db.contacts.get(id))!;
    await db.contacts.put({ ...row, c: { ...row.c, revision: row.c.revision + 1, info: { ...row.c.info, company } } });
  });
}

async function rxOn(name: string, docs: readonly RxContact[]): Promise<Opened> {
  const rx: RxPeer = await openRx(name, docs);
  const update = async ([id, company]: Edit): Promise<void> => {
    const doc = (await rx.contacts.findOne(id).exec())!;
    const { revision, info } = doc.toJSON() as RxContact;
    await doc.incrementalPatch({ revision: revision + 1, info: { ...info, company } });
  };
  return { update, dispose: () => rx.remove() };
}

/** The round's edits: `ops` random contacts one by one, then a burst over `burst` distinct ones. */
function workFor(ids: readonly string[], round: number, ops: number, burst: number): { sequential: Edit[]; burst: Edit[] } {
  const rnd = seededRandom(1000 + round);
  const sequential = Array.from({ length: ops }, (_, i): Edit => [ids[Math.floor(rnd() * ids.length)]!, `Company ${round}-${i}`]);
  const start = Math.floor(rnd() * (ids.length - burst));
  return { sequential, burst: ids.slice(start, start + burst).map((id, i): Edit => [id, `Burst ${round}-${i}`]) };
}

/**
 * Runs the workload; `samples` are per-edit latencies, `extra.burstOpsPerSec` the burst rate.
 *
 * @example
 * ```ts
 * const run = await runUpdate({ rounds: 5, warmup: true, contacts: 10_000, ops: 300, burst: 500 });
 * ```
 */
export async function runUpdate(params: WorkloadParams & { readonly burst: number }): Promise<WorkloadRun> {
  const withDocs = (d: Dataset): Dataset & { readonly docs: RxContact[] } => ({ ...d, docs: rxDocs(d.rows) });
  const data = withDocs(await buildDataset(params.contacts, 42));
  // The warm-up only has to compile the code paths: a small database seeds in a fraction of the time.
  const warm = withDocs(await buildDataset(WARM_UP_CONTACTS, 41));
  const names = Object.keys(CONTENDERS) as Name[];
  const out = Object.fromEntries(names.map((n): [Name, Required<ContenderRun>] => [n, { samples: [], extra: { burstOpsPerSec: [] } }])) as Record<Name, Required<ContenderRun>>;
  for (const round of roundNumbers(params.rounds, params.warmup)) {
    const d = round < 0 ? warm : data;
    const work = workFor(d.contacts.map((c) => c._id), round, params.ops, params.burst);
    for (const name of rotation(names, round)) {
      const opened = await CONTENDERS[name](d, round);
      const latencies = await timeEach(work.sequential, opened.update);
      const burstMs = await timeOnce(() => Promise.all(work.burst.map(opened.update)));
      await opened.dispose();
      if (round < 0) continue;
      out[name].samples.push(...latencies);
      out[name].extra['burstOpsPerSec']!.push((work.burst.length / burstMs) * 1000);
    }
  }
  return { contenders: out, notes: { contacts: params.contacts, docBytes: docSize(data.rows), editsPerRound: params.ops, burst: params.burst } };
}
