/**
 * The reference server the browser tests drive the demo against: PGlite in memory, on
 * 127.0.0.1 and a free port, serving the built demo (`demo/dist`) and the API on one origin.
 * Each test takes a fresh token (its own tenant, and its own database name in the browser).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '../../../server/index.js';

/** Tokens `browser-1`..`browser-60`, each its own tenant. */
export const BROWSER_TOKENS: Readonly<Record<string, string>> = Object.fromEntries(
  Array.from({ length: 60 }, (_, i) => [`browser-${i + 1}`, `browser-tenant-${i + 1}`]),
);

let next = 0;

/** A token no other test in this process has used. */
export function freshToken(): string {
  next += 1;
  if (next > 60) throw new Error('out of browser test tokens');
  return `browser-${next}`;
}

/** The built demo's index.html (the suite needs `npm run build:demo` first). */
export const DEMO_INDEX = fileURLToPath(new URL('../../../demo/dist/index.html', import.meta.url));

/**
 * Starts a server with the demo.
 *
 * @throws Error when the demo has not been built.
 */
export async function startDemoServer(): Promise<RunningServer> {
  if (!existsSync(DEMO_INDEX)) throw new Error('demo/dist is missing: run `npm run build:demo` (npm run test:browser does)');
  return startServer({ port: 0, host: '127.0.0.1', storage: 'memory', tokens: { ...BROWSER_TOKENS }, demo: true });
}
