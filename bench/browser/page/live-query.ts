/**
 * Live-query latency: a 50-row query over 50,000 contacts (`ascending('info.name.last')
 * .limit(50).observe()`) is subscribed; each sample edits a contact the page shows and
 * measures from the `updateContact` call to the emission that carries the new revision. One
 * database per run (seeding 50,000 rows each round would triple the run time), one
 * subscription per round.
 */
import type { Contact } from '../../../src/index.js';
import type { ContenderRun, WorkloadParams, WorkloadRun } from './bench-api.js';
import { seededRandom } from '../../../test/support/realistic-contacts.js';
import { buildDataset, docSize, openOurs } from './seed.js';
import { roundNumbers } from './stats.js';

const PAGE = 50;

/**
 * Runs the workload; `samples` are update-to-emission times, `extra.writeMs` the time until
 * `updateContact` itself resolved.
 *
 * @example
 * ```ts
 * const run = await runLive({ rounds: 5, warmup: true, contacts: 50_000, ops: 50 });
 * ```
 */
export async function runLive(params: WorkloadParams): Promise<WorkloadRun> {
  const data = await buildDataset(params.contacts, 123);
  const ours: Required<ContenderRun> = { samples: [], extra: { writeMs: [] } };
  const client = await openOurs('live', data.rows, true);
  for (const round of roundNumbers(params.rounds, params.warmup)) {
    let latest: Contact[] = [];
    let onEmit: ((items: Contact[]) => void) | undefined;
    const first = new Promise<void>((resolve) => { onEmit = () => resolve(); });
    const subscription = client.queryContacts().ascending('info.name.last').limit(PAGE).observe().subscribe((items) => {
      latest = items;
      onEmit?.(items);
    });
    await first;
    const rnd = seededRandom(900 + round);
    for (let i = 0; i < params.ops; i++) {
      const target = latest[Math.floor(rnd() * latest.length)]!;
      const t0 = performance.now();
      const emitted = new Promise<number>((resolve) => {
        onEmit = (items) => {
          if (items.some((c) => c._id === target._id && c.revision === target.revision + 1)) resolve(performance.now());
        };
      });
      await client.updateContact(target._id, { company: `Live ${round}-${i}` }, target.revision);
      const written = performance.now();
      const t1 = await emitted;
      if (round < 0) continue;
      ours.samples.push(t1 - t0);
      ours.extra['writeMs']!.push(written - t0);
    }
    subscription.unsubscribe();
  }
  await client.destroy();
  return { contenders: { ours }, notes: { contacts: params.contacts, docBytes: docSize(data.rows), pageSize: PAGE } };
}
