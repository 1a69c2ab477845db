/**
 * The reference server in a child process, for benchmarks of clients. A real server never
 * runs in the client's JavaScript thread; in one process the server's work and the client's
 * would take turns on one event loop, and every client cost would be charged twice (once
 * for itself, once for the server it delays). Both contenders of a benchmark talk to the
 * same child, so the comparison stays fair.
 *
 * Run as a script, it starts the server (PGlite in memory, port 0) with the tokens given as
 * JSON in argv[2] and prints one line `{"url": ...}` on stdout; it exits when stdin closes,
 * so a parent that dies never leaves it behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startServer } from '../server/index.js';

/** A server running in a child process. */
export interface ChildServer {
  /** Its base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Stops the child and waits for it to exit. */
  close(): Promise<void>;
}

const SELF = fileURLToPath(import.meta.url);

/**
 * Starts the reference server (in-memory storage) in a child Node process.
 *
 * @throws Error when the child exits before printing its URL.
 * @example
 * ```ts
 * const server = await startChildServer({ 'push-token': 'push' });
 * await fetch(`${server.url}/contacts/v4/changes`, { headers: { Authorization: 'Bearer push-token' } });
 * await server.close();
 * ```
 */
export async function startChildServer(tokens: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF, JSON.stringify(tokens)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await firstLine(child);
  return {
    url,
    close: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) { resolve(); return; }
      child.once('exit', () => { resolve(); });
      child.stdin?.end();
    }),
  };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => { resolve((JSON.parse(line) as { url: string }).url); });
    child.once('exit', (code) => { reject(new Error(`child server exited with ${code} before it listened`)); });
  });
}

async function serveUntilStdinCloses(): Promise<void> {
  const tokens = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
  const server = await startServer({ port: 0, storage: 'memory', tokens });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => { void server.close().then(() => process.exit(0)); });
}

if (process.argv[1] === SELF) await serveUntilStdinCloses();
