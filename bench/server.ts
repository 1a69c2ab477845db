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
 * The clients run in a worker thread, so they do not share the server's event loop.
 *
 *   npm run bench:server            (both)
 *   tsx bench/server.ts --pglite    (one; --floor alone prints the HTTP ceiling)
 *   tsx bench/server.ts --postgres  (one; needs DATABASE_URL or TEST_DATABASE_URL)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
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
setTimeout(() => { counting = true; const t0 = performance.now();
  setTimeout(() => { counting = false; done = true; const seconds = (performance.now() - t0) / 1000;
    Promise.all(loops).then(() => { agent.destroy(); parentPort.postMessage({ ok, failed, seconds, firstFailures }); });
  }, measureMs);
}, warmupMs);
`;

interface LoadResult {
  ok: number;
  failed: number;
  seconds: number;
  firstFailures: string[];
}

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

function runLoad(url: string, ids: string[]): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_CODE, {
      eval: true, workerData: { url, token: TOKEN, ids, warmupMs: WARMUP_MS, measureMs: MEASURE_MS },
    });
    worker.once('message', (m: LoadResult) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
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
    const r = await runLoad(`http://127.0.0.1:${port}`, Array.from({ length: CLIENTS }, (_, i) => `c${i}`));
    console.log(`floor    PATCH ${(r.ok / r.seconds).toFixed(0).padStart(6)} req/s  (bare Fastify echo, no storage: this machine's HTTP ceiling now)`);
  } finally {
    await app.close();
  }
}

async function bench(label: keyof typeof TARGET, storage: NonNullable<StartServerOptions['storage']>): Promise<void> {
  const server = await startServer({ port: 0, storage, tokens: { [TOKEN]: `bench-${Date.now()}` } });
  try {
    const ids = await createContacts(server.url, CLIENTS);
    const r = await runLoad(server.url, ids);
    const rate = r.ok / r.seconds;
    console.log(`${label.padEnd(8)} PATCH ${rate.toFixed(0).padStart(6)} req/s  (${CLIENTS} keep-alive clients, ${r.seconds.toFixed(1)} s, `
      + `${r.failed} non-200)  target ${TARGET[label]}/s  ratio ${(rate / TARGET[label]).toFixed(2)}`);
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
