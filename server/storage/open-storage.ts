/**
 * Opens the storage named by `startServer({ storage })` and brings its schema up to date:
 * PGlite in memory (the default), PGlite in a directory, or a PostgreSQL server by URL. New
 * PGlite databases start from the template of pglite-template.ts.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { migrate } from './migrations.js';
import { openPgSql } from './pg-sql.js';
import { openPgliteSql, type PgliteDatabase } from './pglite-sql.js';
import { forgetTemplate, obtainTemplate, persistence } from './pglite-template.js';
import type { Sql } from './sql.js';

/** Where contacts are kept (DESIGN.md section 2). */
export type StorageOption = 'memory' | { readonly dataDir: string } | { readonly databaseUrl: string };

async function openFromTemplate(tar: ArrayBuffer, dataDir?: string): Promise<PgliteDatabase | undefined> {
  let sql: PgliteDatabase | undefined;
  try {
    sql = await openPgliteSql({ template: tar, ...(dataDir === undefined ? {} : { dataDir }) });
    // A database on disk must survive a crash: its tables go back to the write-ahead log.
    if (dataDir !== undefined) await sql.query(persistence('LOGGED'), [], { prepare: false });
    await migrate(sql);
    return sql;
  } catch (e) {
    // A damaged template: forget it, so the caller builds a new one (slowly: say why).
    console.warn('PGlite template unusable, rebuilding it:', e instanceof Error ? e.message : e);
    await sql?.close().catch(() => undefined);
    forgetTemplate();
    return undefined;
  }
}

async function openMemory(): Promise<Sql> {
  for (let attempt = 0; ; attempt++) {
    const template = await obtainTemplate();
    if (template.sql !== undefined) return template.sql;
    const sql = await openFromTemplate(template.tar);
    if (sql !== undefined || attempt > 0) return sql ?? migrated(await openPgliteSql({}));
  }
}

async function migrated(sql: PgliteDatabase): Promise<PgliteDatabase> {
  await migrate(sql);
  return sql;
}

function isEmptyDir(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return true;
  }
}

async function openDataDir(dataDir: string): Promise<Sql> {
  if (isEmptyDir(dataDir)) {
    mkdirSync(dataDir, { recursive: true });
    const template = await obtainTemplate();
    await template.sql?.close();
    const sql = await openFromTemplate(template.tar, dataDir);
    if (sql !== undefined) return sql;
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
  return migrated(await openPgliteSql({ dataDir }));
}

/**
 * Opens `storage` and applies pending migrations.
 *
 * @example
 * ```ts
 * const sql = await openStorage({ dataDir: '.data/server' });
 * ```
 */
export async function openStorage(storage: StorageOption = 'memory'): Promise<Sql> {
  if (storage === 'memory') return openMemory();
  if ('databaseUrl' in storage) {
    const sql = await openPgSql(storage.databaseUrl);
    try {
      await migrate(sql);
    } catch (e) {
      await sql.close();
      throw e;
    }
    return sql;
  }
  return openDataDir(storage.dataDir);
}
