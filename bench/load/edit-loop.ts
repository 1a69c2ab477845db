/**
 * What one device does during a load run: a local edit every few hundred milliseconds
 * (mostly updates of contacts everyone shares, some creates, labels, deletes), while its
 * engine syncs by itself (unpaused) as edits arrive.
 */
import type { Contact } from '../../src/model/contact.js';
import { runLocalStep } from '../../test/sim/local-steps.js';
import { Prng } from '../../test/sim/prng.js';
import type { SimDevice } from '../../test/sim/sim-device.js';
import type { SimWorld } from '../../test/sim/sim-world.js';
import type { LatencyMeter } from './latency-meter.js';

/** Mix of local operations. */
export const LOAD_OPS = { update: 70, create: 8, label: 10, unlabel: 6, delete: 2 } as const;

/** A local call slower than this is reported as a liveness failure (the sim's step limit). */
export const EDIT_LIMIT_MS = 30_000;

/** Shared state of the loops of one run. */
export interface LoadRun {
  /** Server ids of the contacts made so far (some deleted since): what edits pick from. */
  readonly ids: string[];
  readonly world: SimWorld;
  readonly meter: LatencyMeter;
  /** `Date.now()` at which the loops stop starting edits. */
  readonly until: number;
  /** Mean pause between two edits of one device (ms). */
  readonly thinkMs: number;
  /** Unique step ids (values written carry them). */
  nextId: number;
  /** Local calls that wrote something. */
  edits: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * A contact everyone knows of, read by id: querying all of a device's contacts for every
 * edit would make the load generator, not the sync, the bottleneck.
 */
async function pickKnown(run: LoadRun, d: SimDevice, prng: Prng): Promise<Contact | undefined> {
  if (run.ids.length === 0) return undefined;
  return d.client.getContact(prng.pick(run.ids)).catch(() => undefined);
}

/** `work`, or a liveness violation if it takes longer than `EDIT_LIMIT_MS` (the loop goes on). */
async function limited(run: LoadRun, d: SimDevice, step: number, work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      run.world.violate('liveness', `${d.actor}: a local write did not finish in ${EDIT_LIMIT_MS} ms`, step);
      resolve();
    }, EDIT_LIMIT_MS);
  });
  await Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Edits on `d` until `run.until`; the edits' randomness comes from `seed`. */
export async function editLoop(run: LoadRun, d: SimDevice, seed: number): Promise<void> {
  const prng = new Prng(seed);
  while (Date.now() < run.until) {
    await sleep(run.thinkMs * (0.5 + prng.next()));
    if (Date.now() >= run.until) return;
    const id = run.nextId++;
    const kind = prng.weighted(LOAD_OPS);
    const before = run.world.edits.edits.length;
    const at = performance.now();
    const step = kind === 'update'
      ? { id, kind, device: d.index, r: prng.uint32(), stale: prng.chance(0.05) }
      : { id, kind, device: d.index, r: prng.uint32() };
    await limited(run, d, id, runLocalStep(run.world, step, (_w, dev, p) => pickKnown(run, dev, p)));
    // Other loops append to the log meanwhile: keep only this device's entries of this step.
    const made = run.world.edits.edits.slice(before).filter((e) => e.step === id);
    if (made.length > 0) run.edits++;
    run.meter.wrote(made.filter((e) => e.kind === 'set').map((e) => e.value), at);
  }
}
