/**
 * Bundle budget (issue #7). Builds what an app gets from `import { openContacts } from
 * 'offline-contacts'` with Vite (the bundler the demo and the browser bench use): one build,
 * minified, ES2022, whose worker sub-build emits the sync worker exactly as in an app. Every
 * emitted file is gzipped at level 9 and compared with `bundle-budget.json`.
 *
 * - page entry: the entry chunk plus every chunk it imports statically (what the page loads
 *   before `openContacts` can run). Lazy chunks are listed apart, with what loads them.
 * - worker: the worker's entry chunk plus its static imports.
 *
 *   npm run size                 check; exits 1 when a bundle is over its limit
 *   npm run size -- --explain    also show what each bundle is made of
 *   npm run size -- --write      record the current sizes in bundle-budget.json
 *   npm run size -- --markdown   also print the tables of docs/BENCHMARKS.md
 *
 * The entry alone is not what a page downloads at open: `openContacts` prefetches the write
 * path and loads its sync driver before it resolves. "At open" adds those chunks (and the
 * chunks they import statically), each counted once.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin, type Rolldown } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET_FILE = resolve(ROOT, 'bundle-budget.json');
const ENTRY_ID = 'virtual:offline-contacts-page';
/** The whole of an app's use: anything less and tree-shaking could drop what an app keeps. */
const ENTRY_CODE = "import { openContacts } from 'offline-contacts';\nglobalThis.openContacts = openContacts;\n";
const GZIP_LEVEL = 9;

/** Sizes of a set of files, in bytes. */
export interface Size {
  readonly min: number;
  readonly gzip: number;
}

/** One measured bundle: its files and what went into them. */
interface Bundle {
  readonly files: readonly Rolldown.OutputChunk[];
  readonly size: Size;
}

interface BudgetEntry {
  readonly limitGzip: number;
  readonly current: Size;
}

/** `bundle-budget.json`. */
interface Budget {
  readonly $comment: string;
  readonly page: BudgetEntry;
  readonly worker: BudgetEntry;
  readonly lazy?: Readonly<Record<string, Size>>;
}

const sizeOf = (chunks: readonly Rolldown.OutputChunk[]): Size => ({
  min: chunks.reduce((n, c) => n + Buffer.byteLength(c.code), 0),
  // Each file travels (and is compressed) on its own.
  gzip: chunks.reduce((n, c) => n + gzipSync(c.code, { level: GZIP_LEVEL }).length, 0),
});

/** `entry` and every chunk reachable from it through static imports. */
function staticClosure(entry: Rolldown.OutputChunk, byName: ReadonlyMap<string, Rolldown.OutputChunk>): Rolldown.OutputChunk[] {
  const seen = new Map<string, Rolldown.OutputChunk>();
  const visit = (chunk: Rolldown.OutputChunk): void => {
    if (seen.has(chunk.fileName)) return;
    seen.set(chunk.fileName, chunk);
    for (const name of chunk.imports) {
      const next = byName.get(name);
      if (next !== undefined) visit(next);
    }
  };
  visit(entry);
  return [...seen.values()];
}

/** Keeps the chunks of one (sub-)build: Vite hands the worker's output only to worker plugins. */
function capture(into: Rolldown.OutputChunk[]): Plugin {
  return {
    name: 'capture-chunks',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) if (file.type === 'chunk') into.push(file);
    },
  };
}

const pageEntry: Plugin = {
  name: 'page-entry',
  resolveId: (id) => (id === ENTRY_ID ? `\0${ENTRY_ID}` : undefined),
  load: (id) => (id === `\0${ENTRY_ID}` ? ENTRY_CODE : undefined),
};

/** The page build's chunks and the worker build's chunks. */
async function buildApp(): Promise<{ page: Rolldown.OutputChunk[]; worker: Rolldown.OutputChunk[] }> {
  const page: Rolldown.OutputChunk[] = [];
  const worker: Rolldown.OutputChunk[] = [];
  await build({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    plugins: [pageEntry, capture(page)],
    // The package's own name, resolved to the source as an app resolves it to dist/.
    resolve: { alias: [{ find: /^offline-contacts$/, replacement: resolve(ROOT, 'src/index.ts') }] },
    worker: { format: 'es', plugins: () => [capture(worker)] },
    build: {
      write: false, minify: true, target: 'es2022', reportCompressedSize: false, emptyOutDir: false,
      rolldownOptions: { input: { page: ENTRY_ID } },
    },
  });
  return { page, worker };
}

