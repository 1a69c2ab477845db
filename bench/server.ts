/**
 * PATCH throughput of the reference server: 16 concurrent keep-alive clients, each updating
 * its own contact with the right revision, for 5 s after a 2 s warm-up; first on PGlite (in
 * memory), then on PostgreSQL (TEST_DATABASE_URL / DATABASE_URL, or a throwaway server
 * started through scripts/with-postgres.sh; skipped with a note when there is none).
 * Prints requests per second and the ratio to the targets (1,500/s PGlite, 3,000/s PostgreSQL),
 * after a "floor" line: the same load against a bare Fastify route that echoes a contact
 * without storage, i.e. what this machine's HTTP stack allows right now (the machine is
 * shared, so read the ratios against it).
 *
 * The clients run in a worker thread, so they do not share the server's event loop. Each line
 * also says where the CPU went during the measured 5 s (in cores: 1.00 = one core busy): the
 * client thread, the rest of this process (the server), and, on PostgreSQL, the server's
 * processes; with the 1-minute load average when the run started, since the machine is shared.
 *
 *   npm run bench:server            (both)
 *   tsx bench/server.ts --pglite    (one; --floor alone prints the HTTP ceiling)
 *   tsx bench/server.ts --postgres  (one; needs DATABASE_URL or TEST_DATABASE_URL)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import pg from 'pg';
import { startServer, type StartServerOptions } from '../server/index.js';

const CLIENTS = 16;
const WARMUP_MS = 2_000;
const MEASURE_MS = 5_000;
const TOKEN = 'bench-token';
const TARGET = { pglite: 1_500, postgres: 3_000 } as const;

/** The load generator, run in a worker thread (plain JS: no loader needed there). */
const CLIENT_CODE = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const fs = require('node:fs');
// This thread's own CPU time (utime + stime, clock ticks), so the clients' share can be told apart.
const threadTicks = () => { const f = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' '); return Number(f[11]) + Number(f[12]); };
const { url, token, ids, warmupMs, measureMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: ids.length });
const target = new URL(url);
let counting = false, done = false, ok = 0, failed = 0;
const firstFailures = [];
function patch(id, revision, n) {
  return new Promise((resolve) => {
    const body = JSON.stringify({ revision, info: { company: 'Acme ' + n, jobTitle: 'Bench ' + (n % 7) } });
    const req = http.request({ agent, host: target.hostname, port: target.port, method: 'PATCH',
      path: '/contacts/v4/contacts/' + id,
      headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => { const chunks = []; res.on('data', (c) => chunks.push(c)); res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() })); });
    req.on('error', (e) => resolve({ status: 0, text: String(e) }));
    req.end(body);
  });
}
async function loop(id) {
  let revision = 1, n = 0;
  while (!done) {
    const res = await patch(id, revision, n++);
    if (res.status === 200) { revision += 1; if (counting) ok += 1; }
    else { failed += 1; if (firstFailures.length < 3) firstFailures.push(res.status + ' ' + res.text.slice(0, 200)); revision = JSON.parse(res.text)?.details?.applicationError?.data?.currentRevision ?? revision; }
  }
}
const loops = ids.map(loop);
setTimeout(() => { counting = true; const t0 = performance.now(); const ticks0 = threadTicks(); parentPort.postMessage('start');
  setTimeout(() => { counting = false; done = true; const seconds = (performance.now() - t0) / 1000; const clientTicks = threadTicks() - ticks0; parentPort.postMessage('end');
    Promise.all(loops).then(() => { agent.destroy(); parentPort.postMessage({ ok, failed, seconds, clientTicks, firstFailures }); });
  }, measureMs);
}, warmupMs);
`;

interface LoadResult {
  ok: number;
  failed: number;
  seconds: number;
  /** CPU of the client thread during the window, in clock ticks. */
  clientTicks: number;
  firstFailures: string[];
}

/** Linux clock ticks per second (`getconf CLK_TCK`; 100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;

/** Called when the measured window starts; returns what to call when it ends (CPU in ticks). */
type CpuProbe = () => () => number;

/** The CPU ticks of one process (utime + stime), 0 when it is gone or unreadable. */
function processTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  } catch {
    return 0;
  }
}

/** This process's CPU (every thread) over the window, in ticks. */
const ownProcess: CpuProbe = () => {
  const start = process.cpuUsage();
  return () => {
    const d = process.cpuUsage(start);
    return ((d.user + d.system) / 1e6) * TICKS_PER_SECOND;
  };
};

async function createContacts(url: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${url}/contacts/v4/contacts`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ info: { name: { first: 'Bench', last: `Client ${i}` }, emails: { items: [{ email: `bench${i}@example.com` }] } } }),
    });
    const json = (await res.json()) as { contact?: { id?: string } };
    if (res.status !== 200 || json.contact?.id === undefined) throw new Error(`create failed: ${res.status}`);
    ids.push(json.contact.id);
  }
  return ids;
}

/** What the load run measured: the clients' result and the CPU ticks of each probe over the window. */
interface Measured extends LoadResult {
  readonly probeTicks: number[];
}

