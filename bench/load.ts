/**
 * Load: 50 devices (inline engines, each its own fake-indexeddb profile, syncing by
 * themselves) edit the contacts of one tenant for 60 s against one server, first on PGlite
 * (in memory), then on PostgreSQL; then the engines drain their outboxes by themselves, the
 * network heals, everyone syncs until quiet, and the simulation's invariants are checked
 * (convergence, no lost edit, exactly once, liveness, monotonic revisions).
 *
 *   npm run load                                   PGlite, then PostgreSQL (scripts/with-postgres.sh)
 *   npm run load -- --seconds 20 --devices 20      shorter / smaller
 *   npm run load -- --only pglite                  one storage (`postgres` needs TEST_DATABASE_URL or initdb)
 *
 * Other options: --think-ms (400: mean pause between two edits of a device), --contacts (200:
 * made by the other app at the start, shared by everyone), --seed (1).
 *
 * Reports edits/s made and pushed, push latency (local write -> server ack: p50/p95/p99),
 * requests by status with the 5xx count (target 0), the time the outboxes took to drain,
 * and how busy this process was (every device and the server share it). Exits 1 when an
 * invariant breaks or the server answered a 5xx. Traffic goes to 127.0.0.1 only.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { StorageOption } from '../server/index.js';
import { printReport } from './load/load-report.js';
import { runLoad, type LoadOptions } from './load/run-load.js';

const { values } = parseArgs({
  options: {
    'seconds': { type: 'string', default: '60' },
    'devices': { type: 'string', default: '50' },
    'think-ms': { type: 'string', default: '400' },
    'seed': { type: 'string', default: '1' },
    'contacts': { type: 'string', default: '200' },
    'only': { type: 'string' },
  },
});

/** A positive number option, or exit with usage. */
function numberOption(name: keyof typeof values): number {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${name} must be a positive number (got ${String(values[name])})`);
    process.exit(2);
  }
  return n;
}

const base = {
  devices: numberOption('devices'), seconds: numberOption('seconds'), thinkMs: numberOption('think-ms'),
  contacts: numberOption('contacts'), seed: numberOption('seed'),
};

if (values.only !== undefined && values.only !== 'pglite' && values.only !== 'postgres') {
  console.error(`--only must be pglite or postgres (got ${values.only})`);
  process.exit(2);
}

async function runOn(label: string, storage: StorageOption): Promise<boolean> {
  const options: LoadOptions = { ...base, label, storage };
  return printReport(await runLoad(options));
}

function postgresAvailable(): boolean {
  const found = spawnSync('bash', ['-c', 'command -v initdb || ls /usr/lib/postgresql/*/bin/initdb'], { stdio: 'ignore' });
  return found.status === 0;
}

/** PostgreSQL: this process when TEST_DATABASE_URL is set, else a child under scripts/with-postgres.sh. */
function runPostgres(): Promise<boolean> | boolean {
  const url = process.env['TEST_DATABASE_URL'];
  if (url !== undefined && url !== '') return runOn('PostgreSQL', { databaseUrl: url });
  if (!postgresAvailable()) {
    // A missing PostgreSQL fails the run: a report that silently covers one storage is not the report asked for.
    console.log('\nPostgreSQL: not run — no TEST_DATABASE_URL and no initdb on this machine (install Debian\'s postgresql, or run under scripts/with-postgres.sh)');
    return false;
  }
  // Every option is passed on: the child must run the same load as the PGlite run.
  const args = ['scripts/with-postgres.sh', 'npx', 'tsx', 'bench/load.ts', '--only', 'postgres',
    '--seconds', String(base.seconds), '--devices', String(base.devices), '--think-ms', String(base.thinkMs),
    '--contacts', String(base.contacts), '--seed', String(base.seed)];
  return spawnSync('bash', args, { stdio: 'inherit' }).status === 0;
}

async function main(): Promise<boolean> {
  let ok = true;
  if (values.only === undefined || values.only === 'pglite') ok = (await runOn('PGlite (in memory)', 'memory')) && ok;
  if (values.only === undefined || values.only === 'postgres') ok = (await runPostgres()) && ok;
  return ok;
}

process.exitCode = (await main()) ? 0 : 1;
