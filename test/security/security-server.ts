/**
 * A server with two tenants of two users each, on 127.0.0.1 port 0 (PGlite in memory, or
 * PostgreSQL under scripts/with-postgres.sh), and a raw HTTP client that returns the body
 * text too, so tests can search an answer for another tenant's data.
 */
import { randomUUID } from 'node:crypto';
import { startServer, type RunningServer } from '../../server/index.js';
import { testStorage } from '../server/support/test-server.js';

/** The users: two per tenant. Tenant ids are fresh per server (PostgreSQL is shared across files). */
export interface Users {
  readonly a1: string;
  readonly a2: string;
  readonly b1: string;
  readonly b2: string;
}

/** An answer, with its raw text. */
export interface Raw {
  readonly status: number;
  readonly text: string;
  readonly json: unknown;
}

/** A started two-tenant server. */
export interface SecurityServer {
  readonly server: RunningServer;
  readonly url: string;
  readonly users: Users;
  readonly tenantA: string;
  readonly tenantB: string;
  call(method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>): Promise<Raw>;
}

/** Starts the server; close it with `server.close()`. */
export async function startSecurityServer(): Promise<SecurityServer> {
  const run = randomUUID().slice(0, 8);
  const users: Users = { a1: `a1-${run}`, a2: `a2-${run}`, b1: `b1-${run}`, b2: `b2-${run}` };
  const tenantA = `tenant-a-${run}`;
  const tenantB = `tenant-b-${run}`;
  const server = await startServer({
    port: 0, host: '127.0.0.1', storage: testStorage(),
    tokens: { [users.a1]: tenantA, [users.a2]: tenantA, [users.b1]: tenantB, [users.b2]: tenantB },
  });
  const call = async (method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Raw> => {
    const h: Record<string, string> = { ...headers };
    if (token !== null) h['authorization'] = `Bearer ${token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${server.url}${path}`, { method, headers: h, ...(payload === undefined ? {} : { body: payload }) });
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text) as unknown;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  };
  return { server, url: server.url, users, tenantA, tenantB, call };
}

/** `json.a.b...`, or undefined. */
export function at(json: unknown, ...path: string[]): unknown {
  let v = json;
  for (const k of path) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}
