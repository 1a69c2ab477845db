/**
 * A focused driver for the CPU profiler: runs one local-store operation many times on the
 * bench's contacts and profiles only that loop (not the seeding), so the profile shows where
 * its time goes. Not a benchmark (no floor, no ratios): bench/local-store.ts gives those.
 * `update` goes through the client with a remote (outbox rows), as users run it;
 * `update-local` without one; `import` / `import-local` time `ContactStore.importContacts`.
 * Run: npx tsx bench/profile-local.ts update|update-local|import|import-local [out.cpuprofile]
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openContacts } from '../src/client/open-contacts.js';
import type { ContactsRemote } from '../src/remote/contacts-remote.js';
import { ContactStore } from '../src/store/contact-store.js';
import { ContactsDb } from '../src/store/schema.js';
import { realisticInfo } from './bench-contacts.js';

const N = 10_000;
const UPDATES = 6000;
const idleRemote = new Proxy({}, { get: () => () => Promise.reject(new Error('unused')) }) as ContactsRemote;

/** Profiles `run` alone and writes the profile to `out` (when given). */
async function profiled(out: string | undefined, run: () => Promise<void>): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  await run();
  const { profile } = await session.post('Profiler.stop');
  if (out !== undefined) writeFileSync(out, JSON.stringify(profile));
  session.disconnect();
}

async function profileUpdate(withRemote: boolean, out: string | undefined): Promise<void> {
  const infos = Array.from({ length: N }, (_, i) => realisticInfo(i));
  const indexedDB = new IDBFactory();
  const seed = new ContactsDb('p', { indexedDB, IDBKeyRange });
  const contacts = await new ContactStore(seed).importContacts(infos, { allowDuplicates: true });
  seed.close();
  const client = await openContacts({ name: 'p', sync: 'off', indexedDB, IDBKeyRange, ...(withRemote ? { remote: idleRemote } : {}) });
  const revisions = new Map<string, number>();
  await profiled(out, async () => {
    const t0 = performance.now();
    for (let i = 0; i < UPDATES; i++) {
      const id = contacts[(i * 7919) % N]!._id;
      const { contact } = await client.updateContact(id, { company: `Co ${i}` }, revisions.get(id) ?? 1);
      revisions.set(id, contact.revision);
    }
    console.log(`update: ${((performance.now() - t0) / UPDATES).toFixed(3)} ms each`);
  });
  await client.close();
}

async function profileImport(queueMutations: boolean, out: string | undefined): Promise<void> {
  const infos = Array.from({ length: N }, (_, i) => realisticInfo(i));
  const dbs = Array.from({ length: 3 }, (_, i) => new ContactsDb(`imp${i}`, { indexedDB: new IDBFactory(), IDBKeyRange }));
  await Promise.all(dbs.map((db) => db.open()));
  await profiled(out, async () => {
    for (const db of dbs) {
      const t0 = performance.now();
      await new ContactStore(db, { queueMutations }).importContacts(infos);
      console.log(`import: ${(performance.now() - t0).toFixed(0)} ms`);
    }
  });
  dbs.forEach((db) => { db.close(); });
}

const [mode, out] = process.argv.slice(2);
if (mode === 'import' || mode === 'import-local') await profileImport(mode === 'import', out);
else await profileUpdate(mode !== 'update-local', out);
