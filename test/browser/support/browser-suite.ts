/**
 * The demo server and a Chromium shared by the tests of one file: started before them,
 * stopped after them (the file's own cleanups first, newest first). Every browser test file
 * but storage-full (which launches its own profile on a small disk) starts the same pair.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RunningServer } from '../../../server/index.js';
import { launchChromium } from '../../support/chromium.js';
import { startDemoServer } from './demo-server.js';

/** What the tests of a file use; read `server` and `browser` inside tests, once started. */
export interface BrowserSuite {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** Runs `cleanup` after the file's tests, before the browser and the server stop. */
  onClose(cleanup: () => unknown): void;
}

/**
 * Registers the file's `beforeAll`/`afterAll`. Call at the top level of a test file.
 *
 * @example
 * ```ts
 * const suite = browserSuite();
 * it('...', async () => { const context = await suite.browser.newContext(); await openDemo(context, suite.server.url, token); });
 * ```
 */
export function browserSuite(): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const cleanups: (() => unknown)[] = [];
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is not started: read it inside a test`);
    return value;
  };
  return {
    get server() { return started(server, 'demo server'); },
    get browser() { return started(browser, 'browser'); },
    onClose: (cleanup) => { cleanups.push(cleanup); },
  };
}
