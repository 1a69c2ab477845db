/**
 * `npm start`: builds the demo (and with it the sync worker), starts the reference server
 * on PGlite in `.data/server` serving the demo and the API on one origin, seeds the demo
 * tenant with about 200 sample contacts the first time, and prints the URL. Ctrl-C (SIGINT)
 * or SIGTERM stops the server and closes the database cleanly.
 *
 * Environment: `PORT` (default 8787; 0 = any free port), `HOST` (default 127.0.0.1),
 * `DATA_DIR` (default `<project>/.data/server`), `SEED_COUNT` (default 200),
 * `SKIP_BUILD=1` (serve the demo/dist that is there).
 *
 * The demo uses the server's default token `dev-token` (tenant `dev-tenant`), so the URL
 * needs no query; a page opened with `?token=<other>` syncs as that token instead.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { startServer, type RunningServer } from '../server/index.js';
import { seedTenant } from './seed-contacts.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The token the demo uses by default (see demo/src/demo-config.ts). */
export const DEMO_TOKEN = 'dev-token';

async function buildDemo(): Promise<void> {
  process.stdout.write('building the demo and the sync worker…\n');
  await build({ configFile: join(root, 'demo', 'vite.config.ts'), logLevel: 'warn' });
}

function stopOnSignals(server: RunningServer): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the server…\n`);
    server.close().then(() => {
      process.stdout.write('stopped.\n');
      process.exit(0);
    }, (e: unknown) => {
      console.error('the server did not stop cleanly:', e);
      process.exit(1);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  if (process.env['SKIP_BUILD'] !== '1') await buildDemo();
  const dataDir = process.env['DATA_DIR'] ?? join(root, '.data', 'server');
  const server = await startServer({
    port: Number(process.env['PORT'] ?? 8787),
    host: process.env['HOST'] ?? '127.0.0.1',
    storage: { dataDir },
    tokens: { [DEMO_TOKEN]: 'dev-tenant' },
    demo: true,
  });
  stopOnSignals(server);
  const created = await seedTenant({ url: server.url, token: DEMO_TOKEN }, Number(process.env['SEED_COUNT'] ?? 200));
  process.stdout.write([
    created > 0 ? `seeded ${created} sample contacts (once: later starts keep the data in ${dataDir})` : `data: ${dataDir}`,
    '',
    `  offline-contacts demo:  ${server.url}/`,
    `  API:                    ${server.url}/contacts/v4/...   Authorization: Bearer ${DEMO_TOKEN}`,
    '',
    'Ctrl-C stops the server.',
    '',
  ].join('\n'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
