/**
 * Two tabs of one profile share one database and one sync leader (Web Locks): only the
 * first tab's worker talks to the server (requests are counted per tab, and their sum is
 * checked against the server's own request counter); an edit made in one tab appears live in
 * the other; when the leading tab closes, the other tab's worker takes over within 10 s.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ServerStats } from '../../server/index.js';
import {
  createViaUi, fieldValue, openContact, openDemo, save, setField, syncNowAndSettle, waitForCount, waitForPending,
} from './support/demo-page.js';
import { freshToken } from './support/demo-server.js';
import { createOnServer, eventually, serverContactsByLast } from './support/server-api.js';
import { browserSuite } from './support/browser-suite.js';

const suite = browserSuite();

/** API requests the server answered (the demo's own files are not counted). */
function apiRequests(stats: ServerStats): number {
  return Object.entries(stats.byRoute).filter(([route]) => route.includes('/contacts/')).reduce((n, [, c]) => n + c, 0);
}

/** Counts the API requests a page (its own document and its dedicated worker) sends. */
function countApiRequests(page: Page): { readonly count: () => number } {
  let n = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/contacts/')) n += 1;
  });
  return { count: () => n };
}

describe('two tabs, one profile', () => {
  it('one tab syncs for both, edits show live across tabs, the other tab takes over when the leader closes', async () => {
    const token = freshToken();
    await createOnServer(suite.server.url, token, { name: { first: 'Tab', last: 'Shared' }, company: 'Before' });
    const before = apiRequests(suite.server.stats());
    const context = await suite.browser.newContext();
    try {
      const first = await context.newPage();
      const firstCount = countApiRequests(first);
      await first.goto(`${suite.server.url}/?token=${token}`);
      await waitForCount(first, 1);
      const second = await openDemo(context, suite.server.url, token);
      const secondCount = countApiRequests(second);
      await waitForCount(second, 1);

      // Traffic from both tabs: a sync asked in each, and a contact created in the second.
      await syncNowAndSettle(second);
      await syncNowAndSettle(first);
      await createViaUi(second, { first: 'Made', last: 'InSecondTab' });
      await waitForPending(second, 0, 30_000);
      await syncNowAndSettle(first);
      const answered = apiRequests(suite.server.stats()) - before;
      expect(firstCount.count()).toBeGreaterThan(0);
      expect(secondCount.count()).toBe(0);
      expect(answered).toBe(firstCount.count());
      expect(await serverContactsByLast(suite.server.url, token, 'InSecondTab')).toHaveLength(1);

      // Live across tabs: the first tab's open editor follows an edit saved in the second.
      await openContact(first, 'Tab Shared');
      await openContact(second, 'Tab Shared');
      await setField(second, 'info.company', 'Edited in tab two');
      await save(second);
      await expect.poll(() => fieldValue(first, 'info.company'), { timeout: 10_000 }).toBe('Edited in tab two');

      // The leader goes: the second tab's worker takes over.
      const closedAt = Date.now();
      await first.close();
      await eventually('the second tab to send requests', () => (secondCount.count() > 0 ? true : undefined), 10_000, 100);
      expect(Date.now() - closedAt).toBeLessThan(10_000);
      await createViaUi(second, { first: 'After', last: 'Takeover' });
      await waitForPending(second, 0, 30_000);
      expect(await serverContactsByLast(suite.server.url, token, 'Takeover')).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});
