/**
 * Dexie, as the library loads it: from Dexie's ES2018 build, typed as the package's default
 * entry. That entry is an ES5 build behind a wrapper; the same code in ES2018 syntax made
 * the worker bundle 1.7 KB gzip smaller and the page entry 1.9 KB (`npm run size`, with the
 * worker then over its 60 KB budget). Code that works with the library's databases imports
 * Dexie from here, never from 'dexie': two builds in one program are two Dexies, and one
 * does not see the other's transactions, connections or live-query notifications.
 */
import type * as Types from 'dexie';
import * as modern from 'dexie/dist/modern/dexie.mjs';

/** Dexie's class (see the module comment for which build). */
export const Dexie: typeof Types.Dexie = modern.Dexie;
/** A Dexie database. */
export type Dexie = Types.Dexie;
/** Dexie's `liveQuery`. */
export const liveQuery: typeof Types.liveQuery = modern.liveQuery;
