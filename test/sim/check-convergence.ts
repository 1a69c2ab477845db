/**
 * Convergence: after the heal, every device shows exactly the server's contacts (same ids)
 * with the same `info`. Server-only fields (dates, source, revision, member info) are not
 * compared: the local revision is the device's own sequence by design.
 */
import type { Contact } from '../../src/model/contact.js';
import { canonicalJson } from './canonical-json.js';
import type { SimDevice } from './sim-device.js';
import type { SimWorld } from './sim-world.js';

/** Compares each device with the server. */
export async function checkConvergence(world: SimWorld, server: readonly Contact[]): Promise<void> {
  const remote = new Map(server.map((c) => [c._id, c]));
  for (const d of world.devices) {
    const local = new Map((await world.contactsOf(d)).map((c) => [c._id, c]));
    for (const problem of differences(d, local, remote)) world.violate('convergence', problem);
  }
}

function differences(d: SimDevice, local: ReadonlyMap<string, Contact>, remote: ReadonlyMap<string, Contact>): string[] {
  const out: string[] = [];
  for (const [id, c] of remote) {
    const mine = local.get(id);
    if (mine === undefined) out.push(`${d.actor} lacks ${id} (${c.info.name?.last ?? '?'})`);
    else if (canonicalJson(mine.info) !== canonicalJson(c.info)) {
      out.push(`${d.actor} shows ${id} as ${canonicalJson(mine.info)}, the server has ${canonicalJson(c.info)}`);
    }
  }
  for (const [id, c] of local) {
    if (!remote.has(id)) out.push(`${d.actor} has ${id} (${c.info.name?.last ?? '?'}) that the server does not`);
  }
  return out;
}
