/**
 * The browser benchmark (issue #7): builds the page (bench/browser, Vite), serves it on
 * 127.0.0.1 with the reference server behind the same origin, and drives headless Chromium
 * (Debian's, through playwright-core) through six workloads on real IndexedDB, each in a
 * fresh browser profile, contenders alternating within every round:
 *
 *   update   updateContact on 10,000 contacts vs raw Dexie get+put vs RxDB 17
 *   bulk     import of 10,000 contacts vs raw bulkPut vs RxDB bulkInsert
 *   search   first page (50) of a startsWith search over 50,000 vs a raw index range
 *   live     updateContact -> observe() emission, 50-row query over 50,000
 *   cold     openContacts on 50,000 (relaunched browser) -> first 50 by name
 *   push     main thread while the worker pulls 5,000 contacts, then pushes 5,000 edits
 *
 * Prints the table, writes bench/results/browser-<date>.json (raw samples) and a Markdown
 * table to bench/results/tmp/browser-latest.md.
 *
 *   npm run bench:browser                       full run (about 10 minutes on a quiet machine)
 *   npm run bench:browser -- --quick            one round each, no warm-up (smoke run)
 *   npm run bench:browser -- --only=search,live
 *   npm run bench:browser -- --only=search --profile   unminified build, CPU profile of the
 *                                               page's main thread per workload (bench/results/tmp)
 *   npm run bench:browser -- --only=push --profile-worker[=pull]   the same, of the sync
 *                                               worker during the edits push (or the pull)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { startServer } from '../../server/index.js';
import { launchPersistent } from '../../test/support/chromium.js';
import type { BenchApi, ColdContender, ContenderRun, PushPhaseResult, WorkloadParams, WorkloadRun } from './page/bench-api.js';
import { buildPage } from './driver/build-page.js';
import { seedServer } from './driver/seed-server.js';
import { mainThreadBusyMs, openCdp, profiled, profiledWorker } from './driver/cdp.js';
import { markdownTable, reportContenders, workloadLines, type WorkloadReport } from './driver/report.js';
import { startStaticServer, type StaticServer } from './driver/static-server.js';
import { TARGETS } from './driver/targets.js';
import { rotation } from './page/stats.js';

const RESULTS = resolve(dirname(fileURLToPath(import.meta.url)), '../results');
const WORKLOADS = ['update', 'bulk', 'search', 'live', 'cold', 'push'] as const;
type Workload = (typeof WORKLOADS)[number];
const TOKENS = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`bench-${i}`, `bench-tenant-${i}`]));

interface Options {
  readonly quick: boolean;
  readonly profile: boolean;
  /**
   * With `profile`: the push phase whose worker (the sync engine) is profiled instead of the
   * page's main thread; one phase only, as the worker is attached to once per page.
   */
  readonly profileWorker: 'pull' | 'edits push' | undefined;
  readonly only: readonly Workload[];
}

function parseOptions(argv: readonly string[]): Options {
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',') ?? [...WORKLOADS];
  for (const w of only) if (!(WORKLOADS as readonly string[]).includes(w)) throw new Error(`unknown workload ${w}; one of ${WORKLOADS.join(', ')}`);
  const worker = argv.find((a) => a.startsWith('--profile-worker'));
  const profileWorker = worker === undefined ? undefined : worker === '--profile-worker=pull' ? 'pull' : 'edits push';
  return { quick: argv.includes('--quick'), profile: worker !== undefined || argv.includes('--profile'), profileWorker, only: only as Workload[] };
}

/** Sizes of the full run; `--quick` keeps them and runs one round without warm-up. */
function paramsFor(w: Workload, quick: boolean): WorkloadParams & { readonly burst: number } {
  const rounds = quick ? { rounds: 1, warmup: false } : { rounds: 5, warmup: true };
  switch (w) {
    case 'update': return { ...rounds, contacts: 10_000, ops: 200, burst: 300 };
    case 'bulk': return { ...rounds, contacts: 10_000, ops: 1, burst: 0 };
    case 'search': return { ...rounds, contacts: 50_000, ops: 100, burst: 0 };
    case 'live': return { ...rounds, contacts: 50_000, ops: 50, burst: 0 };
    case 'cold': return { ...rounds, contacts: 50_000, ops: 1, burst: 0 };
    case 'push': return { ...rounds, rounds: quick ? 1 : 3, warmup: false, contacts: 0, ops: 5_000, burst: 0 };
  }
}

/** The page's API, as seen from inside `page.evaluate`. */
declare const bench: BenchApi;

