/**
 * Cold open: a database of 50,000 contacts, seeded once; the driver relaunches the browser
 * before every measurement (a cold IndexedDB backing store), and the page times from
 * `openContacts` to the first 50 contacts sorted by name, as a list shows them: the first
 * emission of `ascending('info.name.last').limit(50).observe()`. Contenders: ours local-only,
 * ours with a remote (the worker starts as in a real app), and the floor (raw Dexie open +
 * the first 50 rows of the `k.last` index). `find()` is timed too (extra series): its
 * `totalCount` makes IndexedDB count all 50,000 rows.
 */
import { firstValueFrom } from 'rxjs';
import { openContacts } from '../../../src/index.js';
import { ContactsDb } from '../../../src/store/schema.js';
import type { ColdContender, ColdOpenResult } from './bench-api.js';
import { browserDeps, buildDataset, docSize, seededDb } from './seed.js';

/** The database every cold open reads. */
export const COLD_DB = 'cold-open';
const PAGE = 50;

/**
 * Seeds the cold-open database.
 *
 * @example
 * ```ts
 * await coldSeed({ contacts: 50_000 });
 * ```
 */
export async function coldSeed(params: { readonly contacts: number }): Promise<Record<string, number | string>> {
  const data = await buildDataset(params.contacts, 2024);
  (await seededDb(COLD_DB, data.rows)).close();
  return { contacts: params.contacts, docBytes: docSize(data.rows), pageSize: PAGE };
}

/** Opens, reads the first page and closes; returns when the page was there and its length. */
async function firstPage(contender: ColdContender, token: string, how: 'observe' | 'find'): Promise<{ opened: number; at: number; n: number }> {
  if (contender === 'floor') {
    const db = new ContactsDb(COLD_DB, browserDeps());
    await db.open();
    const opened = performance.now();
    const rows = await db.contacts.orderBy('k.last').limit(PAGE).toArray();
    const at = performance.now();
    db.close();
    return { opened, at, n: rows.length };
  }
  const remote = { baseUrl: location.origin, auth: () => ({ Authorization: `Bearer ${token}` }) };
  const client = await openContacts({ name: COLD_DB, ...(contender === 'ours-worker' ? { remote } : { sync: 'off' as const }) });
  const opened = performance.now();
  const query = client.queryContacts().ascending('info.name.last').limit(PAGE);
  const items = how === 'find' ? (await query.find()).items : await firstValueFrom(query.observe());
  const at = performance.now();
  await client.close();
  return { opened, at, n: items.length };
}

/**
 * One measurement on a freshly launched browser.
 *
 * @example
 * ```ts
 * const { openMs } = await coldOpen('ours', token, 'observe');
 * ```
 */
export async function coldOpen(contender: ColdContender, token: string, how: 'observe' | 'find'): Promise<ColdOpenResult> {
  const t0 = performance.now();
  const { opened, at, n } = await firstPage(contender, token, how);
  if (n !== PAGE) throw new Error(`cold open: ${contender} read ${n} contacts, expected ${PAGE}`);
  return { openMs: at - t0, openedMs: opened - t0, sinceNavigationMs: at };
}
