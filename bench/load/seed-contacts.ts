/** The contacts every device shares from the start of a load run. */
import { Prng } from '../../test/sim/prng.js';
import { newInfo } from '../../test/sim/sim-values.js';
import type { SimWorld } from '../../test/sim/sim-world.js';

/**
 * Creates `n` contacts as the other app, logged like any accepted edit so the no-lost-edit
 * check follows them too. Step ids are negative, so their values never collide with the
 * values of the load's own edits (which count up from 0).
 */
export async function seedContacts(world: SimWorld, n: number, seed: number): Promise<void> {
  const prng = new Prng(seed);
  for (let i = 0; i < n; i++) {
    const info = newInfo(prng, -1 - i, `S${i}`);
    for (const key of info.labelKeys?.items ?? []) await world.app.ensureLabel(key.slice('custom.'.length));
    const created = await world.app.createContact(info, { idempotencyKey: `seed-${i}`, allowDuplicates: true });
    world.edits.created('app', -1 - i, created.info);
  }
}
