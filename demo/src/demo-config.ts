/**
 * Who the demo is and where it syncs. The server that serves the demo is also its API (same
 * origin), so the remote's `baseUrl` is `location.origin`. The token comes from `?token=` in
 * the URL (kept in localStorage so that later visits and offline reloads need no query),
 * else the reference server's default `dev-token`.
 */

/** The reference server's default token (tenant `dev-tenant`). */
export const DEFAULT_TOKEN = 'dev-token';

const TOKEN_KEY = 'offline-contacts-demo:token';

/** The demo's settings for this page load. */
export interface DemoConfig {
  readonly baseUrl: string;
  readonly token: string;
  /** One IndexedDB database per user (token) and site, as the library asks. */
  readonly databaseName: string;
}

/** Where the settings are read from (the page's globals, or test doubles). */
export interface ConfigSources {
  readonly location: Pick<Location, 'origin' | 'search'>;
  readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
}

function remembered(storage: ConfigSources['storage']): string | undefined {
  try {
    return storage?.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined; // storage blocked (privacy mode): fall back to the default
  }
}

/**
 * Reads the settings; a `?token=` is remembered for the next visits.
 *
 * @example
 * ```ts
 * const config = readDemoConfig({ location, storage: localStorage });
 * ```
 */
export function readDemoConfig(sources: ConfigSources): DemoConfig {
  const fromUrl = new URLSearchParams(sources.location.search).get('token')?.trim();
  const token = fromUrl !== undefined && fromUrl !== '' ? fromUrl : remembered(sources.storage) ?? DEFAULT_TOKEN;
  if (fromUrl !== undefined && fromUrl !== '') {
    try {
      sources.storage?.setItem(TOKEN_KEY, token);
    } catch {
      // Not remembered: the next visit needs the query again.
    }
  }
  return { baseUrl: sources.location.origin, token, databaseName: `contacts-demo-${token}` };
}
