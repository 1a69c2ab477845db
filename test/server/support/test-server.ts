/**
 * One reference server per test file, on 127.0.0.1 port 0: PGlite in memory, or the
 * PostgreSQL server of `TEST_DATABASE_URL` when it is set (scripts/with-postgres.sh). Each
 * file gets its own fresh tenants, so files sharing one PostgreSQL database never see each
 * other's rows.
 */
import { randomUUID } from 'node:crypto';
import { startServer, type RunningServer, type StartServerOptions } from '../../../server/index.js';

/** An HTTP answer, parsed. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
  readonly text: string;
}

/** Request options. */
export interface Call {
  readonly body?: unknown;
  /** A raw body (sent as is, not JSON-encoded). */
  readonly raw?: string;
  /** The token to send; `null` sends no Authorization header. Default: tenant A's. */
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
}

/** A started server with two tenants and a small HTTP client. */
export interface TestServer {
  readonly server: RunningServer;
  readonly url: string;
  readonly tenantA: string;
  readonly tenantB: string;
  readonly tokenA: string;
  readonly tokenB: string;
  /** Sends a request and parses the JSON answer. */
  call(method: string, path: string, call?: Call): Promise<Answer>;
  close(): Promise<void>;
}

/** Where the suite stores: `{ databaseUrl }` under scripts/with-postgres.sh, else PGlite in memory. */
export function testStorage(): NonNullable<StartServerOptions['storage']> {
  const url = process.env['TEST_DATABASE_URL'];
  return url === undefined || url === '' ? 'memory' : { databaseUrl: url };
}

async function send(base: string, method: string, path: string, token: string, call: Call): Promise<Answer> {
  const headers: Record<string, string> = { ...call.headers };
  const who = call.token === undefined ? token : call.token;
  if (who !== null) headers['authorization'] = `Bearer ${who}`;
  let body: string | undefined = call.raw;
  if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, headers: res.headers, text };
}

/**
 * Starts a server for one test file (call in `beforeAll`, close in `afterAll`).
 *
 * @example
 * ```ts
 * let t: TestServer;
 * beforeAll(async () => { t = await startTestServer(); });
 * afterAll(() => t.close());
 * ```
 */
export async function startTestServer(options: Omit<StartServerOptions, 'port' | 'host' | 'storage' | 'tokens'> = {}): Promise<TestServer> {
  const run = randomUUID();
  const tenantA = `tenant-a-${run}`;
  const tenantB = `tenant-b-${run}`;
  const tokenA = `token-a-${run}`;
  const tokenB = `token-b-${run}`;
  const server = await startServer({
    ...options, port: 0, host: '127.0.0.1', storage: testStorage(), tokens: { [tokenA]: tenantA, [tokenB]: tenantB },
  });
  return {
    server, url: server.url, tenantA, tenantB, tokenA, tokenB,
    call: (method, path, call = {}) => send(server.url, method, path, tokenA, call),
    close: () => server.close(),
  };
}

/** Reads `obj.a.b.c` from an unknown JSON value (undefined when a step is missing). */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let v = value;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

/**
 * Asserts a Wix error envelope: the status, `message`, and either
 * `details.applicationError.code === code` or (for `INVALID_ARGUMENT`) field violations.
 * Never a stack trace.
 */
export function expectEnvelope(res: Answer, status: number, code: string): void {
  const where = `${status} ${code}: got ${res.status} ${res.text}`;
  if (res.status !== status) throw new Error(where);
  const body = res.body;
  if (typeof at(body, 'message') !== 'string') throw new Error(`no message: ${where}`);
  if (/\bat .*\.(ts|js):\d+/.test(res.text) || res.text.includes('"stack"')) throw new Error(`stack trace leaked: ${where}`);
  const app = at(body, 'details', 'applicationError');
  if (app !== undefined) {
    if (at(app, 'code') !== code || typeof at(app, 'description') !== 'string') throw new Error(where);
    return;
  }
  const violations = at(body, 'details', 'validationError', 'fieldViolations');
  if (code !== 'INVALID_ARGUMENT' || !Array.isArray(violations) || violations.length === 0) throw new Error(where);
  for (const v of violations) {
    if (typeof at(v, 'field') !== 'string' || typeof at(v, 'description') !== 'string') throw new Error(`bad violation: ${where}`);
  }
}

/** The `details.applicationError.data` of an answer. */
export function errorData(res: Answer): Record<string, unknown> {
  return (at(res.body, 'details', 'applicationError', 'data') ?? {}) as Record<string, unknown>;
}

/** Creates a contact (expecting 200) and returns it in REST form. */
export async function createContact(t: TestServer, info: unknown, extra: Record<string, unknown> = {}, token?: string): Promise<Record<string, unknown>> {
  const res = await t.call('POST', '/contacts/v4/contacts', { body: { info, ...extra }, ...(token === undefined ? {} : { token }) });
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${res.text}`);
  return at(res.body, 'contact') as Record<string, unknown>;
}