/** Runs `fn` on the benchmark page in a browser with the profile `dir` (a fresh one by default). */
async function inBrowser<T>(web: StaticServer, fn: (page: Page) => Promise<T>, dir?: string): Promise<T> {
  const profile = dir ?? mkdtempSync(join(tmpdir(), 'oc-bench-'));
  const context = await launchPersistent(profile);
  try {
    const page = context.pages()[0] ?? await context.newPage();
    page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') console.error(`[page console] ${m.text()}`); });
    await page.goto(`${web.url}/index.html`);
    await page.waitForFunction(() => document.title === 'bench ready');
    return await fn(page);
  } finally {
    await context.close();
    if (dir === undefined) rmSync(profile, { recursive: true, force: true });
  }
}

/** Runs a whole in-page workload, under the profiler with `--profile`. */
function inPage(web: StaticServer, w: Workload, options: Options, call: (page: Page) => Promise<WorkloadRun>): Promise<WorkloadRun> {
  return inBrowser(web, async (page) => {
    if (!options.profile) return call(page);
    return profiled(await openCdp(page), join(RESULTS, 'tmp', `${w}.cpuprofile`), () => call(page));
  });
}

/** Cold-open contenders: who opens, and how the first page is read. */
const COLD: Readonly<Record<string, readonly [ColdContender, 'observe' | 'find']>> = {
  ours: ['ours', 'observe'], 'ours (worker sync)': ['ours-worker', 'observe'], 'ours (find)': ['ours', 'find'], floor: ['floor', 'observe'],
};

