/** The demo's state: everything the views render from. */
import type { Conflict, Contact, SyncStatus } from '../../src/index.js';
import type { EditorDraft } from './editor-draft.js';
import type { Route } from './route.js';

/** A page-level message (e.g. storage full), with the code it came from. */
export interface Notice {
  readonly code: string;
  readonly text: string;
  readonly tone: 'error' | 'info';
}

/** What is on screen. */
export interface DemoState {
  /** Every contact on this device (the live query), unsorted. */
  readonly contacts: readonly Contact[];
  /** False until the first answer of the live query. */
  readonly loaded: boolean;
  readonly query: string;
  /** The label key the list is filtered by. */
  readonly label: string | undefined;
  readonly route: Route;
  readonly status: SyncStatus;
  readonly conflicts: readonly Conflict[];
  /** The offline switch of this tab (sync paused). */
  readonly offline: boolean;
  readonly notice: Notice | undefined;
  readonly draft: EditorDraft | undefined;
  /** A short confirmation after a save (cleared after a moment). */
  readonly flash: string | undefined;
  /** True while a "sync now" asked by the user runs. */
  readonly syncRequested: boolean;
  /** The clock relative times are shown against (ticks every few seconds). */
  readonly now: number;
}

/** The state before anything is known. */
export function initialState(route: Route, offline: boolean, now: number): DemoState {
  return {
    contacts: [], loaded: false, query: '', label: undefined, route, status: { state: 'idle', pending: 0 },
    conflicts: [], offline, notice: undefined, draft: undefined, flash: undefined, syncRequested: false, now,
  };
}
