/**
 * The benchmark's web server: serves the built page on 127.0.0.1 (port 0) and forwards
 * `/contacts/*` to the reference server, so the page and its API share one origin as a
 * deployed PWA does (no CORS preflight per PATCH URL). Responses carry COOP/COEP so that the
 * page is cross-origin isolated and `performance.now()` has its fine resolution.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json', '.json': 'application/json', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
};
const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } as const;

/** A running benchmark server. */
export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

function serveFile(root: string, req: IncomingMessage, res: ServerResponse): void {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, ISOLATION).end('not found');
    return;
  }
  // Cacheable, as an app's hashed assets are: a cold open after a relaunch reads them from disk.
  const cache = file.endsWith('.html') ? 'no-cache' : 'max-age=3600';
  res.writeHead(200, { ...ISOLATION, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cache });
  createReadStream(file).pipe(res);
}

function proxy(target: URL, agent: Agent, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request({
    agent, host: target.hostname, port: target.port, method: req.method, path: req.url,
    headers: { ...req.headers, host: target.host },
  }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...ISOLATION });
    answer.pipe(res);
  });
  upstream.on('error', (e) => { res.writeHead(502, ISOLATION).end(String(e)); });
  req.pipe(upstream);
}

/**
 * Starts the server.
 *
 * @example
 * ```ts
 * const web = await startStaticServer(OUT_DIR, server.url);
 * await page.goto(`${web.url}/index.html`);
 * await web.close();
 * ```
 */
export async function startStaticServer(rootDir: string, apiUrl: string): Promise<StaticServer> {
  const root = resolve(rootDir);
  const target = new URL(apiUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const server = createServer((req, res) => {
    if ((req.url ?? '').startsWith('/contacts/')) proxy(target, agent, req, res);
    else serveFile(root, req, res);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done, fail) => server.close((e) => (e ? fail(e) : done())));
      agent.destroy();
    },
  };
}