function runLoad(url: string, ids: string[], probes: readonly CpuProbe[] = []): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_CODE, {
      eval: true, workerData: { url, token: TOKEN, ids, warmupMs: WARMUP_MS, measureMs: MEASURE_MS },
    });
    let stops: (() => number)[] = [];
    let probeTicks: number[] = [];
    worker.on('message', (m: 'start' | 'end' | LoadResult) => {
      if (m === 'start') stops = probes.map((p) => p());
      else if (m === 'end') probeTicks = stops.map((stop) => stop());
      else {
        resolve({ ...m, probeTicks });
        void worker.terminate();
      }
    });
    worker.once('error', reject);
  });
}

/** `cores` as CPU time per wall second: 1.00 is one core kept busy. */
function cores(ticks: number, seconds: number): string {
  return (ticks / TICKS_PER_SECOND / seconds).toFixed(2);
}

/** The same clients against a route that only parses the body and answers a contact: the HTTP ceiling. */
async function floor(): Promise<void> {
  const app = Fastify({ logger: false });
  app.patch<{ Params: { id: string }; Body: { revision: number } }>('/contacts/v4/contacts/:id', (req, reply) =>
    reply.send({ contact: { id: req.params.id, revision: req.body.revision + 1, info: { company: 'echo' } } }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const load = os.loadavg()[0] ?? 0;
    const r = await runLoad(`http://127.0.0.1:${port}`, Array.from({ length: CLIENTS }, (_, i) => `c${i}`), [ownProcess]);
    console.log(`floor    PATCH ${(r.ok / r.seconds).toFixed(0).padStart(6)} req/s  (bare Fastify echo, no storage: this machine's HTTP ceiling now)`);
    console.log(`         cpu (cores): clients ${cores(r.clientTicks, r.seconds)}, server process ${cores((r.probeTicks[0] ?? 0) - r.clientTicks, r.seconds)}; `
      + `load average at start ${load.toFixed(2)}`);
  } finally {
    await app.close();
  }
}

/**
 * The CPU of a PostgreSQL cluster's processes (backends and background workers, as listed by
 * `pg_stat_activity` once the pool is warm), read from /proc: the server is local to the bench.
 */
async function postgresProbe(databaseUrl: string): Promise<CpuProbe> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = (await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity')).rows;
    const pids = rows.map((r) => r.pid);
    const sum = (): number => pids.reduce((t, pid) => t + processTicks(pid), 0);
    return () => {
      const start = sum();
      return () => sum() - start;
    };
  } finally {
    await client.end();
  }
}

async function bench(label: keyof typeof TARGET, storage: NonNullable<StartServerOptions['storage']>): Promise<void> {
  const load = os.loadavg()[0] ?? 0;
  const server = await startServer({ port: 0, storage, tokens: { [TOKEN]: `bench-${Date.now()}` } });
  try {
    const ids = await createContacts(server.url, CLIENTS);
    // The pool's connections exist once the creates ran, so the probe sees their backends.
    const probes = typeof storage === 'object' && 'databaseUrl' in storage ? [ownProcess, await postgresProbe(storage.databaseUrl)] : [ownProcess];
    const r = await runLoad(server.url, ids, probes);
    const rate = r.ok / r.seconds;
    console.log(`${label.padEnd(8)} PATCH ${rate.toFixed(0).padStart(6)} req/s  (${CLIENTS} keep-alive clients, ${r.seconds.toFixed(1)} s, `
      + `${r.failed} non-200)  target ${TARGET[label]}/s  ratio ${(rate / TARGET[label]).toFixed(2)}`);
    const [own = 0, postgres] = r.probeTicks;
    console.log(`         cpu (cores): clients ${cores(r.clientTicks, r.seconds)}, server process ${cores(own - r.clientTicks, r.seconds)}`
      + `${postgres === undefined ? '' : `, postgres ${cores(postgres, r.seconds)}`}; load average at start ${load.toFixed(2)}`);
    for (const f of r.firstFailures) console.log(`  failure: ${f}`);
  } finally {
    await server.close();
  }
}

function postgresAvailable(): boolean {
  const dirs = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];
  return dirs.some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))
    || spawnSync('sh', ['-c', 'command -v initdb'], { stdio: 'ignore' }).status === 0;
}

async function benchPostgres(): Promise<void> {
  const url = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'];
  if (url !== undefined && url !== '') {
    await bench('postgres', { databaseUrl: url });
    return;
  }
  if (!postgresAvailable()) {
    console.log('postgres skipped: no DATABASE_URL/TEST_DATABASE_URL and no initdb (install Debian\'s postgresql package)');
    return;
  }
  // A throwaway server: re-run this script for PostgreSQL only under with-postgres.sh.
  const run = spawnSync('bash', ['scripts/with-postgres.sh', process.execPath, ...process.execArgv, process.argv[1] ?? 'bench/server.ts', '--postgres'], {
    stdio: 'inherit',
  });
  if (run.status !== 0) console.log(`postgres run failed (exit ${String(run.status)})`);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  if (only.length === 0 || only.includes('--floor')) await floor();
  if (only.length === 0 || only.includes('--pglite')) await bench('pglite', 'memory');
  if (only.length === 0 || only.includes('--postgres')) await benchPostgres();
}

await main();
