/**
 * The Fastify application: CORS, authentication, the JSON body parser, the Wix error
 * envelope for every failure, `Cache-Control: no-store` on API answers, request counters,
 * the API under `/contacts/v4` and its site-domain alias `/_api/contacts/v4`, and the demo.
 *
 * Request path: onRequest (CORS; preflight answered; token -> tenant) -> body parser ->
 * route -> onSend (no-store) -> onResponse (counters). Any throw lands in the error handler.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { appError } from '../../src/model/contacts-error.js';
import { LIMITS } from '../../src/model/limits.js';
import type { ContactsDeps } from '../contacts/contacts-deps.js';
import { registerContactRoutes } from '../routes/contact-routes.js';
import { registerLabelAndChangeRoutes } from '../routes/label-routes.js';
import { authenticate } from './auth.js';
import { registerDemo } from './demo-static.js';
import { toContactsError } from './error-mapping.js';
import { registerJsonBody } from './json-body.js';
import type { RequestStats } from './request-stats.js';

/** What the application is built from. */
export interface AppOptions {
  readonly deps: ContactsDeps;
  readonly tokens: ReadonlyMap<string, string>;
  readonly stats: RequestStats;
  /** Serve the demo from this folder (absent: no demo, and every path needs a token). */
  readonly demoDir?: string;
}

/** The two prefixes the API answers on: the REST base and the SDK's site-domain form. */
export const API_PREFIXES = ['/contacts/v4', '/_api/contacts/v4'] as const;

/** True for paths that belong to the API (they always need a token and never serve the demo). */
export function isApiPath(path: string): boolean {
  return path === '/contacts' || path.startsWith('/contacts/') || path === '/_api' || path.startsWith('/_api/');
}

const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key';

function cors(req: FastifyRequest, reply: FastifyReply): boolean {
  // Tokens travel in a header, never in cookies, so any origin may call.
  void reply.header('access-control-allow-origin', '*');
  void reply.header('access-control-expose-headers', 'Retry-After, Idempotent-Replayed');
  if (req.method !== 'OPTIONS') return false;
  void reply.header('access-control-allow-methods', 'GET, POST, PATCH, DELETE, OPTIONS');
  void reply.header('access-control-allow-headers', ALLOWED_HEADERS);
  void reply.header('access-control-max-age', '600');
  return true;
}

// Callback-style hooks: they run on every request, and skip a promise per hook.
function registerHooks(app: FastifyInstance, options: AppOptions): void {
  const demo = options.demoDir !== undefined;
  app.addHook('onRequest', (req, reply, done) => {
    if (cors(req, reply)) {
      void reply.code(204).send();
      return;
    }
    try {
      if (!demo || isApiPath(req.url)) req.tenantId = authenticate(req.headers.authorization, options.tokens);
      done();
    } catch (e) {
      done(e as Error);
    }
  });
  app.addHook('onSend', (req, reply, payload, done) => {
    if (isApiPath(req.url)) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  app.addHook('onResponse', (req, reply, done) => {
    options.stats.record(req.method, req.routeOptions.url, reply.statusCode);
    done();
  });
}

function registerErrors(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const error = toContactsError(err);
    if (error.status >= 500) console.error(`${req.method} ${req.url} failed:`, err);
    void reply.code(error.status).header('cache-control', 'no-store').send(error.toEnvelope());
  });
  app.setNotFoundHandler((req) => {
    throw appError('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0] ?? ''}`);
  });
}

/**
 * Builds (does not start) the application.
 *
 * @example
 * ```ts
 * const app = await buildApp({ deps, tokens: tokenMap({ t: 'tenant' }), stats: new RequestStats() });
 * await app.listen({ port: 0, host: '127.0.0.1' });
 * ```
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: LIMITS.bodyBytes, logger: false, routerOptions: { maxParamLength: 200 } });
  app.decorateRequest('tenantId', '');
  registerJsonBody(app);
  registerHooks(app, options);
  registerErrors(app);
  for (const prefix of API_PREFIXES) {
    await app.register((scope, _opts, done) => {
      registerContactRoutes(scope, options.deps);
      registerLabelAndChangeRoutes(scope, options.deps);
      done();
    }, { prefix });
  }
  if (options.demoDir !== undefined) registerDemo(app, options.demoDir, isApiPath);
  return app;
}
