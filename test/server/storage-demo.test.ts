/** Storage (migrations, a PGlite data directory that survives restarts) and the demo's static files. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer } from '../../server/index.js';
import { tokenMap } from '../../server/http/auth.js';
import { buildApp } from '../../server/http/build-app.js';
import { DEMO_MISSING_TEXT } from '../../server/http/demo-static.js';
import { RequestStats } from '../../server/http/request-stats.js';
import { MIGRATIONS, migrate } from '../../server/storage/migrations.js';
import { openStorage } from '../../server/storage/open-storage.js';
import type { Sql } from '../../server/storage/sql.js';
import type { ContactsDeps } from '../../server/contacts/contacts-deps.js';
import { testStorage } from './support/test-server.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'offline-contacts-test-'));
  dirs.push(d);
  return d;
}

const auth = { authorization: 'Bearer tok' };

describe('migrations', () => {
  let sql: Sql;
  beforeAll(async () => {
    sql = await openStorage(testStorage());
  });
  afterAll(async () => {
    await sql.close();
  });

  it('apply once, are recorded, and are a no-op the second time', async () => {
    expect(await migrate(sql)).toEqual([]);
    const rows = await sql.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    const tables = await sql.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename");
    expect(tables.map((r) => r.tablename)).toEqual(['contacts', 'idempotency', 'labels', 'schema_migrations', 'tenants', 'tombstones']);
  });

  it('roll a failed transaction back', async () => {
    const tenant = `rollback-${Date.now()}`;
    await expect(sql.transaction(async (tx) => {
      await tx.query('INSERT INTO tenants (tenant_id, seq) VALUES ($1, 0)', [tenant]);
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect(await sql.query('SELECT 1 FROM tenants WHERE tenant_id = $1', [tenant])).toEqual([]);
  });

  it('a PGlite database made from the start-up template keeps its migration records (regression: unlogged tables are emptied on load)', async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      const memory = await openStorage('memory');
      expect(await memory.query('SELECT version FROM schema_migrations')).toEqual([{ version: 1 }]);
      await memory.close();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  }, 60_000);
});

describe('PGlite in a data directory', () => {
  it('keeps contacts, labels, revisions and the change feed across restarts', async () => {
    const dataDir = join(tempDir(), 'db');
    const options = { port: 0, storage: { dataDir }, tokens: { tok: 'tenant' } } as const;
    const first = await startServer(options);
    const call = (s: { url: string }, method: string, path: string, body?: unknown) =>
      fetch(`${s.url}${path}`, { method, headers: { ...auth, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    await call(first, 'POST', '/contacts/v4/labels', { displayName: 'kept' });
    const created = await (await call(first, 'POST', '/contacts/v4/contacts', { info: { name: { first: 'Disk' }, labelKeys: { items: ['custom.kept'] } } })).json() as { contact: { id: string } };
    const feed1 = await (await call(first, 'GET', '/contacts/v4/changes')).json() as { cursor: string };
    await first.close();

    const second = await startServer(options);
    try {
      const got = await (await call(second, 'GET', `/contacts/v4/contacts/${created.contact.id}`)).json() as { contact: { revision: number; info: { labelKeys: { items: string[] } } } };
      expect(got.contact.revision).toBe(1);
      expect(got.contact.info.labelKeys.items).toEqual(['custom.kept']);
      const patched = await call(second, 'PATCH', `/contacts/v4/contacts/${created.contact.id}`, { revision: 1, info: { company: 'Still here' } });
      expect(patched.status).toBe(200);
      const feed2 = await (await call(second, 'GET', `/contacts/v4/changes?cursor=${feed1.cursor}`)).json() as { changes: unknown[]; cursor: string };
      expect(feed2.changes.length).toBe(1);
      expect(Number(feed2.cursor)).toBeGreaterThan(Number(feed1.cursor));
    } finally {
      await second.close();
    }
  }, 60_000);
});

describe('demo static files', () => {
  const deps = {} as ContactsDeps;

  it('serves the demo with an SPA fallback, never outside its folder, and keeps the API behind tokens', async () => {
    const root = tempDir();
    const demo = join(root, 'dist');
    mkdirSync(join(demo, 'assets'), { recursive: true });
    writeFileSync(join(demo, 'index.html'), '<!doctype html><title>demo</title>');
    writeFileSync(join(demo, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'secret');
    const app = await buildApp({ deps, tokens: tokenMap({ tok: 'tenant' }), stats: new RequestStats(), demoDir: demo });
    try {
      const index = await app.inject({ method: 'GET', url: '/' });
      expect(index.statusCode).toBe(200);
      expect(index.headers['content-type']).toContain('text/html');
      expect(index.body).toContain('<title>demo</title>');
      const js = await app.inject({ method: 'GET', url: '/assets/app.js' });
      expect(js.headers['content-type']).toContain('text/javascript');
      expect(js.body).toBe('console.log(1)');
      const deep = await app.inject({ method: 'GET', url: '/contacts-page/123?x=1' });
      expect(deep.body).toContain('<title>demo</title>');
      for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.body, url).not.toContain('secret');
      }
      const api = await app.inject({ method: 'GET', url: '/contacts/v4/contacts' });
      expect(api.statusCode).toBe(401);
      const unknown = await app.inject({ method: 'GET', url: '/contacts/v4/nope', headers: auth });
      expect(unknown.statusCode).toBe(404);
      expect(JSON.parse(unknown.body)).toMatchObject({ details: { applicationError: { code: 'NOT_FOUND' } } });
    } finally {
      await app.close();
    }
  });

  it('says how to build the demo when its folder is missing', async () => {
    const app = await buildApp({ deps, tokens: tokenMap({ tok: 'tenant' }), stats: new RequestStats(), demoDir: join(tempDir(), 'none') });
    try {
      const res = await app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(DEMO_MISSING_TEXT);
    } finally {
      await app.close();
    }
  });
});
