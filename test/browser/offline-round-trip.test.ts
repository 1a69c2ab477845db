/**
 * Offline round trip: with the network off (`context.setOffline(true)`), create and edit
 * contacts in the demo, reload the page (the app shell comes from the service worker), find
 * the edits still there and pending; with the network back, they reach the server (checked
 * over HTTP) and the badge shows 0 pending.
 */
import { describe, expect, it } from 'vitest';
import {
  badge, createViaUi, fieldValue, openContact, openDemo, save, setField, waitForCount, waitForPending,
  waitForServiceWorker, waitReady,
} from './support/demo-page.js';
import { freshToken } from './support/demo-server.js';
import { createOnServer, eventually, serverContacts, serverContactsByLast } from './support/server-api.js';
import { browserSuite } from './support/browser-suite.js';

const suite = browserSuite();

describe('offline round trip', () => {
  it('keeps offline edits across an offline reload and syncs them when the network is back', async () => {
    const token = freshToken();
    const grace = await createOnServer(suite.server.url, token, { name: { first: 'Grace', last: 'Hopper' }, company: 'US Navy' });
    const context = await suite.browser.newContext();
    try {
      const page = await openDemo(context, suite.server.url, token);
      await waitForServiceWorker(page);
      await waitForCount(page, 1);

      await context.setOffline(true);
      await createViaUi(page, { first: 'Olive', last: 'Offline', email: 'olive.offline@example.com' });
      await openContact(page, 'Grace Hopper');
      await setField(page, 'info.company', 'Offline Navy');
      await save(page);
      await waitForPending(page, 2);

      const response = await page.reload();
      expect(response?.fromServiceWorker()).toBe(true);
      await waitReady(page);
      await waitForCount(page, 2);
      await openContact(page, 'Grace Hopper');
      expect(await fieldValue(page, 'info.company')).toBe('Offline Navy');
      expect((await badge(page)).pending).toBe(2);
      expect(await serverContactsByLast(suite.server.url, token, 'Offline')).toHaveLength(0);

      await context.setOffline(false);
      await waitForPending(page, 0, 60_000);
      const created = await eventually('the offline contact on the server', async () => {
        const found = await serverContactsByLast(suite.server.url, token, 'Offline');
        return found.length > 0 ? found : undefined;
      });
      expect(created).toHaveLength(1);
      expect(created[0]?.info.emails?.items[0]?.email).toBe('olive.offline@example.com');
      const all = await serverContacts(suite.server.url, token);
      expect(all.size).toBe(2);
      expect(all.get(grace.id)?.info.company).toBe('Offline Navy');
      expect(all.get(grace.id)?.revision).toBe(2);
      expect((await badge(page)).pending).toBe(0);
    } finally {
      await context.close();
    }
  });
});
