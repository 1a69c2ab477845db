/**
 * Serves the built demo (`demo/dist`) at `/` with a single-page-app fallback to
 * `index.html`, using Node's fs only. Paths are resolved inside the demo folder and never
 * outside it; API paths that reach here are unknown routes and get the 404 envelope.
 */
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appError } from '../../src/model/contacts-error.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json', '.woff2': 'font/woff2', '.wasm': 'application/wasm',
};

/** Told to a browser when `demo/dist` has not been built. */
export const DEMO_MISSING_TEXT = 'The demo is not built yet. Build it (npm start does), then reload this page.\n';

async function fileIn(root: string, urlPath: string): Promise<string | undefined> {
  const candidate = resolve(root, `.${normalize(`/${urlPath}`)}`);
  if (candidate !== root && !candidate.startsWith(`${root}${sep}`)) return undefined;
  try {
    return (await stat(candidate)).isFile() ? candidate : undefined;
  } catch {
    return undefined;
  }
}

async function sendFile(reply: FastifyReply, file: string): Promise<FastifyReply> {
  const body = await readFile(file);
  // The demo's service worker decides what to cache; the server always revalidates.
  return reply.header('cache-control', 'no-cache').type(TYPES[extname(file)] ?? 'application/octet-stream').send(body);
}

/**
 * Registers `GET /*` for the demo in `root`. `isApiPath` says which paths belong to the API
 * (those never fall back to the app).
 */
export function registerDemo(app: FastifyInstance, root: string, isApiPath: (path: string) => boolean): void {
  const dir = resolve(root);
  const handler = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const path = req.url.split('?')[0] ?? '/';
    if (isApiPath(path)) throw appError('NOT_FOUND', `no route ${req.method} ${path}`);
    const index = join(dir, 'index.html');
    if (!existsSync(index)) return reply.type('text/plain; charset=utf-8').send(DEMO_MISSING_TEXT);
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      decoded = '/';
    }
    return sendFile(reply, (await fileIn(dir, decoded)) ?? index);
  };
  app.get('/', handler);
  app.get('/*', handler);
}
