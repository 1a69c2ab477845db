/**
 * The worker thread that owns a PGlite database. PGlite runs Postgres synchronously in WASM,
 * so on the main thread every statement would stop the HTTP server; in its own thread the
 * statements of one request run while the main thread parses and validates the next ones.
 *
 * The thread's code is plain JavaScript evaluated by `new Worker(code, { eval: true })`: a
 * worker does not inherit the TypeScript loader of tsx or vitest, so it cannot load a `.ts`
 * file. It imports PGlite from the absolute URL the main thread resolved.
 *
 * Messages (main -> thread): `{ id, op: 'exec', bytes }` runs one protocol message (see
 * pglite-sql.ts) and answers `{ id, rows }` (parsed with the database's type parsers) or
 * `{ id, error: { message, code } }`; `{ id, op: 'dump' }` answers `{ id, tar }` (an
 * ArrayBuffer of the data directory); `{ id, op: 'close' }` closes the database.
 */
import { Worker } from 'node:worker_threads';

const THREAD_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { PGlite } = await import(workerData.pgliteUrl);
  const options = {};
  if (workerData.dataDir !== undefined) options.dataDir = workerData.dataDir;
  if (workerData.template !== undefined) options.loadDataDir = new Blob([workerData.template]);
  const db = new PGlite(options);
  await db.waitReady;
  function rowsOf(messages) {
    let fields = [];
    const rows = [];
    for (const m of messages) {
      if (m.name === 'rowDescription') fields = m.fields;
      else if (m.name === 'dataRow') {
        const row = {};
        fields.forEach((f, i) => {
          const raw = m.fields[i];
          const parse = db.parsers[f.dataTypeID];
          row[f.name] = raw === null || raw === undefined || parse === undefined ? (raw ?? null) : parse(raw, f.dataTypeID);
        });
        rows.push(row);
      }
    }
    return rows;
  }
  async function handle(msg) {
    if (msg.op === 'exec') return { rows: rowsOf((await db.execProtocol(msg.bytes)).messages) };
    if (msg.op === 'dump') return { tar: await (await db.dumpDataDir('none')).arrayBuffer() };
    if (msg.op === 'close') { await db.close(); return {}; }
    throw new Error('unknown op ' + msg.op);
  }
  let tail = Promise.resolve();
  parentPort.on('message', (msg) => {
    tail = tail.then(() => handle(msg)).then(
      (result) => parentPort.postMessage({ id: msg.id, ...result }),
      (e) => parentPort.postMessage({ id: msg.id, error: { message: String(e && e.message || e), code: e && e.code } }),
    );
  });
  parentPort.postMessage({ id: 0, ready: true });
})().catch((e) => parentPort.postMessage({ id: 0, error: { message: String(e && e.stack || e) } }));
`;

/** Where the thread's database lives. */
export interface ThreadLocation {
  readonly dataDir?: string;
  /** A data-directory tarball to start from. */
  readonly template?: ArrayBuffer;
}

interface Reply {
  id: number;
  ready?: boolean;
  rows?: Record<string, unknown>[];
  tar?: ArrayBuffer;
  error?: { message: string; code?: string };
}

/** An error raised by Postgres inside the thread (`code` is the SQLSTATE). */
export class PgliteThreadError extends Error {
  override readonly name = 'PgliteThreadError';
  constructor(message: string, readonly code: string | undefined) {
    super(message);
  }
}

/** A PGlite database in a worker thread; requests are answered in the order they are sent. */
export class PgliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  #nextId = 1;
  /** Set once the thread has failed or exited: every later request fails at once instead of hanging. */
  #dead: Error | undefined;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: Reply) => this.#settle(reply));
    worker.on('error', (e) => this.#failAll(e));
    worker.on('exit', (code) => this.#failAll(new Error(`the PGlite thread exited (${code})`)));
  }

  /** Starts a thread and waits until its database is open. */
  static async start(location: ThreadLocation): Promise<PgliteThread> {
    const worker = new Worker(THREAD_CODE, {
      eval: true,
      // The thread needs no loader (plain JS, absolute import URL); inheriting tsx's or a test
      // runner's hooks would route every module load through them and slow start-up a lot.
      execArgv: [],
      // The template is copied, not transferred: the caller keeps it for the next database.
      workerData: { pgliteUrl: import.meta.resolve('@electric-sql/pglite'), ...location },
    });
    const thread = new PgliteThread(worker);
    const ready = await new Promise<Reply>((resolve, reject) => thread.#pending.set(0, { resolve, reject }));
    if (ready.error !== undefined) {
      await worker.terminate();
      throw new Error(`PGlite failed to start: ${ready.error.message}`);
    }
    return thread;
  }

  /** Runs one protocol message and returns its rows. */
  async exec(bytes: Uint8Array): Promise<Record<string, unknown>[]> {
    return (await this.#request({ op: 'exec', bytes }, [bytes.buffer as ArrayBuffer])).rows ?? [];
  }

  /** The data directory as a tarball. */
  async dump(): Promise<ArrayBuffer> {
    const tar = (await this.#request({ op: 'dump' })).tar;
    if (tar === undefined) throw new Error('PGlite returned no dump');
    return tar;
  }

  /** Closes the database and ends the thread. */
  async close(): Promise<void> {
    try {
      await this.#request({ op: 'close' });
    } finally {
      await this.#worker.terminate();
    }
  }

  #request(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<Reply> {
    if (this.#dead !== undefined) return Promise.reject(this.#dead);
    const id = this.#nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, {
        resolve: (reply) => (reply.error === undefined ? resolve(reply) : reject(new PgliteThreadError(reply.error.message, reply.error.code))),
        reject,
      });
      this.#worker.postMessage({ id, ...message }, transfer);
    });
  }

  #settle(reply: Reply): void {
    const waiter = this.#pending.get(reply.id);
    this.#pending.delete(reply.id);
    waiter?.resolve(reply);
  }

  #failAll(error: Error): void {
    this.#dead ??= error;
    for (const waiter of this.#pending.values()) waiter.reject(error);
    this.#pending.clear();
  }
}
