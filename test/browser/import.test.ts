/**
 * An import on Chromium's IndexedDB, synced by the worker: 700 contacts imported offline
 * (one outbox batch row, split by the engine in two chunks with fractional seqs), one of
 * them edited and one deleted before the network is back. Each surviving contact reaches
 * the server exactly once, the edited one as edited, and nothing stays pending.
 */
import { describe, expect, it } from 'vitest';
import { openDemo, waitForPending } from './support/demo-page.js';
import { freshToken } from './support/demo-server.js';
import { serverContacts } from './support/server-api.js';
import { browserSuite } from './support/browser-suite.js';

const IMPORTED = 700;

const suite = browserSuite();

describe('an import (one outbox row, split by the worker)', () => {
  it('syncs every imported contact exactly once, with the edits made before the sync', async () => {
    const token = freshToken();
    const context = await suite.browser.newContext();
    try {
      const page = await openDemo(context, suite.server.url, token);
      await page.getByTestId('offline-switch').check();
      const outcome = await page.evaluate(async (n) => {
        const client = window.contactsDemo?.client;
        if (client === undefined) throw new Error('no demo client');
        const { contacts } = await client.importContacts(Array.from({ length: n }, (_, i) => ({
          name: { first: `I${String(i).padStart(4, '0')}`, last: 'Imported' },
          emails: { items: [{ email: `i${i}@example.com` }] },
        })));
        const edited = contacts[10]!;
        await client.updateContact(edited._id, { company: 'Edited offline' }, edited.revision);
        await client.deleteContact(contacts[20]!._id);
        return { edited: edited.info.name?.first, deleted: contacts[20]!.info.name?.first };
      }, IMPORTED);

      await page.getByTestId('offline-switch').uncheck();
      await waitForPending(page, 0, 120_000);
      const imported = [...(await serverContacts(suite.server.url, token)).values()].filter((c) => c.info.name?.last === 'Imported');
      const names = imported.map((c) => c.info.name?.first ?? '').sort();
      expect(names).toEqual(Array.from({ length: IMPORTED }, (_, i) => `I${String(i).padStart(4, '0')}`).filter((f) => f !== outcome.deleted));
      expect(imported.filter((c) => c.info.company === 'Edited offline').map((c) => c.info.name?.first)).toEqual([outcome.edited]);
      // On the page too: every contact under its server id, none twice.
      const local = await page.evaluate(async () => {
        const client = window.contactsDemo?.client;
        if (client === undefined) throw new Error('no demo client');
        const { items } = await client.queryContacts().eq('info.name.last', 'Imported').limit(1000).find();
        return items.map((c) => c._id);
      });
      expect(new Set(local).size).toBe(IMPORTED - 1);
      expect(local.filter((id) => id.startsWith('tmp-'))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
