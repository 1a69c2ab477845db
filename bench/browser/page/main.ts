/** The benchmark page: installs the workloads on `globalThis.bench` for the driver. */
import type { BenchApi } from './bench-api.js';
import { runBulk } from './bulk-import.js';
import { coldOpen, coldSeed } from './cold-open.js';
import { runLive } from './live-query.js';
import { pullFloor, pushDrain, pushFinish, pushFloor, pushPrepare } from './push.js';
import { runSearch } from './search.js';
import { runUpdate } from './update.js';

const api: BenchApi = {
  update: runUpdate, bulk: runBulk, search: runSearch, live: runLive, coldSeed, coldOpen, pushPrepare, pushDrain, pushFinish, pushFloor, pullFloor,
};
(globalThis as { bench?: BenchApi }).bench = api;
document.title = 'bench ready';
