/**
 * Group commit on Chromium's IndexedDB: an app fires 60 updates and 20 creates at once (as a
 * multi-select edit would) while offline. The writes share transactions
 * (src/store/group-commit.ts); one stale revision and one duplicate email in the burst fail
 * alone with their own codes, every other write lands, the outbox holds exactly the
 * accepted ones, and after going online each reaches the server exactly once.
 */
import { describe, expect, it } from 'vitest';
import { openDemo, waitForCount, waitForPending } from './support/demo-page.js';
import { freshToken } from './support/demo-server.js';
import { createOnServer, serverContacts } from './support/server-api.js';
import { browserSuite } from './support/browser-suite.js';

declare global {
  interface Window {
    /** Read-write transactions the page opened over exactly the store's write scope. */
    __storeWrites?: number;
  }
}

const UPDATES = 60;
const CREATES = 20;

const suite = browserSuite();

describe('a burst of writes (group commit)', () => {
  it('shares transactions, fails only the bad writes, and syncs each accepted one exactly once', async () => {
    const token = freshToken();
    for (let i = 0; i < UPDATES; i++) {
      await createOnServer(suite.server.url, token, { name: { first: `B${i}`, last: 'Burst' }, emails: { items: [{ email: `b${i}@example.com` }] }, company: 'before' });
    }
    const context = await suite.browser.newContext();
    try {
      // Counts the page's write transactions over contacts + outbox + aliases (ContactStore's
      // scope; the sync engine, in its worker, has another global and a wider scope).
      await context.addInitScript(() => {
        const native = IDBDatabase.prototype.transaction;
        IDBDatabase.prototype.transaction = function (this: IDBDatabase, names, mode, options) {
          const list = typeof names === 'string' ? [names] : [...names];
          if (mode === 'readwrite' && [...list].sort().join() === 'aliases,contacts,outbox') window.__storeWrites = (window.__storeWrites ?? 0) + 1;
          return native.call(this, names, mode, options);
        };
      });
      const page = await openDemo(context, suite.server.url, token);
      await waitForCount(page, UPDATES);
      await page.getByTestId('offline-switch').check();
      const outcome = await page.evaluate(async ({ creates }) => {
        const client = window.contactsDemo?.client;
        if (client === undefined) throw new Error('no demo client');
        const { items } = await client.queryContacts().eq('info.name.last', 'Burst').ascending('info.name.first').limit(1000).find();
        window.__storeWrites = 0;
        const calls: Promise<unknown>[] = [
          ...items.map((c, i) => client.updateContact(c._id, { company: `burst ${c.info.name?.first ?? ''}` }, i === 7 ? c.revision + 5 : c.revision)),
          ...Array.from({ length: creates }, (_, i) => client.createContact({
            name: { first: `N${i}`, last: 'BurstNew' },
            emails: { items: [{ email: i === 3 ? 'b11@example.com' : `n${i}@example.com` }] },
          })),
        ];
        const settled = await Promise.allSettled(calls);
        return {
          codes: settled.map((s) => (s.status === 'fulfilled' ? 'ok' : String((s.reason as { code?: unknown }).code))),
          stale: items[7]?.info.name?.first,
          transactions: window.__storeWrites,
        };
      }, { creates: CREATES });
      const failed = outcome.codes.map((o, i) => [i, o] as const).filter(([, o]) => o !== 'ok');
      expect(failed).toEqual([[7, 'CONTACT_ALREADY_CHANGED'], [UPDATES + 3, 'DUPLICATE_CONTACT_EXISTS']]);
      // 80 writes: the first alone, then groups of at most 64; each failure costs a rolled-back
      // group plus the failing write alone. Without group commit it would be 80.
      expect(outcome.transactions).toBeLessThanOrEqual(10);
      await waitForPending(page, UPDATES + CREATES - 2);

      await page.getByTestId('offline-switch').uncheck();
      await waitForPending(page, 0, 60_000);
      const all = [...(await serverContacts(suite.server.url, token)).values()];
      const updated = all.filter((c) => c.info.name?.last === 'Burst');
      const created = all.filter((c) => c.info.name?.last === 'BurstNew');
      expect(updated).toHaveLength(UPDATES);
      for (const c of updated) {
        const stale = c.info.name?.first === outcome.stale;
        expect(c.info.company).toBe(stale ? 'before' : `burst ${c.info.name?.first ?? ''}`);
        expect(c.revision).toBe(stale ? 1 : 2);
      }
      expect(created.map((c) => c.info.name?.first).sort()).toEqual(Array.from({ length: CREATES }, (_, i) => `N${i}`).filter((n) => n !== 'N3').sort());
    } finally {
      await context.close();
    }
  });
});