async function runCold(web: StaticServer, p: WorkloadParams): Promise<WorkloadRun> {
  const dir = mkdtempSync(join(tmpdir(), 'oc-bench-cold-'));
  try {
    const notes = await inBrowser(web, (page) => page.evaluate((params) => bench.coldSeed(params), { contacts: p.contacts }), dir);
    const names = Object.keys(COLD);
    const out: Record<string, Required<ContenderRun>> = Object.fromEntries(names.map((n) => [n, { samples: [], extra: { openedMs: [], sinceNavigationMs: [] } }]));
    for (let round = p.warmup ? -1 : 0; round < p.rounds; round++) {
      for (const name of rotation(names, round)) {
        const args = [...COLD[name]!, 'bench-15'] as const;
        const r = await inBrowser(web, (page) => page.evaluate(([c, how, t]) => bench.coldOpen(c, t, how), args), dir);
        if (round < 0) continue;
        out[name]!.samples.push(r.openMs);
        out[name]!.extra['openedMs']!.push(r.openedMs);
        out[name]!.extra['sinceNavigationMs']!.push(r.sinceNavigationMs);
      }
    }
    return { contenders: out, notes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One measured drain: the page's own numbers plus the main-thread busy time from CDP. */
async function drain(page: Page, cdp: CDPSession, out: Required<ContenderRun>, profile: string | undefined, worker: boolean): Promise<void> {
  const busy0 = await mainThreadBusyMs(cdp);
  const call = (): Promise<PushPhaseResult> => page.evaluate(() => bench.pushDrain());
  const r = profile === undefined ? await call()
    : worker ? await profiledWorker(cdp, profile.replace('.cpuprofile', '-worker.cpuprofile'), call) : await profiled(cdp, profile, call);
  const busy = (await mainThreadBusyMs(cdp)) - busy0;
  out.samples.push(r.drainMs);
  out.extra['longTasks']!.push(r.longTasks);
  out.extra['longestTaskMs']!.push(r.longestTaskMs);
  out.extra['worstLagMs']!.push(r.worstLagMs);
  out.extra['mainThreadBusyMs']!.push(busy);
  out.extra['emissions']!.push(r.emissions);
  out.extra['contacts']!.push(r.edits);
}

/** The push workload's floors (DESIGN.md section 8): the same requests sent bare from the page. */
export const PUSH_FLOOR = 'edits push floor';
export const PULL_FLOOR = 'pull floor';

/**
 * Per round, in a fresh browser: open a syncing client, put `ops` contacts on the server,
 * drain (the worker pulls them), edit each once with sync paused, drain (it pushes them),
 * then send the floor's bare PATCHes (after the drain: see `pushFloor`). The pull's floor
 * reads the feed right after the engine's pull.
 */
async function runPush(web: StaticServer, apiUrl: string, p: WorkloadParams, options: Options): Promise<WorkloadRun> {
  const phases = ['pull', 'edits push'] as const;
  const out: Record<string, Required<ContenderRun>> = Object.fromEntries(phases.map((n) => [n, {
    samples: [], extra: { longTasks: [], longestTaskMs: [], worstLagMs: [], mainThreadBusyMs: [], emissions: [], contacts: [] },
  }]));
  out[PUSH_FLOOR] = { samples: [], extra: {} };
  out[PULL_FLOOR] = { samples: [], extra: {} };
  const profile = (phase: string, round: number): string | undefined =>
    (options.profile && round === 0 && (options.profileWorker === undefined || options.profileWorker === phase) ? join(RESULTS, 'tmp', `push-${phase.replace(' ', '-')}.cpuprofile`) : undefined);
  for (let round = 0; round < p.rounds; round++) {
    const token = `bench-${round}`;
    await inBrowser(web, async (page) => {
      const cdp = await openCdp(page);
      await page.evaluate((params) => bench.pushPrepare(params), { kind: 'open', edits: 0, round, token } as const);
      await seedServer(apiUrl, token, p.ops, round);
      await drain(page, cdp, out['pull']!, profile('pull', round), options.profileWorker !== undefined);
      const floorRead = await page.evaluate((params) => bench.pullFloor(params), { token });
      if (floorRead.entries !== p.ops) throw new Error(`pull floor read ${floorRead.entries} entries, expected ${p.ops}`);
      out[PULL_FLOOR]!.samples.push(floorRead.ms);
      await page.evaluate((params) => bench.pushPrepare(params), { kind: 'update', edits: p.ops, round, token } as const);
      await drain(page, cdp, out['edits push']!, profile('edits push', round), options.profileWorker !== undefined);
      out[PUSH_FLOOR]!.samples.push(await page.evaluate((params) => bench.pushFloor(params), { edits: p.ops, round, token }));
      await page.evaluate(() => bench.pushFinish());
    });
  }
  return { contenders: out, notes: { contacts: p.ops } };
}

function runWorkload(web: StaticServer, apiUrl: string, w: Workload, options: Options): Promise<WorkloadRun> {
  const p = paramsFor(w, options.quick);
  switch (w) {
    case 'update': return inPage(web, w, options, (page) => page.evaluate((params) => bench.update(params), p));
    case 'bulk': return inPage(web, w, options, (page) => page.evaluate((params) => bench.bulk(params), p));
    case 'search': return inPage(web, w, options, (page) => page.evaluate((params) => bench.search(params), p));
    case 'live': return inPage(web, w, options, (page) => page.evaluate((params) => bench.live(params), p));
    case 'cold': return runCold(web, p);
    case 'push': return runPush(web, apiUrl, p, options);
  }
}

const TITLES: Readonly<Record<Workload, string>> = {
  update: 'update one contact (10,000)', bulk: 'bulk import 10,000', search: 'startsWith first page (50,000)',
  live: 'live query update->emission (50,000)', cold: 'cold open -> first 50 by name (50,000)', push: 'main thread during a worker push',
};

async function browserVersion(web: StaticServer): Promise<string> {
  return inBrowser(web, async (page) => {
    const { product } = await (await openCdp(page)).send('Browser.getVersion');
    return product;
  });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = new Date();
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '?', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAtStart: loadavg() };
  console.log(`browser bench: ${options.quick ? 'quick (1 round)' : 'full (5 rounds + warm-up)'}; ${machine.cpus} cpus (${machine.cpu}), load ${machine.loadAtStart.map((l) => l.toFixed(2)).join(' ')}`);
  const outDir = await buildPage(!options.profile);
  const server = await startServer({ port: 0, storage: 'memory', tokens: TOKENS });
  const web = await startStaticServer(outDir, server.url);
  const reports: Record<string, WorkloadReport> = {};
  let browser = '?';
  try {
    browser = await browserVersion(web);
    console.log(`browser ${browser}, page ${web.url}, server ${server.url}`);
    for (const w of options.only) {
      const t0 = performance.now();
      const run = await runWorkload(web, server.url, w, options);
      const contenders = reportContenders(run);
      reports[w] = { title: TITLES[w], notes: run.notes ?? {}, contenders, targets: TARGETS[w]?.(contenders) ?? [] };
      console.log(workloadLines(reports[w]).join('\n'));
      console.log(`  (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  } finally {
    await web.close();
    await server.close();
  }
  const partial = options.quick || options.profile || options.only.length < WORKLOADS.length;
  const day = started.toISOString().slice(0, 10);
  const file = join(RESULTS, partial ? 'tmp' : '', `browser-${day}${partial ? `-${started.getTime()}` : ''}.json`);
  mkdirSync(dirname(file), { recursive: true });
  mkdirSync(join(RESULTS, 'tmp'), { recursive: true });
  const command = `npm run bench:browser${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  writeFileSync(file, `${JSON.stringify({ started: started.toISOString(), command, machine: { ...machine, loadAtEnd: loadavg() }, browser, workloads: reports }, null, 1)}\n`);
  writeFileSync(join(RESULTS, 'tmp', 'browser-latest.md'), markdownTable(reports));
  console.log(`\nraw results: ${file}\nmarkdown: ${join(RESULTS, 'tmp', 'browser-latest.md')}`);
  const missed = Object.values(reports).flatMap((r) => r.targets).filter((t) => !t.ok);
  console.log(missed.length === 0 ? 'all targets met' : `targets missed: ${missed.map((t) => t.target).join('; ')}`);
}

await main();