function entryBundle(chunks: readonly Rolldown.OutputChunk[], isEntry: (c: Rolldown.OutputChunk) => boolean, what: string): Bundle {
  const entry = chunks.find(isEntry);
  if (entry === undefined) throw new Error(`no ${what} chunk in the build`);
  const files = staticClosure(entry, new Map(chunks.map((c) => [c.fileName, c])));
  return { files, size: sizeOf(files) };
}

/**
 * Lazy chunks `openContacts` loads before it resolves, by kind of page, named by the module
 * the chunk stands for: the write path (`loadWritePath`, prefetched) and the sync driver
 * (`createSyncDriver`: the 'off' driver without a remote, the engine driver with one).
 */
const AT_OPEN: Readonly<Record<string, readonly string[]>> = {
  'local only': ['src/store/write-path.ts', 'src/client/off-sync-driver.ts'],
  syncing: ['src/store/write-path.ts', 'src/client/start-engine-driver.ts'],
};

/** The entry's files plus the static closure of each chunk named in `facades`. */
function atOpen(pageChunks: readonly Rolldown.OutputChunk[], entry: Bundle, facades: readonly string[]): Bundle {
  const byName = new Map(pageChunks.map((c) => [c.fileName, c]));
  const files = new Map(entry.files.map((c) => [c.fileName, c]));
  for (const facade of facades) {
    const chunk = pageChunks.find((c) => c.facadeModuleId !== null && relative(ROOT, c.facadeModuleId) === facade);
    if (chunk === undefined) throw new Error(`no lazy chunk for ${facade}: update AT_OPEN`);
    for (const c of staticClosure(chunk, byName)) files.set(c.fileName, c);
  }
  const list = [...files.values()];
  return { files: list, size: sizeOf(list) };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Where a module comes from: `dexie`, `rxjs`, `src/model`, `worker`... */
function origin(id: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
  if (pkg !== null) return pkg[1]!;
  const path = relative(ROOT, id.replace(/^\0/, ''));
  const parts = path.split('/');
  return parts[0] === 'src' || parts[0] === 'worker' ? parts.slice(0, parts.length > 2 ? 2 : 1).join('/') : path;
}

/**
 * What a bundle is made of, by package or source folder. Rolldown reports each module's
 * length before minification, so the shares are of the unminified code and the gzip column
 * is the bundle's gzip size split by those shares: a guide, not a measurement.
 */
function explain(title: string, bundle: Bundle): void {
  const byOrigin = new Map<string, number>();
  const byModule: [string, number][] = [];
  for (const chunk of bundle.files) {
    for (const [id, info] of Object.entries(chunk.modules)) {
      byOrigin.set(origin(id), (byOrigin.get(origin(id)) ?? 0) + info.renderedLength);
      byModule.push([relative(ROOT, id.replace(/^\0/, '')), info.renderedLength]);
    }
  }
  const total = [...byOrigin.values()].reduce((a, b) => a + b, 0);
  console.log(`\n${title}: by origin (share of unminified code, ~gzip)`);
  for (const [name, n] of [...byOrigin].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${name.padEnd(28)} ${(100 * n / total).toFixed(1).padStart(5)}%  ~${kb(bundle.size.gzip * n / total)}`);
  }
  console.log(`${title}: largest modules (unminified bytes)`);
  for (const [name, n] of byModule.sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${String(n).padStart(7)}  ${name}`);
}

const bytes = (n: number): string => `${n.toLocaleString('en-US')} B (${kb(n)})`;

/** The bundle tables of docs/BENCHMARKS.md. */
function markdown(page: Bundle, worker: Bundle, opens: readonly (readonly [string, Bundle])[], lazy: readonly Rolldown.OutputChunk[]): void {
  const budget = readBudget();
  const rows = [
    `| page entry (\`openContacts\` and its static imports) | ${bytes(page.size.min)} | ${bytes(page.size.gzip)} | ${kb(budget.page.limitGzip)} |`,
    `| worker (sync worker and its static imports) | ${bytes(worker.size.min)} | ${bytes(worker.size.gzip)} | ${kb(budget.worker.limitGzip)} |`,
    ...opens.map(([kind, b]) => `| page at open, ${kind}: entry + ${b.files.filter((c) => !page.files.includes(c)).map((c) => `\`${c.name}\``).join(', ')} | ${bytes(b.size.min)} | ${bytes(b.size.gzip)} | |`),
  ];
  console.log(['', '| bundle | minified | gzip -9 | limit (gzip) |', '|---|---:|---:|---:|', ...rows].join('\n'));
  console.log(['', '| lazy chunk (page) | minified | gzip -9 | loaded by |', '|---|---:|---:|---|', ...lazy.map((c) => {
    const size = sizeOf([c]);
    return `| \`${c.name}\` | ${bytes(size.min)} | ${bytes(size.gzip)} | ${c.facadeModuleId === null ? 'shared' : `\`${relative(ROOT, c.facadeModuleId)}\``} |`;
  })].join('\n'));
}

function readBudget(): Budget {
  return JSON.parse(readFileSync(BUDGET_FILE, 'utf8')) as Budget;
}

function line(name: string, size: Size, limit: number, recorded: Size | undefined): boolean {
  const ok = size.gzip <= limit;
  const delta = recorded === undefined ? '' : `  (recorded ${kb(recorded.gzip)}, ${size.gzip - recorded.gzip >= 0 ? '+' : ''}${size.gzip - recorded.gzip} B)`;
  console.log(`${name.padEnd(12)} ${kb(size.min).padStart(9)} min  ${kb(size.gzip).padStart(8)} gzip  limit ${kb(limit)}  ${ok ? 'OK' : 'OVER'}${delta}`);
  return ok;
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const { page: pageChunks, worker: workerChunks } = await buildApp();
  const page = entryBundle(pageChunks, (c) => c.isEntry, 'page entry');
  const worker = entryBundle(workerChunks, (c) => c.isEntry && (c.facadeModuleId ?? '').endsWith('worker/sync-worker.ts'), 'worker entry');
  const inPage = new Set(page.files.map((c) => c.fileName));
  const lazy = pageChunks.filter((c) => !inPage.has(c.fileName));
  const budget = readBudget();

  console.log(`bundle sizes: Vite ${(await import('vite')).version}, minified, ES2022, gzip -${GZIP_LEVEL}, 1 KB = 1024 B`);
  const pageOk = line('page entry', page.size, budget.page.limitGzip, budget.page.current);
  const workerOk = line('worker', worker.size, budget.worker.limitGzip, budget.worker.current);
  const inWorker = new Set(worker.files.map((c) => c.fileName));
  const workerLazy = workerChunks.filter((c) => !inWorker.has(c.fileName));
  for (const [where, chunks] of [['page', lazy], ['worker', workerLazy]] as const) {
    for (const chunk of chunks) {
      const size = sizeOf([chunk]);
      const by = chunk.facadeModuleId === null ? 'shared' : relative(ROOT, chunk.facadeModuleId);
      console.log(`  ${where} lazy ${chunk.name.padEnd(22)} ${kb(size.min).padStart(9)} min  ${kb(size.gzip).padStart(8)} gzip  (${by})`);
    }
  }
  const opens = Object.entries(AT_OPEN).map(([kind, facades]) => [kind, atOpen(pageChunks, page, facades)] as const);
  for (const [kind, bundle] of opens) {
    const names = bundle.files.filter((c) => !inPage.has(c.fileName)).map((c) => c.name).join(', ');
    console.log(`at open, ${kind.padEnd(10)} ${kb(bundle.size.min).padStart(9)} min  ${kb(bundle.size.gzip).padStart(8)} gzip  (entry + ${names})`);
  }
  console.log(`  a syncing page in worker mode also loads the worker (${kb(worker.size.gzip)} gzip) in the worker`);
  if (args.has('--markdown')) markdown(page, worker, opens, lazy);
  if (args.has('--explain')) {
    explain('page entry', page);
    explain('worker', worker);
  }
  if (args.has('--write')) {
    const lazySizes = Object.fromEntries(lazy.map((c) => [c.name, sizeOf([c])]));
    const next: Budget = { ...budget, page: { ...budget.page, current: page.size }, worker: { ...budget.worker, current: worker.size }, lazy: lazySizes };
    writeFileSync(BUDGET_FILE, `${JSON.stringify(next, null, 2)}\n`);
    console.log(`recorded in ${relative(ROOT, BUDGET_FILE)}`);
  }
  if (!pageOk || !workerOk) {
    console.error('bundle budget exceeded (see docs/BENCHMARKS.md, "Bundle budget")');
    process.exitCode = 1;
  }
}

await main();
