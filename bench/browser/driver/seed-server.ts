/** Putting contacts on the reference server over its REST API, for the pull/push workload. */
import { infoToWire } from '../../../src/model/wire-info.js';
import { realisticInfos } from '../page/dataset.js';

const CONCURRENCY = 16;

/**
 * Creates `count` realistic contacts for the tenant of `token` (emails tagged with the round,
 * so no two are duplicates).
 *
 * @throws Error on the first failed request.
 * @example
 * ```ts
 * await seedServer(server.url, 'bench-0', 5000, 0);
 * ```
 */
export async function seedServer(url: string, token: string, count: number, round: number): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  // The server accepts only label keys that exist (custom.vip... from their display names).
  for (const displayName of ['vip', 'lead', 'customer', 'newsletter', 'partner', 'cold']) {
    const res = await fetch(`${url}/contacts/v4/labels`, { method: 'POST', headers, body: JSON.stringify({ displayName }) });
    if (!res.ok) throw new Error(`creating label ${displayName}: ${res.status} ${await res.text()}`);
  }
  const bodies = realisticInfos(count, 4000 + round, `r${round}-`).map((info) => JSON.stringify({ info: infoToWire(info) }));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const res = await fetch(`${url}/contacts/v4/contacts`, { method: 'POST', headers, body });
      if (!res.ok) throw new Error(`seeding the server: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}
